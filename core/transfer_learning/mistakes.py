"""Classic transfer-learning mistakes, each run beside its correct twin on tiny data.

Inference mistakes use the bundled photos and EfficientNet-Lite0 (its own statistics are
mean = std = 0.5): wrong normalisation, ``model.train()`` at inference, random crops at
test time. Training mistakes use the generated shapes (``shapes_setup``: six classes, two
training images each, a test set and a set of fresh images nobody trains on) and the lab's
own ``TrainingRun``: forgetting to freeze, a learning rate far too high for fine-tuning,
the test set leaking into training, the labels shuffled away from their images (which is
also the data-randomisation sanity check: a map that explains the model must change when
the model learned nothing real). Models are never modified: whatever changes is a copy.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

import numpy as np
import torch
from PIL import Image
from torch import nn
from torch.nn import functional as F
from torchvision.transforms import v2 as T
from torchvision.transforms.v2 import functional as TF

from core.common.backbones import (
    IMAGENET_NORM,
    BackboneSpec,
    Stage,
    eval_pixels,
    head_linear,
    imagenet_categories,
    normalize,
    run_stages,
    seeded_global_rng,
    stages,
)
from core.common.similarity import spearman, ssim
from core.transfer_learning import strategy
from core.transfer_learning.datasets import synthetic_shapes
from core.transfer_learning.frozen_pass import ActivationCache, fast_layout, torch_threads
from core.transfer_learning.network import TransferNetwork
from core.transfer_learning.plan import ImageSet, RunSettings
from core.transfer_learning.shapes_dataset import ALL_SHAPES
from core.transfer_learning.training import TrainingRun

MISTAKES = (
    "normalization",
    "train_mode",
    "test_crops",
    "freeze",
    "learning_rate",
    "test_leak",
    "shuffled_labels",
)
NORMALIZATIONS = ("own", "imagenet", "none")  # the model's own statistics first
CROP_DRAWS = 5
RESOLUTION = 96  # the shapes runs: small enough for seconds on two cores
PER_CLASS = (2, 6, 6)  # training, test and fresh images per shape class
SHAPES_SEED = 0
SANE_LR = strategy.RECOMMENDED_LR["last_block"]
HIGH_LR = max(strategy.LEARNING_RATES)
LR_EPOCHS = 6
LEAK_EPOCHS = 10
SHUFFLE_SEED = 0
SHUFFLE_RESOLUTION = 224  # the lab's own size: at 96 px Grad-CAM would be a 3×3 map
P = ParamSpec("P")
R = TypeVar("R")


def _one_thread(fn: Callable[P, R]) -> Callable[P, R]:
    """Run ``fn`` with one intra-op thread in the calling thread, as the frozen pass does: on
    a small shared CPU two threads per session oversubscribe it and run many times slower."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with torch_threads(1):
            return fn(*args, **kwargs)

    return wrapper


@dataclass(frozen=True)
class Top1:
    index: int
    label: str
    probability: float


@torch.inference_mode()
def _top1(model: nn.Module, x: torch.Tensor) -> list[Top1]:
    probs = model(fast_layout(x)).softmax(1)  # channels_last: the CPU's fast path
    values, indices = probs.max(1)
    names = imagenet_categories()
    return [Top1(int(i), names[int(i)], float(v)) for v, i in zip(values, indices)]


def _pixels(photos: Mapping[str, Image.Image], spec: BackboneSpec) -> torch.Tensor:
    return torch.stack([eval_pixels(img, spec) for img in photos.values()])


# ---------------------------------------------------------------- inference mistakes


def normalized_with(pixels: torch.Tensor, how: str, spec: BackboneSpec) -> torch.Tensor:
    """uint8 pixels as input: the model's own statistics, ImageNet's, or none (just /255)."""
    if how == "own":
        return normalize(pixels, spec)
    x = pixels.to(torch.float32) / 255
    if how == "imagenet":
        mean = torch.tensor(IMAGENET_NORM["mean"]).view(3, 1, 1)
        std = torch.tensor(IMAGENET_NORM["std"]).view(3, 1, 1)
        x = (x - mean) / std
    return x


