"""Grad-CAM (core.feature_maps.gradcam) against captum's LayerGradCam and plain autograd."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import torch
from torch import nn

from core.common import backbones
from core.common.errors import UserFacingError
from core.feature_maps.gradcam import compared_target, grad_cam
from core.feature_maps.network import (
    finetuned_network,
    model_input,
)
from tests.core.feature_maps.support import (
    assert_unchanged,
    finetuned_lite0,
    random_network,
    snapshot,
)

# ---------------------------------------------------------------- Grad-CAM vs captum


def captum_cam(model: nn.Module, module: nn.Module, x: torch.Tensor, target: int):
    """captum's LayerGradCam: raw (ReLU'd) map and its bilinear upsampling to the input."""
    from captum.attr import LayerAttribution, LayerGradCam

    x = x.clone().requires_grad_(True)  # the frozen model needs a differentiable input
    raw = LayerGradCam(model, module).attribute(x, target=target, relu_attributions=True)
    up = LayerAttribution.interpolate(raw, tuple(x.shape[-2:]), interpolate_mode="bilinear")
    return raw.detach()[0, 0], up.detach()[0, 0]


@pytest.mark.parametrize(
    "path,target",
    [
        ("bn2", None),
        ("bn2", 285),
        ("blocks.4", None),
        ("blocks.2.0.conv_dw", 281),
        ("blocks.5.1.bn2", 7),
    ],
)
def test_grad_cam_equals_captum(lite0, x_cat, path, target):
    before = snapshot(lite0)
    cam = grad_cam(lite0, path, x_cat, target)
    with torch.no_grad():
        logits = lite0.model(x_cat)[0]
    expected_target = int(logits.argmax()) if target is None else target
    assert cam.target == expected_target and cam.predicted == int(logits.argmax())
    assert cam.target_label == backbones.imagenet_categories()[expected_target]
    assert cam.probability == pytest.approx(float(logits.softmax(0)[expected_target]), rel=1e-5)
    assert cam.score == pytest.approx(float(logits[expected_target]), rel=1e-5)
    raw, up = captum_cam(lite0.model, lite0.model.get_submodule(path), x_cat, expected_target)
    assert_unchanged(before, lite0)  # captum itself must not have changed the model either
    np.testing.assert_allclose(cam.cam, raw.numpy(), rtol=1e-4, atol=1e-6 * float(raw.max()))
    expected_heatmap = (up / up.max()).numpy() if float(up.max()) > 0 else up.numpy()
    np.testing.assert_allclose(cam.heatmap, expected_heatmap, atol=1e-5)
    assert cam.heatmap.shape == (224, 224) and cam.heatmap.max() == pytest.approx(1.0)


def test_grad_cam_against_a_plain_autograd_reference(lite0, x_cat):
    """Independent of captum: differentiate through a copy whose input requires grad."""
    stage_list = list(lite0.stages)
    with torch.enable_grad():
        a = backbones.run_stages(stage_list, x_cat, stop=9).detach().requires_grad_(True)
        score = backbones.run_stages(stage_list, a, start=9)[0, 281]
        (grad,) = torch.autograd.grad(score, a)
    expected = torch.relu((grad.mean(dim=(2, 3), keepdim=True) * a).sum(1))[0].detach()
    cam = grad_cam(lite0, "bn2", x_cat, 281)
    np.testing.assert_allclose(cam.cam, expected.numpy(), rtol=1e-4, atol=1e-7)


def test_grad_cam_on_other_architectures_and_a_finetuned_model(lite0, cat):
    net = random_network("resnet18", 96)
    x = model_input(net, cat)
    for path in ("layer4", "layer2.0.conv1", "maxpool"):
        cam = grad_cam(net, path, x, 3)
        raw, _ = captum_cam(net.model, net.model.get_submodule(path), x, 3)
        np.testing.assert_allclose(cam.cam, raw.numpy(), rtol=1e-4, atol=1e-6 * float(raw.max()))
    ft = finetuned_lite0(lite0, train_from=7)
    fnet = finetuned_network(ft)
    assert fnet.resolution == 160 and fnet.class_names == ("Cat", "Dog")
    xf = model_input(fnet, cat)
    assert tuple(xf.shape) == (1, 3, 160, 160)
    whole = ft.model  # (the hand-over's .model sets eval mode on its new Sequential wrappers)
    before = snapshot(fnet)
    cam = grad_cam(fnet, "bn2", xf, 1)
    assert cam.target_label == "Dog"
    raw, _ = captum_cam(whole, fnet.module("bn2")[1], xf, 1)
    np.testing.assert_allclose(cam.cam, raw.numpy(), rtol=1e-4, atol=1e-6 * float(raw.max()))
    assert_unchanged(before, fnet)
    with pytest.raises(UserFacingError) as info:
        grad_cam(fnet, "bn2", xf, 2)
    assert info.value.key == "feature_maps.cam_class_range"


def test_a_compared_model_explains_the_same_class_only_when_it_has_the_same_classes():
    imagenet = ("tench", "goldfish")
    assert compared_target(imagenet, imagenet, 1) == 1
    assert compared_target(("Cat", "Dog"), imagenet, 1) is None


def test_an_empty_grad_cam_is_recognised(lite0, x_cat):
    cam = grad_cam(lite0, "bn2", x_cat)
    assert not cam.empty and cam.cam.max() > 0
    assert dataclasses.replace(cam, cam=np.zeros_like(cam.cam)).empty
