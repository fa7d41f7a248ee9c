"""core.augmentation.pipeline against torchvision itself: the Compose, the transfer lab's
transform, the code a student copies."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import torch
from PIL import Image
from torchvision import transforms as T
from torchvision.transforms import InterpolationMode

from core.augmentation.extras import EXTRAS
from core.augmentation.pipeline import AugmentPipeline, TransformStep
from core.augmentation.sampling import sample_pipeline

ALL_EXTRAS = tuple(TransformStep.of(name) for name in EXTRAS)


@pytest.mark.parametrize(
    "extras", [(), ALL_EXTRAS, ALL_EXTRAS[2:3], ALL_EXTRAS[1:2] + ALL_EXTRAS[3:]]
)
@pytest.mark.parametrize("seed", [0, 99])
def test_pipeline_samples_equal_the_torchvision_compose_after_manual_seed(cat, extras, seed):
    pipeline = AugmentPipeline(
        scale=(0.2, 0.9), ratio=(0.6, 1.7), interpolation="bicubic", extras=extras, size=(96, 128)
    )
    samples = sample_pipeline(cat, pipeline, 6, seed)
    torch.manual_seed(seed)
    transform = pipeline.to_transform()
    for s in samples:
        expected = transform(cat)
        assert np.array_equal(np.asarray(s.image), np.asarray(expected))
        assert s.image.size == (128, 96)
    assert [name for name, _ in samples[0].extras] == [e.name for e in extras]


@pytest.mark.parametrize("size", [224, 160])
def test_to_transform_gives_square_pil_images_for_the_transfer_lab(cat, size):
    pipeline = AugmentPipeline(extras=ALL_EXTRAS, size=(100, 200))
    transform = pipeline.to_transform(size)
    out = transform(cat)
    assert isinstance(out, Image.Image) and out.size == (size, size)
    kinds = [type(t).__name__ for t in transform.transforms]
    assert kinds == [
        "RandomResizedCrop",
        "RandomHorizontalFlip",
        "RandomVerticalFlip",
        "ColorJitter",
        "RandomRotation",
    ]
    rrc = transform.transforms[0]
    assert rrc.size == (size, size) and rrc.scale == (0.1, 1.0) and rrc.ratio == (0.5, 2.0)
    assert rrc.interpolation == InterpolationMode.BILINEAR and rrc.antialias is True
    # the transfer lab appends ToTensor/Normalize
    tensor = T.Compose([transform, T.ToTensor()])(cat)
    assert tuple(tensor.shape) == (3, size, size)


def test_pipeline_is_frozen_and_hashable():
    p = AugmentPipeline()
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.scale = (0.5, 1.0)
    assert hash(p) == hash(AugmentPipeline())
    assert AugmentPipeline(extras=ALL_EXTRAS[:1]) != p


def test_code_runs_and_draws_the_labs_grid(cat, tmp_path, monkeypatch):
    pipeline = AugmentPipeline(
        scale=(0.3, 0.8),
        ratio=(0.5, 2.0),
        interpolation="nearest",
        extras=ALL_EXTRAS,
        size=(100, 200),
    )
    cat.save(tmp_path / "cat.png")
    monkeypatch.chdir(tmp_path)
    code = pipeline.code(seed=17, n=5, image_path="cat.png")
    namespace: dict = {}
    exec(compile(code, "<lab code>", "exec"), namespace)
    lab = sample_pipeline(cat, pipeline, 5, 17)
    assert len(namespace["samples"]) == 5
    for got, s in zip(namespace["samples"], lab):
        assert np.array_equal(np.asarray(got), np.asarray(s.image))
    assert "size=(100, 200)" in code and "InterpolationMode.NEAREST" in code
    assert "ColorJitter(brightness=0.4, contrast=0.4, saturation=0.4, hue=0.1)" in code


def test_code_without_seed_is_just_the_pipeline():
    code = AugmentPipeline().code()
    namespace: dict = {}
    exec(code, namespace)
    assert repr(namespace["augment"]) == repr(AugmentPipeline().to_transform())
    assert "manual_seed" not in code


def test_extras_must_follow_the_catalogue_order():
    with pytest.raises(ValueError):
        AugmentPipeline(extras=(TransformStep.of("rotation"), TransformStep.of("hflip")))
    with pytest.raises(ValueError):
        AugmentPipeline(extras=(TransformStep.of("hflip"), TransformStep.of("hflip")))
