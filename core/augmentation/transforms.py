"""RandomResizedCrop and friends, declared as data (augmentation lab).

Contract with the transfer lab (handed over by ``ui.common.handover``): an
``AugmentPipeline``'s ``pipeline.to_transform(size)`` returns a torchvision transform
PIL image -> PIL image of ``size`` x ``size`` that the transfer lab can train with
(it appends ToTensor/Normalize), and ``pipeline.code()`` is the same pipeline as
copyable torchvision code.

Every transform is a declaration (``TransformSpec``: torchvision class, knobs with
their ranges, how it draws its random parameters and applies them). The page turns
the declarations into widgets, ``AugmentPipeline`` turns them into a torchvision
``Compose`` and into code: one description, three uses.

Sampling reproduces torchvision exactly. One ``torch.Generator`` seeded with ``seed``
is consumed in the very order in which ``pipeline.to_transform(size)`` consumes the
global generator when it is called ``n`` times after ``torch.manual_seed(seed)``;
so the lab's grid is the grid a notebook gets, and the lab can report what the
transform does not tell its caller: the attempts and whether the fallback happened.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import torch
from PIL import Image
from torchvision import transforms as T
from torchvision.transforms import InterpolationMode
from torchvision.transforms import functional as F

from core.common.errors import UserFacingError
from core.common.params import BoolParam, ChoiceParam, FloatParam, IntParam, RangeParam

MAX_ATTEMPTS = 10  # torchvision's RandomResizedCrop.get_params tries this many times
HISTOGRAM_DRAWS = 4000  # >= 1,000 for smooth histograms; cached per setting by the page
MAX_SEED = 999_999
MAX_CROPS = 32

Box = tuple[int, int, int, int]  # (top, left, height, width) in pixels of the cropped image

INTERPOLATIONS = ("bilinear", "bicubic", "nearest", "lanczos")


# --------------------------------------------------------------------------- declarations


@dataclass(frozen=True)
class Knob:
    """One control: its widget key (= URL parameter), the torchvision argument it sets, its range.

    Its label is the i18n key ``augment.knob.<key>`` (help: ``augment.knob.<key>.help``).
    """

    key: str
    arg: str
    kind: str  # "int" | "float" | "range" | "choice"
    default: Any
    low: float = 0.0
    high: float = 1.0
    step: float = 0.01
    options: tuple[str, ...] = ()
    widget: str = "slider"  # "slider" | "number" | "select"

    @property
    def param(self):
        """The URL codec of this knob (core.common.params)."""
        if self.kind == "int":
            return IntParam(int(self.default), int(self.low), int(self.high))
        if self.kind == "float":
            return FloatParam(float(self.default), self.low, self.high)
        if self.kind == "range":
            return RangeParam(tuple(self.default), self.low, self.high)
        if self.kind == "choice":
            return ChoiceParam(self.default, self.options)
        raise ValueError(f"unknown knob kind {self.kind!r}")

    @property
    def label_key(self) -> str:
        return f"augmentation.knob.{self.key}"

    @property
    def help_key(self) -> str:
        return f"augmentation.knob.{self.key}.help"


# The lab's own controls (not torchvision arguments of a transform).
SIZE_H = Knob("aug_size_h", "size", "int", 224, 16, 512, 4, widget="number")
SIZE_W = Knob("aug_size_w", "size", "int", 224, 16, 512, 4, widget="number")
ROWS = Knob("aug_rows", "rows", "int", 2, 1, 4, 1)
COLS = Knob("aug_cols", "cols", "int", 4, 1, 8, 1)
SEED = Knob("aug_seed", "seed", "int", 0, 0, MAX_SEED, 1, widget="number")
LAB_KNOBS = (SIZE_H, SIZE_W, ROWS, COLS, SEED)

# RandomResizedCrop's knobs; defaults are the course notes' scale=(0.1, 1), ratio=(0.5, 2).
SCALE = Knob("aug_scale", "scale", "range", (0.1, 1.0), 0.01, 1.0, 0.01)
RATIO = Knob("aug_ratio", "ratio", "range", (0.5, 2.0), 0.1, 4.0, 0.01)
INTERPOLATION = Knob(
    "aug_interpolation",
    "interpolation",
    "choice",
    "bilinear",
    options=INTERPOLATIONS,
    widget="select",
)
RRC_KNOBS = (SCALE, RATIO, INTERPOLATION)

# The notes' MXNet line (its comments say "output 200*200", but MXNet's size is (W, H)).
NOTES_MXNET_LINE = "transforms.RandomResizedCrop(size=(200,100), scale=(0.1,1), ratio=(0.5,2))"
NOTES_SETTINGS = {
    "aug_size_h": 100,
    "aug_size_w": 200,
    "aug_scale": (0.1, 1.0),
    "aug_ratio": (0.5, 2.0),
    "aug_rows": 2,
    "aug_cols": 4,
}


@dataclass(frozen=True)
class TransformSpec:
    """An optional transform after the crop, declared as data.

    ``draw(generator, args)`` draws its random parameters exactly as the torchvision
    class's ``forward`` does (same calls, same order); ``apply(image, args, drawn)``
    applies them with torchvision's functional ops. Label: ``augment.transform.<name>``.
    """

    name: str
    torch_class: str
    knobs: tuple[Knob, ...]
    draw: Callable[[torch.Generator, Mapping[str, float]], dict]
    apply: Callable[[Image.Image, Mapping[str, float], Mapping[str, Any]], Image.Image]

    @property
    def toggle_key(self) -> str:
        return f"aug_{self.name}"

    @property
    def toggle_param(self) -> BoolParam:
        return BoolParam(False)

    @property
    def label_key(self) -> str:
        return f"augmentation.transform.{self.name}"

    def defaults(self) -> dict[str, float]:
        return {k.arg: k.default for k in self.knobs}


def _draw_flip(g: torch.Generator, args: Mapping[str, float]) -> dict:
    return {"flipped": bool(torch.rand(1, generator=g) < args["p"])}


def _apply_hflip(img, args, drawn):
    return F.hflip(img) if drawn["flipped"] else img


def _apply_vflip(img, args, drawn):
    return F.vflip(img) if drawn["flipped"] else img


JITTER_ORDER = ("brightness", "contrast", "saturation", "hue")


def jitter_ranges(args: Mapping[str, float]) -> dict[str, tuple[float, float] | None]:
    """ColorJitter's factor ranges for single-number arguments (None: that jitter is off)."""
    ranges: dict[str, tuple[float, float] | None] = {}
    for name in JITTER_ORDER:
        v = float(args.get(name, 0.0))
        if name == "hue":
            lo, hi, centre = -v, v, 0.0
        else:
            lo, hi, centre = max(1.0 - v, 0.0), 1.0 + v, 1.0
        ranges[name] = None if lo == hi == centre else (lo, hi)
    return ranges


