"""core.augmentation.transforms against torchvision itself: boxes, fallbacks, pixels, the whole pipeline, its code."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from PIL import Image
from torchvision import transforms as T
from torchvision.transforms import InterpolationMode
from torchvision.transforms import functional as F

from core.augmentation import transforms as A
from core.common.errors import UserFacingError
from core.common.i18n import TABLE
from core.common.samples import load_sample


@pytest.fixture(scope="module")
def cat() -> Image.Image:
    return load_sample("cat").image  # 451 x 300


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
    samples = A.sample_crops(img, (32, 32), scale, ratio, 12, seed)
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
    got = [s.fallback for s in A.sample_crops(img, (16, 16), scale, ratio, n, seed)]
    assert got == expected


def test_the_cases_cover_both_fitted_boxes_and_fallbacks():
    fell = [
        s.fallback
        for w, h, sc, r in CASES
        for s in A.sample_crops(_noise(w, h), (16, 16), sc, r, 32, 7)
    ]
    assert any(fell) and not all(fell)


@pytest.mark.parametrize("width,height,scale,ratio", CASES)
def test_boxes_lie_inside_the_image_and_inside_the_ranges_unless_fallback(
    width, height, scale, ratio
):
    img = _noise(width, height)
    for s in A.sample_crops(img, (16, 16), scale, ratio, 32, 3):
        top, left, h, w = s.box
        assert 0 <= top and 0 <= left and 0 < h and 0 < w
        assert top + h <= height and left + w <= width
        assert 1 <= s.attempts <= A.MAX_ATTEMPTS
        if s.fallback:
            assert s.box == A.fallback_box(height, width, ratio)
            assert s.attempts == A.MAX_ATTEMPTS
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
    assert A.fallback_box(100, 100, (3.0, 4.0)) == (33, 0, 33, 100)
    # a 16:9 image, ratios below its own: full height, narrowed to the largest ratio, centred
    assert A.fallback_box(1080, 1920, (0.5, 1.0)) == (0, 420, 1080, 1080)
    # image ratio inside the range: the whole image
    assert A.fallback_box(300, 451, (0.5, 2.0)) == (0, 0, 300, 451)
    img = _noise(100, 100)
    torch.manual_seed(0)
    assert tuple(T.RandomResizedCrop.get_params(img, [1.0, 1.0], [3.0, 4.0])) == (33, 0, 33, 100)


@pytest.mark.parametrize("interpolation", A.INTERPOLATIONS)
def test_images_are_torchvisions_resized_crops_pixel_for_pixel(cat, interpolation):
    size = (100, 200)
    samples = A.sample_crops(cat, size, (0.1, 1.0), (0.5, 2.0), 8, 5, interpolation=interpolation)
    for s in samples:
        expected = F.resized_crop(
            cat, *s.box, list(size), interpolation=InterpolationMode(interpolation), antialias=True
        )
        assert s.image.size == (200, 100)  # PIL: (width, height)
        assert np.array_equal(np.asarray(s.image), np.asarray(expected))


def test_same_seed_same_samples_other_seed_other_samples(cat):
    a = A.sample_crops(cat, (64, 64), (0.1, 1.0), (0.5, 2.0), 8, 42)
    b = A.sample_crops(cat, (64, 64), (0.1, 1.0), (0.5, 2.0), 8, 42)
    c = A.sample_crops(cat, (64, 64), (0.1, 1.0), (0.5, 2.0), 8, 43)
    assert [s.box for s in a] == [s.box for s in b]
    assert all(np.array_equal(np.asarray(x.image), np.asarray(y.image)) for x, y in zip(a, b))
    assert [s.box for s in a] != [s.box for s in c]
    assert [s.index for s in a] == list(range(1, 9))


def test_sampling_leaves_the_global_generator_alone(cat):
    torch.manual_seed(5)
    expected = torch.rand(3)
    torch.manual_seed(5)
    A.sample_crops(cat, (32, 32), (0.1, 1.0), (0.5, 2.0), 8, 1)
    assert torch.equal(torch.rand(3), expected)


ALL_EXTRAS = tuple(A.TransformStep.of(name) for name in A.EXTRAS)


@pytest.mark.parametrize(
    "extras", [(), ALL_EXTRAS, ALL_EXTRAS[2:3], ALL_EXTRAS[1:2] + ALL_EXTRAS[3:]]
)
@pytest.mark.parametrize("seed", [0, 99])
def test_pipeline_samples_equal_the_torchvision_compose_after_manual_seed(cat, extras, seed):
    pipeline = A.AugmentPipeline(
        scale=(0.2, 0.9), ratio=(0.6, 1.7), interpolation="bicubic", extras=extras, size=(96, 128)
    )
    samples = A.sample_pipeline(cat, pipeline, 6, seed)
    torch.manual_seed(seed)
    transform = pipeline.to_transform()
    for s in samples:
        expected = transform(cat)
        assert np.array_equal(np.asarray(s.image), np.asarray(expected))
        assert s.image.size == (128, 96)
    assert [name for name, _ in samples[0].extras] == [e.name for e in extras]


def test_extra_parameters_are_the_ones_torchvisions_classes_draw():
    """Each drawn parameter set matches the class's own get_params under the same seed."""
    g = torch.Generator().manual_seed(3)
    args = {"brightness": 0.4, "contrast": 0.0, "saturation": 0.3, "hue": 0.1}
    drawn = A.EXTRAS["jitter"].draw(g, args)
    jitter = T.ColorJitter(**args)
    torch.manual_seed(3)
    order, b, c, s, h = T.ColorJitter.get_params(
        jitter.brightness, jitter.contrast, jitter.saturation, jitter.hue
    )
    assert drawn["order"] == tuple(A.JITTER_ORDER[i] for i in order.tolist())
    assert (drawn["brightness"], drawn["contrast"], drawn["saturation"], drawn["hue"]) == (
        b,
        c,
        s,
        h,
    )
    assert drawn["contrast"] is None  # 0 switches a jitter off, as in torchvision

    g = torch.Generator().manual_seed(4)
    angle = A.EXTRAS["rotation"].draw(g, {"degrees": 30.0})["angle"]
    torch.manual_seed(4)
    assert angle == T.RandomRotation.get_params([-30.0, 30.0])
    assert -30 <= angle <= 30


