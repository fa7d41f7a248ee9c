"""Fixtures of the feature-map tests: the bundled backbone, the cat photo, a small VGG-like net."""

from __future__ import annotations

import pytest
import torch

from core.common import backbones
from core.common.samples import load_sample
from core.feature_maps.network import (
    WEIGHTS_RANDOM,
    Network,
    backbone_network,
    model_input,
)
from tests.core.feature_maps.support import BOOK_SPEC, LITE0, BookNet


@pytest.fixture(scope="module")
def lite0():
    """The bundled backbone as the app shares it: ImageNet weights, frozen, eval mode."""
    model = backbones.build_model(LITE0).requires_grad_(False).eval()
    return backbone_network(model, backbones.get_spec(LITE0), pretrained=True)


@pytest.fixture(scope="module")
def cat():
    return load_sample("cat").image


@pytest.fixture(scope="module")
def x_cat(lite0, cat):
    return model_input(lite0, cat)


@pytest.fixture
def booknet():
    torch.manual_seed(0)
    model = BookNet().eval().requires_grad_(False)
    return Network(
        spec=BOOK_SPEC,
        stages=tuple(backbones.stages(model, BOOK_SPEC)),
        class_names=tuple(f"c{i}" for i in range(10)),
        resolution=32,
        weights=WEIGHTS_RANDOM,
        label="BookNet",
    ), model
