"""Transfer learning (notes 5.3): what to freeze, what to retrain, and the notes' strategy table.

A pretrained backbone is a chain of layer groups (``core.common.backbones.stages``: stem ->
blocks -> neck -> pool -> head). Feature extraction (특성 추출) retrains only a new
classifier (완전연결층); fine-tuning (미세 조정) also retrains some convolutional groups.
This module turns a preset, a strategy-table row or a user's toggles into the set of
trainable groups (the controls themselves are declared in ``controls``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.common.backbones import Stage, last_linear

PRESETS = ("head", "last_block", "last_half", "all")
CUSTOM = "custom"
OPTIMIZERS = ("adam", "sgd")
LEARNING_RATES = (1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1)
BATCH_SIZES = (4, 8, 16, 32, 64)
RESOLUTIONS = (96, 128, 160, 192, 224)
# A preset brings its usual learning rate (Adam): a new classifier learns from scratch,
# while retrained convolutional groups should move only a little from their pretrained
# weights (measured on the book's cats and dogs: bench/transfer.py).
RECOMMENDED_LR = {"head": 1e-3, "last_block": 3e-4, "last_half": 1e-4, "all": 1e-4}


# ---------------------------------------------------------------- layer groups


@dataclass(frozen=True)
class GroupInfo:
    """One layer group as the lab shows it (parameter count with the new classifier)."""

    index: int
    name: str
    kind: str
    num_params: int

    @property
    def has_params(self) -> bool:
        return self.num_params > 0


def group_infos(stage_list: Sequence[Stage], num_classes: int | None = None) -> list[GroupInfo]:
    """Every layer group with its parameter count; the head counted for ``num_classes``.

    Transfer learning replaces the head's last Linear (1000 ImageNet classes) by a new
    one with ``num_classes`` outputs, so that is the head the lab trains and counts.
    """
    infos = [GroupInfo(i, s.name, s.kind, s.num_params) for i, s in enumerate(stage_list)]
    if num_classes is not None:
        _, linear = last_linear(stage_list[-1].module)
        old = sum(p.numel() for p in linear.parameters())
        new = linear.in_features * num_classes + num_classes
        last = infos[-1]
        infos[-1] = GroupInfo(last.index, last.name, last.kind, last.num_params - old + new)
    return infos


def trainable_names(infos: Sequence[GroupInfo], preset: str) -> tuple[str, ...]:
    """Groups a preset retrains. The new classifier (head) is always trained.

    - ``head``: feature extraction, only the new classifier.
    - ``last_block``: the last convolutional block and everything after it.
    - ``last_half``: the later half of the blocks (rounded up) and everything after.
    - ``all``: every group with parameters.
    """
    with_params = [g for g in infos if g.has_params]
    blocks = [g for g in infos if g.kind == "block"]
    if preset == "head":
        start = infos[-1].index
    elif preset == "last_block":
        start = blocks[-1].index
    elif preset == "last_half":
        start = blocks[len(blocks) // 2].index
    elif preset == "all":
        start = 0
    else:
        raise ValueError(f"unknown preset {preset!r}")
    return tuple(g.name for g in with_params if g.index >= start)


def normalize_trainable(infos: Sequence[GroupInfo], names: Sequence[str]) -> tuple[str, ...]:
    """Known groups with parameters, in network order, always including the head."""
    wanted = set(names) | {infos[-1].name}
    return tuple(g.name for g in infos if g.has_params and g.name in wanted)


def preset_of(infos: Sequence[GroupInfo], names: Sequence[str]) -> str:
    """The preset that trains exactly these groups, or ``custom``."""
    chosen = normalize_trainable(infos, names)
    for preset in PRESETS:
        if trainable_names(infos, preset) == chosen:
            return preset
    return CUSTOM


def boundary_index(infos: Sequence[GroupInfo], names: Sequence[str]) -> int:
    """Index of the first trainable group: everything before it is frozen and cacheable."""
    chosen = set(normalize_trainable(infos, names))
    return min(g.index for g in infos if g.name in chosen)


@dataclass(frozen=True)
class ParamTotals:
    trainable: int
    frozen: int

    @property
    def total(self) -> int:
        return self.trainable + self.frozen

    @property
    def trainable_share(self) -> float:
        return self.trainable / self.total if self.total else 0.0


def param_totals(infos: Sequence[GroupInfo], names: Sequence[str]) -> ParamTotals:
    chosen = set(normalize_trainable(infos, names))
    trainable = sum(g.num_params for g in infos if g.name in chosen)
    return ParamTotals(trainable, sum(g.num_params for g in infos) - trainable)


# ---------------------------------------------------------------- the notes' strategy table


@dataclass(frozen=True)
class StrategyRow:
    """One row of the notes' fine-tuning strategy table (5.3.2)."""

    number: int
    large_dataset: bool
    similar: bool
    preset: str

    @property
    def key(self) -> str:
        """i18n key prefix of this row's quoted strategy text."""
        return f"transfer_learning.strategy.row{self.number}"


# Notes 5.3.2: dataset size x similarity to the pretraining data -> what to retrain.
STRATEGY_TABLE = (
    StrategyRow(1, large_dataset=True, similar=False, preset="all"),
    StrategyRow(2, large_dataset=True, similar=True, preset="last_half"),
    StrategyRow(3, large_dataset=False, similar=False, preset="last_block"),
    StrategyRow(4, large_dataset=False, similar=True, preset="head"),
)


def advise(large_dataset: bool, similar: bool) -> StrategyRow:
    """The table row answering the notes' two questions."""
    return next(
        r for r in STRATEGY_TABLE if r.large_dataset == large_dataset and r.similar == similar
    )
