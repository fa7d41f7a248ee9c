"""Visual themes shared by every figure: normal and projector mode.

Both themes use colour-blind-safe colours (Okabe-Ito palette, viridis-family and
purple-orange scales); projector mode adds bigger type, thicker lines and
higher-contrast scales for a classroom wall.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import cache

# Okabe & Ito (2008), the standard colour-blind-safe qualitative palette.
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")


@dataclass(frozen=True)
class Theme:
    projector: bool
    font_size: int
    title_size: int
    line_width: float
    marker_size: int
    sequential: str  # plotly colour scale for magnitudes (feature maps, matrices)
    diverging: str  # plotly colour scale for signed values (weights, gradients)
    palette: tuple[str, ...]
    grid_color: str
    text_color: str


NORMAL = Theme(
    projector=False,
    font_size=14,
    title_size=17,
    line_width=2.0,
    marker_size=8,
    sequential="Viridis",
    diverging="RdBu_r",
    palette=OKABE_ITO,
    grid_color="#E5E5E5",
    text_color="#262730",
)

PROJECTOR = Theme(
    projector=True,
    font_size=22,
    title_size=26,
    line_width=4.5,
    marker_size=14,
    sequential="Inferno",
    diverging="PuOr_r",
    palette=OKABE_ITO,
    grid_color="#BDBDBD",
    text_color="#000000",
)


def theme_for(projector: bool) -> Theme:
    return PROJECTOR if projector else NORMAL


BASE_TEMPLATE = "plotly_white"


@cache
def _template_json(name: str) -> dict:
    import plotly.io as pio

    return pio.templates[name].to_plotly_json()


def apply_template(fig, name: str = BASE_TEMPLATE) -> None:
    """Give ``fig`` a registered plotly template, as ``update_layout(template=name)`` does.

    That public route deep-copies and re-validates the whole template for every figure, most
    of a page rerun's plotting time when many students share one server. The registered
    template is already valid, so this installs a plain copy with validation switched off,
    the way plotly installs its default template itself
    (``BaseFigure._initialize_layout_template``); a test checks both give the same figure.
    """
    layout = fig.layout
    if not hasattr(layout, "_validate"):  # another plotly: take the public route
        fig.update_layout(template=name)
        return
    validate = layout._validate
    layout._validate = False
    try:
        layout.template = copy.deepcopy(_template_json(name))
    finally:
        layout._validate = validate


def style_figure(fig, theme: Theme):
    """Apply the theme's type, line widths and colours to a plotly figure in place; returns it."""
    apply_template(fig)
    fig.update_layout(
        font=dict(size=theme.font_size, color=theme.text_color),
        title_font=dict(size=theme.title_size),
        colorway=list(theme.palette),
        legend=dict(font=dict(size=theme.font_size)),
        margin=dict(l=10, r=10, t=50 if fig.layout.title.text else 20, b=10),
    )
    fig.update_xaxes(gridcolor=theme.grid_color, tickfont=dict(size=theme.font_size))
    fig.update_yaxes(gridcolor=theme.grid_color, tickfont=dict(size=theme.font_size))
    for trace in fig.data:
        if trace.type in ("scatter", "scatter3d", "scattergl"):
            if getattr(trace, "line", None) is not None and trace.line.width is None:
                trace.line.width = theme.line_width
            if getattr(trace, "marker", None) is not None and trace.marker.size is None:
                trace.marker.size = theme.marker_size
        if trace.type == "heatmap" and trace.colorscale is None:
            trace.colorscale = theme.sequential
        for holder in (trace, getattr(trace, "marker", None)):
            scale = getattr(holder, "colorscale", None) if holder is not None else None
            if scale:
                holder.colorscale = _rgb_scale(scale)
    return fig


def _rgb_scale(scale):
    """The scale with ``rgb()`` colours. Streamlit's frontend rewrites the hex colours
    "#000001".."#000040" in plotly figures (placeholders of its own chart theme), so
    Inferno's darkest stop "#000004" would be painted purple instead of black."""
    out = []
    for position, color in scale:
        if isinstance(color, str) and len(color) == 7 and color.startswith("#"):
            color = "rgb({}, {}, {})".format(*(int(color[i : i + 2], 16) for i in (1, 3, 5)))
        out.append((position, color))
    return out