def _draw_jitter(g: torch.Generator, args: Mapping[str, float]) -> dict:
    ranges = jitter_ranges(args)
    order = [JITTER_ORDER[i] for i in torch.randperm(4, generator=g).tolist()]
    factors = {}
    for name in JITTER_ORDER:
        r = ranges[name]
        factors[name] = (
            None if r is None else float(torch.empty(1).uniform_(r[0], r[1], generator=g))
        )
    return {"order": tuple(order), **factors}


_ADJUST = {
    "brightness": F.adjust_brightness,
    "contrast": F.adjust_contrast,
    "saturation": F.adjust_saturation,
    "hue": F.adjust_hue,
}


def _apply_jitter(img, args, drawn):
    for name in drawn["order"]:
        if drawn[name] is not None:
            img = _ADJUST[name](img, drawn[name])
    return img


def _draw_rotation(g: torch.Generator, args: Mapping[str, float]) -> dict:
    d = float(args["degrees"])
    return {"angle": float(torch.empty(1).uniform_(-d, d, generator=g).item())}


def _apply_rotation(img, args, drawn):
    # RandomRotation's defaults: nearest, no expand, centre, fill 0 (black corners).
    return F.rotate(img, drawn["angle"], InterpolationMode.NEAREST, False, None, 0)


