"""Shared by the transfer lab's core tests: a small training run on the bundled backbone."""

from __future__ import annotations

from core.common import backbones
from core.transfer_learning import strategy as transfer
from core.transfer_learning.datasets import synthetic_shapes
from core.transfer_learning.plan import ImageSet, RunSettings
from core.transfer_learning.training import TrainingRun

NAME = "efficientnet_lite0"


def lite0_parts():
    """The bundled backbone, frozen, with its stages (what the lab's cached model gives)."""
    spec = backbones.get_spec(NAME)
    model = backbones.build_model(NAME).requires_grad_(False).eval()
    return spec, model, backbones.stages(model, spec)


def shapes_data():
    return synthetic_shapes(10, seed=0)


def image_sets(data):
    train, val = data.split()
    return [
        ImageSet(data.images, data.fingerprint, tuple(r), tuple(data.labels[i] for i in r))
        for r in (train, val)
    ]


def training_run(lite0, data, preset="head", cache=None, **kw):
    spec, model, stage_list = lite0
    infos = transfer.group_infos(stage_list, len(data.class_names))
    settings = dict(
        epochs=3, lr=transfer.RECOMMENDED_LR[preset], batch_size=8, optimizer="adam", resolution=96
    )
    settings.update(kw.pop("settings", {}))
    s = RunSettings(NAME, transfer.trainable_names(infos, preset), preset, **settings)
    train, val = image_sets(data)
    return TrainingRun(stage_list, spec, s, train, val, data.class_names, cache=cache, **kw)
