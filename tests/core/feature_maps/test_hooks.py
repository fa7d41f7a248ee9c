"""Hooks on the shared models (core.feature_maps.hooks): none left behind, nothing changed,
other threads unseen."""

from __future__ import annotations

import threading

import numpy as np
import pytest
import torch

from core.common.errors import UserFacingError
from core.common.samples import load_sample
from core.feature_maps.gradcam import grad_cam
from core.feature_maps.layers import (
    list_layers,
)
from core.feature_maps.maps import (
    feature_maps,
)
from core.feature_maps.network import (
    finetuned_network,
    model_input,
    predict,
)
from tests.core.feature_maps.support import (
    all_hooks,
    assert_unchanged,
    finetuned_lite0,
    snapshot,
)

# ---------------------------------------------------------------- the shared model stays as it was


def test_hundred_uses_leave_no_hook_and_no_change(lite0, x_cat, booknet):
    net, _ = booknet
    assert not all_hooks()
    before = snapshot(lite0)
    layers = list_layers(lite0)
    x_bad = torch.zeros(1, 4, 224, 224)  # the wrong channel count: fails inside the forward
    for i in range(100):
        layer = layers[(7 * i) % len(layers)]
        feature_maps(lite0, layer, x_cat)
        if i % 4 == 0:
            grad_cam(lite0, layer, x_cat, None if i % 8 else 281)
        if i % 10 == 0:
            list_layers(net)
            with pytest.raises(RuntimeError):
                feature_maps(lite0, "bn2", x_bad)
            with pytest.raises(RuntimeError):
                grad_cam(lite0, "bn2", x_bad)
            with pytest.raises(UserFacingError):
                grad_cam(lite0, "bn2", x_cat, 1000)
    assert all_hooks() == []
    assert_unchanged(before, lite0)
    assert all(not p.requires_grad for p in lite0.model.parameters())
    assert not lite0.model.training


def test_a_model_left_in_training_mode_is_run_in_eval_mode_and_left_as_it_was(lite0, cat):
    ft = finetuned_lite0(lite0)
    fnet = finetuned_network(ft)
    head = fnet.stages[-1].module
    head.train()
    before = snapshot(fnet)
    x = model_input(fnet, cat)
    grad_cam(fnet, "blocks.6", x)
    predict(fnet, cat)
    assert head.training
    assert_unchanged(before, fnet)


def test_hooks_ignore_other_threads_running_the_same_shared_model(lite0, cat):
    """Two visitors at once: each sees the maps of its own image."""
    images = [model_input(lite0, load_sample(n).image) for n in ("cat", "coffee")]
    expected = [feature_maps(lite0, "blocks.3", x) for x in images]
    cams = [grad_cam(lite0, "blocks.5", x).cam for x in images]
    errors = []

    def worker(k: int) -> None:
        try:
            for _ in range(6):
                torch.testing.assert_close(
                    feature_maps(lite0, "blocks.3", images[k]), expected[k], rtol=0, atol=0
                )
                np.testing.assert_allclose(
                    grad_cam(lite0, "blocks.5", images[k]).cam,
                    cams[k],
                    rtol=1e-5,
                    atol=1e-7,
                )
        except Exception as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=worker, args=(k % 2,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert all_hooks() == []
