"""Settings the pipeline cannot apply, refused with a message that says why."""

from __future__ import annotations

import math
from collections.abc import Sequence

from core.augmentation.controls import SIZE_H, SIZE_W
from core.common.errors import UserFacingError

MAX_CROPS = 32


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
    low, high = SIZE_H.param.low, SIZE_H.param.high
    if not (low <= h <= high and SIZE_W.param.low <= w <= SIZE_W.param.high):
        raise UserFacingError("augmentation.error.size", h=h, w=w, low=low, high=high)
    return h, w


def check_count(n: int) -> int:
    if not 1 <= int(n) <= MAX_CROPS:
        raise UserFacingError("augmentation.error.count", n=int(n), max=MAX_CROPS)
    return int(n)
