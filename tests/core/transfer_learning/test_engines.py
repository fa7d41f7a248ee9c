"""The frozen part's engines: ONNX Runtime and OpenVINO give eager's outputs within
tolerance; the shelf hands out eager until an engine is ready and for good after a failure."""

from __future__ import annotations

import threading

import pytest
import torch

from core.transfer_learning import engines as E
from core.transfer_learning.frozen_pass import ActivationKey, activations

BOUNDARY = 3  # stem + two block groups: a real export, small enough for a test
ATOL, RTOL = 1e-4, 1e-4  # float32 kernels in another order: measured about 3e-5 here


@pytest.fixture(scope="module")
def exported(lite0, tmp_path_factory):
    spec, model, stage_list = lite0
    cache = tmp_path_factory.mktemp("engines")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(E.CACHE_ENV, str(cache))
        path = E.export_onnx(spec.name, stage_list, BOUNDARY)
        again = E.export_onnx(spec.name, stage_list, BOUNDARY)
    assert again == path and path.parent == cache  # exported once, then reused
    return path


def _inputs(n: int = 6, res: int = 96) -> torch.Tensor:
    return torch.randn(n, 3, res, res, generator=torch.Generator().manual_seed(1))


@pytest.mark.parametrize("name", [E.ONNXRUNTIME, E.OPENVINO])
def test_engine_outputs_within_tolerance_of_eager(lite0, exported, name):
    _, _, stage_list = lite0
    x = _inputs()
    eager = E.eager_engine(stage_list, 0, BOUNDARY)(x)
    engine = (
        E.onnxruntime_engine(exported) if name == E.ONNXRUNTIME else E.openvino_engine(exported, 96)
    )
    out = engine(x)
    assert out.shape == eager.shape and out.dtype == torch.float32
    assert torch.allclose(out, eager, atol=ATOL, rtol=RTOL)
    assert torch.allclose(engine(x[:1]), eager[:1], atol=ATOL, rtol=RTOL)  # another batch size


def test_the_frozen_pass_through_an_engine_matches_eager(lite0, exported, shapes):
    spec, _, stage_list = lite0
    images = list(shapes.images[:6])
    key = ActivationKey(shapes.fingerprint, spec.name, 96, BOUNDARY)
    eager = activations(stage_list, spec, images, key)
    engine = E.openvino_engine(exported, 96)
    out = activations(stage_list, spec, images, key, engine=engine)
    assert torch.allclose(out, eager, atol=ATOL, rtol=RTOL)


def test_weights_digest_tells_weights_apart(lite0):
    _, model, stage_list = lite0
    before = E.weights_digest(stage_list, BOUNDARY)
    assert before == E.weights_digest(stage_list, BOUNDARY)
    assert before != E.weights_digest(stage_list, BOUNDARY + 1)


def test_requested_engine():
    assert E.requested_engine(None) == E.OPENVINO  # unset is auto: installed (requirements.txt)
    assert E.requested_engine("eager") == E.EAGER
    assert E.requested_engine(" OpenVINO ") == E.OPENVINO
    assert E.requested_engine("tensorrt") == E.EAGER
    assert E.requested_engine("auto") == E.OPENVINO  # installed here (requirements-dev)


def test_the_shelf_gives_eager_until_ready_and_after_a_failure(lite0):
    _, _, stage_list = lite0
    release = threading.Event()
    built = []

    def build(name, backbone, stages, boundary, resolution):
        release.wait(10)
        built.append((boundary, resolution))
        if resolution == 128:
            raise RuntimeError("no runtime")
        return lambda x: x

    shelf = E.EngineShelf(E.OPENVINO, build)
    assert shelf.get("m", stage_list, 2, 96) == (E.EAGER, None)  # export started
    assert shelf.get("m", stage_list, 2, 96) == (E.EAGER, None)  # not ready: still eager
    release.set()
    assert shelf.wait("m", stage_list, 2, 96) == E.OPENVINO
    name, engine = shelf.get("m", stage_list, 2, 96)
    assert name == E.OPENVINO and engine is not None
    assert shelf.wait("m", stage_list, 2, 128) == E.EAGER  # failed: eager, and remembered
    assert shelf.get("m", stage_list, 2, 128) == (E.EAGER, None)
    assert "no runtime" in shelf.error()
    assert built == [(2, 96), (2, 128)]  # each built once
    assert E.EngineShelf(E.EAGER, build).get("m", stage_list, 2, 96) == (E.EAGER, None)
    assert shelf.get("m", stage_list, 0, 96) == (E.EAGER, None)  # nothing frozen


def test_the_shelf_keeps_the_most_recently_used_engines(lite0):
    _, _, stage_list = lite0
    built = []

    def build(name, backbone, stages, boundary, resolution):
        built.append(resolution)
        return lambda x: x

    shelf = E.EngineShelf(E.OPENVINO, build, keep=2)
    for res in (96, 128):
        assert shelf.wait("m", stage_list, 2, res) == E.OPENVINO
    assert shelf.get("m", stage_list, 2, 96)[0] == E.OPENVINO  # 96 used last: 128 is older
    assert shelf.wait("m", stage_list, 2, 160) == E.OPENVINO  # a third: 128 goes
    assert shelf.get("m", stage_list, 2, 96)[0] == E.OPENVINO
    assert shelf.get("m", stage_list, 2, 160)[0] == E.OPENVINO
    assert shelf.wait("m", stage_list, 2, 128) == E.OPENVINO  # compiled again when asked for
    assert built == [96, 128, 160, 128]