def test_flip_probability_zero_and_one():
    g = torch.Generator().manual_seed(0)
    assert not any(A.EXTRAS["hflip"].draw(g, {"p": 0.0})["flipped"] for _ in range(50))
    assert all(A.EXTRAS["vflip"].draw(g, {"p": 1.0})["flipped"] for _ in range(50))


@pytest.mark.parametrize("size", [224, 160])
def test_to_transform_gives_square_pil_images_for_the_transfer_lab(cat, size):
    pipeline = A.AugmentPipeline(extras=ALL_EXTRAS, size=(100, 200))
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
    p = A.AugmentPipeline()
    with pytest.raises(Exception):
        p.scale = (0.5, 1.0)
    assert hash(p) == hash(A.AugmentPipeline())
    assert A.AugmentPipeline(extras=ALL_EXTRAS[:1]) != p


def test_code_runs_and_draws_the_labs_grid(cat, tmp_path, monkeypatch):
    pipeline = A.AugmentPipeline(
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
    lab = A.sample_pipeline(cat, pipeline, 5, 17)
    assert len(namespace["samples"]) == 5
    for got, s in zip(namespace["samples"], lab):
        assert np.array_equal(np.asarray(got), np.asarray(s.image))
    assert "size=(100, 200)" in code and "InterpolationMode.NEAREST" in code
    assert "ColorJitter(brightness=0.4, contrast=0.4, saturation=0.4, hue=0.1)" in code


def test_code_without_seed_is_just_the_pipeline():
    code = A.AugmentPipeline().code()
    namespace: dict = {}
    exec(code, namespace)
    assert repr(namespace["augment"]) == repr(A.AugmentPipeline().to_transform())
    assert "manual_seed" not in code


@pytest.mark.parametrize(
    "kwargs,key",
    [
        (dict(scale=(0.9, 0.2)), "augmentation.error.range_reversed"),
        (dict(ratio=(2.0, 0.5)), "augmentation.error.range_reversed"),
        (dict(scale=(float("nan"), 1.0)), "augmentation.error.range_invalid"),
        (dict(ratio=(0.0, 2.0)), "augmentation.error.range_outside"),
        (dict(scale=(0.0, 0.0)), "augmentation.error.range_outside"),
        (dict(size=(0, 224)), "augmentation.error.size"),
        (dict(size=(224, 5000)), "augmentation.error.size"),
    ],
)
def test_impossible_settings_are_explained_not_applied(kwargs, key):
    with pytest.raises(UserFacingError) as err:
        A.AugmentPipeline(**kwargs)
    assert err.value.key == key
    assert key in TABLE


def test_crop_count_is_bounded(cat):
    for n in (0, A.MAX_CROPS + 1):
        with pytest.raises(UserFacingError) as err:
            A.sample_crops(cat, (16, 16), (0.1, 1.0), (0.5, 2.0), n, 0)
        assert err.value.key == "augmentation.error.count"


def test_reversed_range_detects_only_reversed_pairs():
    assert A.reversed_range("0.9,0.2") == (0.9, 0.2)
    assert A.reversed_range("0.2,0.9") is None
    assert A.reversed_range("abc") is None
    assert A.reversed_range(None) is None
    assert A.reversed_range("1,2,3") is None


def test_extras_must_follow_the_catalogue_order():
    with pytest.raises(ValueError):
        A.AugmentPipeline(extras=(A.TransformStep.of("rotation"), A.TransformStep.of("hflip")))
    with pytest.raises(ValueError):
        A.AugmentPipeline(extras=(A.TransformStep.of("hflip"), A.TransformStep.of("hflip")))


def test_every_knob_has_a_label_help_and_a_url_codec_that_round_trips():
    knobs = A.all_knobs()
    assert {k.key for k in knobs} >= {
        "aug_size_h",
        "aug_size_w",
        "aug_scale",
        "aug_ratio",
        "aug_seed",
        "aug_rows",
        "aug_cols",
    }
    assert len({k.key for k in knobs}) == len(knobs)
    for k in knobs:
        assert k.label_key in TABLE and k.help_key in TABLE, k.key
        assert k.param.parse(k.param.format(k.default)) == k.default
    for spec in A.EXTRAS.values():
        assert spec.label_key in TABLE
        assert hasattr(T, spec.torch_class)
    for mode in A.INTERPOLATIONS:
        assert f"augmentation.interp.{mode}" in TABLE
        InterpolationMode(mode)


def test_notes_settings_are_valid_knob_values():
    by_key = {k.key: k for k in A.all_knobs()}
    for key, value in A.NOTES_SETTINGS.items():
        param = by_key[key].param
        assert param.parse(param.format(value)) == value
    # MXNet's size=(200,100) is (width, height): torchvision's (h, w) = (100, 200)
    assert (A.NOTES_SETTINGS["aug_size_h"], A.NOTES_SETTINGS["aug_size_w"]) == (100, 200)
    assert "size=(200,100)" in A.NOTES_MXNET_LINE


# --------------------------------------------------------------------------- distributions


def test_box_statistics_start_with_the_grids_boxes(cat):
    stats = A.box_statistics(cat.height, cat.width, (0.1, 1.0), (0.5, 2.0), 1000, 8)
    grid = A.sample_crops(cat, (32, 32), (0.1, 1.0), (0.5, 2.0), 8, 8)
    assert stats.n == 1000
    np.testing.assert_allclose(stats.area_fraction[:8], [s.area_fraction for s in grid])
    np.testing.assert_allclose(stats.log_ratio[:8], [math.log(s.aspect_ratio) for s in grid])
    assert list(stats.fallback[:8]) == [s.fallback for s in grid]


def test_fitted_boxes_fill_the_chosen_ranges():
    stats = A.box_statistics(1080, 1920, (0.1, 1.0), (0.5, 2.0), 4000, 0)
    fitted = ~stats.fallback
    assert stats.area_fraction[fitted].min() >= 0.1 - 0.01 and stats.area_fraction.max() <= 1.0
    assert stats.log_ratio[fitted].min() >= math.log(0.5) - 0.01
    assert stats.log_ratio[fitted].max() <= math.log(2.0) + 0.01
    # areas below exp(-|ln 0.5 - ln(16/9)|) = 0.28 fit for every ratio: their density is flat;
    # large areas fit only for ratios near 16:9, so they are rarer
    area = stats.area_fraction[fitted]
    low, high = ((area >= 0.10) & (area < 0.19)).sum(), ((area >= 0.19) & (area < 0.28)).sum()
    assert abs(low - high) < 0.15 * (low + high) / 2
    assert ((area >= 0.90) & (area < 0.99)).sum() < 0.5 * low


@pytest.mark.parametrize(
    "height,width,scale,ratio",
    [
        (1080, 1920, (0.1, 1.0), (0.5, 2.0)),
        (1080, 1920, (0.6, 1.0), (0.25, 4.0)),
        (900, 300, (0.5, 1.0), (0.25, 4.0)),
        (300, 451, (0.9, 1.0), (0.2, 5.0)),
    ],
)
def test_measured_acceptance_and_fallback_match_the_formula(height, width, scale, ratio):
    """Monte Carlo through torchvision's own algorithm vs the closed-form acceptance."""
    stats = A.box_statistics(height, width, scale, ratio, 3000, 1)
    p = A.acceptance_probability(height, width, scale, ratio)
    proposals = stats.attempts.sum()
    assert abs(stats.attempt_acceptance - p) < 4 * math.sqrt(p * (1 - p) / proposals) + 0.01
    q = A.expected_fallback_rate(height, width, scale, ratio)
    assert abs(stats.fallback_rate - q) < 4 * math.sqrt(max(q * (1 - q), 1e-4) / stats.n) + 0.01
    assert stats.mean_attempts >= 1


def test_acceptance_probability_against_a_brute_force_count():
    rng = np.random.default_rng(0)
    h, w, scale, ratio = 1080, 1920, (0.3, 1.0), (0.3, 3.0)
    s = rng.uniform(*scale, 400_000)
    r = np.exp(rng.uniform(np.log(ratio[0]), np.log(ratio[1]), 400_000))
    fits = (np.sqrt(s * h * w * r) <= w) & (np.sqrt(s * h * w / r) <= h)
    assert A.acceptance_probability(h, w, scale, ratio) == pytest.approx(fits.mean(), abs=0.004)
    assert A.acceptance_probability(h, w, (0.1, 0.1), (1.0, 1.0)) == 1.0
    assert A.acceptance_probability(100, 100, (1.0, 1.0), (3.0, 4.0)) == 0.0


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
                int(rng.integers(0, A.MAX_SEED)),
            )
        )
    fallbacks = 0
    for height, width, scale, ratio, seed in settings:
        bulk = A._bulk_crop_boxes(seed, height, width, scale, ratio, 600)
        g = torch.Generator().manual_seed(seed)
        one_by_one = [A.draw_crop_box(g, height, width, scale, ratio) for _ in range(600)]
        assert bulk == one_by_one, (height, width, scale, ratio, seed)
        fallbacks += sum(d.fallback for d in bulk)
    assert fallbacks > 0, "the fallback path was exercised"
