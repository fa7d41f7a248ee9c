"""The karate-club demo: hand-written gradients and Adam against torch, and the accuracy claim."""

import networkx as nx
import numpy as np
import pytest
import torch

from core.gcn import karate_training as kt


def torch_loss(params, problem):
    A = torch.tensor(problem.A_hat)
    H = torch.tensor(problem.X)
    for k in (1, 2, 3):
        H = torch.tanh(A @ H @ params[f"W{k}"])
    logits = H @ params["Wc"] + params["bc"]
    idx = torch.tensor(problem.labelled)
    return torch.nn.functional.cross_entropy(logits[idx], torch.tensor(problem.y)[idx])


@pytest.mark.parametrize("seed", [0, 3])
def test_gradients_match_torch_autograd(seed):
    problem = kt.karate_problem()
    params = kt.init_parameters(problem.X.shape[1], seed)
    params["bc"] = np.array([0.3, -0.2])
    loss, grads, _ = kt.loss_and_gradients(params, problem)
    t_params = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
    t_loss = torch_loss(t_params, problem)
    t_loss.backward()
    assert loss == pytest.approx(t_loss.item(), abs=1e-12)
    for k in kt.PARAMETER_NAMES:
        np.testing.assert_allclose(grads[k], t_params[k].grad.numpy(), atol=1e-12, err_msg=k)


def test_gradients_match_autograd_with_more_labels():
    problem = kt.karate_problem()
    problem.labelled = (0, 1, 2, 33, 32, 8)
    params = kt.init_parameters(34, 5)
    _, grads, _ = kt.loss_and_gradients(params, problem)
    t_params = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
    torch_loss(t_params, problem).backward()
    for k in kt.PARAMETER_NAMES:
        np.testing.assert_allclose(grads[k], t_params[k].grad.numpy(), atol=1e-12, err_msg=k)


def test_adam_matches_torch_optim_adam():
    problem = kt.karate_problem()
    params = kt.init_parameters(34, 2)
    t_params = {k: torch.tensor(v.copy(), requires_grad=True) for k, v in params.items()}
    ours = kt.Adam(params, lr=0.01)
    theirs = torch.optim.Adam(list(t_params.values()), lr=0.01)
    for _ in range(5):
        _, grads, _ = kt.loss_and_gradients(params, problem)
        ours.step(params, grads)
        theirs.zero_grad()
        torch_loss(t_params, problem).backward()
        theirs.step()
    for k in kt.PARAMETER_NAMES:
        np.testing.assert_allclose(params[k], t_params[k].detach().numpy(), atol=1e-10, err_msg=k)


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
def test_training_with_one_label_per_faction_reaches_090_on_the_others(seed):
    states = list(kt.train_karate(seed=seed))
    assert states[0].epoch == 0 and states[-1].epoch == kt.EPOCHS
    assert states[-1].accuracy >= 0.9
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
