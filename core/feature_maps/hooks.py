"""Forward hooks on models that every visitor shares.

The models are shared by every session of the app, so every hook here

- only acts in the thread that registered it (another session running the same model at the
  same moment is neither observed nor changed),
- is removed in a ``finally`` block, even when the forward pass fails,
- never touches parameters or their ``requires_grad`` flags.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Mapping

import torch
from torch import nn


@contextlib.contextmanager
def eval_mode(stage_list) -> Iterator[None]:
    """Run in eval mode; a module left in training mode is switched back afterwards."""
    training = [m for s in stage_list for m in s.module.modules() if m.training]
    for m in training:
        m.training = False
    try:
        yield
    finally:
        for m in training:
            m.training = True


@contextlib.contextmanager
def capture_outputs(modules: Mapping[str, nn.Module]) -> Iterator[dict[str, list[torch.Tensor]]]:
    """Record (copies of) each module's outputs during forward passes run by this thread.

    Copies, because an in-place activation that follows a layer (VGG's and ResNet's
    ``ReLU(inplace=True)``) would otherwise overwrite the recorded output. The hooks are
    removed on exit, also after an exception.
    """
    owner = threading.get_ident()
    captured: dict[str, list[torch.Tensor]] = {name: [] for name in modules}
    handles = []

    def make_hook(name: str):
        def hook(module, inputs, output):
            if threading.get_ident() == owner:
                captured[name].append(  # a copy on the CPU, wherever the model runs
                    output.detach().to("cpu", copy=True) if torch.is_tensor(output) else output
                )

        return hook

    try:
        for name, module in modules.items():
            handles.append(module.register_forward_hook(make_hook(name)))
        yield captured
    finally:
        for handle in handles:
            handle.remove()


@contextlib.contextmanager
def call_order(modules: Mapping[str, nn.Module]) -> Iterator[list[tuple[str, str]]]:
    """("start"|"end", name) events in the order modules start and finish running."""
    owner = threading.get_ident()
    events: list[tuple[str, str]] = []
    handles = []

    def record(event: str, name: str) -> None:
        if threading.get_ident() == owner:
            events.append((event, name))

    try:
        for name, module in modules.items():
            handles.append(
                module.register_forward_pre_hook(lambda m, args, name=name: record("start", name))
            )
            handles.append(
                module.register_forward_hook(lambda m, args, out, name=name: record("end", name))
            )
        yield events
    finally:
        for handle in handles:
            handle.remove()
