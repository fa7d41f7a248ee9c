"""Plotly figures of the feature-map lab: map grids, one map enlarged, filters, Grad-CAM, top-5.

Maps are coloured in numpy with the theme's sequential scale and sent as one PNG per grid
(a 64-map grid as a heatmap would be megabytes of JSON); an invisible scatter layer on top
carries each tile's channel number, so clicking a tile selects it. Every figure goes through
``core.common.theme.style_figure``.
"""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import plotly.graph_objects as go
from PIL import Image

from core.common import i18n
from core.common.class_names import class_hover, class_name
from core.common.theme import Theme, style_figure
from core.feature_maps.maps import normalise_maps

TILE_MIN_PX = 96  # maps are enlarged (nearest neighbour, whole factors) to at least this
OVERLAY_ALPHA = 0.6
CAM_ALPHA = (0.15, 0.6)  # overlay opacity at importance 0 and the extra at importance 1


class GridLayout(NamedTuple):
    columns: int  # tiles per row
    # the figure's width: about the page's result column (two thirds of the page at
    # 1400 px, or of a projector's 1920 px in big type); its height follows, so a
    # grid drawn narrower than this leaves empty space above and below it
    width_px: int


def grid_layout(projector: bool, compare: bool) -> GridLayout:
    """Tiles per row of a feature-map grid: fewer, larger tiles on a projector; half as
    many when two grids stand side by side."""
    width = 760 if projector else 600
    if compare:
        return GridLayout((4 if projector else 8) // 2, width // 2 - 10)
    return GridLayout(4 if projector else 8, width)


def filter_columns(projector: bool, compare: bool) -> int:
    """Filters per row: 16 in the full page, 8 when the page is split or enlarged."""
    return 8 if (compare or projector) else 16


@lru_cache(maxsize=8)
def colour_table(scale: str) -> np.ndarray:
    """256×3 uint8 lookup table sampled from a plotly colour scale (e.g. Viridis, Inferno)."""
    from plotly.colors import sample_colorscale, unlabel_rgb

    colours = sample_colorscale(scale, list(np.linspace(0, 1, 256)))
    return np.array([unlabel_rgb(c) for c in colours], dtype=np.float64).round().astype(np.uint8)


def colourise(values: np.ndarray, scale: str) -> np.ndarray:
    """Values in [0, 1] (any shape) -> RGB uint8 with one more axis of 3."""
    index = np.clip(np.nan_to_num(np.asarray(values, dtype=np.float64)) * 255, 0, 255)
    return colour_table(scale)[index.round().astype(np.int64)]


def png_uri(rgb: np.ndarray) -> str:
    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(rgb, dtype=np.uint8), "RGB").save(
        buffer, format="PNG", compress_level=3
    )
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def enlarge(rgb: np.ndarray, factor: int) -> np.ndarray:
    """Nearest-neighbour enlargement: every map pixel stays a visible square."""
    return rgb.repeat(factor, axis=0).repeat(factor, axis=1) if factor > 1 else rgb


def tile_factor(height: int, width: int, minimum: int = TILE_MIN_PX) -> int:
    return max(1, math.ceil(minimum / max(height, width)))


def blend(base_rgb: np.ndarray, overlay_rgb: np.ndarray, alpha) -> np.ndarray:
    mixed = (1 - alpha) * base_rgb.astype(np.float64) + alpha * overlay_rgb.astype(np.float64)
    return mixed.round().clip(0, 255).astype(np.uint8)


def grey_photo(image, height: int, width: int) -> np.ndarray:
    """The model's view of the photo in grey (so the colour scale alone carries the values)."""
    grey = image.convert("L").resize((width, height), Image.Resampling.BILINEAR)
    return np.repeat(np.asarray(grey)[..., None], 3, axis=2)


