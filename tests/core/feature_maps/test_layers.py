"""The layers the lab lists (core.feature_maps.layers): groups, convs, activations."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from core.common import backbones
from core.common.errors import UserFacingError
from core.common.i18n import TABLE
from core.common.samples import load_sample
from core.feature_maps.layers import (
    default_cam_layer,
    default_map_layer,
    find_layer,
    group_outputs,
    list_layers,
)
from core.feature_maps.maps import (
    feature_maps,
)
from core.feature_maps.network import (
    model_input,
)
from tests.core.feature_maps.support import (
    LITE0,
    all_hooks,
    random_network,
)

# ---------------------------------------------------------------- layer listing


@pytest.mark.parametrize(
    "name,resolution",
    [
        (LITE0, None),
        ("resnet18", 96),
        ("mobilenet_v2", 96),
        ("mobilenet_v3_small", 96),
        ("inception_v3", 160),
        ("resnet50", 96),
        ("xception", 96),
    ],
)
def test_layer_list_follows_the_groups_and_every_conv(name, resolution):
    net = random_network(name, resolution)
    layers = list_layers(net)
    paths = [layer.path for layer in layers]
    assert len(paths) == len(set(paths))
    # groups in the registry's order, each group's output first
    groups = group_outputs(layers)
    assert [g.stage_index for g in groups] == sorted({g.stage_index for g in groups})
    spatial_groups = []
    with torch.no_grad():
        h = torch.zeros(1, 3, net.resolution, net.resolution)
        for stage in net.stages:
            h = stage.module(h)
            if stage.kind not in ("pool", "head") and h.dim() == 4 and h.shape[-1] > 1:
                spatial_groups.append(stage.name)
    assert [g.stage for g in groups] == spatial_groups
    for g in groups:
        first_of_group = next(layer for layer in layers if layer.stage_index == g.stage_index)
        assert first_of_group is g
    # every convolution with a spatial output is listed
    model = net.model
    listed = set(paths)
    x = torch.zeros(1, 3, net.resolution, net.resolution)
    shapes = {}

    def record(name):
        def hook(module, inputs, output):
            shapes.setdefault(name, output.shape)

        return hook

    hooks = [
        m.register_forward_hook(record(n))
        for n, m in model.named_modules()
        if isinstance(m, nn.Conv2d)
    ]
    try:
        with torch.no_grad():
            backbones.run_stages(list(net.stages), x)
    finally:
        for h in hooks:
            h.remove()
    spatial = {n for n, s in shapes.items() if s[-1] * s[-2] > 1}
    assert spatial <= listed, sorted(spatial - listed)[:5]
    for layer in layers:
        if layer.path in shapes:
            assert tuple(shapes[layer.path][1:]) == layer.shape
        assert layer.activation != "unknown", layer
        assert f"feature_maps.where.{layer.where}" in TABLE
    assert not all_hooks()


def test_default_layers(lite0):
    layers = list_layers(lite0)
    stem = default_map_layer(layers)
    assert (stem.path, stem.stage, stem.shape) == ("bn1", "stem", (32, 112, 112))
    last = default_cam_layer(layers)
    assert (last.path, last.stage, last.shape) == ("bn2", "conv_head", (1280, 7, 7))
    assert last.activation == "relu6" and last.where == "bnact"
    dw = find_layer(layers, "blocks.2.0.conv_dw")
    assert dw.depthwise and dw.kernel == (5, 5) and dw.stride == (2, 2)
    assert find_layer(layers, "blocks.2.0.conv_pw").activation == "linear"
    assert find_layer(layers, "blocks.2").kind == "block"
    with pytest.raises(UserFacingError):
        find_layer(layers, "blocks.99")
    resnet = list_layers(random_network("resnet18", 64))
    assert default_cam_layer(resnet).path == "layer4"
    # ResNet reuses one ReLU module twice per block: it is not offered as a layer
    assert "layer1.0.relu" not in {layer.path for layer in resnet}


def test_activation_kinds_match_the_values(lite0, x_cat):
    """What the page says about zeros is true: ReLU/ReLU6 outputs are >= 0 (ReLU6 <= 6),
    linear outputs have negative values, Hardswish never goes below -0.375."""
    cases = [(lite0, x_cat)]
    for name in ("resnet18", "mobilenet_v3_small"):
        net = random_network(name, 96)
        cases.append((net, model_input(net, load_sample("coffee").image)))
    for net, x in cases:
        for layer in list_layers(net):
            values = feature_maps(net, layer, x)
            assert tuple(values.shape) == layer.shape
            if layer.activation in ("relu", "relu6"):
                assert float(values.min()) >= 0, layer.path
                if layer.activation == "relu6":
                    assert float(values.max()) <= 6, layer.path
            elif layer.activation == "linear":
                assert float(values.min()) < 0, layer.path
            elif layer.activation == "hardswish":
                assert float(values.min()) >= -0.375 - 1e-6, layer.path