EXTRAS: dict[str, TransformSpec] = {
    spec.name: spec
    for spec in (
        TransformSpec(
            "hflip",
            "RandomHorizontalFlip",
            (Knob("aug_hflip_p", "p", "float", 0.5, 0.0, 1.0, 0.05),),
            _draw_flip,
            _apply_hflip,
        ),
        TransformSpec(
            "vflip",
            "RandomVerticalFlip",
            (Knob("aug_vflip_p", "p", "float", 0.5, 0.0, 1.0, 0.05),),
            _draw_flip,
            _apply_vflip,
        ),
        TransformSpec(
            "jitter",
            "ColorJitter",
            (
                Knob("aug_jitter_brightness", "brightness", "float", 0.4, 0.0, 1.0, 0.05),
                Knob("aug_jitter_contrast", "contrast", "float", 0.4, 0.0, 1.0, 0.05),
                Knob("aug_jitter_saturation", "saturation", "float", 0.4, 0.0, 1.0, 0.05),
                Knob("aug_jitter_hue", "hue", "float", 0.1, 0.0, 0.5, 0.01),
            ),
            _draw_jitter,
            _apply_jitter,
        ),
        TransformSpec(
            "rotation",
            "RandomRotation",
            (Knob("aug_rotation_degrees", "degrees", "float", 15.0, 0.0, 180.0, 1.0),),
            _draw_rotation,
            _apply_rotation,
        ),
    )
}


def all_knobs() -> tuple[Knob, ...]:
    """Every declared knob (for tests: labels exist, codecs round-trip)."""
    return LAB_KNOBS + RRC_KNOBS + tuple(k for s in EXTRAS.values() for k in s.knobs)


# --------------------------------------------------------------------------- validation


def check_range(
    name: str, value: Sequence[float], low: float, high: float | None = None
) -> tuple[float, float]:
    """A (min, max) pair that can be applied, or a UserFacingError that explains why not."""
    lo, hi = (float(v) for v in value)
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise UserFacingError("augmentation.error.range_invalid", name=name)
    if lo > hi:
        raise UserFacingError(
            "augmentation.error.range_reversed", name=name, low=f"{lo:g}", high=f"{hi:g}"
        )
    if lo < low or (high is not None and hi > high):
        raise UserFacingError(
            "augmentation.error.range_outside",
            name=name,
            low=f"{lo:g}",
            high=f"{hi:g}",
            min=f"{low:g}",
            max="∞" if high is None else f"{high:g}",
        )
    return lo, hi


def reversed_range(text: str | None) -> tuple[float, float] | None:
    """(low, high) when a link's ``low,high`` value is two numbers in the wrong order, else None.

    The URL codec already rejects such a value; this lets the page say *why*.
    """
    if not text or len(text) > 100:
        return None
    parts = text.split(",")
    if len(parts) != 2:
        return None
    try:
        lo, hi = (float(p) for p in parts)
    except ValueError:
        return None
    return (lo, hi) if lo > hi else None


def check_size(size: Sequence[int]) -> tuple[int, int]:
    h, w = (int(v) for v in size)
    if not (SIZE_H.low <= h <= SIZE_H.high and SIZE_W.low <= w <= SIZE_W.high):
        raise UserFacingError(
            "augmentation.error.size", h=h, w=w, low=int(SIZE_H.low), high=int(SIZE_H.high)
        )
    return h, w


def check_count(n: int) -> int:
    if not 1 <= int(n) <= MAX_CROPS:
        raise UserFacingError("augmentation.error.count", n=int(n), max=MAX_CROPS)
    return int(n)


# --------------------------------------------------------------------------- the pipeline


def _fmt(value: float) -> str:
    """A number as a student would type it: 0.5, 1.0, 15.0."""
    value = float(value)
    return repr(round(value, 4))


