"""Plotly figures of the GCN lab: the graph drawing, labelled matrices, the readout, the
karate-club embedding and curves. Plain functions of data and a ``Theme``; every figure
goes through ``style_figure``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.common.theme import Theme, style_figure
from core.gcn.convolution import neighbour_terms
from core.gcn.graph import READABLE_NODES, Graph, unique_edges

MAX_ARROWS = 150  # more arrow annotations make the browser sluggish: lines only beyond
ANNOTATE_CELLS = 420  # write the value in every cell up to this many cells
ELEMENT_COLOURS = {"C": "#4D4D4D", "N": "#0072B2", "O": "#D55E00", "H": "#F2F2F2"}
BOND_STYLE = {
    "": ("solid", 1.0),
    "single": ("solid", 1.0),
    "double": ("solid", 2.4),
    "triple": ("solid", 3.6),
    "aromatic": ("dash", 1.7),
}


def highlight_colour(theme: Theme) -> str:
    """Frames the followed node's row and column: vermillion on Viridis, sky blue on Inferno."""
    return theme.palette[5] if theme.projector else theme.palette[1]


def format_number(v: float, blank_zero: bool = False) -> str:
    if not np.isfinite(v):
        return ""
    if v == 0:
        return "" if blank_zero else "0"
    if float(v).is_integer() and abs(v) < 1000:
        return str(int(v))
    if abs(v) >= 100 or abs(v) < 0.005:
        return f"{v:.1e}"
    return f"{v:.2f}"


# ---------------------------------------------------------------- the graph drawing


def _node_colours(graph: Graph, theme: Theme) -> list[str]:
    names = graph.feature_names
    X = graph.X
    if names and set(names) <= set(ELEMENT_COLOURS):
        return [
            ELEMENT_COLOURS.get(names[int(np.argmax(r))], theme.palette[0])
            if r.any()
            else "#BBBBBB"
            for r in X
        ]
    one_hot = (
        X.size
        and len(names) <= len(theme.palette)
        and np.all((X == 0) | (X == 1))
        and np.all(X.sum(1) == 1)
    )
    if one_hot:
        return [theme.palette[int(np.argmax(r))] for r in X]
    return [theme.palette[0]] * graph.n


NODES_META = "nodes"  # the node trace's mark, where ``with_marks`` outlines nodes


def graph_figure(
    graph: Graph,
    theme: Theme,
    *,
    followed: int | None = None,
    selected: Sequence[int] = (),
    height: int | None = None,
    bond_names: dict | None = None,
) -> go.Figure:
    """The graph as a node-link drawing (2-D, or 3-D for meshes). Node points carry their
    index as ``customdata`` so a chart selection tells which nodes were picked."""
    if graph.is_3d:
        return _graph_figure_3d(graph, theme, followed=followed, selected=selected, height=height)
    pos = graph.pos
    fig = go.Figure()
    edges, _ = unique_edges(graph)
    span = (float(np.ptp(pos, axis=0).max()) if graph.n > 1 else 1.0) or 1.0
    scale = theme.line_width / 2.0
    _add_bonds(fig, pos, edges, scale, bond_names)
    _add_self_loops(fig, pos, [e.source for e in edges if e.source == e.target], span, scale)
    size = theme.marker_size * 2.6 if graph.n <= 40 else theme.marker_size * 1.4
    if graph.directed:
        _add_arrows(fig, pos, [e for e in edges if e.source != e.target], size, scale)
    _add_nodes(fig, graph, theme, size, scale, followed, selected)
    if graph.n:  # room for the labels written to the right of the nodes
        fig.update_xaxes(range=[pos[:, 0].min() - 0.12 * span, pos[:, 0].max() + 0.3 * span])
        fig.update_yaxes(range=[pos[:, 1].min() - 0.12 * span, pos[:, 1].max() + 0.2 * span])
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1)
    # no drag mode: Streamlit then turns clicks into selections (box / lasso stay in the mode bar)
    fig.update_layout(
        height=height or (560 if theme.projector else 460),
        dragmode=False,
        clickmode="event+select",
        legend=dict(orientation="h", y=-0.02),
    )
    style_figure(fig, theme)
    fig.update_layout(plot_bgcolor="#FFFFFF")
    return fig


