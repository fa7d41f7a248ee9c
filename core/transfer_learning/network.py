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
from collections.abc import Callable, Sequence

import torch
from torch import nn
from torchvision.ops import StochasticDepth

from core.common.backbones import BackboneSpec, Stage, last_linear, run_stages, seeded_global_rng
from core.common.device import module_device
from core.transfer_learning import strategy
from core.transfer_learning.frozen_pass import WORKERS, ordered_parallel


def _is_batchnorm(module: nn.Module) -> bool:
    return isinstance(module, nn.modules.batchnorm._BatchNorm)


def _draws_random(module: nn.Module) -> bool:
    """Dropout or stochastic depth (torchvision's, or timm's ``DropPath``) at a rate above 0."""
    return any(
        (isinstance(m, nn.modules.dropout._DropoutNd | StochasticDepth) and m.p > 0)
        or getattr(m, "drop_prob", 0) > 0
        for m in module.modules()
    )


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
        # trained groups before this one draw no random numbers: any split of a batch gives
        # them the same result, so a training step can run them as parts side by side
        self.random_from = next(
            i for i in self.trained if i == last or _draws_random(self.stages[i].module)
        )
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

    @property
    def splits_batches(self) -> bool:
        """Whether batches run as parts side by side: retrained blocks before the random
        groups, on a CPU with two workers (a head alone is too little work to share)."""
        on_cpu = module_device(self.stages[self.boundary].module).type == "cpu"
        return self.boundary < self.random_from and on_cpu and WORKERS > 1

    def inference(self, batches: Sequence[Callable[[], torch.Tensor]]) -> list[torch.Tensor]:
        """Logits without gradients for each batch, made by its function where it runs: on
        the frozen pass's workers when this network splits batches, else in this thread."""

        def logits(make: Callable[[], torch.Tensor]) -> torch.Tensor:
            with torch.inference_mode():  # per thread
                return self(make())

        jobs = [lambda make=make: logits(make) for make in batches]
        return list(ordered_parallel(jobs)) if self.splits_batches else [job() for job in jobs]

    def training_forward(
        self, x: torch.Tensor, seed: int
    ) -> tuple[torch.Tensor, Callable[[torch.Tensor], None]]:
        """A training step's logits, and the function that back-propagates its loss.

        Dropout draws from torch's global generator, seeded per step (``seed``) under its
        lock, so a run gives the same numbers alone or beside other sessions' runs. On a
        CPU the trained groups before the first random one run on the batch's halves, side
        by side on the frozen pass's workers, forward and backward: the convolutions'
        gradients are most of a step when blocks are retrained. BatchNorm is in eval mode, so
        each image's result does not depend on the rest of its batch.
        """
        split = self.random_from
        if not self.splits_batches or len(x) < 2:
            with seeded_global_rng(seed):
                logits = self(x)
            return logits, torch.Tensor.backward

        def forward(part: torch.Tensor) -> torch.Tensor:
            return run_stages(self.stages, part, self.boundary, split)

        outs = list(ordered_parallel([lambda p=p: forward(p) for p in x.chunk(WORKERS)]))
        leaves = [out.detach().requires_grad_() for out in outs]
        with seeded_global_rng(seed):
            logits = run_stages(self.stages, torch.cat(leaves), split)

        def backward(loss: torch.Tensor) -> None:
            loss.backward()  # the random groups, and the gradient at the split
            jobs = [lambda o=o, g=g: o.backward(g.grad) for o, g in zip(outs, leaves)]
            for _ in ordered_parallel(jobs):
                pass

        return logits, backward

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