@dataclass(frozen=True)
class NormalizationResult:
    photos: tuple[str, ...]
    top1: dict[str, list[Top1]]  # normalisation -> one per photo

    def changed(self, how: str) -> int:
        """Photos whose top-1 class differs from the one under the model's own statistics."""
        return sum(a.index != b.index for a, b in zip(self.top1["own"], self.top1[how]))


@_one_thread
def normalization_mistake(
    model: nn.Module, spec: BackboneSpec, photos: Mapping[str, Image.Image]
) -> NormalizationResult:
    pixels = _pixels(photos, spec)
    top1 = {how: _top1(model, normalized_with(pixels, how, spec)) for how in NORMALIZATIONS}
    return NormalizationResult(tuple(photos), top1)


@dataclass(frozen=True)
class TrainModeResult:
    photos: tuple[str, ...]
    eval_alone: list[Top1]  # each photo on its own
    eval_batch: list[Top1]  # all photos in one batch
    train_alone: list[Top1]
    train_batch: list[Top1]
    running_mean_change: float  # largest change of a BatchNorm running mean in train mode

    @property
    def train_changed(self) -> int:
        """Photos whose top-1 in train mode (alone) differs from eval mode."""
        return sum(a.index != b.index for a, b in zip(self.eval_alone, self.train_alone))


def _alone_and_batch(model: nn.Module, x: torch.Tensor) -> tuple[list[Top1], list[Top1]]:
    alone = [_top1(model, x[i : i + 1])[0] for i in range(len(x))]
    return alone, _top1(model, x)


def _running_means(model: nn.Module) -> list[torch.Tensor]:
    return [
        m.running_mean.clone()
        for m in model.modules()
        if isinstance(m, nn.modules.batchnorm._BatchNorm)
    ]


@_one_thread
def train_mode_mistake(
    model: nn.Module, spec: BackboneSpec, photos: Mapping[str, Image.Image]
) -> TrainModeResult:
    """Predictions in eval mode vs ``train()`` mode, where BatchNorm normalises with the
    batch's own statistics (and updates its running ones: on a copy here)."""
    x = normalize(_pixels(photos, spec), spec)
    eval_alone, eval_batch = _alone_and_batch(model, x)
    copied = copy.deepcopy(model).train()
    before = _running_means(copied)
    train_alone, train_batch = _alone_and_batch(copied, x)
    drift = max(float((a - b).abs().max()) for a, b in zip(before, _running_means(copied)))
    return TrainModeResult(tuple(photos), eval_alone, eval_batch, train_alone, train_batch, drift)


@dataclass(frozen=True)
class CropResult:
    photos: tuple[str, ...]
    centre: list[Top1]  # the evaluation transform: the same every time
    random: list[list[Top1]]  # per photo, one per draw of a training-style random crop

    def distinct(self, photo: int) -> int:
        """Different top-1 classes over the random draws of one photo."""
        return len({t.index for t in self.random[photo]})

    def centre_class_range(self, photo: int) -> tuple[float, float]:
        """Lowest and highest top-1 probability of the centre crop's class over the draws
        (0 where another class won)."""
        index = self.centre[photo].index
        values = [t.probability if t.index == index else 0.0 for t in self.random[photo]]
        return min(values), max(values)


def random_crop(spec: BackboneSpec) -> T.RandomResizedCrop:
    """The training augmentation used at test time: torchvision's RandomResizedCrop."""
    p = spec.preprocess
    return T.RandomResizedCrop(p.input_size, interpolation=T.InterpolationMode(p.interpolation))


