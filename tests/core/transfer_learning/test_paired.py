"""Paired runs differ only in what they compare: augmentation, or pretrained weights."""

from __future__ import annotations

from dataclasses import asdict

import pytest
from torchvision import transforms as T

from core.common import backbones
from core.common.theme import NORMAL
from core.transfer_learning import strategy as transfer
from core.transfer_learning.frozen_pass import ActivationCache
from core.transfer_learning.paired import (
    augmentation_pair,
    gap,
    paired_figure,
    pretrained_pair,
)
from core.transfer_learning.plan import RunSettings
from tests.core.transfer_learning.runs import NAME, image_sets


def _augment(resolution: int):
    return T.Compose([T.RandomResizedCrop(resolution, scale=(0.5, 1.0)), T.RandomHorizontalFlip()])


def _settings(stage_list, data, preset="head", **kw):
    infos = transfer.group_infos(stage_list, len(data.class_names))
    values = dict(epochs=2, lr=3e-3, batch_size=8, optimizer="adam", resolution=64, views=1)
    values.update(kw)
    return RunSettings(NAME, transfer.trainable_names(infos, preset), preset, **values)


def _augment_pair(lite0, shapes, cache):
    spec, _, stage_list = lite0
    train, val = image_sets(shapes)
    settings = _settings(stage_list, shapes)
    return augmentation_pair(
        stage_list, spec, settings, train, val, shapes.class_names, _augment, "rrc", cache
    )


def test_the_augmentation_pair_differs_only_in_augmentation(lite0, shapes):
    pair = _augment_pair(lite0, shapes, ActivationCache()).run_to_end()
    off, on = pair.runs
    a, b = asdict(off.settings), asdict(on.settings)
    assert {k for k in a if a[k] != b[k]} == {"augment"}
    assert (a["augment"], b["augment"]) == (False, True)
    assert off.train_set is on.train_set and off.val_set is on.val_set
    assert off.stage_list == on.stage_list
    assert off.augment is None and on.augment is not None
    assert off.plan.views == 0 and on.plan.views == 1  # cached augmented views of the images
    assert [r.train_loss for r in off.history] != [r.train_loss for r in on.history]
    # nothing else differs: the same run without augmentation repeats the "off" run exactly
    again = _augment_pair(lite0, shapes, ActivationCache()).runs[0].run_to_end()
    assert [r.train_loss for r in again.history] == [r.train_loss for r in off.history]
    assert [r.val_acc for r in again.history] == [r.val_acc for r in off.history]


def test_the_pretrained_pair_differs_only_in_the_weights(lite0, shapes):
    spec, _, stage_list = lite0
    random_model = backbones.build_model(NAME, pretrained=False).requires_grad_(False).eval()
    random_stages = backbones.stages(random_model, spec)
    train, val = image_sets(shapes)
    settings = _settings(stage_list, shapes, preset="last_block")
    shared = ActivationCache()
    with pytest.raises(ValueError):
        pretrained_pair(
            random_stages,
            stage_list,
            spec,
            settings,
            train,
            val,
            shapes.class_names,
            shared,
            shared,
        )
    pair = pretrained_pair(
        random_stages,
        stage_list,
        spec,
        settings,
        train,
        val,
        shapes.class_names,
        ActivationCache(),
        shared,
    ).run_to_end()
    scratch, pretrained = pair.runs
    assert scratch.settings == pretrained.settings
    assert scratch.train_set is pretrained.train_set
    assert [s.name for s in scratch.stage_list] == [s.name for s in pretrained.stage_list]
    first_weights = [next(s.module.parameters(), None) for s in (random_stages[0], stage_list[0])]
    assert not (first_weights[0] == first_weights[1]).all()
    assert scratch.stage_list[0] is random_stages[0] and pretrained.stage_list[0] is stage_list[0]
    assert scratch.cache is not pretrained.cache
    assert [r.val_loss for r in scratch.history] != [r.val_loss for r in pretrained.history]
    assert gap(pretrained.history) == pytest.approx(
        pretrained.history[-1].train_acc - pretrained.history[-1].val_acc
    )
    fig = paired_figure(pair, NORMAL, "en")
    assert len(fig.data) == 6  # per run: training, validation, gap
    assert fig.data[0].name.startswith("Random weights")


def test_gap_of_no_epochs_is_none():
    assert gap([]) is None
