"""Choosing the device: CUDA, then MPS, then the CPU; $CH05_DEVICE overrides. The choice
logic runs on any host; the GPU-against-CPU checks run only where a GPU exists."""

from __future__ import annotations

import copy

import numpy as np
import pytest
import torch
from torch import nn

from core.common import backbones
from core.common.device import (
    DeviceChoice,
    device_label,
    module_device,
    pick_device,
    stages_device,
)

HAS_CUDA = torch.cuda.is_available()


@pytest.mark.parametrize(
    ("cuda", "mps", "want"),
    [(0, False, "cpu"), (0, True, "mps"), (1, False, "cuda"), (2, True, "cuda")],
)
def test_detection_order_is_cuda_then_mps_then_cpu(cuda, mps, want):
    for unset in (None, "", "auto", " AUTO "):
        assert pick_device(unset, cuda, mps) == DeviceChoice(
            want, (unset or "auto").strip().lower() or "auto"
        )


def test_the_variable_overrides_the_detection():
    assert pick_device("cpu", 2, True) == DeviceChoice("cpu", "cpu")
    assert pick_device("mps", 1, True) == DeviceChoice("mps", "mps")
    assert pick_device("cuda", 1, True).name == "cuda"
    assert pick_device("cuda:1", 2, False) == DeviceChoice("cuda:1", "cuda:1")
    assert pick_device("CUDA:0", 1, False).name == "cuda:0"


@pytest.mark.parametrize(
    ("asked", "cuda", "mps", "want"),
    [
        ("cuda", 0, False, "cpu"),  # no GPU here: the detected device, and a note
        ("cuda", 0, True, "mps"),
        ("cuda:3", 2, False, "cuda"),  # no such index
        ("mps", 1, False, "cuda"),
        ("tpu", 0, False, "cpu"),  # unknown words fall back too, never an error
        ("cpu:1", 0, False, "cpu"),
        ("cuda:x", 1, False, "cuda"),
    ],
)
def test_an_unavailable_request_falls_back_to_the_detected_device(asked, cuda, mps, want):
    choice = pick_device(asked, cuda, mps)
    assert choice.name == want and choice.fallback and choice.requested == asked


def test_module_and_stage_devices():
    assert module_device(nn.Linear(2, 2)) == torch.device("cpu")
    assert module_device(nn.ReLU()) == torch.device("cpu")  # no parameters: the CPU
    assert stages_device([nn.ReLU(), nn.Flatten()]) is None
    assert stages_device([nn.ReLU(), nn.BatchNorm1d(2).requires_grad_(False)]) == torch.device(
        "cpu"
    )


def test_device_labels():
    assert device_label("cpu") == "CPU"
    assert device_label("mps") == "MPS (Apple GPU)"
    assert device_label("cuda:7").startswith("CUDA")


def test_run_stages_returns_to_the_input_device_on_the_cpu():
    stage_list = [backbones.Stage("a", "block", ("a",), nn.Linear(3, 2)), _pool_stage()]
    x = torch.randn(4, 3)
    assert backbones.run_stages(stage_list, x).device == x.device


def _pool_stage():
    return backbones.Stage("p", "pool", (), nn.Identity())


@pytest.mark.skipif(not HAS_CUDA, reason="needs a CUDA GPU (run on a device machine)")
def test_on_cuda_the_lite0_forward_matches_the_cpu_within_tolerance():
    spec = backbones.get_spec(backbones.DEFAULT_BACKBONE)
    model = backbones.build_model(spec.name).requires_grad_(False).eval()
    stage_list = backbones.stages(model, spec)
    gpu_stages = backbones.stages(copy.deepcopy(model).cuda(), spec)
    x = torch.randn(8, 3, 160, 160, generator=torch.Generator().manual_seed(0))
    with torch.inference_mode():
        cpu = backbones.run_stages(stage_list, x)
        gpu = backbones.run_stages(gpu_stages, x)
    assert gpu.device == x.device  # back where the input was
    assert torch.allclose(cpu, gpu, atol=2e-3, rtol=1e-3)
    assert torch.equal(cpu.argmax(1), gpu.argmax(1))


@pytest.mark.skipif(not HAS_CUDA, reason="needs a CUDA GPU (run on a device machine)")
def test_on_cuda_a_training_run_and_grad_cam_match_the_cpu():
    from core.feature_maps.gradcam import grad_cam
    from core.feature_maps.network import backbone_network
    from tests.core.transfer_learning.runs import lite0_parts, shapes_data, training_run

    spec, model, stage_list = lite0_parts()
    gpu_model = copy.deepcopy(model).cuda()
    data = shapes_data()
    runs = [
        training_run(parts, data, "last_block").run_to_end()
        for parts in (
            (spec, model, stage_list),
            (spec, gpu_model, backbones.stages(gpu_model, spec)),
        )
    ]
    cpu_run, gpu_run = runs
    assert gpu_run.status == cpu_run.status == "done"
    for a, b in zip(cpu_run.history, gpu_run.history):
        assert abs(a.val_loss - b.val_loss) <= 1e-2 and abs(a.val_acc - b.val_acc) <= 0.1
    x = torch.randn(1, 3, 160, 160, generator=torch.Generator().manual_seed(2))
    cams = [
        grad_cam(backbone_network(m, spec, True), "blocks.5", x, target=281)
        for m in (model, gpu_model)
    ]
    assert abs(cams[0].score - cams[1].score) <= 1e-2
    assert np.abs(cams[0].heatmap - cams[1].heatmap).max() <= 1e-2
