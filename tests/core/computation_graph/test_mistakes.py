"""The detach() mistake: the detached layer gets no gradient and never changes; its twin
learns every layer and fits better."""

import pytest
import torch

from core.computation_graph import mistakes as M


@pytest.fixture(scope="module")
def twins():
    return M.detach_run(False), M.detach_run(True)


def test_the_detached_layer_gets_no_gradient_and_never_changes(twins):
    correct, mistake = twins
    for name in ("layer1.weight", "layer1.bias"):
        assert mistake.fate(name).grad_norm is None
        assert mistake.fate(name).change == 0.0
        assert correct.fate(name).grad_norm > 0
        assert correct.fate(name).change > 0
    for name in ("layer2.weight", "layer2.bias"):  # after the cut both learn
        assert mistake.fate(name).grad_norm > 0 and mistake.fate(name).change > 0


def test_both_twins_start_from_the_same_weights_and_loss(twins):
    correct, mistake = twins
    assert correct.first_loss == mistake.first_loss
    assert correct.fate("layer2.weight").grad_norm == pytest.approx(
        mistake.fate("layer2.weight").grad_norm
    )


def test_the_detached_network_fits_worse(twins):
    correct, mistake = twins
    assert correct.final_loss < mistake.final_loss / 5
    assert correct.final_loss < correct.first_loss


def test_the_weights_after_many_steps_match_a_plain_torch_loop():
    """The detached layer is still its initial weights after every step."""
    run = M.detach_run(True, steps=M.STEPS)
    net = M.TwoLayer(True)
    M._seeded_init(net)
    start = net.layer1.weight.detach().clone()
    x, y = M._data()
    opt = torch.optim.SGD(net.parameters(), lr=M.LR)
    for _ in range(M.STEPS):
        opt.zero_grad(set_to_none=True)
        torch.nn.functional.mse_loss(net(x), y).backward()
        opt.step()
    assert torch.equal(net.layer1.weight, start)
    with torch.no_grad():
        assert float(torch.nn.functional.mse_loss(net(x), y)) == pytest.approx(run.final_loss)
