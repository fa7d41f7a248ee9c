"""Xception from the registry: timm's legacy_xception, its preprocessing and layer groups,
weights from torch's cache (a locally made state dict: nothing is downloaded here)."""

import urllib.error
import urllib.request

import pytest
import timm
import torch
from PIL import Image
from timm.data import create_transform, resolve_data_config

from core.common import backbones
from core.common.errors import UserFacingError
from tests.files import stand_in_weights

SPEC = backbones.REGISTRY["xception"]


@pytest.fixture
def hub(tmp_path, monkeypatch):
    monkeypatch.setattr(torch.hub, "get_dir", lambda: str(tmp_path))
    return tmp_path


def test_declared_like_timm_declares_it():
    cfg = timm.create_model("legacy_xception", pretrained=False).pretrained_cfg
    p = SPEC.preprocess
    assert (3, p.input_size, p.input_size) == cfg["input_size"] == (3, 299, 299)
    assert p.mean == cfg["mean"] == (0.5,) * 3 and p.std == cfg["std"] == (0.5,) * 3
    assert p.interpolation == cfg["interpolation"] == "bicubic"
    assert p.resize_size == int(p.input_size / cfg["crop_pct"]) == 333
    assert SPEC.weights_url == cfg["url"] and not SPEC.offline
    assert SPEC.num_params == sum(x.numel() for x in SPEC.build_fn().parameters())
    assert SPEC.download_mb == pytest.approx(SPEC.num_params * 4 / 2**20, abs=0.05)


def test_layer_groups_are_the_entry_middle_and_exit_flows():
    model = backbones.build_model("xception", pretrained=False)
    stage_list = backbones.stages(model, SPEC)
    assert [s.name for s in stage_list] == [
        "stem",
        *(f"block{i}" for i in range(1, 13)),
        "exit_convs",
        "pool",
        "fc",
    ]
    assert [s.kind for s in stage_list][-3:] == ["neck", "pool", "head"]
    x = torch.randn(1, 3, 299, 299)
    widths = []
    with torch.no_grad():
        for stage in stage_list[:-2]:
            x = stage.module(x)
            widths.append(x.shape[1])
    assert widths == [64, 128, 256, *[728] * 9, 1024, 2048]
    assert x.shape[-1] == 10  # timm's pool_size (10, 10)
    assert backbones.head_linear(model, SPEC)[0] == "fc"


def test_preprocessing_matches_timms_own_transform():
    image = Image.effect_mandelbrot((400, 360), (-2, -1.5, 1, 1.5), 60).convert("RGB")
    ours = backbones.eval_transform(SPEC)(image)
    model = timm.create_model("legacy_xception", pretrained=False)
    theirs = create_transform(**resolve_data_config({}, model=model))(image)
    assert ours.shape == theirs.shape == (3, 299, 299)
    # tensor resize vs PIL resize: within 2 grey levels (as for the other models), in [-1, 1]
    assert (ours - theirs).abs().max() <= 2 / 255 / 0.5 + 1e-6


def test_cached_weights_load_strictly_without_download(hub, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("no download when the weights are cached")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    with backbones.seeded_global_rng(7):
        made = SPEC.build_fn().state_dict()
    stand_in_weights(SPEC, made, monkeypatch)
    assert backbones.weights_available(SPEC)
    model = backbones.build_model("xception", pretrained=True)
    assert not model.training
    for key, value in model.state_dict().items():
        assert torch.equal(value, made[key]), key


def test_download_is_checked_against_the_hash_in_its_name(hub, monkeypatch):
    class FakeResponse:
        headers = {"Content-Length": "11"}

        def __init__(self):
            self.chunks = [b"not a", b" model", b""]

        def read(self, n):
            return self.chunks.pop(0)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(urllib.request, "urlopen", lambda *a, **k: FakeResponse())
    seen = []
    with pytest.raises(UserFacingError) as info:
        backbones.ensure_weights(SPEC, progress=lambda done, total: seen.append(done))
    assert info.value.key == "errors.download_failed"
    assert info.value.params["reason"] == "checksum mismatch"
    assert seen == [5, 11]  # the progress bar moved
    assert not backbones.weights_available(SPEC)


def test_offline_gives_the_same_clear_message(hub, monkeypatch):
    def no_network(*args, **kwargs):
        raise urllib.error.URLError("no route to host")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    with pytest.raises(UserFacingError) as info:
        backbones.build_model("xception", pretrained=True)
    assert info.value.key == "errors.model_offline"
    assert info.value.params == {"model": "Xception", "bundled": "EfficientNet-Lite0"}
