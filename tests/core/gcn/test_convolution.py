"""core.gcn.convolution against PyTorch Geometric's GCNConv (the reference), plus the layer's
symmetries."""

import numpy as np
import pytest
import torch
import torch_geometric.nn as pyg_nn

from core.gcn import convolution as gcn
from core.gcn.graph import Edge, Graph, adjacency_matrix


def random_graph(rng, n, p=0.3, directed=True, weighted=True, loops=0, isolated=0):
    """A dense A (A[t, s] = weight of s -> t) with some isolated nodes and existing self-loops."""
    A = (rng.random((n, n)) < p).astype(float)
    if weighted:
        A *= rng.uniform(0.2, 3.0, size=(n, n))
    if not directed:
        A = np.triu(A, 1)
        A = A + A.T
    np.fill_diagonal(A, 0)
    for i in rng.choice(n, size=isolated, replace=False):
        A[i, :] = 0
        A[:, i] = 0
    for i in rng.choice(n, size=loops, replace=False):
        A[i, i] = rng.uniform(0.5, 2.5) if weighted else 1.0
    return A


def edges_of(A):
    targets, sources = np.nonzero(A)
    edge_index = torch.tensor(np.stack([sources, targets]), dtype=torch.long)
    return edge_index, torch.tensor(A[targets, sources], dtype=torch.float64)


def pyg_layer(A, X, W, b):
    conv = pyg_nn.GCNConv(X.shape[1], W.shape[1], bias=b is not None).double()
    with torch.no_grad():
        conv.lin.weight.copy_(torch.tensor(W.T))
        if b is not None:
            conv.bias.copy_(torch.tensor(b))
    edge_index, weight = edges_of(A)
    return conv(torch.tensor(X), edge_index, weight).detach().numpy()


CASES = [  # (n, directed, weighted, existing self-loops, isolated nodes)
    (1, False, False, 0, 0),
    (6, False, False, 0, 1),
    (9, False, True, 2, 2),
    (12, True, False, 3, 1),
    (15, True, True, 4, 2),
    (30, True, True, 0, 0),
]


@pytest.mark.parametrize("n,directed,weighted,loops,isolated", CASES)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_layer_matches_pyg_gcnconv(n, directed, weighted, loops, isolated, seed):
    rng = np.random.default_rng(seed * 100 + n)
    A = random_graph(rng, n, directed=directed, weighted=weighted, loops=loops, isolated=isolated)
    X = rng.normal(size=(n, 4))
    W, b = rng.normal(size=(4, 3)), rng.normal(size=3)
    reference = pyg_layer(A, X, W, b)  # GCNConv has no activation inside
    A_hat = gcn.normalized_adjacency(A)
    np.testing.assert_allclose(gcn.aggregate(A_hat, gcn.transform(X, W)) + b, reference, atol=1e-10)
    np.testing.assert_allclose(gcn.gcn_layer(A_hat, X, W, b), np.maximum(reference, 0), atol=1e-10)
    np.testing.assert_allclose(
        gcn.gcn_layer(A_hat, X, W), np.maximum(pyg_layer(A, X, W, None), 0), atol=1e-10
    )


def test_normalisation_matches_pyg_gcn_norm_entrywise():
    from torch_geometric.nn.conv.gcn_conv import gcn_norm

    rng = np.random.default_rng(7)
    A = random_graph(rng, 10, directed=True, weighted=True, loops=3, isolated=2)
    edge_index, weight = edges_of(A)
    index, values = gcn_norm(edge_index, weight, num_nodes=10, add_self_loops=True)
    dense = np.zeros((10, 10))
    dense[index[1].numpy(), index[0].numpy()] = values.numpy()  # row = target
    np.testing.assert_allclose(gcn.normalized_adjacency(A), dense, atol=1e-12)


def test_self_loops_only_where_missing_and_existing_weights_kept():
    A = np.array([[0.0, 1, 0], [1, 2.5, 1], [0, 1, 0]])
    A_loop = gcn.add_self_loops(A)
    np.testing.assert_array_equal(np.diag(A_loop), [1.0, 2.5, 1.0])
    np.testing.assert_array_equal(A, [[0.0, 1, 0], [1, 2.5, 1], [0, 1, 0]]), "input untouched"
    np.testing.assert_array_equal(gcn.degrees(A_loop), [2.0, 4.5, 2.0])


def test_normalised_and_row_normalised_adjacency_by_hand():
    # path 0 - 1 - 2: degrees with self-loops 2, 3, 2
    A = np.array([[0.0, 1, 0], [1, 0, 1], [0, 1, 0]])
    expected = np.array(
        [
            [1 / 2, 1 / np.sqrt(6), 0],
            [1 / np.sqrt(6), 1 / 3, 1 / np.sqrt(6)],
            [0, 1 / np.sqrt(6), 1 / 2],
        ]
    )
    np.testing.assert_allclose(gcn.normalized_adjacency(A), expected)
    np.testing.assert_allclose(gcn.row_normalized_adjacency(A).sum(axis=1), 1.0)
    np.testing.assert_allclose(gcn.row_normalized_adjacency(A)[1], [1 / 3] * 3)
    np.testing.assert_allclose(gcn.degree_matrix(gcn.add_self_loops(A)), np.diag([2.0, 3, 2]))


