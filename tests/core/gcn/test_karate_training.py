"""The karate-club demo on torch: the same run as PyG layers with torch.optim.Adam, and the
accuracy claim."""

import networkx as nx
import numpy as np
import pytest
import torch

from core.gcn import karate_training as kt
from tests.conftest import ROOT


def pyg_model(params):
    """The same network from PyTorch Geometric's GCNConv layers (no bias, tanh between)."""
    from torch_geometric.nn import GCNConv

    convs = []
    for k in (1, 2, 3):
        W = torch.tensor(params[f"W{k}"])
        conv = GCNConv(W.shape[0], W.shape[1], bias=False).double()
        conv.lin.weight.data = W.T.clone()
        convs.append(conv)
    Wc = torch.tensor(params["Wc"], requires_grad=True)
    bc = torch.tensor(params["bc"], requires_grad=True)
    return convs, Wc, bc


def pyg_states(seed, epochs):
    """(loss, accuracy, embedding) per epoch, computed with PyG layers and torch.optim.Adam."""
    problem = kt.karate_problem()
    G = nx.karate_club_graph()
    edges = torch.tensor([[u, v] for u, v in G.edges] + [[v, u] for u, v in G.edges]).T
    convs, Wc, bc = pyg_model(kt.init_parameters(34, seed))
    params = [c.lin.weight for c in convs] + [Wc, bc]
    optimizer = torch.optim.Adam(params, lr=kt.LEARNING_RATE)
    y = torch.tensor(problem.y)
    idx = torch.tensor(problem.labelled)
    out = []
    for _ in range(epochs + 1):
        optimizer.zero_grad()
        H = torch.eye(34, dtype=torch.float64)
        for conv in convs:
            H = torch.tanh(conv(H, edges))
        logits = H @ Wc + bc
        loss = torch.nn.functional.cross_entropy(logits[idx], y[idx])
        out.append((loss.item(), kt.accuracy(logits.argmax(1).numpy(), problem), H.detach()))
        loss.backward()
        optimizer.step()
    return out


@pytest.mark.parametrize("seed", [0, 3])
def test_training_follows_pyg_layers_with_torch_adam(seed):
    ours = list(kt.train_karate(seed=seed, epochs=20))
    theirs = pyg_states(seed, 20)
    for state, (loss, acc, embedding) in zip(ours, theirs, strict=True):
        assert state.loss == pytest.approx(loss, abs=1e-9)
        assert state.accuracy == acc
        np.testing.assert_allclose(state.embedding, embedding.numpy(), atol=1e-9)


def test_training_needs_torch_but_importing_it_does_not():
    import subprocess
    import sys

    code = "import sys, core.gcn.karate_training; assert 'torch' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_the_problem_is_zacharys_club_with_one_label_per_faction():
    problem = kt.karate_problem()
    G = nx.karate_club_graph()
    assert problem.A_hat.shape == (34, 34)
    assert [problem.y[i] for i in range(34)] == [
        int(G.nodes[i]["club"] != "Mr. Hi") for i in range(34)
    ]
    assert problem.y[0] != problem.y[33], "one labelled member per faction"
    assert (
        len(problem.unlabelled) == 32
        and 0 not in problem.unlabelled
        and 33 not in problem.unlabelled
    )
    np.testing.assert_array_equal(problem.X, np.eye(34))


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_training_with_one_label_per_faction_reaches_30_of_32_on_the_others(seed):
    states = list(kt.train_karate(seed=seed))
    assert states[0].epoch == 0 and states[-1].epoch == kt.EPOCHS
    assert states[-1].accuracy >= 30 / 32, "the accuracy of the numpy training this replaced"
    assert states[-1].loss < states[0].loss
    assert states[-1].embedding.shape == (34, 2) and np.abs(states[-1].embedding).max() <= 1


def test_the_untrained_embedding_groups_the_factions_better_than_chance():
    """Kipf & Welling's observation, measured: nearest-labelled-member accuracy of the
    untrained 2-D embedding, averaged over 20 random initialisations, is well above 0.5."""
    problem = kt.karate_problem()
    scores = [
        kt.nearest_label_accuracy(next(kt.train_karate(seed=s, problem=problem)).embedding, problem)
        for s in range(20)
    ]
    assert np.mean(scores) > 0.6
    default = next(kt.train_karate(problem=problem))
    assert kt.nearest_label_accuracy(default.embedding, problem) >= 0.9, (
        "the page's default seed shows it"
    )


def test_nearest_label_accuracy_by_hand():
    problem = kt.karate_problem()
    embedding = np.where(problem.y[:, None] == 0, -0.5, 0.5) * np.ones((34, 2))
    assert kt.nearest_label_accuracy(embedding, problem) == 1.0
    assert kt.nearest_label_accuracy(-embedding, problem) == 1.0  # only the anchors' sides matter
    embedding[problem.unlabelled[:8]] *= -1
    assert kt.nearest_label_accuracy(embedding, problem) == pytest.approx(24 / 32)