def upsample(values: np.ndarray, height: int, width: int) -> np.ndarray:
    """Bilinear resize of a [0, 1] map to the photo's size (for overlays)."""
    img = Image.fromarray(np.asarray(values, dtype=np.float32), mode="F")
    return np.asarray(img.resize((width, height), Image.Resampling.BILINEAR))


def _image_axes(fig: go.Figure, width: int, height: int) -> None:
    fig.update_xaxes(visible=False, range=[-0.5, width - 0.5], constrain="domain")
    fig.update_yaxes(visible=False, range=[height - 0.5, -0.5], scaleanchor="x", constrain="domain")


def _colourbar_trace(theme: Theme, low: float, high: float, title: str) -> go.Scatter:
    """An invisible point that only draws a colour bar for the given value range."""
    return go.Scatter(
        x=[None],
        y=[None],
        mode="markers",
        hoverinfo="skip",
        showlegend=False,
        marker=dict(
            colorscale=theme.sequential,
            cmin=low,
            cmax=high,
            color=[low],
            showscale=True,
            colorbar=dict(
                title=dict(text=title),
                thickness=28 if theme.projector else 14,
                tickfont=dict(size=theme.font_size),
            ),
        ),
    )


def feature_grid_figure(
    maps: np.ndarray,
    channels: list[int],
    theme: Theme,
    lang: str,
    *,
    scale: str = "map",
    columns: int = 8,
    photo=None,
    width_px: int = 1100,
    focus: int | None = None,
) -> go.Figure:
    """The chosen channels of a C×H×W layer output as a grid of coloured maps.

    ``scale="map"`` stretches each map over its own min..max; ``"layer"`` uses one range for
    the whole layer (all C channels), so brightness compares channels. With ``photo`` (the
    model's crop) each map is upsampled and laid over the photo in grey.
    """
    maps = np.asarray(maps, dtype=np.float32)
    columns = max(1, min(columns, len(channels)))
    canvas, place = _grid_canvas(maps, channels, theme, scale, columns, photo)
    if focus in channels:
        _outline_tile(canvas, place(channels.index(focus)), theme)
    height, width = canvas.shape[:2]
    fig = go.Figure(go.Image(source=png_uri(canvas), hoverinfo="skip"))
    fig.add_trace(_click_targets(maps, channels, place, lang, width_px // columns))
    font = dict(size=theme.font_size - (0 if theme.projector else 2), color="#000000")
    # one list set once: plotly re-validates every annotation on each add_annotation call
    labels = [
        dict(
            x=place(i)[1] + 2,
            y=place(i)[0] + 2,
            xanchor="left",
            yanchor="top",
            text=f"<b>#{c}</b>",
            showarrow=False,
            bgcolor="rgba(255,255,255,0.8)",
            font=font,
            borderpad=1,
        )
        for i, c in enumerate(channels)
    ]
    fig.update_layout(annotations=labels)
    if scale == "layer":
        label = i18n.t("feature_maps.grid.colourbar", lang)
        fig.add_trace(_colourbar_trace(theme, float(maps.min()), float(maps.max()), label))
    _image_axes(fig, width, height)
    display_height = width_px * height / width
    fig.update_layout(
        height=int(min(max(display_height + 30, 160), 2400)),
        clickmode="event+select",
        dragmode=False,
        hovermode="closest",
    )
    style_figure(fig, theme)
    fig.update_layout(margin=dict(l=0, r=0, t=10, b=0))
    return fig


def _grid_canvas(maps, channels, theme: Theme, scale: str, columns: int, photo):
    """The grid's pixels, and ``place(i)``: (top, left, height, width) of the i-th tile."""
    _, h, w = maps.shape
    rows = max(1, math.ceil(len(channels) / columns))
    normalised = normalise_maps(maps, scale)
    if photo is not None:
        side = max(TILE_MIN_PX, max(h, w))
        tile_h, tile_w = side, round(side * w / h)
        base = grey_photo(photo, tile_h, tile_w)
    else:
        factor = tile_factor(h, w)
        tile_h, tile_w = h * factor, w * factor
    gap = max(2, tile_w // 16)

    def place(i: int) -> tuple[int, int, int, int]:
        r, col = divmod(i, columns)
        return r * (tile_h + gap), col * (tile_w + gap), tile_h, tile_w

    canvas = np.full(
        (rows * tile_h + (rows - 1) * gap, columns * tile_w + (columns - 1) * gap, 3),
        255,
        dtype=np.uint8,
    )
    for i, c in enumerate(channels):
        top, left, _, _ = place(i)
        if photo is not None:
            coloured = colourise(upsample(normalised[c], tile_h, tile_w), theme.sequential)
            tile = blend(base, coloured, OVERLAY_ALPHA)
        else:
            tile = enlarge(colourise(normalised[c], theme.sequential), factor)
        canvas[top : top + tile_h, left : left + tile_w] = tile
    return canvas, place


def _outline_tile(canvas: np.ndarray, tile: tuple[int, int, int, int], theme: Theme) -> None:
    """A frame around the enlarged channel's tile (white on the projector's dark frame)."""
    top, left, tile_h, tile_w = tile
    gap = max(2, tile_w // 16)
    pad = max(1, gap // 2)
    colour = np.array([255, 255, 255] if theme.projector else [0, 0, 0], dtype=np.uint8)
    y0, x0 = max(0, top - pad), max(0, left - pad)
    canvas[y0:top, x0 : left + tile_w + pad] = colour
    canvas[top + tile_h : top + tile_h + pad, x0 : left + tile_w + pad] = colour
    canvas[y0 : top + tile_h + pad, x0:left] = colour
    canvas[y0 : top + tile_h + pad, left + tile_w : left + tile_w + pad] = colour


def _click_targets(maps, channels, place, lang: str, tile_px: int) -> go.Scatter:
    """A 4×4 lattice of invisible points per tile: a click anywhere near it selects the map,
    and hovering shows the channel's mean and maximum."""
    flat = maps.reshape(maps.shape[0], -1)
    means, peaks = flat.mean(axis=1), flat.max(axis=1)
    xs, ys, custom, hover = [], [], [], []
    for i, c in enumerate(channels):
        top, left, tile_h, tile_w = place(i)
        text = i18n.t(
            "feature_maps.grid.hover", lang, channel=c, mean=float(means[c]), max=float(peaks[c])
        )
        for fy in (0.125, 0.375, 0.625, 0.875):
            for fx in (0.125, 0.375, 0.625, 0.875):
                xs.append(left + fx * tile_w)
                ys.append(top + fy * tile_h)
                custom.append(c)
                hover.append(text)
    return go.Scatter(
        x=xs,
        y=ys,
        mode="markers",
        customdata=custom,
        hovertext=hover,
        hoverinfo="text",
        marker=dict(size=max(6, int(tile_px / 4)), color="rgba(0,0,0,0)"),
        showlegend=False,
        name="",
    )


def focus_map_figure(fmap: np.ndarray, theme: Theme, title: str) -> go.Figure:
    """One map, large, with its true values (hover and colour bar)."""
    fmap = np.asarray(fmap, dtype=np.float32)
    h, w = fmap.shape
    fig = go.Figure(
        go.Heatmap(
            z=fmap,
            colorscale=theme.sequential,
            hovertemplate="x=%{x} y=%{y}<br>%{z:.3f}<extra></extra>",
            colorbar=dict(
                thickness=28 if theme.projector else 14, tickfont=dict(size=theme.font_size)
            ),
        )
    )
    fig.update_xaxes(visible=False, range=[-0.5, w - 0.5], constrain="domain")
    fig.update_yaxes(visible=False, range=[h - 0.5, -0.5], scaleanchor="x", constrain="domain")
    fig.update_layout(title=dict(text=title), height=520 if theme.projector else 420)
    return style_figure(fig, theme)


def filters_figure(images: np.ndarray, theme: Theme, columns: int = 16) -> go.Figure:
    """First-layer filters (out×kh×kw×3 in [0, 1]) as small RGB squares."""
    n, kh, kw, _ = images.shape
    columns = max(1, min(columns, n))
    rows = math.ceil(n / columns)
    factor = tile_factor(kh, kw, 36 if not theme.projector else 56)
    th, tw = kh * factor, kw * factor
    gap = max(2, tw // 8)
    canvas = np.full(
        (rows * th + (rows - 1) * gap, columns * tw + (columns - 1) * gap, 3), 255, dtype=np.uint8
    )
    for i in range(n):
        r, c = divmod(i, columns)
        tile = enlarge((images[i] * 255).round().clip(0, 255).astype(np.uint8), factor)
        canvas[r * (th + gap) : r * (th + gap) + th, c * (tw + gap) : c * (tw + gap) + tw] = tile
    fig = go.Figure(go.Image(source=png_uri(canvas), hoverinfo="skip"))
    height, width = canvas.shape[:2]
    _image_axes(fig, width, height)
    fig.update_layout(height=int(min(60 + height * 1.6, 900)), dragmode=False)
    style_figure(fig, theme)
    fig.update_layout(margin=dict(l=0, r=0, t=10, b=0))
    return fig


def _photo_trace(canvas: np.ndarray, hover: str | None) -> go.Image:
    """The blended picture; ``hover`` (the class's English name on a Korean page) shows
    wherever the pointer rests on it, else it has no hover."""
    if hover is None:
        return go.Image(source=png_uri(canvas), hoverinfo="skip")
    return go.Image(source=png_uri(canvas), hovertemplate=f"{hover}<extra></extra>")


def cam_figure(
    photo, heatmap: np.ndarray, theme: Theme, lang: str, title: str, hover: str | None = None
) -> go.Figure:
    """Grad-CAM heatmap (0..1, the input's size) laid over the model's view of the photo."""
    h, w = heatmap.shape
    base = np.asarray(photo.convert("RGB").resize((w, h), Image.Resampling.BILINEAR))
    # the photo shows through where the class gets little credit
    alpha = (CAM_ALPHA[0] + CAM_ALPHA[1] * np.clip(heatmap, 0, 1))[..., None]
    blended = blend(base, colourise(heatmap, theme.sequential), alpha)
    fig = go.Figure(_photo_trace(blended, hover))
    fig.add_trace(_colourbar_trace(theme, 0.0, 1.0, i18n.t("feature_maps.cam.colourbar", lang)))
    _image_axes(fig, w, h)
    fig.update_layout(
        title=dict(text=title), height=560 if theme.projector else 440, dragmode=False
    )
    return style_figure(fig, theme)


def predictions_figure(
    predictions, class_names: Sequence[str], theme: Theme, lang: str, title: str
) -> go.Figure:
    """Top-k classes as horizontal bars, the most probable on top, named for ``lang``
    (a translated name carries the original on hover)."""
    shown = list(reversed(predictions))
    labels = [class_name(class_names, p.index, lang) for p in shown]
    values = [100 * p.probability for p in shown]
    hover = [class_hover(class_names, p.index, lang) for p in shown]
    translated = any(h is not None for h in hover)
    fig = go.Figure(
        go.Bar(
            x=values,
            y=labels,
            orientation="h",
            marker_color=theme.palette[0],
            text=[f"{v:.1f}%" for v in values],
            textposition="auto",
            cliponaxis=False,
            customdata=[h or label for h, label in zip(hover, labels)] if translated else None,
            hovertemplate=(
                "%{y} (%{customdata}): %{x:.2f}%<extra></extra>"
                if translated
                else "%{y}: %{x:.2f}%<extra></extra>"
            ),
        )
    )
    fig.update_xaxes(range=[0, 100], ticksuffix="%")
    fig.update_yaxes(automargin=True)
    per_bar = 46 if theme.projector else 32
    fig.update_layout(title=dict(text=title), height=90 + per_bar * len(labels), showlegend=False)
    return style_figure(fig, theme)


def cam_overlay(photo, heatmap: np.ndarray, theme: Theme, side: int) -> np.ndarray:
    """side×side RGB: a [0, 1] map over the photo, as ``cam_figure`` blends it."""
    base = np.asarray(photo.convert("RGB").resize((side, side), Image.Resampling.BILINEAR))
    heat = upsample(heatmap, side, side) if heatmap.shape != (side, side) else heatmap
    alpha = (CAM_ALPHA[0] + CAM_ALPHA[1] * np.clip(heat, 0, 1))[..., None]
    return blend(base, colourise(heat, theme.sequential), alpha)


def cam_tiles_figure(
    photo,
    heatmaps: list[np.ndarray],
    captions: list[str],
    theme: Theme,
    lang: str,
    title: str,
    hover: str | None = None,
) -> go.Figure:
    """Several maps over the same photo in a grid, each with its caption (up to two lines)
    above it."""
    columns = 3 if theme.projector else 4
    side, band = (220, 64) if theme.projector else (180, 44)
    rows = math.ceil(len(heatmaps) / columns)
    width, height = columns * side, rows * (side + band)
    canvas = np.full((height, width, 3), 255, dtype=np.uint8)
    annotations = []
    for k, (heatmap, caption) in enumerate(zip(heatmaps, captions)):
        row, col = divmod(k, columns)
        top, left = row * (side + band) + band, col * side
        canvas[top : top + side, left + 2 : left + side - 2] = cam_overlay(
            photo, heatmap, theme, side
        )[:, 2:-2]
        annotations.append(
            dict(
                x=left + side / 2,
                y=top - band / 2,
                text=caption,
                showarrow=False,
                xref="x",
                yref="y",
                font=dict(size=theme.font_size * 0.8),
            )
        )
    fig = go.Figure(_photo_trace(canvas, hover))
    fig.add_trace(_colourbar_trace(theme, 0.0, 1.0, i18n.t("feature_maps.cam.colourbar", lang)))
    _image_axes(fig, width, height)
    fig.update_layout(
        title=dict(text=title), annotations=annotations, height=120 + height, dragmode=False
    )
    return style_figure(fig, theme)


def similarity_figure(
    steps: list[str], rank: list[float], ssim: list[float], limit: float, theme: Theme, lang: str
) -> go.Figure:
    """Rank correlation and SSIM with the original map at each cascade step (nan: a gap)."""
    fig = go.Figure()
    for k, (name, values) in enumerate(
        (("feature_maps.sanity.spearman", rank), ("feature_maps.sanity.ssim", ssim))
    ):
        fig.add_trace(
            go.Scatter(
                x=steps,
                y=[None if np.isnan(v) else v for v in values],
                mode="lines+markers",
                name=i18n.t(name, lang),
                line=dict(color=theme.palette[k], width=4 if theme.projector else 2),
                marker=dict(size=12 if theme.projector else 8),
                hovertemplate="%{x}: %{y:.3f}<extra></extra>",
            )
        )
    fig.add_hline(
        y=limit,
        line_dash="dash",
        line_color=theme.palette[2],
        annotation_text=i18n.t("feature_maps.sanity.limit", lang),
    )
    fig.update_yaxes(range=[-1.05, 1.05])
    fig.update_xaxes(title_text=i18n.t("feature_maps.sanity.x_title", lang))
    fig.update_layout(
        title=dict(text=i18n.t("feature_maps.sanity.similarity_title", lang)),
        height=520 if theme.projector else 400,
        legend=dict(orientation="h", x=1, xanchor="right", y=1.02, yanchor="bottom"),
    )
    return style_figure(fig, theme)
