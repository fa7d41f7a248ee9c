"""Lesson mode of the augmentation lab (notes 5.3, 데이터 확장): what RandomResizedCrop's
``scale`` and ``ratio`` do. Results come from torchvision's own crop sampler."""

from __future__ import annotations

from core.common.lesson import Lesson, Step

SIDE = 224  # the image the questions crop


def _crop(scale: float, ratio: float) -> tuple[int, int]:
    """(height, width) of a crop torchvision draws with a fixed scale and ratio."""
    import torch
    from torchvision.transforms import RandomResizedCrop

    torch.manual_seed(0)
    image = torch.zeros(3, SIDE, SIDE)
    _, _, h, w = RandomResizedCrop.get_params(image, [scale, scale], [ratio, ratio])
    return h, w


def _scale_result() -> tuple[str, dict]:
    h, w = _crop(0.25, 1.0)
    return "augmentation.lesson.scale.result", {"h": h, "w": w, "side": SIDE}


def _ratio_result() -> tuple[str, dict]:
    h, w = _crop(0.25, 2.0)
    return "augmentation.lesson.ratio.result", {"h": h, "w": w}


LESSON = Lesson(
    "augmentation",
    "aug",
    (
        Step(
            "augmentation.scale",
            "augmentation.lesson.scale",
            "augmentation.lesson.scale.why",
            correct=112,
            number=(1, SIDE),
            tolerance=1,
            result=_scale_result,
        ),
        Step(
            "augmentation.ratio",
            "augmentation.lesson.ratio",
            "augmentation.lesson.ratio.why",
            correct="wide",
            choices=("wide", "tall", "square"),
            result=_ratio_result,
        ),
    ),
)
