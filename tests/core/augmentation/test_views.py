"""What the lab draws: boxes where the crops are, tiles that are the crops, true histograms."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PIL import Image

from core.augmentation import views as V
from core.augmentation.distributions import box_statistics
from core.augmentation.extras import EXTRAS
from core.augmentation.pipeline import AugmentPipeline, TransformStep
from core.augmentation.sampling import MAX_ATTEMPTS, CropSample, fallback_box, sample_pipeline
from core.common.i18n import t
from core.common.theme import NORMAL, PROJECTOR

GREY = (128, 128, 128)


def _rgb(hex_color: str) -> tuple[int, int, int]:
    return tuple(int(hex_color[i : i + 2], 16) for i in (1, 3, 5))


def _sample(index: int, box, source_size=(300, 400), fallback=False, size=(32, 48)) -> CropSample:
    tile = Image.new("RGB", (size[1], size[0]), (index * 20, 50, 200))
    return CropSample(
        index, box, fallback, MAX_ATTEMPTS if fallback else 1, tile, tile, source_size
    )


@pytest.mark.parametrize("theme", [NORMAL, PROJECTOR])
def test_box_outlines_sit_just_outside_each_crop_in_its_colour(theme):
    img = Image.new("RGB", (400, 300), GREY)
    base = V.display_base(img, side=400)  # scale 1: display pixels are source pixels
    assert base.scale == 1
    samples = [_sample(1, (50, 60, 120, 200)), _sample(2, (10, 10, 280, 380), fallback=False)]
    out = np.asarray(V.draw_crop_boxes(base, samples, theme))
    sw = V.stroke_width(theme)
    m = sw + 2  # margin around the photo
    top, left, h, w = samples[0].box
    mid_y = m + top + h // 2
    colour = _rgb(V.crop_color(theme, 1))
    # the colour band is outside the crop, between one-pixel halos
    assert tuple(out[mid_y, m + left - 2]) == colour
    assert tuple(out[mid_y, m + left + w + 1]) == colour
    # the crop's own pixels (away from its number badge) are untouched
    assert tuple(out[mid_y, m + left]) == GREY
    assert tuple(out[mid_y, m + left + w - 1]) == GREY
    assert tuple(out[m + top + h - 1, m + left + w // 2]) == GREY
    # box 2 in the next colour
    assert tuple(out[m + 10 + 140, m + 10 - 2]) == _rgb(V.crop_color(theme, 2))
    assert out.shape[:2] == (300 + 2 * m, 400 + 2 * m)


def test_projector_outlines_and_labels_are_bigger():
    assert V.stroke_width(PROJECTOR) >= 2 * V.stroke_width(NORMAL) - 1
    assert V.label_font_size(PROJECTOR) > V.label_font_size(NORMAL)


def test_big_photos_are_displayed_small_and_small_ones_larger():
    big = V.display_base(Image.new("RGB", (1920, 1080)))
    assert max(big.image.size) == V.DISPLAY_SIDE and big.scale == pytest.approx(
        V.DISPLAY_SIDE / 1920
    )
    small = V.display_base(Image.new("RGB", (451, 300)))
    assert max(small.image.size) == V.DISPLAY_SIDE and small.source_size == (300, 451)


def test_identical_fallback_boxes_get_separate_labels():
    img = Image.new("RGB", (400, 300), GREY)
    base = V.display_base(img, side=400)
    box = fallback_box(300, 400, (3.0, 4.0))
    samples = [_sample(k, box, fallback=True) for k in (1, 2, 3)]
    out = np.asarray(V.draw_crop_boxes(base, samples, NORMAL))
    m = V.stroke_width(NORMAL) + 2
    row = out[m + box[0] + 3, :, :]
    present = {c: (row == _rgb(V.crop_color(NORMAL, c))).all(axis=1).any() for c in (1, 2, 3)}
    assert all(present.values()), "each badge visible along the box's top"


def test_grid_tiles_are_the_samples_pixel_for_pixel(tmp_path):
    from core.common.samples import load_sample

    cat = load_sample("cat").image
    pipeline = AugmentPipeline(size=(224, 224))
    samples = sample_pipeline(cat, pipeline, 8, 3)
    grid = np.asarray(V.render_grid(samples, 2, 4, NORMAL))
    layout = V.grid_layout(samples, 2, 4, NORMAL)
    assert layout.scale == 1
    for s, (x, y, w, h) in zip(samples, layout.tiles):
        assert np.array_equal(grid[y : y + h, x : x + w], np.asarray(s.image))
    # row-major numbering like the notes' show_images: tile 5 starts the second row
    assert layout.tiles[4][0] == layout.tiles[0][0] and layout.tiles[4][1] > layout.tiles[3][1]


def test_tiny_outputs_are_enlarged_by_whole_pixels():
    samples = [_sample(k, (0, 0, 10, 10), size=(20, 30)) for k in (1, 2)]
    layout = V.grid_layout(samples, 1, 2, PROJECTOR)
    k = layout.scale
    assert k == int(k) and k > 1
    grid = np.asarray(V.render_grid(samples, 1, 2, PROJECTOR))
    x, y, w, h = layout.tiles[1]
    assert (w, h) == (30 * k, 20 * k)
    tile = grid[y : y + h, x : x + w]
    assert np.array_equal(tile[:: int(k), :: int(k)], np.asarray(samples[1].image))


def test_fallback_tiles_and_partial_rows_render():
    samples = [_sample(k, (0, 0, 10, 10), fallback=(k == 2)) for k in (1, 2, 3)]
    grid = V.render_grid(samples, 2, 2, NORMAL)
    layout = V.grid_layout(samples, 2, 2, NORMAL)
    assert grid.size == layout.size and len(layout.tiles) == 3


def test_table_rows_are_the_samples_numbers():
    from core.common.samples import load_sample

    cat = load_sample("cat").image
    pipeline = AugmentPipeline(extras=tuple(TransformStep.of(n) for n in EXTRAS))
    samples = sample_pipeline(cat, pipeline, 4, 0)
    rows = V.sample_rows(samples, "en")
    assert len(rows) == 4
    for s, row in zip(samples, rows):
        assert row[t("augmentation.col.number", "en")] == s.index
        assert row[t("augmentation.col.box", "en")] == "({}, {}, {}, {})".format(*s.box)
        assert row[t("augmentation.col.area", "en")] == pytest.approx(s.area_fraction, abs=5e-4)
        assert row[t("augmentation.col.ratio", "en")] == pytest.approx(s.aspect_ratio, abs=5e-4)
        angle = dict(s.extras)["rotation"]["angle"]
        assert row[t("augmentation.col.rotation", "en")] == f"{angle:+.1f}°"
        jitter = row[t("augmentation.col.jitter", "en")]
        order = dict(s.extras)["jitter"]["order"]
        assert jitter.split(" → ")[0].startswith(order[0])
    ko = V.sample_rows(samples, "ko")
    assert "면적 비율" in ko[0]


def test_histograms_count_every_draw_against_the_chosen_ranges():
    stats = box_statistics(300, 451, (0.6, 1.0), (0.25, 4.0), 2000, 0)
    area = V.area_histogram(stats, NORMAL, "en")
    bars = [tr for tr in area.data if tr.type == "bar"]
    assert sum(int(np.sum(b.y)) for b in bars) == 2000
    fallback_bar = bars[1]
    assert int(np.sum(fallback_bar.y)) == int(stats.fallback.sum()) > 0
    edges = np.linspace(0, 1, 41)
    assert list(bars[0].y) == list(np.histogram(stats.area_fraction[~stats.fallback], edges)[0])
    band = [s for s in area.layout.shapes if s.type == "rect"][0]
    assert (band.x0, band.x1) == (0.6, 1.0)
    uniform = [tr for tr in area.data if tr.type == "scatter"][0]
    assert max(uniform.y) == pytest.approx(2000 * 0.025 / 0.4)
    assert area.layout.font.size == NORMAL.font_size

    ratio = V.ratio_histogram(stats, PROJECTOR, "ko")
    bars = [tr for tr in ratio.data if tr.type == "bar"]
    assert sum(int(np.sum(b.y)) for b in bars) == 2000
    band = [s for s in ratio.layout.shapes if s.type == "rect"][0]
    assert (band.x0, band.x1) == pytest.approx((math.log(0.25), math.log(4.0)))
    assert ratio.layout.font.size == PROJECTOR.font_size
    assert "1" in ratio.layout.xaxis.ticktext
    image_line = [tr for tr in ratio.data if tr.type == "scatter"][-1]
    assert image_line.x[0] == pytest.approx(math.log(451 / 300))


def test_ratio_ticks_are_few_and_readable():
    ticks = V.ratio_ticks(math.log(0.2) - 0.2, math.log(5) + 0.2)
    assert 1.0 in ticks and 3 <= len(ticks) <= 7
    assert V.ratio_ticks(math.log(0.75), math.log(4 / 3)) == [0.75, 1.0, 4 / 3]


@pytest.mark.parametrize(
    "p,text",
    [(0, "0%"), (0.623, "62.3%"), (0.0002, "0.02%"), (5.8e-5, "0.0058%"), (1e-9, "< 0.0001%")],
)
def test_probabilities_read_well(p, text):
    assert V.format_probability(p) == text


def test_grid_can_show_the_crops_before_the_extras():
    from core.common.samples import load_sample

    cat = load_sample("cat").image
    pipeline = AugmentPipeline(extras=(TransformStep.of("vflip", p=1.0),))
    samples = sample_pipeline(cat, pipeline, 2, 0)
    layout = V.grid_layout(samples, 1, 2, NORMAL)
    after = np.asarray(V.render_grid(samples, 1, 2, NORMAL))
    before = np.asarray(V.render_grid(samples, 1, 2, NORMAL, crops_only=True))
    x, y, w, h = layout.tiles[0]
    k = int(layout.scale)
    assert np.array_equal(before[y : y + h : k, x : x + w : k], np.asarray(samples[0].crop))
    assert np.array_equal(after[y : y + h : k, x : x + w : k], np.asarray(samples[0].crop)[::-1])


@pytest.mark.parametrize("theme", [NORMAL, PROJECTOR])
def test_number_cells_wear_their_boxs_colour_with_readable_ink(theme):
    for index in range(1, 2 * len(theme.palette) + 1):
        colour = V.crop_color(theme, index)
        style = V.number_cell_style(theme, index)
        assert f"background-color: {colour}" in style
        r, g, b = _rgb(colour)
        # ITU-R 601 luma: dark ink on light colours, white on dark ones
        ink = "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#FFFFFF"
        assert f"color: {ink}" in style.replace("background-color", "")
    assert V.ink_color("#FFFFFF") == "#000000" and V.ink_color("#000000") == "#FFFFFF"


@pytest.mark.parametrize("theme", [NORMAL, PROJECTOR])
def test_no_box_is_black_like_a_rotated_crops_corners(theme):
    colours = [V.crop_color(theme, index) for index in range(1, 33)]  # the largest grid
    assert all(sum(_rgb(c)) > 120 for c in colours), colours
    first = colours[: len(set(colours))]
    assert len(set(first)) == len(first) >= 7, "distinct colours before any repeats"