@_one_thread
def crop_mistake(
    model: nn.Module,
    spec: BackboneSpec,
    photos: Mapping[str, Image.Image],
    draws: int = CROP_DRAWS,
) -> CropResult:
    x = normalize(_pixels(photos, spec), spec)
    centre = _top1(model, x)
    crop = random_crop(spec)
    images = [TF.pil_to_tensor(img.convert("RGB")) for img in photos.values()]
    per_draw = []
    for draw in range(draws):
        with seeded_global_rng(draw):  # a different crop per draw, the same on every rerun
            batch = torch.stack([crop(img) for img in images])
        per_draw.append(_top1(model, normalize(batch, spec)))
    return CropResult(tuple(photos), centre, [list(d) for d in zip(*per_draw)])


# ---------------------------------------------------------------- the shapes setup


@dataclass(frozen=True)
class ShapesSetup:
    """Six shape classes: a tiny training set, a test set and fresh images."""

    class_names: tuple[str, ...]
    train: ImageSet
    test: ImageSet
    fresh: ImageSet


def shapes_setup(per_class: tuple[int, int, int] = PER_CLASS) -> ShapesSetup:
    data = synthetic_shapes(sum(per_class), SHAPES_SEED, ALL_SHAPES)
    labels = np.asarray(data.labels)
    parts: list[list[int]] = [[], [], []]
    ends = np.cumsum((0,) + per_class)
    for label in range(len(data.class_names)):
        members = np.flatnonzero(labels == label)
        for k in range(3):
            parts[k] += members[ends[k] : ends[k + 1]].tolist()

    def image_set(rows: Sequence[int]) -> ImageSet:
        rows = tuple(sorted(rows))
        return ImageSet(data.images, data.fingerprint, rows, tuple(data.labels[r] for r in rows))

    return ShapesSetup(data.class_names, *(image_set(p) for p in parts))


def _run(
    stage_list: Sequence[Stage],
    spec: BackboneSpec,
    setup: ShapesSetup,
    preset: str,
    lr: float,
    train: ImageSet,
    epochs: int,
    cache: ActivationCache | None,
    resolution: int = RESOLUTION,
) -> TrainingRun:
    infos = strategy.group_infos(stage_list, len(setup.class_names))
    settings = RunSettings(
        spec.name,
        strategy.trainable_names(infos, preset),
        preset,
        epochs=epochs,
        lr=lr,
        batch_size=8,
        optimizer="adam",
        resolution=resolution,
    )
    run = TrainingRun(
        stage_list, spec, settings, train, setup.test, setup.class_names, cache, test=setup.fresh
    )
    return run.run_to_end()


# ---------------------------------------------------------------- training mistakes


@dataclass(frozen=True)
class FreezeResult:
    total: int  # parameters of the network with its new head
    frozen_trainable: int  # requires_grad after freezing, then replacing the head
    unfrozen_trainable: int  # requires_grad when freezing is forgotten
    frozen_stem_change: float  # largest change of the stem's weights after one step
    unfrozen_stem_change: float


def _with_new_head(model: nn.Module, spec: BackboneSpec, freeze: bool, classes: int) -> nn.Module:
    net = copy.deepcopy(model).requires_grad_(not freeze)
    path, old = head_linear(net, spec)
    parent, _, name = path.rpartition(".")
    setattr(net.get_submodule(parent) if parent else net, name, nn.Linear(old.in_features, classes))
    return net


def _trainable(net: nn.Module) -> int:
    return sum(p.numel() for p in net.parameters() if p.requires_grad)


def _stem_change_after_one_step(
    net: nn.Module, spec: BackboneSpec, images: Sequence[Image.Image], labels: Sequence[int]
) -> float:
    """One Adam step on every parameter the optimizer is given (all of them, as in a typical
    script); BatchNorm stays in eval mode so only the optimizer can move a weight."""
    stem = stages(net, spec)[0].module
    before = [p.detach().clone() for p in stem.parameters()]
    x = normalize(torch.stack([eval_pixels(img, spec, RESOLUTION) for img in images]), spec)
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss = F.cross_entropy(net.eval()(x), torch.tensor(list(labels)))
    loss.backward()
    optimizer.step()
    return max(float((a - p.detach()).abs().max()) for a, p in zip(before, stem.parameters()))


