"""The frozen part's output: preprocessing, the cache, and features equal to timm's own."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image

from core.common import backbones
from core.transfer_learning import frozen_pass as tf
from core.transfer_learning.datasets import synthetic_shapes


@pytest.fixture(scope="module")
def lite0():
    spec = backbones.get_spec("efficientnet_lite0")
    model = backbones.build_model("efficientnet_lite0").requires_grad_(False).eval()
    return spec, model, backbones.stages(model, spec)


@pytest.fixture(scope="module")
def images():
    rng = np.random.default_rng(0)
    shapes = list(synthetic_shapes(3, seed=1).images)
    odd = [
        Image.fromarray(rng.integers(0, 256, (h, w, 3), dtype=np.uint8))
        for h, w in ((90, 300), (256, 341), (200, 200))
    ]
    return shapes + odd


@pytest.mark.parametrize("name", ["efficientnet_lite0", "resnet18"])
@pytest.mark.parametrize("resolution", [96, 160, 224])
def test_preprocessing_equals_torchvisions_pipeline(images, name, resolution):
    from torchvision.transforms import v2

    spec = backbones.get_spec(name)
    p = spec.preprocess
    reference = v2.Compose(
        [  # torchvision's own v2 pipeline on uint8 tensors
            v2.PILToTensor(),
            v2.Resize(
                p.resize_for(resolution),
                interpolation=v2.InterpolationMode(p.interpolation),
                antialias=True,
            ),
            v2.CenterCrop(resolution),
            v2.ToDtype(torch.float32, scale=True),
            v2.Normalize(p.mean, p.std),
        ]
    )
    pixels = tf.pixel_tensor([backbones.eval_pixels(img, spec, resolution) for img in images])
    assert pixels.dtype == torch.uint8 and pixels.shape == (len(images), 3, resolution, resolution)
    expected = torch.stack([reference(img) for img in images])
    torch.testing.assert_close(backbones.normalize(pixels, spec), expected, rtol=0, atol=1e-6)
    ours = torch.stack([backbones.eval_transform(spec, resolution)(img) for img in images])
    assert torch.equal(ours, backbones.normalize(pixels, spec))


@pytest.mark.parametrize("name", ["efficientnet_lite0", "resnet18"])
def test_tensor_resizing_stays_within_two_levels_of_pil(images, name):
    """The classic PIL pipeline the weights were published with differs by rounding only."""
    from torchvision import transforms as T

    spec = backbones.get_spec(name)
    p = spec.preprocess
    pil = T.Compose(
        [
            T.Resize(
                p.resize_for(160),
                interpolation=T.InterpolationMode(p.interpolation),
                antialias=True,
            ),
            T.CenterCrop(160),
            T.PILToTensor(),
        ]
    )
    for img in images:
        diff = backbones.eval_pixels(img, spec, 160).int() - pil(img).int()
        assert diff.abs().max() <= 2


def test_cached_features_equal_timms_own_pooled_features(lite0, images):
    spec, model, stage_list = lite0
    head = len(stage_list) - 1
    key = tf.ActivationKey("imgs", spec.name, 160, head)
    cache = tf.ActivationCache()
    ours = tf.activations(stage_list, spec, images, key, cache)
    x = torch.stack([backbones.eval_transform(spec, 160)(img) for img in images])
    with torch.no_grad():  # timm's own path, NCHW, one batch: an independent reference
        reference = model.forward_head(model.forward_features(x), pre_logits=True)
    assert ours.shape == (len(images), 1280)
    torch.testing.assert_close(ours, reference, rtol=1e-4, atol=1e-4)
    assert cache.get(key) is not None
    again = tf.activations(stage_list, spec, images, key, cache)
    assert again is cache.get(key), "a second request is served from the cache"
    assert not ours.is_inference() and not ours.requires_grad


def test_boundary_activations_and_the_deepest_cached_start(lite0, images):
    spec, model, stage_list = lite0
    cache = tf.ActivationCache()
    at7 = tf.activations(stage_list, spec, images, tf.ActivationKey("i", spec.name, 128, 7), cache)
    x = torch.stack([backbones.eval_transform(spec, 128)(img) for img in images])
    with torch.no_grad():
        reference7 = backbones.run_stages(stage_list, x, 0, 7)
    torch.testing.assert_close(at7, reference7, rtol=1e-4, atol=1e-4)
    # pooled features continue from the cached boundary-7 activations ...
    key = tf.ActivationKey("i", spec.name, 128, len(stage_list) - 1)
    assert cache.deepest(key)[0] == 7
    continued = tf.activations(stage_list, spec, images, key, cache)
    with torch.no_grad():
        reference = backbones.run_stages(stage_list, x, 0, len(stage_list) - 1)
    torch.testing.assert_close(continued, reference, rtol=1e-4, atol=1e-4)
    # ... and boundary 0 keeps the preprocessed pixels themselves, as uint8
    pixels = tf.activations(stage_list, spec, images, tf.ActivationKey("i", spec.name, 128, 0))
    assert pixels.dtype == torch.uint8
    assert torch.equal(backbones.normalize(pixels, spec), x)


def test_cache_is_bounded_and_least_recently_used_goes_first():
    cache = tf.ActivationCache(max_bytes=1000)
    keys = [tf.ActivationKey(str(i), "m", 96, 1) for i in range(4)]
    for k in keys[:3]:
        assert cache.put(k, torch.zeros(75))  # 300 bytes each
    cache.get(keys[0])  # recently used
    cache.put(keys[3], torch.zeros(75))
    assert keys[0] in cache and keys[1] not in cache and keys[3] in cache
    assert cache.used_bytes <= 1000
    assert not cache.put(tf.ActivationKey("big", "m", 96, 1), torch.zeros(1000))
    deeper = tf.ActivationKey("0", "m", 96, 5)
    assert cache.deepest(deeper)[0] == 1
    assert cache.deepest(tf.ActivationKey("0", "m", 128, 5)) is None  # other resolution


def test_stopping_midway_cancels_the_queued_work(lite0, images):
    spec, model, stage_list = lite0
    key = tf.ActivationKey("stop", spec.name, 96, 3)
    cache = tf.ActivationCache()
    gen = tf.compute_activations(stage_list, spec, images * 4, key, cache, batch_size=2)
    assert next(gen) == 2
    gen.close()
    assert key not in cache, "an unfinished pass is never cached"


def test_seeded_augmented_views_are_reproducible(lite0, images):
    from torchvision import transforms as T

    spec, model, stage_list = lite0
    augment = T.Compose([T.RandomResizedCrop(96, scale=(0.2, 1.0)), T.RandomHorizontalFlip()])
    key = tf.ActivationKey("aug", spec.name, 96, 0, view="aug0")
    a = tf.activations(stage_list, spec, images, key, augment=augment, augment_seed=3)
    b = tf.activations(stage_list, spec, images, key, augment=augment, augment_seed=3)
    c = tf.activations(stage_list, spec, images, key, augment=augment, augment_seed=4)
    plain = tf.activations(stage_list, spec, images, tf.ActivationKey("aug", spec.name, 96, 0))
    assert torch.equal(a, b) and not torch.equal(a, c) and not torch.equal(a, plain)


def test_forward_pass_seconds_runs_the_whole_model(lite0):
    spec, model, stage_list = lite0
    assert tf.forward_pass_seconds(model, torch.zeros(10, 3, 64, 64)) > 0


def test_torch_threads_is_per_calling_thread():
    import threading

    before = torch.get_num_threads()
    seen = []

    def worker():
        with tf.torch_threads(1):
            seen.append(torch.get_num_threads())

    t = threading.Thread(target=worker)
    t.start()
    t.join()
    assert seen == [1] and torch.get_num_threads() == before
