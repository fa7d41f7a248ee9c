"""Figures of the transfer-learning lab (plain plotly builders; every one goes through
``core.common.theme.style_figure``)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.common.i18n import t
from core.common.theme import Theme, style_figure
from core.transfer_learning.strategy import GroupInfo, normalize_trainable
from core.transfer_learning.training import EpochRecord

FROZEN_COLOR = "#0072B2"  # Okabe-Ito blue
TRAINABLE_COLOR = "#D55E00"  # Okabe-Ito vermillion
NO_PARAMS_COLOR = "#BBBBBB"


def format_count(n: int) -> str:
    """1234567 -> '1.23M', 2562 -> '2.6k' (compact labels for bars)."""
    if n >= 1_000_000:
        return f"{n / 1e6:.2f}M"
    if n >= 1_000:
        return f"{n / 1e3:.1f}k"
    return str(n)


def format_seconds(s: float, lang: str, about: bool = False) -> str:
    """A duration in the page's language and one unit: 12.3 s / 12.3초, 0.74 s, under 0.01 s
    (runs on cached features are that quick); ``about`` marks an estimate (≈ 6.5 s / 약 6.5초)."""
    if s < 0.01:
        return t("transfer_learning.speed.under_10ms", lang)
    key = "transfer_learning.speed.seconds" if about else "transfer_learning.time.seconds"
    return t(key, lang, s=f"{s:.2f}" if s < 1 else f"{s:.1f}")


def layer_groups_figure(
    infos: Sequence[GroupInfo], trainable: Sequence[str], theme: Theme, lang: str
) -> go.Figure:
    """The network as a row of layer groups: frozen / trained, with parameter counts."""
    chosen = set(normalize_trainable(infos, trainable))
    states = [
        "trainable" if g.name in chosen else ("frozen" if g.has_params else "none") for g in infos
    ]
    colors = {"trainable": TRAINABLE_COLOR, "frozen": FROZEN_COLOR, "none": NO_PARAMS_COLOR}
    fig = go.Figure()
    for state in ("frozen", "trainable", "none"):
        idx = [i for i, s in enumerate(states) if s == state]
        if not idx:
            continue
        fig.add_bar(
            x=[infos[i].name for i in idx],
            y=[max(infos[i].num_params, 1) for i in idx],
            marker=dict(color=colors[state], pattern_shape="/" if state == "frozen" else ""),
            name=t(f"transfer_learning.layers.state_{state}", lang),
            text=[format_count(infos[i].num_params) if infos[i].has_params else "—" for i in idx],
            textposition="outside",
            cliponaxis=False,
            customdata=[[infos[i].kind, f"{infos[i].num_params:,}"] for i in idx],
            hovertemplate=(
                "%{x} (%{customdata[0]})<br>%{customdata[1]}<extra>%{fullData.name}</extra>"
            ),
        )
    fig.update_layout(
        barmode="overlay",
        xaxis=dict(
            categoryorder="array",
            categoryarray=[g.name for g in infos],
            title=t("transfer_learning.layers.axis_groups", lang),
        ),
        yaxis=dict(
            type="log", title=t("transfer_learning.layers.axis_params", lang), showgrid=True
        ),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
        height=380 if theme.projector else 320,
        bargap=0.15,
    )
    top = max(g.num_params for g in infos)
    headroom = 1.0 if theme.projector else 0.6  # decades above the tallest bar: its label fits
    fig.update_yaxes(range=[0, np.log10(max(top, 10)) + headroom])
    return style_figure(fig, theme)


def _two_panels(left: str, right: str, lang: str) -> go.Figure:
    """Two plots side by side, titled by the lab's string keys ``left`` and ``right``."""
    titles = (t(f"transfer_learning.{left}", lang), t(f"transfer_learning.{right}", lang))
    return make_subplots(rows=1, cols=2, subplot_titles=titles, horizontal_spacing=0.12)


EPOCH_TICKS = 12  # at most about this many labelled epochs on an axis


def epoch_step(epochs: float) -> int:
    """A round distance between labelled epochs: 1, 2, 5, 10, 20, 50, ..."""
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if epochs / step <= EPOCH_TICKS:
                return step
        magnitude *= 10


def _epoch_axes(fig: go.Figure, epochs: float, lang: str, start: float = 0.5) -> None:
    """Both panels' x axes: from ``start`` to the last epoch, round steps, upright labels."""
    last = max(math.ceil(epochs), 1)
    fig.update_xaxes(
        range=[start, last + 0.5],
        tick0=0,
        dtick=epoch_step(last),
        tickangle=0,
        title=t("transfer_learning.curves.epoch", lang),
    )


