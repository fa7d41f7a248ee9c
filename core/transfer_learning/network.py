"""The network a transfer-learning run trains.

``TransferNetwork``: the shared pretrained groups stay as they are (frozen, eval mode, never
modified) and every group the run retrains is the run's own deep copy; the head's last Linear
is replaced by a new one for the dataset's classes. BatchNorm layers keep the pretrained
running statistics (eval mode) everywhere: frozen ones must, and with batches of 4-32 images
on a CPU, re-estimating them in the trainable groups would add noise, not knowledge (their
scale and shift still train).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Sequence

import torch
from torch import nn

from core.common.backbones import BackboneSpec, Stage, last_linear, run_stages
from core.common.device import module_device
from core.transfer_learning import strategy


def _is_batchnorm(module: nn.Module) -> bool:
    return isinstance(module, nn.modules.batchnorm._BatchNorm)


def _new_head(head: nn.Module, num_classes: int, generator: torch.Generator) -> nn.Module:
    """A copy of the head group whose last Linear is a new one for ``num_classes``.

    The new Linear is initialised like ``nn.Linear`` (uniform in +-1/sqrt(in)), but from a
    seeded generator; the old 1000-class Linear is never copied.
    """
    _, old = last_linear(head)
    new = nn.Linear(old.in_features, num_classes)
    bound = 1 / math.sqrt(old.in_features)
    with torch.no_grad():
        new.weight.uniform_(-bound, bound, generator=generator)
        new.bias.uniform_(-bound, bound, generator=generator)
    return copy.deepcopy(head, memo={id(old): new})


class TransferNetwork:
    """Shared frozen groups + this run's copies of the groups it retrains + a new head."""

    def __init__(
        self, stage_list: Sequence[Stage], trainable: Sequence[str], num_classes: int, seed: int = 0
    ) -> None:
        # known groups with parameters, and always the new classifier
        names = set(strategy.normalize_trainable(strategy.group_infos(stage_list), trainable))
        generator = torch.Generator().manual_seed(seed)
        self.stages: list[Stage] = []
        self.trained: list[int] = []
        last = len(stage_list) - 1
        for i, stage in enumerate(stage_list):
            if stage.name not in names:
                self.stages.append(stage)  # shared: frozen, eval mode, never touched
                continue
            if i == last:  # the new Linear is made on the CPU: moved where the head lives
                module = _new_head(stage.module, num_classes, generator)
                module.to(module_device(stage.module))
            else:
                module = copy.deepcopy(stage.module)
            module.requires_grad_(True)
            self.stages.append(Stage(stage.name, stage.kind, stage.paths, module))
            self.trained.append(i)
        self.boundary = self.trained[0]
        self.num_classes = num_classes
        self.set_training(False)

    def parameters(self) -> list[nn.Parameter]:
        return [p for i in self.trained for p in self.stages[i].module.parameters()]

    @property
    def num_trainable(self) -> int:
        return sum(p.numel() for p in self.parameters())

    def set_training(self, training: bool) -> None:
        """Train mode (dropout on) for this run's copies only; BatchNorm always in eval."""
        for i in self.trained:
            module = self.stages[i].module
            module.train(training)
            for m in module.modules():
                if _is_batchnorm(m):
                    m.eval()

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        """Logits from the activations at the frozen/trainable boundary."""
        return run_stages(self.stages, x, self.boundary)

    def snapshot(self) -> list[dict[str, torch.Tensor]]:
        return [
            {k: v.detach().clone() for k, v in self.stages[i].module.state_dict().items()}
            for i in self.trained
        ]

    def restore(self, snapshot: list[dict[str, torch.Tensor]]) -> None:
        for i, state in zip(self.trained, snapshot):
            self.stages[i].module.load_state_dict(state)


def trained_state_dict(network: TransferNetwork, spec: BackboneSpec) -> dict[str, torch.Tensor]:
    """The retrained groups' tensors under the original model's names (e.g. ``classifier.weight``).

    Load them into the pretrained model whose head was replaced by ``Linear(in, K)`` with
    ``load_state_dict(tensors, strict=False)``; every other tensor is the pretrained one.
    """
    out: dict[str, torch.Tensor] = {}
    for i in network.trained:
        decl = spec.stage_decls[i]
        module = network.stages[i].module
        for name, tensor in module.state_dict().items():
            if len(decl.paths) == 1:
                key = f"{decl.paths[0]}.{name}"
            else:
                index, _, rest = name.partition(".")
                key = f"{decl.paths[int(index)]}.{rest}"
            out[key] = tensor.detach().cpu().clone().contiguous()
    return out
