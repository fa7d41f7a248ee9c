"""The optional transforms draw the parameters torchvision's classes draw."""

from __future__ import annotations

import torch
from torchvision import transforms as T

from core.augmentation.extras import EXTRAS, JITTER_ORDER


def test_extra_parameters_are_the_ones_torchvisions_classes_draw():
    """Each drawn parameter set matches the class's own get_params under the same seed."""
    g = torch.Generator().manual_seed(3)
    args = {"brightness": 0.4, "contrast": 0.0, "saturation": 0.3, "hue": 0.1}
    drawn = EXTRAS["jitter"].draw(g, args)
    jitter = T.ColorJitter(**args)
    torch.manual_seed(3)
    order, b, c, s, h = T.ColorJitter.get_params(
        jitter.brightness, jitter.contrast, jitter.saturation, jitter.hue
    )
    assert drawn["order"] == tuple(JITTER_ORDER[i] for i in order.tolist())
    assert (drawn["brightness"], drawn["contrast"], drawn["saturation"], drawn["hue"]) == (
        b,
        c,
        s,
        h,
    )
    assert drawn["contrast"] is None  # 0 switches a jitter off, as in torchvision

    g = torch.Generator().manual_seed(4)
    angle = EXTRAS["rotation"].draw(g, {"degrees": 30.0})["angle"]
    torch.manual_seed(4)
    assert angle == T.RandomRotation.get_params([-30.0, 30.0])
    assert -30 <= angle <= 30


def test_flip_probability_zero_and_one():
    g = torch.Generator().manual_seed(0)
    assert not any(EXTRAS["hflip"].draw(g, {"p": 0.0})["flipped"] for _ in range(50))
    assert all(EXTRAS["vflip"].draw(g, {"p": 1.0})["flipped"] for _ in range(50))
