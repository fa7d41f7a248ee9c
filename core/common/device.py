"""Which device runs the networks: a CUDA GPU, then Apple's MPS, then the CPU.

The choice is made once per process (``chosen_device``): the shared models are moved there
when they are built, and every computation on them sends its inputs to the model's own
device (``module_device``) and brings results back to the CPU for numpy and plotting. So
only the model's builder decides, and a CPU-only host behaves exactly as before.

``$CH05_DEVICE`` overrides the detection: ``cpu``, ``cuda`` (or ``cuda:1``), ``mps`` or
``auto``. A device asked for that this machine does not have falls back to the detected
one (with the reason kept for the lab to show), never to an error.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from dataclasses import dataclass

import torch
from torch import nn

DEVICE_ENV = "CH05_DEVICE"
# Ampere and newer GPUs multiply float32 as TF32 by default (a 10-bit mantissa): the labs
# show numbers that must match the CPU's, so float32 stays float32 on every device.
torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False

KINDS = ("cuda", "mps", "cpu")


@dataclass(frozen=True)
class DeviceChoice:
    name: str  # a torch device string: "cpu", "cuda", "cuda:1", "mps"
    requested: str  # what $CH05_DEVICE asked for ("auto" when unset)
    fallback: bool = False  # the request could not be honoured (unknown or absent device)

    @property
    def kind(self) -> str:
        return self.name.split(":")[0]


def pick_device(requested: str | None, cuda_count: int, mps: bool) -> DeviceChoice:
    """The device for ``requested`` (the variable's text, None when unset) on a machine with
    ``cuda_count`` CUDA devices and MPS available or not. Pure logic: tested on any host."""
    asked = (requested or "auto").strip().lower() or "auto"
    detected = "cuda" if cuda_count > 0 else "mps" if mps else "cpu"
    if asked == "auto":
        return DeviceChoice(detected, asked)
    kind, _, index = asked.partition(":")
    if kind == "cpu" and not index:
        return DeviceChoice("cpu", asked)
    if kind == "mps" and not index and mps:
        return DeviceChoice("mps", asked)
    if kind == "cuda" and cuda_count > 0:
        if not index:
            return DeviceChoice("cuda", asked)
        if index.isdigit() and int(index) < cuda_count:
            return DeviceChoice(f"cuda:{int(index)}", asked)
    return DeviceChoice(detected, asked, fallback=True)


def _mps_available() -> bool:
    backend = getattr(torch.backends, "mps", None)
    return bool(backend is not None and backend.is_available())


@functools.cache
def device_choice() -> DeviceChoice:
    """This process's choice (``$CH05_DEVICE`` read once: every session shares the models)."""
    cuda = torch.cuda.device_count() if torch.cuda.is_available() else 0
    return pick_device(os.environ.get(DEVICE_ENV), cuda, _mps_available())


def chosen_device() -> torch.device:
    return torch.device(device_choice().name)


def module_device(module: nn.Module) -> torch.device:
    """Where a module's parameters (or buffers) live; the CPU for a module without any."""
    return stages_device([module]) or torch.device("cpu")


def stages_device(modules: Iterable[nn.Module]) -> torch.device | None:
    """The device of the first parameter (or buffer) of ``modules``; None if they have none
    (a pooling layer runs wherever its input is)."""
    for module in modules:
        for tensor in module.parameters():
            return tensor.device
        for tensor in module.buffers():
            return tensor.device
    return None


def synchronize(device: torch.device) -> None:
    """Wait for the device's queued work (GPU kernels run asynchronously): before a timer
    stops."""
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    elif device.type == "mps":
        torch.mps.synchronize()


def device_label(name: str) -> str:
    """A short name for the screen: "CPU", "CUDA (NVIDIA H200)", "MPS (Apple GPU)"."""
    kind = name.split(":")[0]
    if kind == "cuda":
        try:
            return f"CUDA ({torch.cuda.get_device_name(torch.device(name))})"
        except (RuntimeError, AssertionError, ValueError):
            return "CUDA"
    if kind == "mps":
        return "MPS (Apple GPU)"
    return "CPU"
