"""What a run will be, decided before it starts: its settings and images, its frozen/trained
boundary and frozen-pass work, whether its training step fits the host's memory, and which
kept fine-tuned models make room for a new one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from PIL import Image

from core.common.backbones import Stage
from core.transfer_learning import strategy


@dataclass(frozen=True)
class RunSettings:
    """Everything that defines a run (saved beside its weights as JSON)."""

    backbone: str
    trainable: tuple[str, ...]  # names of the retrained layer groups
    preset: str
    epochs: int
    lr: float
    batch_size: int
    optimizer: str  # "adam" or "sgd"
    resolution: int
    augment: bool = False
    views: int = 0  # cached augmented views per training image (0: none or fresh every epoch)
    seed: int = 0

    def to_dict(self) -> dict:
        d = asdict(self)
        d["trainable"] = list(self.trainable)
        return d


@dataclass(frozen=True)
class ImageSet:
    """Some images of a list whose frozen outputs are cached together (by ``images_id``)."""

    images: Sequence[Image.Image]  # the whole list (e.g. a dataset's images)
    images_id: str  # its cache identity (e.g. the dataset fingerprint)
    rows: tuple[int, ...]  # the images this set uses
    labels: tuple[int, ...]  # their labels


@dataclass(frozen=True)
class RunPlan:
    """What the run does before its epochs: where the frozen part ends, which frozen outputs
    it computes (or finds cached), and how augmentation enters."""

    boundary: int  # index of the first retrained group
    same_images: bool  # validation images are among the training list (cached together)
    views: int  # cached augmented views per training image
    fresh_augment: bool  # everything trains: a new augmented view every epoch
    features_total: int  # images through the frozen part


def plan_run(
    stage_list: Sequence[Stage],
    settings: RunSettings,
    train: ImageSet,
    val: ImageSet,
    test: ImageSet | None,
    augment: bool,
) -> RunPlan:
    """The run's plan; ``augment``: whether an augmentation pipeline is used."""
    boundary = strategy.boundary_index(strategy.group_infos(stage_list), settings.trainable)
    fresh = augment and boundary == 0
    views = settings.views if augment and not fresh else 0
    same = train.images_id == val.images_id
    total = (
        len(train.images)
        + (0 if same else len(val.images))
        + views * len(train.rows)
        + (len(test.images) if test is not None else 0)
    )
    return RunPlan(boundary, same, views, fresh, total)


@dataclass(frozen=True)
class MemoryCheck:
    """The memory one training step needs against what the host allows (megabytes)."""

    megabytes: float
    limit_mb: float

    @property
    def fits(self) -> bool:
        return self.megabytes <= self.limit_mb


def memory_check(estimate, batch_size: int, trainable_params: int, limit_mb: float) -> MemoryCheck:
    """A training step's memory as ``estimate`` (a ``SpeedEstimate``) measured it, for this
    batch size and these trainable parameters, against ``limit_mb``."""
    return MemoryCheck(estimate.training_memory(batch_size, trainable_params) / 1e6, limit_mb)


def evicted(kept: Sequence[str], limit: int) -> list[str]:
    """The kept models (oldest first) that go so that at most ``limit`` stay."""
    return list(kept)[: max(len(kept) - limit, 0)]
