"""core.augmentation.sampling against torchvision itself: boxes, fallbacks, pixels, seeds."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image
from torchvision import transforms as T
from torchvision.transforms import InterpolationMode
from torchvision.transforms import functional as F

from core.augmentation.checks import MAX_CROPS
from core.augmentation.controls import INTERPOLATIONS, MAX_SEED
from core.augmentation.distributions import _bulk_crop_boxes
from core.augmentation.sampling import (
    MAX_ATTEMPTS,
    draw_crop_box,
    fallback_box,
    fallback_count,
    sample_crops,
)
from core.common.errors import UserFacingError


def _noise(width: int, height: int, seed: int = 0) -> Image.Image:
    rng = np.random.default_rng(seed)
    return Image.fromarray(rng.integers(0, 256, (height, width, 3), dtype=np.uint8), "RGB")


def _torchvision_boxes(img, scale, ratio, n, seed):
    torch.manual_seed(seed)
    return [tuple(T.RandomResizedCrop.get_params(img, list(scale), list(ratio))) for _ in range(n)]


CASES = [  # (width, height, scale, ratio)
    (451, 300, (0.1, 1.0), (0.5, 2.0)),  # the notes' settings on the sample cat
    (1920, 1080, (0.08, 1.0), (3 / 4, 4 / 3)),  # torchvision's defaults on a 16:9 photo
    (300, 900, (0.5, 1.0), (0.25, 4.0)),  # tall image, wide ratio range: many rejections
    (64, 48, (0.9, 1.0), (2.0, 3.0)),  # small image, ratio far from its own: fallbacks
    (100, 100, (1.0, 1.0), (1.0, 1.0)),  # degenerate ranges
]


@pytest.mark.parametrize("width,height,scale,ratio", CASES)
@pytest.mark.parametrize("seed", [0, 1, 12345])
def test_boxes_are_the_boxes_torchvision_draws_after_the_same_seed(
    width, height, scale, ratio, seed
):
    img = _noise(width, height)
    samples = sample_crops(img, (32, 32), scale, ratio, 12, seed)
    assert [s.box for s in samples] == _torchvision_boxes(img, scale, ratio, 12, seed)


@pytest.mark.parametrize("width,height,scale,ratio", CASES)
def test_fallback_flag_is_true_exactly_when_torchvision_fell_back(
    width, height, scale, ratio, monkeypatch
):
    """Oracle: torchvision's get_params calls torch.randint only for a proposal that fitted."""
    img = _noise(width, height)
    n, seed = 32, 7
    real_randint = torch.randint
    calls = []

    def counting_randint(*args, **kwargs):
        calls.append(1)
        return real_randint(*args, **kwargs)

    torch.manual_seed(seed)
    expected = []
    monkeypatch.setattr(torch, "randint", counting_randint)
    for _ in range(n):
        before = len(calls)
        T.RandomResizedCrop.get_params(img, list(scale), list(ratio))
        expected.append(len(calls) == before)
    monkeypatch.setattr(torch, "randint", real_randint)
    got = [s.fallback for s in sample_crops(img, (16, 16), scale, ratio, n, seed)]
    assert got == expected


def test_the_cases_cover_both_fitted_boxes_and_fallbacks():
    fell = [
        s.fallback
        for w, h, sc, r in CASES
        for s in sample_crops(_noise(w, h), (16, 16), sc, r, 32, 7)
    ]
    assert any(fell) and not all(fell)


@pytest.mark.parametrize("width,height,scale,ratio", CASES)
def test_boxes_lie_inside_the_image_and_inside_the_ranges_unless_fallback(
    width, height, scale, ratio
):
    img = _noise(width, height)
    for s in sample_crops(img, (16, 16), scale, ratio, 32, 3):
        top, left, h, w = s.box
        assert 0 <= top and 0 <= left and 0 < h and 0 < w
        assert top + h <= height and left + w <= width
        assert 1 <= s.attempts <= MAX_ATTEMPTS
        if s.fallback:
            assert s.box == fallback_box(height, width, ratio)
            assert s.attempts == MAX_ATTEMPTS
            continue
        # w = round(sqrt(s*area*r)), h = round(sqrt(s*area/r)) with s in scale, r in ratio:
        # so s*area lies in [(w-.5)(h-.5), (w+.5)(h+.5)] and r in [(w-.5)/(h+.5), (w+.5)/(h-.5)]
        area = width * height
        assert (w + 0.5) * (h + 0.5) >= scale[0] * area * (1 - 1e-6)
        assert (w - 0.5) * (h - 0.5) <= scale[1] * area * (1 + 1e-6)
        assert (w + 0.5) / max(h - 0.5, 1e-9) >= ratio[0] * (1 - 1e-6)
        assert (w - 0.5) / (h + 0.5) <= ratio[1] * (1 + 1e-6)


