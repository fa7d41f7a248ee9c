"""Many draws of RandomResizedCrop's box, and the chance that one proposal fits.

The histograms and the metrics under the grid come from here; the first draws are the grid's.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch

from core.augmentation.checks import check_range
from core.augmentation.sampling import (
    MAX_ATTEMPTS,
    CropDraw,
    draw_crop_box,
    fallback_box,
    log_ratio_bounds,
)

HISTOGRAM_DRAWS = 4000  # >= 1,000 for smooth histograms; cached per setting by the page


_BULK_CHECKED = 2  # first draws of the bulk path re-drawn one by one, as a tripwire


def _bulk_crop_boxes(
    seed: int, height: int, width: int, scale: Sequence[float], ratio: Sequence[float], n: int
) -> list[CropDraw] | None:
    """``n`` draws of ``draw_crop_box`` from ``manual_seed(seed)``, the same values, computed
    from a few bulk draws instead of four torch calls per proposal.

    Each torch call releases the GIL; on a server where other sessions run Python code, a
    thread making 16,000 of them waits for the GIL after each. Every call of
    ``draw_crop_box`` takes one 32-bit word of the generator's Mersenne Twister:
    ``uniform_`` maps its low 24 bits, ``randint(0, m)`` takes it modulo ``m``. So the k-th
    word's value as an area fraction and as a log-ratio come from bulk ``uniform_`` draws of
    generators seeded alike (the same serial kernel, one word per element; ``exp`` on a
    strided view takes the scalar path, as on one element), and the words themselves from
    numpy's MT19937 seeded the same way (legacy seeding is torch's). Returns None, and the
    caller draws one by one, unless the words' low 24 bits equal torch's for every word used
    and the first draws equal
    ``draw_crop_box``'s.
    """
    area = height * width
    lo, hi = log_ratio_bounds(float(ratio[0]), float(ratio[1]))
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
    """``n`` boxes drawn exactly as in ``sample_crops`` (same seed: the first ones are the
    grid's)."""
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