def _add_bonds(fig, pos: np.ndarray, edges, scale: float, bond_names: dict | None) -> None:
    """One line trace per bond type (a molecule's legend); plain graphs have one, unnamed."""
    by_bond: dict[str, list[tuple[int, int]]] = {}
    for e in edges:
        if e.source != e.target:
            by_bond.setdefault(e.bond, []).append((e.source, e.target))
    molecule = any(b for b in by_bond)
    for bond, pairs in by_bond.items():
        xs, ys = [], []
        for s, t in pairs:
            xs += [pos[s, 0], pos[t, 0], None]
            ys += [pos[s, 1], pos[t, 1], None]
        dash, width = BOND_STYLE.get(bond, ("solid", 1.0))
        name = (bond_names or {}).get(bond, bond) if molecule else ""
        line = dict(color="#7F7F7F", width=width * 2.2 * scale, dash=dash)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                hoverinfo="skip",
                name=name,
                showlegend=molecule and bool(bond),
                line=line,
            )
        )


def _add_self_loops(fig, pos: np.ndarray, loops: list[int], span: float, scale: float) -> None:
    """A small circle above each node that has an edge to itself."""
    if not loops:
        return
    r = 0.07 * span
    t = np.linspace(0, 2 * np.pi, 30)
    xs, ys = [], []
    for i in loops:
        xs += list(pos[i, 0] + r * np.cos(t)) + [None]
        ys += list(pos[i, 1] + r + r * np.sin(t)) + [None]
    line = dict(color="#7F7F7F", width=2.2 * scale)
    fig.add_trace(
        go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False, line=line)
    )


def _add_arrows(fig, pos: np.ndarray, edges, size: float, scale: float) -> None:
    """An arrowhead per directed edge (at most ``MAX_ARROWS``), stopping at the node's rim."""
    for e in edges[:MAX_ARROWS]:
        fig.add_annotation(
            x=pos[e.target, 0],
            y=pos[e.target, 1],
            ax=pos[e.source, 0],
            ay=pos[e.source, 1],
            xref="x",
            yref="y",
            axref="x",
            ayref="y",
            showarrow=True,
            text="",
            arrowhead=3,
            arrowsize=1.1,
            arrowwidth=1.6 * scale,
            arrowcolor="#555555",
            standoff=size / 2 + 1,
            startstandoff=size / 2,
        )


def _node_outlines(graph: Graph, theme: Theme, followed, selected) -> dict:
    """The nodes' outlines: selected ones in the palette's colour, the followed one in the
    highlight colour, thicker."""
    scale = theme.line_width / 2.0
    outline = ["#000000"] * graph.n
    widths = [1.5 * scale] * graph.n
    for i in selected:
        if 0 <= i < graph.n:
            outline[i], widths[i] = theme.palette[4], 5 * scale
    if followed is not None and 0 <= followed < graph.n:
        outline[followed], widths[followed] = highlight_colour(theme), 6 * scale
    return dict(color=outline, width=widths)


def with_marks(base: go.Figure, graph: Graph, theme: Theme, followed, selected) -> go.Figure:
    """A copy of a 2-D ``graph_figure`` drawn with no node marked, with ``followed`` and
    ``selected`` outlined: the same figure as ``graph_figure(graph, theme, followed=...,
    selected=...)``, in a fraction of its time (the copy skips plotly's validation)."""
    fig = go.Figure(base.to_dict(), _validate=False)
    for trace in fig.data:
        if trace.meta == NODES_META:
            trace.marker.line = _node_outlines(graph, theme, followed, selected)
    return fig