@_one_thread
def freeze_mistake(model: nn.Module, spec: BackboneSpec, setup: ShapesSetup) -> FreezeResult:
    classes = len(setup.class_names)
    picked = list(zip(setup.train.rows, setup.train.labels))[::2]  # one image per class
    images = [setup.train.images[row] for row, _ in picked]
    labels = [label for _, label in picked]
    frozen = _with_new_head(model, spec, True, classes)
    unfrozen = _with_new_head(model, spec, False, classes)
    return FreezeResult(
        total=sum(p.numel() for p in frozen.parameters()),
        frozen_trainable=_trainable(frozen),
        unfrozen_trainable=_trainable(unfrozen),
        frozen_stem_change=_stem_change_after_one_step(frozen, spec, images, labels),
        unfrozen_stem_change=_stem_change_after_one_step(unfrozen, spec, images, labels),
    )


@dataclass(frozen=True)
class RunOutcome:
    """What a student sees of a run: how it ended, its losses and accuracies."""

    lr: float
    status: str
    train_losses: tuple[float, ...]  # per finished epoch
    train_accuracy: float  # on its own training images, in the last finished epoch
    worst_loss: float  # the largest training loss seen (the diverging batch's, if any)
    test_accuracy: float
    fresh_accuracy: float

    @staticmethod
    def of(run: TrainingRun) -> RunOutcome:
        losses = tuple(r.train_loss for r in run.history)
        stopped_at = run.message_params.get("loss")  # the loss that stopped a diverging run
        worst = max(losses + ((stopped_at,) if stopped_at is not None else ()))
        return RunOutcome(
            run.settings.lr,
            run.status,
            losses,
            run.history[-1].train_acc if run.history else float("nan"),
            float(worst),
            run.evaluation.accuracy,
            run.test_evaluation.accuracy if run.test_evaluation else float("nan"),
        )


@dataclass(frozen=True)
class TwinRuns:
    correct: RunOutcome
    mistake: RunOutcome
    chance_loss: float  # ln K: the loss of a uniform guess


def _twins(correct: TrainingRun, mistake: TrainingRun, classes: int) -> TwinRuns:
    return TwinRuns(RunOutcome.of(correct), RunOutcome.of(mistake), float(np.log(classes)))


def learning_rate_mistake(
    model: nn.Module,
    spec: BackboneSpec,
    setup: ShapesSetup,
    cache: ActivationCache | None = None,
    epochs: int = LR_EPOCHS,
) -> TwinRuns:
    """Fine-tuning the last block with its recommended learning rate vs the largest one."""
    stage_list = stages(model, spec)
    runs = [
        _run(stage_list, spec, setup, "last_block", lr, setup.train, epochs, cache)
        for lr in (SANE_LR, HIGH_LR)
    ]
    return _twins(*runs, len(setup.class_names))


def leaked_train_set(setup: ShapesSetup) -> ImageSet:
    """The training images plus the test images: the leak."""
    rows = setup.train.rows + setup.test.rows
    return ImageSet(
        setup.train.images, setup.train.images_id, rows, setup.train.labels + setup.test.labels
    )


def leak_mistake(
    model: nn.Module,
    spec: BackboneSpec,
    setup: ShapesSetup,
    cache: ActivationCache | None = None,
    epochs: int = LEAK_EPOCHS,
) -> TwinRuns:
    """A new head trained on the training images vs on training + test images; both scored
    on the test images and on fresh images neither has seen."""
    stage_list = stages(model, spec)
    lr = strategy.RECOMMENDED_LR["head"]
    honest = _run(stage_list, spec, setup, "head", lr, setup.train, epochs, cache)
    leaked = _run(stage_list, spec, setup, "head", lr, leaked_train_set(setup), epochs, cache)
    return _twins(honest, leaked, len(setup.class_names))


