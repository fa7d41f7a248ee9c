"""A deep GCN on the un-normalised Â blows its features up; the normalised one keeps their
scale. The stack is checked against PyTorch Geometric's GCNConv with and without its
normalisation."""

import numpy as np
import pytest
import torch
import torch_geometric.nn as pyg_nn

from core.common.theme import theme_for
from core.gcn import mistakes as M
from core.gcn.convolution import add_self_loops
from core.gcn.graph import adjacency_matrix, karate_club


def pyg_scales(A: np.ndarray, normalize: bool) -> list[float]:
    """The same stack with GCNConv: normalised (it adds the self-loops), or not (the
    self-loops given as edges, as Â = A + I)."""
    n = A.shape[0]
    edges = add_self_loops(A) if not normalize else A
    targets, sources = np.nonzero(edges)
    edge_index = torch.tensor(np.stack([sources, targets]), dtype=torch.long)
    weight = torch.tensor(edges[targets, sources], dtype=torch.float64)
    H, out = torch.eye(n, dtype=torch.float64), []
    for W in M.he_weights(M.DEPTH, n, M.HIDDEN, M.SEED):
        conv = pyg_nn.GCNConv(W.shape[0], W.shape[1], bias=False, normalize=normalize).double()
        with torch.no_grad():
            conv.lin.weight.copy_(torch.tensor(W.T))
        H = torch.relu(conv(H, edge_index, weight)).detach()
        out.append(float(H.pow(2).mean().sqrt()))
    return out


@pytest.fixture(scope="module")
def result():
    return M.depth_scales()


def test_scales_match_pyg(result):
    A = adjacency_matrix(karate_club())
    np.testing.assert_allclose(result.scales["normalized"], pyg_scales(A, True), rtol=1e-8)
    np.testing.assert_allclose(result.scales["raw"], pyg_scales(A, False), rtol=1e-8)


def test_unnormalised_adjacency_blows_up_with_depth(result):
    raw, norm = result.scales["raw"], result.scales["normalized"]
    assert len(raw) == len(norm) == M.DEPTH
    assert raw[-1] > 1e6 * raw[0]
    assert all(b > a for a, b in zip(raw, raw[1:])), "grows at every layer"
    assert result.growth("raw") > 3
    assert 0.7 < result.growth("normalized") < 1.3
    assert max(norm) < 100 * min(norm)
    assert raw[-1] > 1e8 * norm[-1]


def test_largest_eigenvalues(result):
    A = adjacency_matrix(karate_club())
    assert result.eigenvalue["normalized"] == pytest.approx(1.0, abs=1e-9)
    degrees = add_self_loops(A).sum(1)
    # between the mean and the largest degree of Â (Perron-Frobenius bounds)
    assert degrees.mean() <= result.eigenvalue["raw"] <= degrees.max()
    assert result.growth("raw") == pytest.approx(result.eigenvalue["raw"], rel=0.5)


def test_figure_has_both_stacks_on_a_log_axis(result):
    fig = M.depth_figure(result, theme_for(True), "ko")
    assert [list(tr.y) for tr in fig.data] == [list(result.scales[k]) for k in M.ADJACENCIES]
    assert fig.layout.yaxis.type == "log"
