"""RandomResizedCrop's random boxes and the pipeline's samples, drawn as torchvision draws them.

One ``torch.Generator`` seeded with ``seed`` is consumed in the very order in which
``pipeline.to_transform(size)`` consumes the global generator when it is called ``n`` times
after ``torch.manual_seed(seed)``; so the lab's grid is the grid a notebook gets, and the lab
can report what the transform does not tell its caller: the attempts and whether the
fallback happened.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import torch
from PIL import Image
from torchvision.transforms import functional as F

from core.augmentation.checks import check_count
from core.augmentation.pipeline import AugmentPipeline

MAX_ATTEMPTS = 10  # torchvision's RandomResizedCrop.get_params tries this many times

Box = tuple[int, int, int, int]  # (top, left, height, width) in pixels of the cropped image


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
def log_ratio_bounds(low: float, high: float) -> tuple[float, float]:
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
    lo, hi = log_ratio_bounds(float(ratio[0]), float(ratio[1]))
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


def fallback_count(samples: Sequence[CropSample]) -> int:
    """How many samples are the fallback centre crop (the page warns when any are)."""
    return sum(1 for s in samples if s.fallback)