def shuffled_train_set(setup: ShapesSetup, seed: int = SHUFFLE_SEED) -> ImageSet:
    """The training images with their labels shuffled among them: every class keeps its
    count, but a label no longer says what the image shows."""
    order = np.random.default_rng(seed).permutation(len(setup.train.labels))
    labels = tuple(setup.train.labels[i] for i in order)
    return ImageSet(setup.train.images, setup.train.images_id, setup.train.rows, labels)


def last_conv_grad_cam(network: TransferNetwork, x: torch.Tensor) -> tuple[int, np.ndarray]:
    """The predicted class and its Grad-CAM at the output of the last group before the
    pooling, upsampled to the input and scaled to a peak of 1 (all zeros if nothing is
    positive)."""
    pool = next(i for i, s in enumerate(network.stages) if s.kind == "pool")
    with torch.no_grad():
        activation = run_stages(network.stages, x, 0, pool)
    activation.requires_grad_(True)
    logits = run_stages(network.stages, activation, pool)
    predicted = int(logits[0].argmax())
    (grad,) = torch.autograd.grad(logits[0, predicted], activation)
    with torch.no_grad():
        cam = F.relu((grad.mean(dim=(2, 3), keepdim=True) * activation).sum(1, keepdim=True))
        up = F.interpolate(cam, size=x.shape[-2:], mode="bilinear", align_corners=False)[0, 0]
        peak = float(up.max())
    return predicted, (up / peak if peak > 0 else up).numpy()


@dataclass(frozen=True)
class MapSimilarity:
    """How alike two heads' Grad-CAM maps are, per test image."""

    rank_correlations: tuple[float, ...]  # nan: a map is all zeros
    ssims: tuple[float, ...]

    @property
    def median_rank_correlation(self) -> float:
        return float(np.nanmedian(self.rank_correlations))

    @property
    def median_ssim(self) -> float:
        return float(np.median(self.ssims))


@dataclass(frozen=True)
class ShuffleResult:
    """The honest head and the head trained on shuffled labels; their Grad-CAM maps are
    compared with the honest head's (``repeat``: the honest head trained again, which shows
    that a difference comes from the labels, not from run-to-run noise)."""

    runs: TwinRuns
    kept: int  # training images whose shuffled label is still their own
    repeat: MapSimilarity
    shuffled: MapSimilarity


def _map_similarity(reference: list[np.ndarray], maps: list[np.ndarray]) -> MapSimilarity:
    return MapSimilarity(
        tuple(spearman(a, b) for a, b in zip(reference, maps)),
        tuple(ssim(a, b) for a, b in zip(reference, maps)),
    )


def shuffled_labels_mistake(
    model: nn.Module,
    spec: BackboneSpec,
    setup: ShapesSetup,
    cache: ActivationCache | None = None,
    epochs: int = LEAK_EPOCHS,
) -> ShuffleResult:
    """A new head trained on the true labels vs on shuffled labels (feature extraction,
    same seed, same images), then Grad-CAM of both on every test image, each for its own
    predicted class."""
    stage_list = stages(model, spec)
    lr = strategy.RECOMMENDED_LR["head"]
    shuffled = shuffled_train_set(setup)
    honest_run, repeat_run, shuffled_run = (
        _run(stage_list, spec, setup, "head", lr, train, epochs, cache, SHUFFLE_RESOLUTION)
        for train in (setup.train, setup.train, shuffled)
    )
    maps: list[list[np.ndarray]] = [[], [], []]
    with torch_threads(1):
        for row in setup.test.rows:
            pixels = eval_pixels(setup.test.images[row], spec, SHUFFLE_RESOLUTION)
            x = fast_layout(normalize(pixels.unsqueeze(0), spec))
            for k, run in enumerate((honest_run, repeat_run, shuffled_run)):
                maps[k].append(last_conv_grad_cam(run.network, x)[1])
    kept = sum(a == b for a, b in zip(setup.train.labels, shuffled.labels))
    return ShuffleResult(
        _twins(honest_run, shuffled_run, len(setup.class_names)),
        kept,
        _map_similarity(maps[0], maps[1]),
        _map_similarity(maps[0], maps[2]),
    )