@dataclass(frozen=True)
class TransformStep:
    """One optional transform of a pipeline: its catalogue name and argument values."""

    name: str
    values: tuple[tuple[str, float], ...]

    @property
    def spec(self) -> TransformSpec:
        return EXTRAS[self.name]

    @property
    def args(self) -> dict[str, float]:
        return dict(self.values)

    @classmethod
    def of(cls, name: str, **args: float) -> TransformStep:
        spec = EXTRAS[name]
        merged = {**spec.defaults(), **args}
        return cls(name, tuple((k.arg, float(merged[k.arg])) for k in spec.knobs))

    def to_torchvision(self):
        return getattr(T, self.spec.torch_class)(**self.args)

    def code(self) -> str:
        inner = ", ".join(f"{k}={_fmt(v)}" for k, v in self.values)
        return f"transforms.{self.spec.torch_class}({inner})"


@dataclass(frozen=True)
class AugmentPipeline:
    """RandomResizedCrop followed by optional transforms, in catalogue order."""

    scale: tuple[float, float] = SCALE.default
    ratio: tuple[float, float] = RATIO.default
    interpolation: str = INTERPOLATION.default
    extras: tuple[TransformStep, ...] = ()
    size: tuple[int, int] = (SIZE_H.default, SIZE_W.default)  # (h, w) the lab shows

    def __post_init__(self) -> None:
        object.__setattr__(self, "scale", check_range("scale", self.scale, 0.0, None))
        object.__setattr__(self, "ratio", check_range("ratio", self.ratio, 1e-6, None))
        if self.scale[1] <= 0:
            raise UserFacingError(
                "augmentation.error.range_outside",
                name="scale",
                low=f"{self.scale[0]:g}",
                high=f"{self.scale[1]:g}",
                min="0",
                max="∞",
            )
        if self.interpolation not in INTERPOLATIONS:
            raise ValueError(f"unknown interpolation {self.interpolation!r}")
        object.__setattr__(self, "size", check_size(self.size))
        order = list(EXTRAS)
        names = [s.name for s in self.extras]
        if sorted(names, key=order.index) != names or len(set(names)) != len(names):
            raise ValueError(f"extras must be distinct and in catalogue order {order}, got {names}")

    @property
    def interpolation_mode(self) -> InterpolationMode:
        return InterpolationMode(self.interpolation)

    def _size(self, size: int | Sequence[int] | None) -> tuple[int, int]:
        if size is None:
            return self.size
        if isinstance(size, int):
            return (size, size)
        h, w = size
        return (int(h), int(w))

    def to_transform(self, size: int | Sequence[int] | None = None) -> T.Compose:
        """The torchvision transform: PIL image -> PIL image of ``size`` (int: size x size)."""
        rrc = T.RandomResizedCrop(
            self._size(size),
            scale=self.scale,
            ratio=self.ratio,
            interpolation=self.interpolation_mode,
            antialias=True,
        )
        return T.Compose([rrc] + [step.to_torchvision() for step in self.extras])

    def code(
        self,
        size: int | Sequence[int] | None = None,
        seed: int | None = None,
        n: int | None = None,
        image_path: str = "cat.jpg",
    ) -> str:
        """Copyable torchvision code of this pipeline; with ``seed`` and ``n`` it also draws
        the lab's grid (same photo, same seed -> the same ``n`` images)."""
        h, w = self._size(size)
        mode = self.interpolation.upper()
        lines = [
            "import torch",
            "from PIL import Image",
            "from torchvision import transforms",
            "from torchvision.transforms import InterpolationMode",
            "",
            "augment = transforms.Compose([",
            "    transforms.RandomResizedCrop(",
            f"        size=({h}, {w}),",
            f"        scale=({_fmt(self.scale[0])}, {_fmt(self.scale[1])}),",
            f"        ratio=({_fmt(self.ratio[0])}, {_fmt(self.ratio[1])}),",
            f"        interpolation=InterpolationMode.{mode}),",
        ]
        lines += [f"    {step.code()}," for step in self.extras]
        lines.append("])")
        if seed is not None and n is not None:
            lines += [
                "",
                f'image = Image.open("{image_path}").convert("RGB")',
                f"torch.manual_seed({int(seed)})",
                f"samples = [augment(image) for _ in range({int(n)})]",
            ]
        return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- sampling


@dataclass(frozen=True)
class CropDraw:
    """What RandomResizedCrop.get_params decided, including what it does not return."""

    box: Box
    fallback: bool  # all MAX_ATTEMPTS proposals failed: the clamped centre crop was used
    attempts: int  # proposals drawn (1..MAX_ATTEMPTS)


