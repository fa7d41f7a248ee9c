"""Networks (core.feature_maps.network): predictions, frozen groups, weight fingerprints."""

from __future__ import annotations

import dataclasses

import pytest
import torch

from core.common import backbones
from core.feature_maps.network import (
    finetuned_network,
    model_input,
    predict,
    stages_unchanged,
    weights_fingerprint,
)
from tests.core.feature_maps.support import (
    LITE0,
    finetuned_lite0,
    random_network,
)

# ---------------------------------------------------------------- predictions, comparisons


def test_predictions(lite0, cat):
    top = predict(lite0, cat)
    assert top == backbones.classify(lite0.model, lite0.spec, cat)
    assert 281 <= top[0].index <= 285
    ft = finetuned_lite0(lite0)
    fnet = finetuned_network(ft)
    top = predict(fnet, cat)
    with torch.no_grad():
        probs = ft.model(model_input(fnet, cat)).softmax(1)[0]
    assert [p.index for p in top] == probs.argsort(descending=True).tolist()
    assert top[0].probability == pytest.approx(float(probs.max()))
    assert {p.label for p in top} == {"Cat", "Dog"}


def test_frozen_groups_are_recognised_as_unchanged(lite0):
    start = dataclasses.replace(lite0, resolution=160)
    fnet = finetuned_network(finetuned_lite0(lite0, train_from=7))
    assert stages_unchanged(fnet, start, 6)  # blocks1..blocks7 shared
    assert not stages_unchanged(fnet, start, 8)  # conv_head was trained
    frozen = finetuned_network(finetuned_lite0(lite0))
    assert stages_unchanged(frozen, start, 8)


def test_weights_fingerprint_tells_weights_apart(lite0):
    a = weights_fingerprint(lite0)
    assert a == weights_fingerprint(lite0)
    assert a != weights_fingerprint(random_network(LITE0))
    assert a != weights_fingerprint(dataclasses.replace(lite0, resolution=160))
    ft = finetuned_lite0(lite0)
    b = weights_fingerprint(finetuned_network(ft))
    with torch.no_grad():
        ft.stages[-1].module.weight[0, 0] += 1.0
    assert b != weights_fingerprint(finetuned_network(ft))
