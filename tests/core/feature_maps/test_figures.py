"""Figures of the feature-map lab: the pixels carry the values, in the theme's colours."""

from __future__ import annotations

import base64
import io

import numpy as np
import pytest
from PIL import Image

from core.common.backbones import Prediction, imagenet_categories
from core.common.theme import NORMAL, PROJECTOR
from core.feature_maps import figures


def decode(fig, trace: int = 0) -> np.ndarray:
    source = fig.data[trace].source
    assert source.startswith("data:image/png;base64,")
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(source.split(",", 1)[1]))))


def test_colour_tables_are_the_themes_scales():
    viridis = figures.colour_table("Viridis")
    assert tuple(viridis[0]) == (68, 1, 84) and tuple(viridis[-1]) == (253, 231, 37)
    inferno = figures.colour_table("Inferno")
    assert tuple(inferno[0]) == (0, 0, 4) and tuple(inferno[-1]) == (252, 255, 164)
    assert figures.colourise(np.array([0.0, 1.0, 2.0, -1.0]), "Viridis").tolist() == [
        [68, 1, 84],
        [253, 231, 37],
        [253, 231, 37],
        [68, 1, 84],
    ]


@pytest.mark.parametrize("theme", [NORMAL, PROJECTOR])
def test_grid_tiles_hold_the_maps_in_the_theme_colours(theme):
    maps = np.zeros((6, 7, 7), dtype=np.float32)
    maps[2] = 5.0  # constant: stays at the bottom colour on its own scale
    maps[4, 3, 3] = 2.0  # one bright pixel
    maps[5] = np.arange(49, dtype=np.float32).reshape(7, 7)
    fig = figures.feature_grid_figure(maps, [4, 5, 2], theme, "en", scale="map", columns=2)
    canvas = decode(fig)
    factor = figures.tile_factor(7, 7)
    tile = 7 * factor
    gap = max(2, tile // 16)
    table = figures.colour_table(theme.sequential)
    assert canvas.shape == (2 * tile + gap, 2 * tile + gap, 3)
    # tile 0 = channel 4: its bright pixel at (3, 3) is the top colour, the rest the bottom
    assert tuple(canvas[3 * factor + 1, 3 * factor + 1]) == tuple(table[-1])
    assert tuple(canvas[tile - 1, tile - 1]) == tuple(table[0])
    # tile 1 = channel 5: a ramp, brighter towards the bottom-right corner
    left = tile + gap
    assert tuple(canvas[tile - 1, left + tile - 1]) == tuple(table[-1])
    assert tuple(canvas[0, left]) == tuple(table[0])
    # clicks: 16 invisible points per tile carry the channel number
    scatter = fig.data[1]
    assert list(scatter.customdata) == [4] * 16 + [5] * 16 + [2] * 16
    assert [a.text for a in fig.layout.annotations] == ["<b>#4</b>", "<b>#5</b>", "<b>#2</b>"]
    assert fig.layout.font.size == theme.font_size
    assert len(fig.data) == 2  # per-map scale: no shared colour bar


def test_shared_scale_has_one_colour_bar_over_the_whole_layer():
    rng = np.random.default_rng(0)
    maps = rng.normal(size=(10, 5, 5)).astype(np.float32)
    fig = figures.feature_grid_figure(maps, [0, 1], NORMAL, "ko", scale="layer")
    bar = fig.data[-1].marker
    assert bar.showscale and bar.cmin == pytest.approx(float(maps.min()))
    assert bar.cmax == pytest.approx(float(maps.max()))
    assert bar.colorscale[0][1].lower() in ("#440154", "rgb(68, 1, 84)")  # viridis, as rgb() stops


def test_overlay_blends_the_grey_photo_with_the_map():
    photo = Image.new("RGB", (40, 40), (200, 100, 0))
    maps = np.ones((1, 4, 4), dtype=np.float32)
    maps[0, 0, 0] = 0.0
    fig = figures.feature_grid_figure(maps, [0], NORMAL, "en", photo=photo, columns=1)
    canvas = decode(fig)
    grey = np.asarray(photo.convert("L"))[0, 0]
    top = figures.colour_table(NORMAL.sequential)[-1]
    expected = np.round((1 - figures.OVERLAY_ALPHA) * grey + figures.OVERLAY_ALPHA * top)
    np.testing.assert_allclose(canvas[-1, -1], expected, atol=1)


def test_focus_is_framed_and_the_enlarged_map_keeps_true_values():
    maps = np.random.default_rng(1).random((3, 6, 6)).astype(np.float32)
    plain = decode(figures.feature_grid_figure(maps, [0, 1], NORMAL, "en"))
    framed = decode(figures.feature_grid_figure(maps, [0, 1], NORMAL, "en", focus=1))
    assert (plain != framed).any()
    fig = figures.focus_map_figure(maps[2], PROJECTOR, "ch 2")
    np.testing.assert_array_equal(np.asarray(fig.data[0].z), maps[2])
    assert fig.data[0].colorscale[0][1] == "rgb(0, 0, 4)"  # Inferno; hex would be repainted


def test_cam_overlay_filters_and_predictions():
    photo = Image.new("RGB", (8, 8), (0, 0, 0))
    heat = np.zeros((8, 8), dtype=np.float32)
    heat[0, 0] = 1.0
    canvas = decode(figures.cam_figure(photo, heat, NORMAL, "en", "t"))
    table = figures.colour_table(NORMAL.sequential)
    full = sum(figures.CAM_ALPHA)
    np.testing.assert_allclose(canvas[0, 0], np.round(full * table[-1]), atol=1)
    np.testing.assert_allclose(canvas[7, 7], np.round(figures.CAM_ALPHA[0] * table[0]), atol=1)
    images = np.full((5, 3, 3, 3), 0.5)
    images[0, 0, 0] = (1.0, 0.0, 0.5)
    fimg = decode(figures.filters_figure(images, NORMAL, columns=4))
    assert tuple(fimg[0, 0]) == (255, 0, 128) and tuple(fimg[-1, 0]) == (128, 128, 128)
    preds = [Prediction(281, "tabby", 0.6), Prediction(282, "tiger cat", 0.3)]
    fig = figures.predictions_figure(preds, imagenet_categories(), PROJECTOR, "en", "top")
    assert list(fig.data[0].y) == ["tiger cat", "tabby"]
    assert list(fig.data[0].x) == pytest.approx([30.0, 60.0])
    assert fig.data[0].customdata is None
    assert fig.layout.font.size == PROJECTOR.font_size


def test_top5_bars_name_imagenet_classes_in_korean_with_the_english_on_hover():
    preds = [Prediction(281, "tabby", 0.6), Prediction(285, "Egyptian cat", 0.3)]
    fig = figures.predictions_figure(preds, imagenet_categories(), NORMAL, "ko", "top")
    assert list(fig.data[0].y) == ["이집트 고양이", "얼룩무늬 고양이"]
    assert list(fig.data[0].customdata) == ["Egyptian cat", "tabby"]
    assert "%{customdata}" in fig.data[0].hovertemplate
    # a fine-tuned model's own classes stay as the student named them
    own = figures.predictions_figure(
        [Prediction(1, "dogs", 0.9)], ("cats", "dogs"), NORMAL, "ko", "top"
    )
    assert list(own.data[0].y) == ["dogs"] and own.data[0].customdata is None


def test_a_grad_cam_carries_the_english_class_name_on_hover_only_when_given():
    photo = Image.new("RGB", (8, 8))
    heat = np.zeros((8, 8), dtype=np.float32)
    assert figures.cam_figure(photo, heat, NORMAL, "en", "t").data[0].hoverinfo == "skip"
    fig = figures.cam_figure(photo, heat, NORMAL, "ko", "t", hover="tabby")
    assert fig.data[0].hovertemplate == "tabby<extra></extra>"
    tiles = figures.cam_tiles_figure(photo, [heat], ["a"], NORMAL, "ko", "t", hover="tabby")
    assert tiles.data[0].hovertemplate == "tabby<extra></extra>"


def test_grid_and_filter_layout():
    assert figures.grid_layout(projector=False, compare=False) == (8, 600)
    assert figures.grid_layout(projector=False, compare=True) == (4, 290)
    assert figures.grid_layout(projector=True, compare=False).columns == 4
    assert figures.grid_layout(projector=True, compare=True).columns == 2
    assert figures.filter_columns(projector=False, compare=False) == 16
    assert figures.filter_columns(projector=True, compare=False) == 8
    assert figures.filter_columns(projector=False, compare=True) == 8


@pytest.mark.parametrize("theme", [NORMAL, PROJECTOR])
def test_cam_tiles_lay_each_map_over_the_photo_under_its_caption(theme):
    photo = Image.new("RGB", (50, 50), (10, 20, 30))
    hot, cold = np.ones((8, 8), np.float32), np.zeros((8, 8), np.float32)
    fig = figures.cam_tiles_figure(photo, [hot, cold, hot], ["a", "b", "c"], theme, "en", "t")
    canvas = decode(fig)
    columns = 3 if theme.projector else 4
    side, band = (220, 64) if theme.projector else (180, 44)
    assert canvas.shape == (side + band, columns * side, 3)
    table = figures.colour_table(theme.sequential)
    full, low = sum(figures.CAM_ALPHA), figures.CAM_ALPHA[0]
    base = np.array([10, 20, 30])
    mid = band + side // 2
    np.testing.assert_allclose(canvas[mid, side // 2], (1 - full) * base + full * table[-1], atol=1)
    np.testing.assert_allclose(
        canvas[mid, side + side // 2], (1 - low) * base + low * table[0], atol=1
    )
    assert [a.text for a in fig.layout.annotations] == ["a", "b", "c"]
    assert fig.layout.annotations[1].x == side + side / 2


def test_similarity_figure_leaves_a_gap_where_rank_correlation_is_undefined():
    fig = figures.similarity_figure(
        ["s0", "s1", "s2"], [1.0, float("nan"), 0.2], [1.0, 0.3, 0.4], 0.7, PROJECTOR, "ko"
    )
    assert list(fig.data[0].y) == [1.0, None, 0.2] and list(fig.data[1].y) == [1.0, 0.3, 0.4]
    assert fig.data[0].name == "순위 상관 (Spearman ρ)"
    assert fig.layout.shapes[0].y0 == 0.7
