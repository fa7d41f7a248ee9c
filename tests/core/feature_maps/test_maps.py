"""Feature maps read with hooks (core.feature_maps.maps) against hook-free forwards, and the
first layer's filters."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from core.common import backbones
from core.common.errors import UserFacingError
from core.common.i18n import TABLE
from core.feature_maps.layers import (
    group_outputs,
    list_layers,
)
from core.feature_maps.maps import (
    all_channels_shown,
    chosen_channels,
    feature_maps,
    map_statistics,
    normalise_maps,
    parse_channel_list,
    select_channels,
)
from core.feature_maps.network import (
    filter_images,
    first_conv,
)

# ---------------------------------------------------------------- feature maps


def test_maps_equal_the_layer_output_without_hooks(lite0, x_cat):
    stage_list = list(lite0.stages)
    run = backbones.run_stages
    with torch.no_grad():
        for index, group in enumerate(
            (
                "bn1",
                "blocks.0",
                "blocks.1",
                "blocks.2",
                "blocks.3",
                "blocks.4",
                "blocks.5",
                "blocks.6",
                "bn2",
            )
        ):
            expected = run(stage_list, x_cat, stop=index + 1)[0]
            torch.testing.assert_close(feature_maps(lite0, group, x_cat), expected, rtol=0, atol=0)
        # layers inside a block: run the network up to the block, then the block's modules
        model = lite0.model
        block = model.blocks[2][0]
        before = run(stage_list, x_cat, stop=3)
        pw = block.conv_pw(before)
        act = block.bn1(pw)
        dw = block.conv_dw(act)
        for path, expected in (
            ("blocks.2.0.conv_pw", pw),
            ("blocks.2.0.bn1", act),
            ("blocks.2.0.conv_dw", dw),
            ("conv_stem", model.conv_stem(x_cat)),
        ):
            torch.testing.assert_close(
                feature_maps(lite0, path, x_cat), expected[0], rtol=0, atol=0
            )


def test_a_conv_followed_by_an_inplace_relu_keeps_its_negative_values(booknet):
    net, model = booknet
    x = torch.randn(1, 3, 32, 32)
    with torch.no_grad():
        conv0 = model.features[0](x)
        relu1 = torch.relu(conv0)
        block1 = model.features[:5](x)
        conv5 = model.features[5](block1)
    maps = feature_maps(net, "features.0", x)
    torch.testing.assert_close(maps, conv0[0], rtol=0, atol=0)
    assert float(maps.min()) < 0  # not overwritten by the in-place ReLU that follows
    torch.testing.assert_close(feature_maps(net, "features.1", x), relu1[0])
    torch.testing.assert_close(feature_maps(net, "features.4", x), block1[0])
    torch.testing.assert_close(feature_maps(net, "features.5", x), conv5[0])
    layers = list_layers(net)
    groups = group_outputs(layers)
    assert [(g.path, g.kind, g.activation, g.where) for g in groups] == [
        ("features.4", "pool", "relu", "pooled"),
        ("features.8", "pool", "relu", "pooled"),
    ]


def test_channel_selection():
    rng = np.random.default_rng(0)
    maps = rng.normal(size=(40, 5, 6)).astype(np.float32)
    means = maps.reshape(40, -1).mean(axis=1)
    assert select_channels(maps, "top", 7) == list(np.argsort(-means)[:7])
    assert select_channels(maps, "first", 7) == list(range(7))
    assert select_channels(maps, "first", 100) == list(range(40))
    assert select_channels(maps, "chosen", 7, (3, 39, 41)) == [3, 39]
    assert parse_channel_list(" 3, 17 ,40-43; 5") == (3, 17, 40, 41, 42, 43, 5)
    assert parse_channel_list("3 4  5") == (3, 4, 5)
    assert parse_channel_list("7, 7, 6 - 8") == (7, 6, 8)
    for bad in ("3, x", "-1", "5-2", "1.5", "0-200", ",".join(map(str, range(70)))):
        with pytest.raises(ValueError):
            parse_channel_list(bad)
    with pytest.raises(UserFacingError) as info:
        chosen_channels("0, 50", 40)
    assert info.value.key == "feature_maps.channels_range" and info.value.params["channel"] == 50
    for text, key in (("", "feature_maps.channels_empty"), ("a", "feature_maps.channels_bad")):
        with pytest.raises(UserFacingError) as info:
            chosen_channels(text, 40)
        assert info.value.key == key and key in TABLE


def test_statistics_and_colour_scaling():
    a = np.array([[0.0, 0.0, 6.0], [-1.0, 2.0, 3.0]], dtype=np.float32)
    s = map_statistics(a)
    assert s.mean == pytest.approx(10 / 6) and s.max == 6 and s.min == -1
    assert s.zero_share == pytest.approx(2 / 6) and s.negative_share == pytest.approx(1 / 6)
    assert s.ceiling_share == pytest.approx(1 / 6) and (s.height, s.width) == (2, 3)
    maps = np.stack([a, 2 * a, np.zeros_like(a)])
    per_map = normalise_maps(maps, "map")
    assert per_map[0].min() == 0 and per_map[0].max() == 1 and per_map[1].max() == 1
    np.testing.assert_allclose(per_map[0], per_map[1])
    assert not per_map[2].any()  # a constant map is not stretched into noise
    shared = normalise_maps(maps, "layer")
    assert shared.min() == 0 and shared.max() == 1
    assert shared[0].max() < 1  # the weaker map stays darker on the shared scale
    np.testing.assert_allclose(shared, (maps + 2) / 14, rtol=1e-6)


def test_first_conv_filters_as_images(lite0):
    path, conv = first_conv(lite0)
    assert path == "conv_stem" and tuple(conv.weight.shape) == (32, 3, 3, 3)
    images = filter_images(conv.weight)
    assert images.shape == (32, 3, 3, 3) and images.min() >= 0 and images.max() <= 1
    w = conv.weight.detach().double()
    peak = w.abs().amax(dim=(1, 2, 3))
    for i in range(32):  # each filter's largest |weight| reaches black or white
        extreme = np.abs(images[i] - 0.5).max()
        assert extreme == pytest.approx(0.5)
        np.testing.assert_allclose(images[i], (0.5 + 0.5 * w[i] / peak[i]).permute(1, 2, 0))


def test_a_note_when_the_layer_has_fewer_channels_than_asked():
    assert all_channels_shown("top", 64, 32) and all_channels_shown("first", 33, 32)
    assert not all_channels_shown("top", 32, 32)
    assert not all_channels_shown("chosen", 64, 32)  # the typed numbers are shown
