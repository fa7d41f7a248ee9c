"""The ``detach()`` mistake: a tensor detached where the gradient was needed.

A two-layer network x -> Linear -> tanh -> Linear -> loss, trained with torch.optim.SGD.
The mistake writes ``h = layer1(x).detach()``: the graph stops there, so ``layer1`` gets
no gradient (``.grad`` stays None) and the optimizer never changes it; only ``layer2``
learns. The correct twin is the same network, the same data and the same seed.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn
from torch.nn import functional as F

SEED = 0
SAMPLES = 32
HIDDEN = 4
LR = 0.1
STEPS = 200
PARAMETERS = ("layer1.weight", "layer1.bias", "layer2.weight", "layer2.bias")

SNIPPET = {
    False: "h = torch.tanh(self.layer1(x))",
    True: "h = torch.tanh(self.layer1(x)).detach()",
}


class TwoLayer(nn.Module):
    def __init__(self, detach: bool) -> None:
        super().__init__()
        self.layer1 = nn.Linear(2, HIDDEN)
        self.layer2 = nn.Linear(HIDDEN, 1)
        self.detach = detach

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = torch.tanh(self.layer1(x))
        if self.detach:
            h = h.detach()
        return self.layer2(h)


def _seeded_init(net: nn.Module) -> None:
    """nn.Linear's own uniform(±1/√fan_in) initialisation, from a seeded generator (not
    torch's global one, which other sessions use too)."""
    g = torch.Generator().manual_seed(SEED)
    with torch.no_grad():
        for layer in (net.layer1, net.layer2):
            bound = layer.in_features**-0.5
            layer.weight.uniform_(-bound, bound, generator=g)
            layer.bias.uniform_(-bound, bound, generator=g)


def _data() -> tuple[torch.Tensor, torch.Tensor]:
    """A smooth target a two-layer network can fit: y = sin(x1) + x2²."""
    g = torch.Generator().manual_seed(SEED)
    x = torch.rand(SAMPLES, 2, generator=g) * 4 - 2
    return x, (torch.sin(x[:, :1]) + x[:, 1:] ** 2)


@dataclass(frozen=True)
class ParameterFate:
    name: str
    grad_norm: float | None  # None: .grad is None after backward()
    change: float  # largest change made by the first optimizer step


@dataclass(frozen=True)
class DetachRun:
    detach: bool
    parameters: tuple[ParameterFate, ...]
    first_loss: float
    final_loss: float  # after STEPS steps

    def fate(self, name: str) -> ParameterFate:
        return next(p for p in self.parameters if p.name == name)


def detach_run(detach: bool, steps: int = STEPS) -> DetachRun:
    """Both twins' numbers. One intra-op thread (the calling thread's own setting): tiny
    tensors gain nothing from more, and on a busy shared CPU extra threads only wait."""
    old = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        return _train(detach, steps)
    finally:
        torch.set_num_threads(old)


def _train(detach: bool, steps: int) -> DetachRun:
    net = TwoLayer(detach)
    _seeded_init(net)  # the same initial weights for both twins
    x, y = _data()
    optimizer = torch.optim.SGD(net.parameters(), lr=LR)
    named = dict(net.named_parameters())
    fates, losses = [], []
    for step in range(steps):
        before = {n: p.detach().clone() for n, p in named.items()}
        optimizer.zero_grad(set_to_none=True)
        loss = F.mse_loss(net(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        if step == 0:
            fates = [
                ParameterFate(
                    n,
                    None if named[n].grad is None else float(named[n].grad.norm()),
                    float((named[n].detach() - before[n]).abs().max()),
                )
                for n in PARAMETERS
            ]
    with torch.no_grad():
        final = float(F.mse_loss(net(x), y))
    return DetachRun(detach, tuple(fates), losses[0], final)
