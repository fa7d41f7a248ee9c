"""What the augmentation lab shows: boxes on the photo, the grid, the table, the histograms.

Plain functions of ``core.augmentation`` results and a ``core.common.theme.Theme``. Box ``k``
and tile ``k`` share the number ``k`` (row-major, like the notes' ``show_images``) and the
colour ``crop_color(theme, k)``; a dashed outline marks a fallback centre crop.
Strokes sit just *outside* each crop, so what is inside a box is exactly its crop.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from PIL import Image, ImageDraw, ImageFont

from core.augmentation.distributions import BoxStatistics
from core.augmentation.sampling import CropSample
from core.common.i18n import t
from core.common.theme import Theme, style_figure

# the photo with its boxes is drawn at this longest side (about its on-screen size)
DISPLAY_SIDE = 640
# about the on-screen width of the grid's tiles: small grids are enlarged to it
GRID_TILES_WIDTH = 720
GRID_MAX_WIDTH = 2400  # grids of more crop pixels than this across are shrunk (memory, PNG size)
MAX_NUDGES = 40


def crop_color(theme: Theme, index: int) -> str:
    """Box ``index``'s colour: the palette without black, which a rotated crop's corners are
    filled with; after the last colour they repeat, told apart by the box's number."""
    colors = [c for c in theme.palette if c.upper() != "#000000"]
    return colors[(index - 1) % len(colors)]


def _rgb(hex_color: str) -> tuple[int, int, int]:
    h = hex_color.lstrip("#")
    return tuple(int(h[i : i + 2], 16) for i in (0, 2, 4))


def ink_color(hex_color: str) -> str:
    """Black or white, whichever reads better on ``hex_color`` (labels, halos)."""
    r, g, b = _rgb(hex_color)
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#FFFFFF"


def number_cell_style(theme: Theme, index: int) -> str:
    """CSS of sample ``index``'s number cell in the table: its box's colour."""
    color = crop_color(theme, index)
    return f"background-color: {color}; color: {ink_color(color)}; font-weight: bold"


def stroke_width(theme: Theme) -> int:
    """Box outline in display pixels (halo included): thick enough to read on a classroom wall."""
    return max(4, round(2 * theme.line_width) + 1)


def label_font_size(theme: Theme) -> int:
    return round(1.8 * theme.font_size)


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


# --------------------------------------------------------------------------- the photo with boxes


@dataclass(frozen=True, eq=False)
class DisplayImage:
    """The photo scaled for display (computed once per photo; cache it at the page edge)."""

    image: Image.Image
    scale: float  # display pixels per source pixel
    source_size: tuple[int, int]  # (height, width) of the source


def display_base(image: Image.Image, side: int = DISPLAY_SIDE) -> DisplayImage:
    """``image`` with its longest side ``side``: big photos shrink, small ones grow."""
    scale = side / max(image.size)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    if scale < 1:
        shown = image.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)
    elif scale > 1:
        shown = image.resize(size, Image.Resampling.BICUBIC)
    else:
        shown = image.copy()
    return DisplayImage(shown, scale, (image.height, image.width))


def _dashed_rectangle(draw: ImageDraw.ImageDraw, xy, color, width: int) -> None:
    """A rectangle outline of ``width`` drawn inward from ``xy``, in dashes."""
    x0, y0, x1, y1 = xy
    dash, gap = 4 * width, 2 * width
    for a in range(x0, x1 + 1, dash + gap):
        b = min(a + dash - 1, x1)
        draw.rectangle((a, y0, b, y0 + width - 1), fill=color)
        draw.rectangle((a, y1 - width + 1, b, y1), fill=color)
    for a in range(y0, y1 + 1, dash + gap):
        b = min(a + dash - 1, y1)
        draw.rectangle((x0, a, x0 + width - 1, b), fill=color)
        draw.rectangle((x1 - width + 1, a, x1, b), fill=color)


def _outline(draw, xy, color: str, width: int, dashed: bool) -> None:
    """An outline ``width`` thick drawn inward from ``xy``: a 1-pixel contrasting halo on both
    sides of the colour, so it shows on any photo."""
    halo = ink_color(color)
    x0, y0, x1, y1 = xy
    draw.rectangle(xy, outline=halo, width=width)
    inner = (x0 + 1, y0 + 1, x1 - 1, y1 - 1)
    if dashed:
        _dashed_rectangle(draw, inner, color, width - 2)
    else:
        draw.rectangle(inner, outline=color, width=width - 2)