def _add_nodes(fig, graph: Graph, theme: Theme, size, scale, followed, selected) -> None:
    """The nodes (selected and followed ones outlined) with their labels, and beside each its
    number (the matrices' row) or, for long labels, the label."""
    colours = _node_colours(graph, theme)
    show_text = graph.n <= 60
    dark = ("#F2F2F2", "#BBBBBB", theme.palette[4], theme.palette[6])
    text_colours = ["#000000" if c in dark else "#FFFFFF" for c in colours]
    short = [len(graph.labels[i]) <= 3 for i in range(graph.n)]
    fig.add_trace(
        go.Scatter(
            x=graph.pos[:, 0],
            y=graph.pos[:, 1],
            mode="markers+text" if show_text else "markers",
            text=[graph.labels[i] if short[i] else str(i) for i in range(graph.n)],
            textfont=dict(color=text_colours, size=theme.font_size),
            customdata=list(range(graph.n)),
            showlegend=False,
            name="",
            hovertext=[graph.node_name(i) for i in range(graph.n)],
            hoverinfo="text",
            marker=dict(
                size=size,
                color=colours,
                line=_node_outlines(graph, theme, followed, selected),
            ),
            meta=NODES_META,
        )
    )
    beside = [
        (str(i) if graph.labels[i] != str(i) else "") if short[i] else graph.labels[i]
        for i in range(graph.n)
    ]
    if show_text and any(beside):
        _add_beside_labels(fig, graph, theme, beside)


def _add_beside_labels(fig, graph: Graph, theme: Theme, beside: list[str]) -> None:
    pos = graph.pos
    span = (float(np.ptp(pos, axis=0).max()) if graph.n > 1 else 1.0) or 1.0
    offset = 0.06 * span
    font = dict(
        size=max(theme.font_size - 1, 10),
        color="#0072B2",
        shadow="1px 1px 2px #FFFFFF, -1px -1px 2px #FFFFFF",
    )
    fig.add_trace(
        go.Scatter(
            x=pos[:, 0] + offset,
            y=pos[:, 1] + offset,
            mode="text",
            hoverinfo="skip",
            showlegend=False,
            text=beside,
            textposition="top right",
            textfont=font,
        )
    )


def _graph_figure_3d(graph: Graph, theme: Theme, *, followed, selected, height) -> go.Figure:
    pos = graph.pos
    edges, _ = unique_edges(graph)
    xs, ys, zs = [], [], []
    for e in edges:
        if e.source != e.target:
            for k in range(3):
                (xs, ys, zs)[k].extend([pos[e.source, k], pos[e.target, k], None])
    fig = go.Figure(
        go.Scatter3d(
            x=xs,
            y=ys,
            z=zs,
            mode="lines",
            hoverinfo="skip",
            showlegend=False,
            line=dict(color="#7F7F7F", width=theme.line_width * 2),
        )
    )
    colours = [theme.palette[0]] * graph.n
    for i in selected:
        if 0 <= i < graph.n:
            colours[i] = theme.palette[4]
    if followed is not None and 0 <= followed < graph.n:
        colours[followed] = highlight_colour(theme)
    fig.add_trace(
        go.Scatter3d(
            x=pos[:, 0],
            y=pos[:, 1],
            z=pos[:, 2],
            mode="markers+text",
            text=[str(i) for i in range(graph.n)],
            textfont=dict(size=theme.font_size, color="#000000"),
            textposition="top center",
            customdata=list(range(graph.n)),
            hovertext=[graph.node_name(i) for i in range(graph.n)],
            hoverinfo="text",
            showlegend=False,
            marker=dict(size=theme.marker_size, color=colours),
        )
    )
    axis = dict(visible=False)
    fig.update_layout(
        height=height or (560 if theme.projector else 460),
        scene=dict(xaxis=axis, yaxis=axis, zaxis=axis, aspectmode="data"),
    )
    return style_figure(fig, theme)


# ---------------------------------------------------------------- matrices