def curves_figure(
    history: Sequence[EpochRecord], epochs: int, theme: Theme, lang: str
) -> go.Figure:
    """Loss and accuracy per epoch, train and validation; the x axis spans the whole run."""
    fig = _two_panels("curves.loss", "curves.accuracy", lang)
    x = [r.epoch for r in history]
    series = (
        (
            "train",
            theme.palette[0],
            "solid",
            [r.train_loss for r in history],
            [r.train_acc for r in history],
        ),
        (
            "val",
            theme.palette[1],
            "dash" if theme.projector else "solid",
            [r.val_loss for r in history],
            [r.val_acc for r in history],
        ),
    )
    for name, color, dash, loss, acc in series:
        label = t(f"transfer_learning.curves.{name}", lang)
        for col, values in ((1, loss), (2, acc)):
            fig.add_scatter(
                x=x,
                y=values,
                mode="lines+markers",
                name=label,
                legendgroup=name,
                showlegend=col == 1,
                line=dict(color=color, dash=dash),
                row=1,
                col=col,
            )
    _epoch_axes(fig, epochs, lang)
    fig.update_yaxes(rangemode="tozero", row=1, col=1)
    fig.update_yaxes(range=[0, 1.02], tickformat=".0%", row=1, col=2)
    # projector: low enough that the legend under the curves stays on a 1080 px screen
    fig.update_layout(
        height=400 if theme.projector else 360,
        legend=dict(orientation="h", yanchor="top", y=-0.25, x=0),
    )
    style_figure(fig, theme)
    fig.update_annotations(font_size=theme.font_size)
    fig.update_layout(margin=dict(t=40 + theme.font_size))  # room for the subplot titles
    return fig


def runs_figure(
    runs: Sequence[tuple[str, Sequence[tuple[float, float, float]]]], theme: Theme, lang: str
) -> go.Figure:
    """Validation accuracy and loss of every run of the session, overlaid; each run's points
    are (epoch, accuracy, loss), a stopped run's last one at a fractional epoch."""
    fig = _two_panels("runs.val_accuracy", "runs.val_loss", lang)
    dashes = ("solid", "dash", "dot", "dashdot")
    for k, (label, points) in enumerate(runs):
        color = theme.palette[k % len(theme.palette)]
        dash = dashes[(k // len(theme.palette)) % len(dashes)]
        x = [p[0] for p in points]
        fig.add_scatter(
            x=x,
            y=[p[1] for p in points],
            mode="lines+markers",
            name=label,
            legendgroup=label,
            line=dict(color=color, dash=dash),
            row=1,
            col=1,
        )
        fig.add_scatter(
            x=x,
            y=[p[2] for p in points],
            mode="lines+markers",
            name=label,
            legendgroup=label,
            showlegend=False,
            line=dict(color=color, dash=dash),
            row=1,
            col=2,
        )
    fig.update_yaxes(range=[0, 1.02], tickformat=".0%", row=1, col=1)
    fig.update_yaxes(rangemode="tozero", row=1, col=2)
    xs = [p[0] for _, points in runs for p in points]
    _epoch_axes(fig, max(xs, default=1), lang, start=0 if min(xs, default=1) < 1 else 0.5)
    legend_y = -0.3 if theme.projector else -0.22  # below the axis titles (bigger on a projector)
    fig.update_layout(
        height=460 if theme.projector else 380,
        legend=dict(orientation="h", yanchor="top", y=legend_y, x=0),
    )
    style_figure(fig, theme)
    fig.update_annotations(font_size=theme.font_size)
    fig.update_layout(margin=dict(t=40 + theme.font_size))
    return fig


def confusion_figure(
    matrix: np.ndarray, class_names: Sequence[str], theme: Theme, lang: str
) -> go.Figure:
    """Counts of (true, predicted) classes; the diagonal is what the model got right."""
    names = list(class_names)
    counts = np.asarray(matrix).astype(int).tolist()  # plain lists: int64 typed arrays misdraw
    fig = go.Figure(
        go.Heatmap(
            z=counts,
            x=names,
            y=names,
            colorscale=theme.sequential,
            showscale=False,
            zmin=0,
            text=counts,
            texttemplate="%{text}",
            textfont=dict(size=theme.font_size + 2),
            hovertemplate=t("transfer_learning.results.confusion_hover", lang) + "<extra></extra>",
        )
    )
    fig.update_layout(
        title=t("transfer_learning.results.confusion", lang),
        xaxis=dict(
            title=t("transfer_learning.results.predicted", lang),
            side="bottom",
            tickangle=-45,
            automargin=True,
        ),
        yaxis=dict(title=t("transfer_learning.results.true", lang), autorange="reversed"),
        height=max(300, 60 * len(names) + 160) + (60 if theme.projector else 0),
    )
    return style_figure(fig, theme)