def test_an_isolated_node_keeps_its_own_transformed_features():
    A = np.zeros((3, 3))
    A[0, 1] = A[1, 0] = 1
    X = np.arange(6.0).reshape(3, 2)
    W = np.array([[1.0, -1], [2, 0.5]])
    H = gcn.gcn_layer(gcn.normalized_adjacency(A), X, W)
    np.testing.assert_allclose(H[2], np.maximum(X[2] @ W, 0))


@pytest.mark.parametrize(
    "how,pool",
    [("mean", "global_mean_pool"), ("sum", "global_add_pool"), ("max", "global_max_pool")],
)
def test_readout_matches_pyg_pooling(how, pool):
    H = np.random.default_rng(3).normal(size=(7, 4))
    reference = getattr(pyg_nn, pool)(torch.tensor(H), torch.zeros(7, dtype=torch.long)).numpy()[0]
    np.testing.assert_allclose(gcn.readout(H, how), reference)


def test_readout_rejects_unknown_kinds_and_handles_empty_graphs():
    with pytest.raises(ValueError):
        gcn.readout(np.ones((2, 2)), "median")
    assert gcn.readout(np.zeros((0, 3)), "max").shape == (3,)


@pytest.mark.parametrize("seed", range(5))
def test_layers_are_permutation_equivariant_and_readouts_invariant(seed):
    rng = np.random.default_rng(seed)
    n = 11
    A = random_graph(rng, n, directed=bool(seed % 2), weighted=True, loops=2, isolated=1)
    X = rng.normal(size=(n, 5))
    W, b = rng.normal(size=(5, 4)), rng.normal(size=4)
    perm = rng.permutation(n)
    P = gcn.permutation_matrix(perm)
    H = gcn.gcn_layer(gcn.normalized_adjacency(A), X, W, b)
    H_perm = gcn.gcn_layer(gcn.normalized_adjacency(P @ A @ P.T), P @ X, W, b)
    np.testing.assert_allclose(H_perm, P @ H, atol=1e-12)
    np.testing.assert_allclose(H_perm, H[perm], atol=1e-12)
    for how in gcn.READOUTS:
        np.testing.assert_allclose(gcn.readout(H_perm, how), gcn.readout(H, how), atol=1e-12)
    demo = gcn.permutation_demo(A, X, 4, seed, seed + 10)
    assert demo.equivariance_error < 1e-12 and demo.invariance_error < 1e-12
    np.testing.assert_allclose(demo.A_perm, A[np.ix_(demo.perm, demo.perm)])
    for node in range(n):
        np.testing.assert_allclose(demo.H_perm[demo.new_index(node)], demo.H[node], atol=1e-12)


def test_convolution_steps_are_the_layer_written_out():
    rng = np.random.default_rng(5)
    A = random_graph(rng, 8, directed=False, weighted=False, loops=1, isolated=1)
    X = rng.normal(size=(8, 3))
    s = gcn.convolution_steps(A, X, hidden=4, seed=9, two_layers=True, how="max")
    np.testing.assert_allclose(s.H1, pyg_layer(A, X, s.W1, s.b1).clip(min=0), atol=1e-10)
    np.testing.assert_allclose(s.H2, pyg_layer(A, s.H1, s.W2, s.b2).clip(min=0), atol=1e-10)
    assert not np.allclose(s.H2, s.H1), "layer 2 has its own weights, not a copy of layer 1"
    np.testing.assert_allclose(s.AHW2, s.A_norm @ s.H1 @ s.W2)
    np.testing.assert_allclose(s.H, s.H2)
    np.testing.assert_allclose(s.D, np.diag(s.A_loop.sum(axis=1)))
    np.testing.assert_allclose(s.AXW, s.A_norm @ X @ s.W1)
    np.testing.assert_allclose(s.graph_vector, s.H2.max(axis=0))
    again = gcn.convolution_steps(A, X, hidden=4, seed=9, two_layers=False)
    np.testing.assert_array_equal(again.W1, s.W1)  # seeded: same weights for the same seed
    assert again.H2 is None and again.H is again.H1
    for i in range(8):
        terms = gcn.neighbour_terms(s.A_norm, s.XW, i)
        np.testing.assert_allclose(sum(t.contribution for t in terms), s.AXW[i])
        assert {t.node for t in terms} == set(np.flatnonzero(s.A_loop[i]))


def test_glorot_bounds_like_pyg():
    rng = np.random.default_rng(0)
    W = gcn.glorot(30, 10, rng)
    assert W.shape == (30, 10) and np.abs(W).max() <= np.sqrt(6 / 40)


def test_adjacency_convention_matches_pyg_message_direction():
    """A[i, j] = edge j -> i: a message from 0 to 1 changes node 1, not node 0 (as in PyG)."""
    graph = Graph(("a", "b"), ("f",), ((1.0,), (0.0,)), (Edge(0, 1),), directed=True)
    A = adjacency_matrix(graph)
    assert A[1, 0] == 1 and A[0, 1] == 0
    X, W = graph.X, np.ones((1, 1))
    ours = gcn.aggregate(gcn.normalized_adjacency(A), X @ W)
    np.testing.assert_allclose(ours, pyg_layer(A, X, W, None), atol=1e-12)
    assert ours[0, 0] == 1.0 / 1.0 and ours[1, 0] > 0