def matrix_figure(
    M: np.ndarray,
    theme: Theme,
    *,
    title: str = "",
    rows: Sequence[str] = (),
    cols: Sequence[str] = (),
    highlight_row: int | None = None,
    highlight_col: int | None = None,
    blank_zero: bool = False,
    max_size: int = READABLE_NODES,
    cut_note: str = "",
) -> go.Figure:
    """A labelled heatmap of a matrix with the followed node's row (and column) framed and,
    when small enough, every value written in its cell. Bigger than ``max_size`` rows or
    columns: only the first ``max_size`` are drawn and ``cut_note`` is added to the title."""
    M = np.atleast_2d(np.asarray(M, dtype=float))
    n_rows, n_cols = M.shape
    rows = list(rows) or [str(i) for i in range(n_rows)]
    cols = list(cols) or [str(j) for j in range(n_cols)]
    cut = n_rows > max_size or n_cols > max_size
    M = M[:max_size, :max_size]
    rows, cols = rows[:max_size], cols[:max_size]
    r, c = M.shape
    annotate = 0 < r * c <= ANNOTATE_CELLS and c <= 24
    # projector: big cells, yet a 9-node graph's matrix fits under the step bar at 1080 px
    big = min(50, max(30, 290 // max(r, 1))) if theme.projector else 38
    cell = big if annotate else max(8, min(30, 600 // max(r, 1)))
    cell_w = max(cell, min(110 if theme.projector else 90, 360 // max(c, 1))) if annotate else cell
    top = 50 if title else 20
    height = int(min(max(top + 45 + cell * r, 200), 1400))
    fig = go.Figure(_heatmap(M, rows, cols, theme, annotate, blank_zero))
    _frame_followed(fig, theme, r, c, highlight_row, highlight_col)
    tick = max(1, math.ceil(max(r, c) / 40))
    fig.update_xaxes(
        tickvals=list(range(0, c, tick)),
        ticktext=cols[::tick],
        side="top",
        showgrid=False,
        tickangle=0 if c <= 12 else -60,
    )
    fig.update_yaxes(
        tickvals=list(range(0, r, tick)),
        ticktext=rows[::tick],
        autorange="reversed",
        showgrid=False,
    )
    full_title = title + (f" — {cut_note}" if cut and cut_note else "")
    fig.update_layout(title=dict(text=full_title), height=height)
    label_width = 9 * max((len(str(x)) for x in rows), default=1) * (1.5 if theme.projector else 1)
    natural_width = int(40 + label_width + cell_w * c)
    title_width = int(len(full_title) * theme.title_size * 0.62) + 30  # a title must not be cut off
    if annotate and natural_width <= 540:  # small matrices keep square-ish cells, not stretched
        fig.update_layout(width=max(natural_width, title_width, 240))
    style_figure(fig, theme)
    fig.update_layout(margin=dict(t=top + 25))  # the title, then the column labels
    return fig


def _heatmap(M, rows, cols, theme: Theme, annotate: bool, blank_zero: bool) -> go.Heatmap:
    """The cells, diverging around 0 when a value is negative; small ones carry their value."""
    r, c = M.shape
    signed = M.size and M.min() < 0
    heat = go.Heatmap(
        z=M,
        x=list(range(c)),
        y=list(range(r)),
        colorscale=theme.diverging if signed else theme.sequential,
        zmid=0 if signed else None,
        xgap=1,
        ygap=1,
        hovertemplate="%{customdata}<extra></extra>",
        customdata=[
            [f"({rows[i]}, {cols[j]}) = {M[i, j]:.4g}" for j in range(c)] for i in range(r)
        ],
        colorbar=dict(thickness=14 if not theme.projector else 22, len=0.9),
    )
    if annotate:
        heat.update(
            text=[[format_number(v, blank_zero) for v in row] for row in M],
            texttemplate="%{text}",
            textfont=dict(size=theme.font_size - (0 if theme.projector else 2)),
            showscale=False,
        )
    return heat


def with_followed(base: go.Figure, theme: Theme, row: int | None, col: int | None) -> go.Figure:
    """A copy of a ``matrix_figure`` drawn without a followed node, with ``row`` (and ``col``)
    framed: the same figure as ``matrix_figure(..., highlight_row=row, highlight_col=col)``.
    The copy skips plotly's validation (``base`` is valid already), so a page can keep one
    base per matrix and frame another node in a fraction of a full build's time."""
    fig = go.Figure(base.to_dict(), _validate=False)
    r, c = np.shape(base.data[0].z)
    _frame_followed(fig, theme, r, c, row, col)
    return fig


def _frame_followed(fig, theme: Theme, r: int, c: int, row: int | None, col: int | None) -> None:
    """A frame around the followed node's row and column."""
    frame = dict(
        type="rect",
        xref="x",
        yref="y",
        line=dict(color=highlight_colour(theme), width=theme.line_width * 2),
        fillcolor="rgba(0,0,0,0)",
    )
    if row is not None and 0 <= row < r:
        fig.add_shape(**frame, x0=-0.5, x1=c - 0.5, y0=row - 0.5, y1=row + 0.5)
    if col is not None and 0 <= col < c:
        fig.add_shape(**frame, x0=col - 0.5, x1=col + 0.5, y0=-0.5, y1=r - 0.5)


def readout_figure(
    H: np.ndarray,
    vector: np.ndarray,
    theme: Theme,
    *,
    rows: Sequence[str],
    cols: Sequence[str],
    vector_name: str,
    title: str = "",
    highlight_row: int | None = None,
    max_size: int = READABLE_NODES,
) -> go.Figure:
    """H with the readout vector as an extra, separated row underneath."""
    n = min(H.shape[0], max_size)
    stacked = np.vstack([H[:n], np.full((1, H.shape[1]), np.nan), vector[None, :]])
    labels = list(rows[:n]) + [" ", vector_name]
    fig = matrix_figure(
        stacked,
        theme,
        title=title,
        rows=labels,
        cols=cols,
        highlight_row=highlight_row,
        max_size=n + 2,
    )
    fig.add_shape(
        type="rect",
        xref="x",
        yref="y",
        x0=-0.5,
        x1=H.shape[1] - 0.5,
        y0=n + 0.5,
        y1=n + 1.5,
        line=dict(color=theme.text_color, width=theme.line_width * 1.4),
        fillcolor="rgba(0,0,0,0)",
    )
    return fig


def vector_text(v: np.ndarray) -> str:
    return "[" + ", ".join(f"{x:.2f}" for x in v) + "]"


def weighted_sum_rows(
    steps,
    graph: Graph,
    i: int,
    coefficient_name: str = "Â_ij",
    result_name: str = "(ÂXW)_i",
    product_name: str = "Â_ij·(XW)_j",
) -> list[dict]:
    """Table rows for row i of Â X W = Σ_j Â_ij (X W)_j: one row per neighbour, then the sum."""
    rows = []
    for term in neighbour_terms(steps.A_norm, steps.XW, i):
        rows.append(
            {
                "j": graph.node_name(term.node),
                coefficient_name: round(term.coefficient, 4),
                "(XW)_j": vector_text(term.row),
                product_name: vector_text(term.contribution),
            }
        )
    rows.append(
        {
            "j": "Σ",
            coefficient_name: round(float(steps.A_norm[i].sum()), 4),
            "(XW)_j": "",
            product_name: vector_text(steps.AXW[i]) + f"  = {result_name}",
        }
    )
    return rows


def weighted_sum_latex(steps, graph: Graph, i: int, max_terms: int = 6, per_line: int = 3) -> str:
    """The same sum in LaTeX with the numbers, ``per_line`` terms a line (shortened beyond
    ``max_terms``)."""
    terms = neighbour_terms(steps.A_norm, steps.XW, i)

    def vec(v):  # a column vector keeps the lines short
        return r"\begin{bmatrix}" + r" \\ ".join(f"{x:.2f}" for x in v) + r"\end{bmatrix}"

    parts = [f"{t.coefficient:.2f}\\,{vec(t.row)}" for t in terms[:max_terms]]
    if len(terms) > max_terms:
        parts.append(rf"\cdots\ (+{len(terms) - max_terms})")
    lines = [" + ".join(parts[k : k + per_line]) for k in range(0, len(parts), per_line)]
    body = r" \\ &\quad + ".join(lines)
    return (
        rf"\begin{{aligned}}(\hat A X W)_{{{i}}} &= {body} \\ &= {vec(steps.AXW[i])}\end{{aligned}}"
    )


def formula_latex(step: str) -> str:
    """The layer's formula with the part that the current step computes in colour."""

    def col(text: str) -> str:
        return r"{\color{#D55E00}" + text + "}"

    if step == "layer2":
        return col(r"H^{(2)} = \mathrm{ReLU}\big(\hat A\, H W^{(2)} + b^{(2)}\big)")
    if step == "readout":
        return (
            r"h_G = "
            + col(r"\mathrm{readout}")
            + r"(H) = \mathrm{mean}_i\, H_i \;(\mathrm{sum},\ \max)"
        )
    a = col("A") if step == "A" else "A"
    loop = f"({a}+I)"
    if step == "A_loop":
        loop = col(loop)
    d = r"\hat D^{-1/2}"
    if step == "D":
        d = col(d)
    norm = f"{d}{loop}{d}"
    if step == "A_norm":
        norm = col(norm)
    xw = {"X": col("X") + r"\, W", "XW": col(r"X W")}.get(step, r"X W")
    prop = rf"{norm}\, {xw}"
    if step == "AXW":
        prop = col(prop)
    if step == "H":
        return r"H = " + col(r"\mathrm{ReLU}") + rf"\big({prop} " + col("+ b") + r"\big)"
    return rf"H = \mathrm{{ReLU}}\big({prop} + b\big)"


# ---------------------------------------------------------------- karate club


def embedding_figure(
    embedding: np.ndarray,
    factions: np.ndarray,
    labelled: Sequence[int],
    theme: Theme,
    *,
    faction_names: Sequence[str],
    labelled_name: str,
    title: str = "",
    predictions: np.ndarray | None = None,
    wrong_name: str = "",
) -> go.Figure:
    """The 2-D node embedding; colour = true faction, big symbols = the two labelled members,
    crosses = members the classifier gets wrong. Only those carry their numbers (the other 30
    or so sit too close together to read; hovering shows theirs)."""
    fig = go.Figure()
    for f, name in enumerate(faction_names):
        idx = [i for i in np.flatnonzero(factions == f) if i not in labelled]
        points = dict(color=theme.palette[f], symbol=("circle", "square")[f])
        _add_members(fig, embedding, idx, name, theme, None, points, 1.6, 1)
    lab = list(labelled)
    stars = dict(color=[theme.palette[int(factions[i])] for i in lab], symbol="star")
    _add_members(fig, embedding, lab, labelled_name, theme, "bottom center", stars, 3.2, 2)
    # None before training: an untrained classifier's guesses mean nothing
    wrong = [] if predictions is None else list(np.flatnonzero(predictions != factions))
    if wrong:
        cross = dict(symbol="x-thin-open", color="#000000", line=dict(width=3))
        _add_members(fig, embedding, wrong, wrong_name, theme, "top center", cross, 2.6, 3)
    reach = max(float(np.abs(embedding).max()) * 1.2, 0.02)  # untrained points sit near 0
    fig.update_layout(title=dict(text=title), height=560 if theme.projector else 460)
    fig.update_xaxes(range=[-reach, reach], zeroline=True, title="h₁")
    fig.update_yaxes(
        range=[-reach, reach], zeroline=True, title="h₂", scaleanchor="x", scaleratio=1
    )
    style_figure(fig, theme)
    fig.update_layout(legend=dict(orientation="h", x=0, y=-0.2, yanchor="top"), margin=dict(b=110))
    return fig


def _add_members(fig, embedding, idx, name, theme: Theme, text_at, marker, size, outline) -> None:
    """Members ``idx`` of the club as one marker trace; their numbers are drawn at
    ``text_at`` (None: on hover only)."""
    marker = dict(marker)
    line = dict(color="#000000", width=outline) | marker.pop("line", {})
    fig.add_trace(
        go.Scatter(
            x=embedding[idx, 0],
            y=embedding[idx, 1],
            mode="markers" if text_at is None else "markers+text",
            name=name,
            text=[str(i) for i in idx],
            textposition=text_at or "top center",
            hovertemplate=f"{name} %{{text}}<extra></extra>",
            marker=dict(size=theme.marker_size * size, line=line, **marker),
        )
    )


def training_curves_figure(
    epochs: Sequence[int],
    losses: Sequence[float],
    accuracies: Sequence[float],
    theme: Theme,
    *,
    loss_name: str,
    accuracy_name: str,
    epoch_name: str,
    total_epochs: int,
) -> go.Figure:
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(
        go.Scatter(
            x=list(epochs),
            y=list(losses),
            name=loss_name,
            mode="lines",
            line=dict(color=theme.palette[1]),
        ),
        secondary_y=False,
    )
    fig.add_trace(
        go.Scatter(
            x=list(epochs),
            y=list(accuracies),
            name=accuracy_name,
            mode="lines",
            line=dict(color=theme.palette[2], dash="dash"),
        ),
        secondary_y=True,
    )
    fig.update_xaxes(title=epoch_name, range=[0, total_epochs])
    fig.update_yaxes(title=loss_name, rangemode="tozero", secondary_y=False)
    fig.update_yaxes(
        title=accuracy_name,
        range=[0, 1.02],
        tickvals=[0, 0.25, 0.5, 0.75, 1],
        tickformat=".0%",
        showgrid=False,
        secondary_y=True,
    )
    fig.update_layout(height=560 if theme.projector else 460)
    style_figure(fig, theme)
    fig.update_layout(
        legend=dict(orientation="h", x=0, y=1.02, yanchor="bottom"), margin=dict(t=60)
    )
    return fig


def readouts_figure(
    scores: dict[str, Sequence[float]],
    theme: Theme,
    *,
    names: dict[str, str],
    accuracy_name: str,
    seed_name: str,
    best: str | None = None,
    title: str = "",
) -> go.Figure:
    """Test accuracy per readout: a bar at the mean over seeds, a dot per seed."""
    order = list(scores)
    means = [float(np.mean(scores[h])) for h in order]
    colours = [theme.palette[2] if h == best else theme.palette[0] for h in order]
    fig = go.Figure(
        go.Bar(
            x=[names[h] for h in order],
            y=means,
            marker_color=colours,
            text=[f"{m:.0%}" for m in means],
            textposition="inside",
            insidetextanchor="middle",
            name=accuracy_name,
            showlegend=False,
        )
    )
    for h in order:
        fig.add_trace(
            go.Scatter(
                x=[names[h]] * len(scores[h]),
                y=list(scores[h]),
                mode="markers",
                marker=dict(color=theme.text_color, size=12 if theme.projector else 8, opacity=0.6),
                name=seed_name,
                showlegend=False,
            )
        )
    fig.update_yaxes(title=accuracy_name, range=[0, 1.05], tickformat=".0%")
    fig.update_layout(title=dict(text=title), height=480 if theme.projector else 380)
    style_figure(fig, theme)
    return fig


def graph_embedding_figure(
    points: np.ndarray,
    labels: np.ndarray,
    theme: Theme,
    *,
    class_names: Sequence[str],
    marked: int | None,
    marked_name: str,
    title: str = "",
) -> go.Figure:
    """Every graph's h_G in 2-D (its two main axes), coloured by class; one graph marked."""
    fig = go.Figure()
    symbols = ("circle", "square", "diamond", "triangle-up", "cross")
    for c, name in enumerate(class_names):
        idx = np.flatnonzero(labels == c)
        fig.add_trace(
            go.Scatter(
                x=points[idx, 0],
                y=points[idx, 1],
                mode="markers",
                name=str(name),
                customdata=idx,
                marker=dict(
                    color=theme.palette[c % len(theme.palette)],
                    symbol=symbols[c % len(symbols)],
                    size=theme.marker_size,
                    opacity=0.75,
                ),
            )
        )
    if marked is not None:
        fig.add_trace(
            go.Scatter(
                x=[points[marked, 0]],
                y=[points[marked, 1]],
                mode="markers",
                name=marked_name,
                marker=dict(
                    symbol="star",
                    size=theme.marker_size * 3,
                    color=theme.palette[int(labels[marked]) % len(theme.palette)],
                    line=dict(color="#000000", width=2),
                ),
            )
        )
    fig.update_layout(title=dict(text=title), height=520 if theme.projector else 420)
    fig.update_xaxes(title="PC 1")
    fig.update_yaxes(title="PC 2")
    style_figure(fig, theme)
    fig.update_layout(legend=dict(orientation="h", x=0, y=-0.15, yanchor="top"), margin=dict(b=90))
    return fig
