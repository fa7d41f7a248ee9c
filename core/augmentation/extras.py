"""The optional transforms after the crop, declared as data: torchvision class, toggle,
arguments with their controls, and how each draws its random parameters and applies them.

The page turns a declaration into a toggle and sliders, ``core.augmentation.pipeline`` into a
torchvision ``Compose`` and into code: one description, three uses. ``draw`` makes the same
torch calls in the same order as the torchvision class's ``forward``, so the lab's samples
are the ones torchvision would make after the same seed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import torch
from PIL import Image
from torchvision.transforms import InterpolationMode
from torchvision.transforms import functional as F

from core.augmentation.controls import float_knob
from core.common.params import BoolParam, Control


@dataclass(frozen=True)
class TransformSpec:
    """An optional transform after the crop. ``args``: torchvision argument -> its control.

    ``draw(generator, args)`` draws its random parameters; ``apply(image, args, drawn)``
    applies them with torchvision's functional ops. Its toggle's key is ``aug_<name>``,
    its label the i18n key ``augmentation.transform.<name>``.
    """

    name: str
    torch_class: str
    args: Mapping[str, Control]
    draw: Callable[[torch.Generator, Mapping[str, float]], dict]
    apply: Callable[[Image.Image, Mapping[str, float], Mapping[str, Any]], Image.Image]

    @property
    def toggle(self) -> Control:
        return Control(f"aug_{self.name}", BoolParam(False), f"augmentation.transform.{self.name}")

    def defaults(self) -> dict[str, float]:
        return {arg: control.default for arg, control in self.args.items()}


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
            {"p": float_knob("aug_hflip_p", 0.5, 1.0, 0.05)},
            _draw_flip,
            _apply_hflip,
        ),
        TransformSpec(
            "vflip",
            "RandomVerticalFlip",
            {"p": float_knob("aug_vflip_p", 0.5, 1.0, 0.05)},
            _draw_flip,
            _apply_vflip,
        ),
        TransformSpec(
            "jitter",
            "ColorJitter",
            {
                "brightness": float_knob("aug_jitter_brightness", 0.4, 1.0, 0.05),
                "contrast": float_knob("aug_jitter_contrast", 0.4, 1.0, 0.05),
                "saturation": float_knob("aug_jitter_saturation", 0.4, 1.0, 0.05),
                "hue": float_knob("aug_jitter_hue", 0.1, 0.5, 0.01),
            },
            _draw_jitter,
            _apply_jitter,
        ),
        TransformSpec(
            "rotation",
            "RandomRotation",
            {"degrees": float_knob("aug_rotation_degrees", 15.0, 180.0, 1.0)},
            _draw_rotation,
            _apply_rotation,
        ),
    )
}

# Every toggle and argument control of the catalogue (the architecture test finds them here).
EXTRA_CONTROLS = tuple(c for spec in EXTRAS.values() for c in (spec.toggle, *spec.args.values()))