def _badge_size(text: str, font) -> tuple[int, int]:
    left, top, right, bottom = font.getbbox(text)
    pad = max(3, font.size // 5)
    return right - left + 2 * pad, bottom - top + 2 * pad


def _badge(draw, x: int, y: int, text: str, color: str, font) -> tuple[int, int, int, int]:
    """A filled number label with its top-left corner at (x, y); returns its rectangle."""
    left, top, _, _ = font.getbbox(text)
    pad = max(3, font.size // 5)
    w, h = _badge_size(text, font)
    rect = (x, y, x + w - 1, y + h - 1)
    draw.rectangle(rect, fill=color)
    draw.text((x + pad - left, y + pad - top), text, fill=ink_color(color), font=font)
    return rect


def _overlaps(a, b) -> bool:
    return not (a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1])


def draw_crop_boxes(base: DisplayImage, samples: Sequence[CropSample], theme: Theme) -> Image.Image:
    """The photo with every sample's box outlined and numbered (on a margin, so edge boxes show)."""
    sw = stroke_width(theme)
    margin = sw + 2
    canvas = Image.new(
        "RGB", (base.image.width + 2 * margin, base.image.height + 2 * margin), "#FFFFFF"
    )
    canvas.paste(base.image, (margin, margin))
    draw = ImageDraw.Draw(canvas)
    font = _font(label_font_size(theme))
    s = base.scale
    outlines = []
    for sample in samples:
        top, left, h, w = sample.box
        x0, y0 = margin + round(left * s), margin + round(top * s)
        x1, y1 = margin + round((left + w) * s), margin + round((top + h) * s)
        outlines.append((sample, (x0 - sw, y0 - sw, x1 + sw - 1, y1 + sw - 1)))
    # big boxes first so small ones stay visible on top
    for sample, xy in sorted(outlines, key=lambda o: -(o[1][2] - o[1][0]) * (o[1][3] - o[1][1])):
        _outline(draw, xy, crop_color(theme, sample.index), sw, sample.fallback)
    placed: list[tuple[int, int, int, int]] = []
    for sample, (x0, y0, _, _) in outlines:
        w, h = _badge_size(str(sample.index), font)
        x, y = x0 + sw, y0 + sw
        rect = (x, y, x + w - 1, y + h - 1)
        for _ in range(MAX_NUDGES):  # labels of overlapping corners (e.g. fallbacks) line up
            if not any(_overlaps(rect, p) for p in placed):
                break
            x = rect[2] + 3
            if x + w > canvas.width:
                x, y = x0 + sw, rect[3] + 3
            rect = (x, y, x + w - 1, y + h - 1)
        placed.append(
            _badge(draw, rect[0], rect[1], str(sample.index), crop_color(theme, sample.index), font)
        )
    return canvas


# --------------------------------------------------------------------------- the grid


def tile_scale(size: tuple[int, int], cols: int) -> float:
    """Display scale of the tiles: whole-pixel enlargement when the grid would be small on
    screen, a shrink only for huge grids (over GRID_MAX_WIDTH pixels of crops)."""
    natural = cols * size[1]
    if natural > GRID_MAX_WIDTH:
        return GRID_MAX_WIDTH / natural
    return float(max(1, math.floor(GRID_TILES_WIDTH / natural)))


@dataclass(frozen=True)
class GridLayout:
    """Where tile k (1-based) sits in the grid image, and how big its frame and number are."""

    tiles: tuple[tuple[int, int, int, int], ...]  # (x, y, width, height) of each tile's pixels
    scale: float  # tile pixels per output pixel
    size: tuple[int, int]  # (width, height) of the grid image
    stroke: int
    font_size: int
    band: int  # height of the number badge above each tile


def grid_layout(samples: Sequence[CropSample], rows: int, cols: int, theme: Theme) -> GridLayout:
    h, w = samples[0].image.height, samples[0].image.width
    k = tile_scale((h, w), cols)
    tw, th = max(1, round(w * k)), max(1, round(h * k))
    # a wide grid is shown shrunk to the page: thicken frames and numbers to match
    decor = max(1.0, cols * tw / GRID_TILES_WIDTH)
    sw = round(stroke_width(theme) * decor)
    font_size = round(label_font_size(theme) * decor)
    band = _badge_size("88", _font(font_size))[1] + 4
    gap = 2 * sw + round(10 * decor)
    cell_w, cell_h = tw + 2 * sw + gap, th + 2 * sw + band + gap
    tiles = []
    for i in range(len(samples)):
        r, c = divmod(i, cols)
        tiles.append((gap // 2 + c * cell_w + sw, gap // 2 + r * cell_h + band + sw, tw, th))
    used_rows = math.ceil(len(samples) / cols)
    return GridLayout(
        tuple(tiles), k, (cols * cell_w, max(rows, used_rows) * cell_h), sw, font_size, band
    )


def render_grid(
    samples: Sequence[CropSample], rows: int, cols: int, theme: Theme, crops_only: bool = False
) -> Image.Image:
    """The rows x cols grid of the samples' images (``crops_only``: before the extra transforms),
    each framed and numbered in its box's colour."""
    layout = grid_layout(samples, rows, cols, theme)
    canvas = Image.new("RGB", layout.size, "#FFFFFF")
    draw = ImageDraw.Draw(canvas)
    sw = layout.stroke
    font = _font(layout.font_size)
    for sample, (x, y, tw, th) in zip(samples, layout.tiles):
        tile = sample.crop if crops_only else sample.image
        if (tw, th) != tile.size:
            resample = Image.Resampling.NEAREST if layout.scale > 1 else Image.Resampling.LANCZOS
            tile = tile.resize((tw, th), resample)
        canvas.paste(tile, (x, y))
        color = crop_color(theme, sample.index)
        frame = (x - sw, y - sw, x + tw + sw - 1, y + th + sw - 1)
        if sample.fallback:
            _dashed_rectangle(draw, frame, color, sw)
        else:
            draw.rectangle(frame, outline=color, width=sw)
        _badge(draw, x - sw, y - sw - layout.band + 2, str(sample.index), color, font)
    return canvas


# --------------------------------------------------------------------------- the table


def _signed(v: float, digits: int = 2) -> str:
    return f"{v:+.{digits}f}"


def describe_extras(sample: CropSample, lang: str) -> dict[str, str]:
    """Column -> text for the optional transforms' drawn parameters of one sample."""
    cells = {}
    for name, drawn in sample.extras:
        column = t(f"augmentation.col.{name}", lang)
        if name in ("hflip", "vflip"):
            cells[column] = t(
                "augmentation.flipped" if drawn["flipped"] else "augmentation.not_flipped", lang
            )
        elif name == "jitter":
            parts = [
                f"{t(f'augmentation.jitter.{p}', lang)} "
                f"{_signed(drawn[p], 3) if p == 'hue' else format(drawn[p], '.2f')}"
                for p in drawn["order"]
                if drawn[p] is not None
            ]
            cells[column] = " → ".join(parts) if parts else "—"
        elif name == "rotation":
            cells[column] = f"{drawn['angle']:+.1f}°"
    return cells


def sample_rows(samples: Sequence[CropSample], lang: str) -> list[dict[str, object]]:
    """One row per sample, columns named in ``lang``; numbers are the samples' own."""
    rows = []
    for s in samples:
        top, left, h, w = s.box
        row = {
            t("augmentation.col.number", lang): s.index,
            t("augmentation.col.box", lang): f"({top}, {left}, {h}, {w})",
            t("augmentation.col.area", lang): round(s.area_fraction, 3),
            t("augmentation.col.ratio", lang): round(s.aspect_ratio, 3),
            t("augmentation.col.attempts", lang): s.attempts,
            t("augmentation.col.fallback", lang): t(
                "augmentation.yes" if s.fallback else "augmentation.no", lang
            ),
        }
        row.update(describe_extras(s, lang))
        rows.append(row)
    return rows


# --------------------------------------------------------------------------- histograms

RATIO_TICKS = (0.1, 0.2, 0.25, 1 / 3, 0.5, 0.75, 1.0, 4 / 3, 2.0, 3.0, 4.0, 5.0, 10.0)


def _ratio_text(r: float) -> str:
    return f"{r:.2f}".rstrip("0").rstrip(".")


def ratio_ticks(x0: float, x1: float, max_ticks: int = 7) -> list[float]:
    """Readable ratio ticks on a log axis from x0 to x1 (in ln units): 1 first, then outwards,
    skipping ticks closer than 1/max_ticks of the axis to one already kept."""
    candidates = [r for r in RATIO_TICKS if x0 <= math.log(r) <= x1]
    candidates.sort(key=lambda r: abs(math.log(r)))
    kept: list[float] = []
    for r in candidates:
        if all(abs(math.log(r) - math.log(k)) >= (x1 - x0) / max_ticks for k in kept):
            kept.append(r)
    return sorted(kept)


def _stacked_bars(
    values: np.ndarray, fallback: np.ndarray, edges: np.ndarray, theme: Theme, lang: str
) -> list[go.Bar]:
    centres = (edges[:-1] + edges[1:]) / 2
    width = float(edges[1] - edges[0])
    fitted = np.histogram(values[~fallback], edges)[0]
    fell = np.histogram(values[fallback], edges)[0]
    return [
        go.Bar(
            x=centres,
            y=fitted,
            width=width,
            name=t("augmentation.hist.fitted", lang),
            marker=dict(color=theme.palette[0], line=dict(width=0)),
        ),
        go.Bar(
            x=centres,
            y=fell,
            width=width,
            name=t("augmentation.hist.fallback", lang),
            marker=dict(color=theme.palette[1], line=dict(width=0)),
        ),
    ]


def _uniform_line(lo: float, hi: float, n: int, bin_width: float, theme: Theme, lang: str):
    """Expected count per bin if every proposal were kept (uniform over the chosen range)."""
    height = n * bin_width / (hi - lo)
    return go.Scatter(
        x=[lo, lo, hi, hi],
        y=[0, height, height, 0],
        mode="lines",
        name=t("augmentation.hist.uniform", lang),
        line=dict(color=theme.text_color, dash="dash", width=theme.line_width),
    )


def _finish(fig: go.Figure, title: str, theme: Theme, lang: str) -> go.Figure:
    """Title (which names the x axis) on top, legend under the axis, the theme's type."""
    fig.update_layout(
        title=dict(text=title),
        barmode="stack",
        bargap=0,
        height=560 if theme.projector else 420,
        legend=dict(
            orientation="h",
            yanchor="top",
            y=-0.2 if theme.projector else -0.14,
            xanchor="left",
            x=0,
            traceorder="normal",
        ),
        yaxis_title=t("augmentation.hist.count", lang),
    )
    style_figure(fig, theme)
    top = theme.title_size + theme.font_size + 40  # the title, then the "chosen range" label
    fig.update_layout(margin=dict(l=10, r=10, t=top, b=10))
    return fig


def _range_band(fig: go.Figure, lo: float, hi: float, theme: Theme, lang: str) -> None:
    fig.add_vrect(
        x0=lo, x1=hi, fillcolor=theme.palette[2], opacity=0.15, line_width=0, layer="below"
    )
    for x in (lo, hi):
        fig.add_vline(x=x, line=dict(color=theme.palette[2], width=theme.line_width))
    fig.add_annotation(
        x=(lo + hi) / 2,
        y=1.0,
        yref="paper",
        yanchor="bottom",
        showarrow=False,
        text=t("augmentation.hist.chosen", lang),
        font=dict(color=theme.palette[2]),
    )


def area_histogram(stats: BoxStatistics, theme: Theme, lang: str, bins: int = 40) -> go.Figure:
    """Histogram of the boxes' area fractions against the chosen ``scale`` range."""
    s0, s1 = stats.scale
    edges = np.linspace(0.0, max(1.0, s1), bins + 1)
    fig = go.Figure(_stacked_bars(stats.area_fraction, stats.fallback, edges, theme, lang))
    if s1 > s0:
        fig.add_trace(_uniform_line(s0, s1, stats.n, float(edges[1] - edges[0]), theme, lang))
    _range_band(fig, s0, s1, theme, lang)
    fig.update_xaxes(range=[edges[0], edges[-1]])
    return _finish(fig, t("augmentation.hist.area_title", lang), theme, lang)


def ratio_histogram(stats: BoxStatistics, theme: Theme, lang: str, bins: int = 40) -> go.Figure:
    """Histogram of ln(w/h) of the boxes against ln(ratio), ticks labelled as ratios."""
    lo, hi = (math.log(r) for r in stats.ratio)
    image_log = math.log(stats.image_size[1] / stats.image_size[0])
    pad = 0.15 * (hi - lo) + 0.1
    x0 = min(lo, image_log, float(stats.log_ratio.min())) - pad
    x1 = max(hi, image_log, float(stats.log_ratio.max())) + pad
    edges = np.linspace(x0, x1, bins + 1)
    fig = go.Figure(_stacked_bars(stats.log_ratio, stats.fallback, edges, theme, lang))
    if hi > lo:
        fig.add_trace(_uniform_line(lo, hi, stats.n, float(edges[1] - edges[0]), theme, lang))
    _range_band(fig, lo, hi, theme, lang)
    top = max(float(max(trace.y)) for trace in fig.data) * 1.05
    fig.add_trace(
        go.Scatter(
            x=[image_log, image_log],
            y=[0, top],
            mode="lines",
            name=t(
                "augmentation.hist.image_ratio",
                lang,
                ratio=_ratio_text(stats.image_size[1] / stats.image_size[0]),
            ),
            line=dict(color=theme.palette[3], dash="dot", width=theme.line_width),
        )
    )
    ticks = ratio_ticks(x0, x1)
    fig.update_xaxes(
        range=[x0, x1],
        tickvals=[math.log(r) for r in ticks],
        ticktext=[_ratio_text(r) for r in ticks],
    )
    return _finish(fig, t("augmentation.hist.ratio_title", lang), theme, lang)


def format_probability(p: float) -> str:
    """A probability as a percentage a student can read, also when it is tiny."""
    if p <= 0:
        return "0%"
    if p >= 0.01:
        return f"{p:.1%}"
    if p >= 1e-6:
        return f"{p * 100:.2g}%"
    return "< 0.0001%"