def fallback_box(height: int, width: int, ratio: Sequence[float]) -> Box:
    """torchvision's fallback: the central crop, its aspect ratio clamped to ``ratio``."""
    in_ratio = float(width) / float(height)
    if in_ratio < min(ratio):
        w = width
        h = int(round(w / min(ratio)))
    elif in_ratio > max(ratio):
        h = height
        w = int(round(h * max(ratio)))
    else:
        w, h = width, height
    return ((height - h) // 2, (width - w) // 2, h, w)


@lru_cache(maxsize=64)
def _log_ratio_bounds(low: float, high: float) -> tuple[float, float]:
    log_ratio = torch.log(torch.tensor((low, high)))  # float32, like torchvision
    return float(log_ratio[0]), float(log_ratio[1])


def draw_crop_box(
    g: torch.Generator, height: int, width: int, scale: Sequence[float], ratio: Sequence[float]
) -> CropDraw:
    """``RandomResizedCrop.get_params`` with an explicit generator, same calls in the same order.

    Area fraction uniform in ``scale``, log of the aspect ratio (w/h) uniform in
    ``log(ratio)``; a proposal that does not fit in the image is redrawn, at most
    MAX_ATTEMPTS times, then the centre crop is used.
    """
    area = height * width
    lo, hi = _log_ratio_bounds(float(ratio[0]), float(ratio[1]))
    for attempt in range(1, MAX_ATTEMPTS + 1):
        target_area = area * torch.empty(1).uniform_(scale[0], scale[1], generator=g).item()
        aspect_ratio = torch.exp(torch.empty(1).uniform_(lo, hi, generator=g)).item()
        w = int(round(math.sqrt(target_area * aspect_ratio)))
        h = int(round(math.sqrt(target_area / aspect_ratio)))
        if 0 < w <= width and 0 < h <= height:
            i = torch.randint(0, height - h + 1, size=(1,), generator=g).item()
            j = torch.randint(0, width - w + 1, size=(1,), generator=g).item()
            return CropDraw((int(i), int(j), h, w), False, attempt)
    return CropDraw(fallback_box(height, width, ratio), True, MAX_ATTEMPTS)


_BULK_CHECKED = 2  # first draws of the bulk path re-drawn one by one, as a tripwire


def _bulk_crop_boxes(
    seed: int, height: int, width: int, scale: Sequence[float], ratio: Sequence[float], n: int
) -> list[CropDraw] | None:
    """``n`` draws of ``draw_crop_box`` from ``manual_seed(seed)``, the same values, computed
    from a few bulk draws instead of four torch calls per proposal.

    Each torch call releases the GIL; on a server where other sessions run Python code, a
    thread making 16,000 of them waits for the GIL after each (4,000 draws: 0.08 s alone,
    2 s beside two busy threads). Every call of ``draw_crop_box`` takes one 32-bit word of
    the generator's Mersenne Twister: ``uniform_`` maps its low 24 bits, ``randint(0, m)``
    takes it modulo ``m``. So the k-th word's value as an area fraction and as a log-ratio
    come from bulk ``uniform_`` draws of generators seeded alike (the same serial kernel,
    one word per element; ``exp`` on a strided view takes the scalar path, as on one
    element), and the words themselves from numpy's MT19937 seeded the same way (legacy
    seeding is torch's). Returns None, and the caller draws one by one, unless the words'
    low 24 bits equal torch's for every word used and the first draws equal
    ``draw_crop_box``'s.
    """
    area = height * width
    lo, hi = _log_ratio_bounds(float(ratio[0]), float(ratio[1]))
    fraction_gen, log_ratio_gen, check_gen = (torch.Generator().manual_seed(seed) for _ in range(3))
    words_gen = np.random.RandomState(seed)
    fractions: list[float] = []
    ratios: list[float] = []
    words: list[int] = []

    def more(k: int) -> bool:
        fractions.extend(
            torch.empty(k).uniform_(scale[0], scale[1], generator=fraction_gen).tolist()
        )
        strided = torch.empty(k, 2)
        strided[:, 0] = torch.empty(k).uniform_(lo, hi, generator=log_ratio_gen)
        ratios.extend(torch.exp(strided[:, 0]).tolist())
        new = words_gen.randint(0, 2**32, size=k, dtype=np.uint32)
        low24 = torch.empty(k).uniform_(0.0, 1.0, generator=check_gen).double().mul_(2**24)
        words.extend(new.tolist())
        return bool(np.array_equal(low24.numpy().astype(np.int64), new & 0xFFFFFF))

    draws: list[CropDraw] = []
    pos = 0
    for _ in range(n):
        for attempt in range(1, MAX_ATTEMPTS + 1):
            if pos + 4 > len(words) and not more(4 * n + 64):
                return None
            target_area = area * fractions[pos]
            aspect_ratio = ratios[pos + 1]
            w = int(round(math.sqrt(target_area * aspect_ratio)))
            h = int(round(math.sqrt(target_area / aspect_ratio)))
            if 0 < w <= width and 0 < h <= height:
                box = (words[pos + 2] % (height - h + 1), words[pos + 3] % (width - w + 1), h, w)
                draws.append(CropDraw(box, False, attempt))
                pos += 4
                break
            pos += 2
        else:
            draws.append(CropDraw(fallback_box(height, width, ratio), True, MAX_ATTEMPTS))
    g = torch.Generator().manual_seed(seed)
    if draws[:_BULK_CHECKED] != [
        draw_crop_box(g, height, width, scale, ratio) for _ in range(min(n, _BULK_CHECKED))
    ]:
        return None
    return draws


@dataclass(frozen=True, eq=False)
class CropSample:
    """One draw of the pipeline. ``index`` is the 1-based number on its box and its tile."""

    index: int
    box: Box
    fallback: bool
    attempts: int
    image: Image.Image  # the pipeline's output (the resized crop when there are no extras)
    crop: Image.Image  # resized_crop(source, *box, size): before the extras
    source_size: tuple[int, int]  # (height, width) of the image that was cropped
    extras: tuple[tuple[str, dict], ...] = field(default=())  # (transform name, drawn parameters)

    @property
    def area_fraction(self) -> float:
        _, _, h, w = self.box
        return h * w / (self.source_size[0] * self.source_size[1])

    @property
    def aspect_ratio(self) -> float:
        _, _, h, w = self.box
        return w / h


def sample_pipeline(
    image: Image.Image, pipeline: AugmentPipeline, n: int, seed: int
) -> list[CropSample]:
    """``n`` draws of ``pipeline`` on ``image``: equal, pixel for pixel, to
    ``torch.manual_seed(seed); [pipeline.to_transform()(image) for _ in range(n)]``."""
    n = check_count(n)
    g = torch.Generator().manual_seed(int(seed))
    height, width = image.height, image.width
    size = list(pipeline.size)
    mode = pipeline.interpolation_mode
    samples = []
    for k in range(n):
        draw = draw_crop_box(g, height, width, pipeline.scale, pipeline.ratio)
        crop = F.resized_crop(image, *draw.box, size, interpolation=mode, antialias=True)
        out, extras = crop, []
        for step in pipeline.extras:
            args = step.args
            drawn = step.spec.draw(g, args)
            out = step.spec.apply(out, args, drawn)
            extras.append((step.name, drawn))
        samples.append(
            CropSample(
                k + 1,
                draw.box,
                draw.fallback,
                draw.attempts,
                out,
                crop,
                (height, width),
                tuple(extras),
            )
        )
    return samples


def sample_crops(
    image: Image.Image,
    size: Sequence[int],
    scale: Sequence[float],
    ratio: Sequence[float],
    n: int,
    seed: int,
    interpolation: str = "bilinear",
) -> list[CropSample]:
    """``n`` RandomResizedCrop samples of ``image`` at ``size`` = (h, w).

    ``.box`` is (top, left, height, width) and ``.image`` equals
    ``torchvision.transforms.functional.resized_crop(image, *box, size)`` (antialiased);
    the boxes are the ones ``RandomResizedCrop.get_params`` returns after
    ``torch.manual_seed(seed)``; ``.fallback`` says whether the centre crop was used.
    """
    pipeline = AugmentPipeline(
        scale=tuple(scale), ratio=tuple(ratio), interpolation=interpolation, size=tuple(size)
    )
    return sample_pipeline(image, pipeline, n, seed)


# --------------------------------------------------------------------------- distributions


@dataclass(frozen=True, eq=False)
class BoxStatistics:
    """Many draws of RandomResizedCrop's box on an image of ``image_size`` = (height, width)."""

    image_size: tuple[int, int]
    scale: tuple[float, float]
    ratio: tuple[float, float]
    area_fraction: np.ndarray  # h*w / (H*W) of each box
    log_ratio: np.ndarray  # ln(w / h) of each box
    fallback: np.ndarray  # bool
    attempts: np.ndarray  # int, 1..MAX_ATTEMPTS

    @property
    def n(self) -> int:
        return int(self.fallback.size)

    @property
    def fallback_rate(self) -> float:
        return float(self.fallback.mean())

    @property
    def mean_attempts(self) -> float:
        return float(self.attempts.mean())

    @property
    def attempt_acceptance(self) -> float:
        """Measured chance that one proposal fits: accepted boxes / proposals drawn."""
        return float((~self.fallback).sum() / self.attempts.sum())


def box_statistics(
    height: int,
    width: int,
    scale: Sequence[float],
    ratio: Sequence[float],
    n: int = HISTOGRAM_DRAWS,
    seed: int = 0,
) -> BoxStatistics:
    """``n`` boxes drawn exactly as in ``sample_crops`` (same seed: the first ones are the grid's)."""
    scale = check_range("scale", scale, 0.0, None)
    ratio = check_range("ratio", ratio, 1e-6, None)
    draws = _bulk_crop_boxes(int(seed), height, width, scale, ratio, int(n))
    if draws is None:  # the streams did not agree on this platform: one by one
        g = torch.Generator().manual_seed(int(seed))
        draws = [draw_crop_box(g, height, width, scale, ratio) for _ in range(int(n))]
    boxes = np.array([d.box for d in draws], dtype=np.float64).reshape(-1, 4)
    return BoxStatistics(
        image_size=(height, width),
        scale=scale,
        ratio=ratio,
        area_fraction=boxes[:, 2] * boxes[:, 3] / (height * width),
        log_ratio=np.log(boxes[:, 3] / boxes[:, 2]),
        fallback=np.array([d.fallback for d in draws], dtype=bool),
        attempts=np.array([d.attempts for d in draws], dtype=np.int64),
    )


def acceptance_probability(
    height: int, width: int, scale: Sequence[float], ratio: Sequence[float], grid: int = 20001
) -> float:
    """Chance that one proposal fits in the image (ignoring rounding to whole pixels).

    With area fraction s and aspect ratio r (w/h), the box is w = sqrt(s·H·W·r),
    h = sqrt(s·H·W/r); w <= W and h <= H together say s <= exp(-|ln r - ln(W/H)|).
    ln r is uniform in ln(ratio), s uniform in scale: integrate over ln r.
    """
    s0, s1 = check_range("scale", scale, 0.0, None)
    r0, r1 = check_range("ratio", ratio, 1e-6, None)
    t = np.linspace(math.log(r0), math.log(r1), grid if r1 > r0 else 1)
    s_max = np.exp(-np.abs(t - math.log(width / height)))
    if s1 > s0:
        fits = np.clip((s_max - s0) / (s1 - s0), 0.0, 1.0)
    else:
        fits = (s_max >= s0).astype(float)
    if t.size == 1:
        return float(fits[0])
    # trapezoidal mean over the uniform ln r
    return float((fits[:-1] + fits[1:]).sum() / (2 * (t.size - 1)))


def expected_fallback_rate(
    height: int, width: int, scale: Sequence[float], ratio: Sequence[float]
) -> float:
    """All MAX_ATTEMPTS independent proposals fail."""
    return (1.0 - acceptance_probability(height, width, scale, ratio)) ** MAX_ATTEMPTS