def test_fallback_is_the_centre_crop_clamped_to_the_ratio_range():
    # a square image, ratios far above 1: the widest allowed crop, centred
    assert fallback_box(100, 100, (3.0, 4.0)) == (33, 0, 33, 100)
    # a 16:9 image, ratios below its own: full height, narrowed to the largest ratio, centred
    assert fallback_box(1080, 1920, (0.5, 1.0)) == (0, 420, 1080, 1080)
    # image ratio inside the range: the whole image
    assert fallback_box(300, 451, (0.5, 2.0)) == (0, 0, 300, 451)
    img = _noise(100, 100)
    torch.manual_seed(0)
    assert tuple(T.RandomResizedCrop.get_params(img, [1.0, 1.0], [3.0, 4.0])) == (33, 0, 33, 100)


@pytest.mark.parametrize("interpolation", INTERPOLATIONS)
def test_images_are_torchvisions_resized_crops_pixel_for_pixel(cat, interpolation):
    size = (100, 200)
    samples = sample_crops(cat, size, (0.1, 1.0), (0.5, 2.0), 8, 5, interpolation=interpolation)
    for s in samples:
        expected = F.resized_crop(
            cat, *s.box, list(size), interpolation=InterpolationMode(interpolation), antialias=True
        )
        assert s.image.size == (200, 100)  # PIL: (width, height)
        assert np.array_equal(np.asarray(s.image), np.asarray(expected))


def test_same_seed_same_samples_other_seed_other_samples(cat):
    a = sample_crops(cat, (64, 64), (0.1, 1.0), (0.5, 2.0), 8, 42)
    b = sample_crops(cat, (64, 64), (0.1, 1.0), (0.5, 2.0), 8, 42)
    c = sample_crops(cat, (64, 64), (0.1, 1.0), (0.5, 2.0), 8, 43)
    assert [s.box for s in a] == [s.box for s in b]
    assert all(np.array_equal(np.asarray(x.image), np.asarray(y.image)) for x, y in zip(a, b))
    assert [s.box for s in a] != [s.box for s in c]
    assert [s.index for s in a] == list(range(1, 9))


def test_sampling_leaves_the_global_generator_alone(cat):
    torch.manual_seed(5)
    expected = torch.rand(3)
    torch.manual_seed(5)
    sample_crops(cat, (32, 32), (0.1, 1.0), (0.5, 2.0), 8, 1)
    assert torch.equal(torch.rand(3), expected)


def test_crop_count_is_bounded(cat):
    for n in (0, MAX_CROPS + 1):
        with pytest.raises(UserFacingError) as err:
            sample_crops(cat, (16, 16), (0.1, 1.0), (0.5, 2.0), n, 0)
        assert err.value.key == "augmentation.error.count"


def test_bulk_box_draws_equal_the_one_by_one_draws():
    """box_statistics draws in bulk (few torch calls: each call releases the GIL, and a
    server thread making thousands of them crawls beside busy sessions); the boxes must be
    exactly draw_crop_box's, proposal by proposal, on many shapes, ranges and seeds."""
    rng = np.random.default_rng(7)
    settings = [
        (224, 224, (0.08, 1.0), (0.75, 4 / 3), 0),
        (300, 451, (0.1, 1.0), (0.5, 2.0), 12),
        (1080, 1920, (0.9, 1.0), (0.2, 0.3), 5),
    ]  # the last falls back often
    for _ in range(25):
        s0 = float(rng.uniform(0.01, 1.0))
        r0 = float(rng.uniform(0.1, 2.0))
        settings.append(
            (
                int(rng.integers(8, 2500)),
                int(rng.integers(8, 2500)),
                (s0, float(rng.uniform(s0, 1.0))),
                (r0, float(rng.uniform(r0, 4.0))),
                int(rng.integers(0, MAX_SEED)),
            )
        )
    fallbacks = 0
    for height, width, scale, ratio, seed in settings:
        bulk = _bulk_crop_boxes(seed, height, width, scale, ratio, 600)
        g = torch.Generator().manual_seed(seed)
        one_by_one = [draw_crop_box(g, height, width, scale, ratio) for _ in range(600)]
        assert bulk == one_by_one, (height, width, scale, ratio, seed)
        fallbacks += sum(d.fallback for d in bulk)
    assert fallbacks > 0, "the fallback path was exercised"


def test_the_fallback_count_is_the_number_of_centre_crops_torchvision_would_take():
    """A small image and ratios far from its own: some draws fall back, not all."""
    img = _noise(64, 48)
    samples = sample_crops(img, (16, 16), (0.5, 1.0), (2.0, 3.0), 32, 7)
    centre = fallback_box(48, 64, (2.0, 3.0))
    count = fallback_count(samples)
    assert 0 < count < len(samples)
    assert count == sum(s.box == centre and s.attempts == MAX_ATTEMPTS for s in samples)
    assert fallback_count([]) == 0
