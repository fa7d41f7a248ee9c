"""Plotly figures of the computation-graph lab (plain functions of a Theme, no Streamlit).

``scalar_graph_figure`` draws a preset's graph left to right like the book's figure:
inputs as squares, operations as circles, forward values above the nodes, after
backward each node's gradient below and the local derivative on each edge. One input
can be marked as changed (국소적 계산: recomputed vs reused) and one chain-rule path
highlighted. ``network_graph_figure`` draws a real network's backward graph top to
bottom, with frozen stages shown as absent.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
import plotly.graph_objects as go

from core.common import i18n
from core.common.theme import Theme, style_figure
from core.computation_graph.network_graph import LOSS_STAGE, NetworkGraph
from core.computation_graph.scalar_graph import ComputationGraph, fmt, op_symbol, pretty

GREY = "#8C8C8C"
LIGHT_GREY = "#D9D9D9"
WHITE = "#FFFFFF"


class _Ink:
    """Named colours from the theme's colour-blind-safe palette (Okabe-Ito order)."""

    def __init__(self, theme: Theme) -> None:
        (
            self.blue,
            self.vermillion,
            self.green,
            self.pink,
            self.orange,
            self.sky,
            _yellow,
            self.black,
        ) = theme.palette[:8]
        self.status = {"trained": self.vermillion, "passes": self.sky, "absent": WHITE}
        self.stages = (self.blue, self.vermillion, self.green, self.pink, self.orange, self.sky)


# ---------------------------------------------------------------- layout


def layered_layout(g: nx.DiGraph, layer: dict, vertical: bool = False, sweeps: int = 4) -> dict:
    """Positions on networkx's multipartite (layered) layout, nodes ordered to cut crossings.

    Classic layer sweeps: going down, a layer is sorted by the mean position of each node's
    neighbours in earlier layers; going up, by those in later layers (a node without such
    neighbours uses the other side). On ties a source moves to the outside, so inputs
    flank the operations they feed. ``vertical`` stacks the layers top to bottom.
    """
    layers: dict[int, list] = defaultdict(list)
    for n in g.nodes:
        layers[layer[n]].append(n)
    rank = {}

    def renumber(members):
        for i, n in enumerate(members):
            rank[n] = i - (len(members) - 1) / 2

    for members in layers.values():
        renumber(members)

    def key(n, first, second):
        around = [m for m in first(n) if m in rank] or [m for m in second(n) if m in rank]
        mean = sum(rank[m] for m in around) / len(around) if around else rank[n]
        side = 0.0 if g.in_degree(n) else (-1.0 if mean < 0 else 1.0)
        return (round(mean, 6), side)

    order = sorted(layers)
    for sweep in range(sweeps):
        down = sweep % 2 == 0
        for k in order if down else reversed(order):
            first, second = (
                (g.predecessors, g.successors) if down else (g.successors, g.predecessors)
            )
            layers[k].sort(key=lambda n: key(n, first, second))
            renumber(layers[k])

    h = nx.Graph()
    for k in sorted(layers):
        h.add_nodes_from(layers[k], layer=k)
    raw = nx.multipartite_layout(
        h, subset_key="layer", align="horizontal" if vertical else "vertical"
    )
    # Keep networkx's coordinates; give them to the nodes in our order (first = top / left).
    across = 0 if vertical else 1
    place = {}
    for members in layers.values():
        slots = sorted((raw[n][across] for n in members), reverse=not vertical)
        place.update(zip(members, slots))
    if not vertical:
        gap = min(
            (
                abs(a - b)
                for m in layers.values()
                for a, b in zip([place[n] for n in m], [place[n] for n in m][1:])
            ),
            default=1.0,
        )
        _level_with_neighbours(g, layers, place, gap)
    pos = {}
    for n in g.nodes:
        x, y = raw[n]
        pos[n] = (place[n], y) if vertical else (x, place[n])
    return pos


def _level_with_neighbours(g: nx.DiGraph, layers: dict, place: dict, gap: float) -> None:
    """Straighten the drawing: an operation sits level with the operations feeding it (with
    its inputs when it has only inputs), so a chain of operations reads as one straight line;
    an input sits level with what it feeds. The order within a layer and a minimum ``gap``
    between neighbours are kept; operations win over inputs when both want the same spot."""

    def feeds(n):
        preds = list(g.predecessors(n))
        return [m for m in preds if g.in_degree(m)] or preds

    for _ in range(2):
        for sources in (False, True):
            for k in sorted(layers):
                members = layers[k]
                want, weight = [], []
                for n in members:
                    is_source = g.in_degree(n) == 0
                    around = list(g.successors(n)) if is_source else feeds(n)
                    moves = is_source == sources and around
                    want.append(sum(place[m] for m in around) / len(around) if moves else place[n])
                    weight.append(0.01 if is_source else 1.0)
                packed = list(want)  # top to bottom = decreasing coordinate
                for i in range(1, len(packed)):
                    packed[i] = min(packed[i], packed[i - 1] - gap)
                shift = sum(w * (a - b) for w, a, b in zip(weight, want, packed)) / sum(weight)
                for n, value in zip(members, packed):
                    place[n] = value + shift


def scalar_layers(g: nx.DiGraph) -> dict:
    """Longest-path layers; an input sits just before its first use (Z beside A, as in the book)."""
    layer = {}
    for n in nx.topological_sort(g):
        preds = list(g.predecessors(n))
        layer[n] = 1 + max(layer[p] for p in preds) if preds else 0
    for n in g.nodes:
        if g.in_degree(n) == 0 and g.out_degree(n) > 0:
            layer[n] = min(layer[s] for s in g.successors(n)) - 1
    return layer


# ---------------------------------------------------------------- shared drawing bits


class _Canvas:
    """Collects traces and annotations, then builds the figure once (plotly validates every
    add_trace / add_annotation call, which made a figure cost a few hundred ms)."""

    def __init__(self) -> None:
        self.data: list[dict] = []
        self.annotations: list[dict] = []

    def add_trace(self, trace: dict) -> None:
        self.data.append(trace)

    def add_annotation(self, **annotation) -> None:
        self.annotations.append(annotation)

    def figure(self) -> go.Figure:
        return go.Figure(data=self.data, layout=dict(annotations=self.annotations))


def _scatter(**trace) -> dict:
    return dict(type="scatter", **trace)


def _sizes(theme: Theme) -> dict:
    if theme.projector:
        return dict(
            node=70,
            label=theme.font_size,
            inner=theme.font_size + 2,
            small=theme.font_size - 2,
            row=210,
            edge=theme.line_width,
        )
    return dict(
        node=50,
        label=theme.font_size + 1,
        inner=theme.font_size + 2,
        small=theme.font_size - 1,
        row=140,
        edge=theme.line_width,
    )


def _arrow(fig, start, end, color, width, standoff, start_standoff=0):
    # plotly scales the head with the line width: keep heads about the same size
    fig.add_annotation(
        x=end[0],
        y=end[1],
        ax=start[0],
        ay=start[1],
        xref="x",
        yref="y",
        axref="x",
        ayref="y",
        showarrow=True,
        arrowhead=2,
        arrowsize=max(0.5, min(1.3, 3.2 / width)),
        arrowwidth=width,
        arrowcolor=color,
        standoff=standoff,
        startstandoff=start_standoff,
        text="",
    )


def _legend_entry(fig, name, color, symbol="circle", size=14, line=None, dash=None):
    if line:
        fig.add_trace(
            _scatter(
                x=[None],
                y=[None],
                mode="lines",
                name=name,
                line=dict(color=color, width=line, dash=dash),
            )
        )
    else:
        fig.add_trace(
            _scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=name,
                marker=dict(color=color, symbol=symbol, size=size, line=dict(color=GREY, width=1)),
            )
        )


def _frame(canvas: _Canvas, theme, xs, ys, height, x_pad, y_pad) -> go.Figure:
    fig = canvas.figure()
    fig.update_layout(
        height=height,
        showlegend=True,
        dragmode=False,
        hovermode="closest",
        legend=dict(
            orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0, itemsizing="constant"
        ),
        plot_bgcolor=WHITE,
    )
    style_figure(fig, theme)
    fig.update_xaxes(visible=False, range=[min(xs) - x_pad[0], max(xs) + x_pad[1]], fixedrange=True)
    fig.update_yaxes(visible=False, range=[min(ys) - y_pad[0], max(ys) + y_pad[1]], fixedrange=True)
    fig.update_layout(margin=dict(l=10, r=10, t=60 if theme.projector else 50, b=10))
    return fig


# ---------------------------------------------------------------- the preset's graph


def scalar_graph_figure(
    graph: ComputationGraph,
    theme: Theme,
    lang: str,
    changed: str | None = None,
    path_src: str | None = None,
    show_backward: bool = True,
) -> go.Figure:
    scene = _scalar_scene(graph, theme, lang, changed, path_src, show_backward)
    fig = _Canvas()
    _scalar_edges(fig, scene)
    _scalar_nodes(fig, scene)
    _scalar_values(fig, scene)
    _scalar_legend(fig, scene)
    return _scalar_frame(fig, scene)


@dataclass
class _Scene:
    """What every part of the preset's figure needs: the graph, where its nodes sit, sizes,
    and what the controls highlight."""

    graph: ComputationGraph
    theme: Theme
    lang: str
    ink: _Ink
    pos: dict
    size: dict
    dense: bool
    changed: str | None
    path_src: str | None
    show_backward: bool
    recomputed: set
    path_edges: set

    @property
    def out(self) -> str:
        return pretty(self.graph.output)


def _scalar_scene(graph, theme, lang, changed, path_src, show_backward) -> _Scene:
    g = graph.digraph()
    layers = scalar_layers(g)
    size = _sizes(theme)
    # Many layers on a projector leave little room between columns: smaller nodes, and
    # edges carry only the number (the formula stays in the hover and the chain-rule text).
    dense = len(set(layers.values())) >= (6 if theme.projector else 7)
    if dense and theme.projector:
        size.update(node=56, label=theme.font_size - 2, small=theme.font_size - 4)
    path_edges = set()
    if path_src in graph.nodes and show_backward:
        for term in graph.chain_rule(path_src).terms:
            path_edges.update(zip(term.path, term.path[1:]))
    return _Scene(
        graph,
        theme,
        lang,
        _Ink(theme),
        layered_layout(g, layers),
        size,
        dense,
        changed,
        path_src,
        show_backward,
        set(graph.recomputed_when(changed)) if changed in graph.nodes else set(),
        path_edges,
    )


def _scalar_edges(fig: _Canvas, sc: _Scene) -> None:
    """A line per edge (dotted for a constant's forward-only edge), an arrowhead, and the
    local derivative once backward ran."""
    for e in sc.graph.edges:
        (x0, y0), (x1, y1) = sc.pos[e.src], sc.pos[e.dst]
        on_path = (e.src, e.dst) in sc.path_edges
        color = sc.ink.green if on_path else GREY
        width = sc.size["edge"] + (3 if on_path else 0)
        fig.add_trace(
            _scatter(
                x=[x0, x1],
                y=[y0, y1],
                mode="lines",
                hoverinfo="skip",
                showlegend=False,
                line=dict(color=color, width=width, dash=None if e.in_backward else "dot"),
            )
        )
        middle = ((x0 + x1) / 2, (y0 + y1) / 2)
        _arrow(fig, middle, (x1, y1), color, width, sc.size["node"] / 2 + 3)
        if sc.show_backward and e.local_grad is not None:
            _local_grad_label(fig, sc, e, middle, on_path)


def _local_grad_label(fig: _Canvas, sc: _Scene, e, at: tuple, on_path: bool) -> None:
    expr = pretty(e.local_expr) if e.local_expr else ""
    value = fmt(e.local_grad)
    text = value if sc.dense or not expr or expr == value else f"{expr} = {value}"
    fig.add_annotation(
        x=at[0],
        y=at[1],
        text=text,
        showarrow=False,
        font=dict(size=sc.size["small"], color=sc.ink.green if on_path else sc.theme.text_color),
        bgcolor="rgba(255,255,255,0.92)",
        bordercolor=sc.ink.green if on_path else LIGHT_GREY,
        borderwidth=1,
        borderpad=3,
        hovertext=i18n.t(
            "computation_graph.fig.edge_hover",
            sc.lang,
            dst=pretty(e.dst),
            src=pretty(e.src),
            value=f"{expr} = {value}" if expr and expr != value else value,
        ),
    )


_ROLES = ("changed", "recomputed", "kept", "input", "op", "const")


def _node_role(sc: _Scene, name: str) -> str:
    node = sc.graph.nodes[name]
    if node.kind == "const" and name != sc.changed:
        return "const"
    if sc.changed is None:
        return "input" if node.kind != "op" else "op"
    if name == sc.changed:
        return "changed"
    return "recomputed" if name in sc.recomputed else "kept"


def _scalar_nodes(fig: _Canvas, sc: _Scene) -> None:
    """The nodes, one trace per role so the legend explains the colours."""
    ink, graph = sc.ink, sc.graph
    style = {
        "changed": (ink.orange, ink.black),
        "recomputed": (ink.vermillion, WHITE),
        "kept": (ink.sky, ink.black),
        "input": (ink.blue, WHITE),
        "op": (ink.sky, ink.black),
        "const": (WHITE, ink.black),
    }
    for r in _ROLES:
        names = [n for n in graph.nodes if _node_role(sc, n) == r]
        if not names:
            continue
        fill, text_ink = style[r]
        fig.add_trace(
            _scatter(
                x=[sc.pos[n][0] for n in names],
                y=[sc.pos[n][1] for n in names],
                mode="markers+text",
                name=i18n.t(
                    f"computation_graph.fig.role.{r}", sc.lang, name=pretty(sc.changed or "")
                ),
                marker=dict(
                    size=sc.size["node"],
                    color=fill,
                    line=dict(color=ink.black if r != "const" else GREY, width=2),
                    symbol=["circle" if graph.nodes[n].kind == "op" else "square" for n in names],
                ),
                text=[
                    op_symbol(graph.nodes[n].grad_fn) if graph.nodes[n].kind == "op" else pretty(n)
                    for n in names
                ],
                textposition="middle center",
                textfont=dict(size=sc.size["inner"], color=text_ink),
                hovertext=[_node_hover(graph, n, sc.lang) for n in names],
                hoverinfo="text",
            )
        )


def _text_around_nodes(fig: _Canvas, sc: _Scene, texts: list[str], where: str, color) -> None:
    names = list(sc.graph.nodes)
    fig.add_trace(
        _scatter(
            x=[sc.pos[n][0] for n in names],
            y=[sc.pos[n][1] for n in names],
            mode="markers+text",
            text=texts,
            textposition=where,
            textfont=dict(size=sc.size["label"], color=color),
            hoverinfo="skip",
            showlegend=False,
            marker=dict(size=sc.size["node"], opacity=0),
        )
    )


def _scalar_values(fig: _Canvas, sc: _Scene) -> None:
    """Each node's value above it and, once backward ran, its gradient below it."""
    above = []
    for n, node in sc.graph.nodes.items():
        if node.kind == "op":
            above.append(f"<b>{pretty(n)}</b> = {node.formula}<br><b>= {fmt(node.value)}</b>")
        else:
            above.append(f"<b>{pretty(n)} = {fmt(node.value)}</b>")
    _text_around_nodes(fig, sc, above, "top center", sc.theme.text_color)
    if not sc.show_backward:
        return
    below = []
    for n, node in sc.graph.nodes.items():
        if node.kind == "const":
            below.append("requires_grad<br>=False" if sc.dense else "requires_grad=False")
        else:
            sep = "<br>" if sc.dense else " "  # two short lines where columns are narrow
            below.append(f"∂{sc.out}/∂{pretty(n)}{sep}= {fmt(node.grad)}")
    _text_around_nodes(fig, sc, below, "bottom center", sc.ink.blue)


def _scalar_legend(fig: _Canvas, sc: _Scene) -> None:
    if sc.show_backward and sc.path_edges:
        _legend_entry(
            fig,
            i18n.t("computation_graph.fig.path", sc.lang, src=pretty(sc.path_src), out=sc.out),
            sc.ink.green,
            line=sc.size["edge"] + 3,
        )
    if any(not e.in_backward for e in sc.graph.edges):
        _legend_entry(
            fig,
            i18n.t("computation_graph.fig.forward_only", sc.lang),
            GREY,
            line=sc.size["edge"],
            dash="dot",
        )


def _scalar_frame(fig: _Canvas, sc: _Scene) -> go.Figure:
    """Height from the tallest column of nodes; room around them for their labels."""
    xs = [p[0] for p in sc.pos.values()]
    ys = [p[1] for p in sc.pos.values()]
    rows = max(sum(1 for p in sc.pos.values() if abs(p[0] - x) < 1e-9) for x in xs)
    height = max(360 if not sc.theme.projector else 480, int(rows * sc.size["row"] + 140))
    span_y = max(ys) - min(ys) or 1.0
    pad_y = 0.35 * span_y / max(rows - 1, 1) + (0.25 if rows == 1 else 0)
    span_x = max(xs) - min(xs) or 1.0
    pad_x = (0.1 if sc.dense else 0.16) * span_x
    return _frame(fig, sc.theme, xs, ys, height, (pad_x, pad_x), (pad_y, pad_y))


def _node_hover(graph: ComputationGraph, name: str, lang: str) -> str:
    node = graph.nodes[name]
    lines = [f"<b>{pretty(name)}</b> = {fmt(node.value)}"]
    if node.grad_fn:
        lines.append(f"grad_fn: {node.grad_fn}")
    else:
        lines.append(i18n.t("computation_graph.fig.no_grad_fn", lang))
    if node.next_functions:
        lines.append("next_functions → " + ", ".join(pretty(n) for n in node.next_functions))
    if node.grad is not None:
        lines.append(f".grad = {fmt(node.grad)}")
    return "<br>".join(lines)


# ---------------------------------------------------------------- a real network's backward graph


def stage_label(name: str, lang: str) -> str:
    key = f"computation_graph.net.stage.{name}"
    return i18n.t(key, lang) if key in i18n.TABLE else name


def short_op(op: str) -> str:
    """``MaxPool2DWithIndicesBackward0`` -> ``MaxPool2DWithIndices`` (the node's label)."""
    for suffix in ("Backward0", "Backward1"):
        if op.endswith(suffix):
            return op[: -len(suffix)]
    return op


def network_graph_figure(net: NetworkGraph, theme: Theme, lang: str) -> go.Figure:
    """Every backward node when there are few; otherwise one node per stage."""
    if net.detailed:
        return _network_detail_figure(net, theme, lang)
    return _network_stage_figure(net, theme, lang)


# backward nodes of a pure reshape: in front of a parameter they belong to its side (W.t())
_RESHAPES = {
    "TBackward0",
    "TransposeBackward0",
    "ViewBackward0",
    "ReshapeAliasBackward0",
    "UnsqueezeBackward0",
    "PermuteBackward0",
    "ExpandBackward0",
}


def network_positions(net: NetworkGraph) -> dict[int, tuple[float, float]]:
    """A readable drawing of a backward graph: the chain of operations runs down column 0
    (input side on top, the loss at the bottom); the parameter side of each operation
    (AccumulateGrad, and e.g. the TBackward0 in front of a weight) sits to its right."""
    g = nx.DiGraph()
    g.add_nodes_from(n.id for n in net.nodes)
    g.add_edges_from(net.edges)
    op = {n.id: n.op for n in net.nodes}
    order = list(nx.topological_sort(g))  # the loss first
    param_side: set[int] = set()
    for n in reversed(order):
        after = list(g.successors(n))
        if op[n] == "AccumulateGrad" or (
            op[n] in _RESHAPES and len(after) == 1 and after[0] in param_side
        ):
            param_side.add(n)
    pos: dict[int, tuple[float, float]] = {}
    y = 0.0
    for n in reversed(order):  # input side first
        if n in param_side:
            continue
        pos[n] = (0.0, y)
        row = 0
        for child in g.successors(n):
            if child in param_side and child not in pos:
                column, node = 1.0, child
                while node is not None and node not in pos:  # a short chain: T -> AccumulateGrad
                    pos[node] = (column, y - 0.5 * row)
                    nxt = [m for m in g.successors(node) if m in param_side]
                    node, column = (nxt[0] if nxt else None), column + 1.0
                row += 1
        y -= max(1.0, 0.5 * row + 0.5)
    return pos


def _network_detail_figure(net: NetworkGraph, theme: Theme, lang: str) -> go.Figure:
    pos = network_positions(net)
    size = _sizes(theme)
    dot = 18 if not theme.projector else 26
    fig = _Canvas()
    for a, b in net.edges:  # grad_fn -> next_functions: gradients flow up and to the right
        (x0, y0), (x1, y1) = pos[a], pos[b]
        line = dict(color=GREY, width=size["edge"] * 0.8)
        fig.add_trace(
            _scatter(
                x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False, line=line
            )
        )
        _arrow(fig, (x0, y0), (x1, y1), GREY, size["edge"] * 0.8, dot / 2 + 2, dot / 2 + 2)
    _add_stage_nodes(fig, net, pos, theme, lang, dot)
    ghost_y = _add_absent_stages(fig, net, pos, theme, lang, dot)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()] + ghost_y
    height = int((max(ys) - min(ys) + 1) * (42 if not theme.projector else 58) + 170)
    return _frame(fig, theme, xs, ys, height, (1.3, 1.7), (0.6, 0.6))


def _add_stage_nodes(fig, net: NetworkGraph, pos: dict, theme: Theme, lang: str, dot: int) -> None:
    """One trace per stage the backward graph reached: parameters square, operations round."""
    ink, size = _Ink(theme), _sizes(theme)
    present = [s for s in net.stages if s.status != "absent"]
    for k, s in enumerate(present):
        color = ink.black if s.name == LOSS_STAGE else ink.stages[k % len(ink.stages)]
        members = [n for n in net.nodes if n.stage == s.name]
        on_chain = [pos[n.id][0] == 0 for n in members]
        fig.add_trace(
            _scatter(
                x=[pos[n.id][0] for n in members],
                y=[pos[n.id][1] for n in members],
                mode="markers+text",
                name=_stage_legend(s, lang),
                marker=dict(
                    size=dot,
                    color=color,
                    line=dict(color=ink.black, width=1),
                    symbol=["square" if n.param else "circle" for n in members],
                ),
                # the chain's labels on the left, so the edges to parameters never cross them
                text=[
                    f"{short_op(n.op)}  "
                    if chain
                    else (f"  {n.param}" if n.param else short_op(n.op))
                    for n, chain in zip(members, on_chain)
                ],
                textposition=[
                    "middle left" if chain else ("middle right" if n.param else "top center")
                    for n, chain in zip(members, on_chain)
                ],
                textfont=dict(size=size["small"], color=theme.text_color),
                hovertext=[
                    n.op
                    + (f"<br>{n.param}" if n.param else "")
                    + f"<br>{stage_label(n.stage, lang)}"
                    for n in members
                ],
                hoverinfo="text",
            )
        )


def _add_absent_stages(
    fig, net: NetworkGraph, pos: dict, theme: Theme, lang: str, dot: int
) -> list[float]:
    """Frozen stages the backward graph never reached, greyed out above it; their heights."""
    absent = [s for s in net.stages if s.status == "absent"]
    y_top = max(y for _, y in pos.values())
    ghost_y = [y_top + len(absent) - k for k in range(len(absent))]
    if not absent:
        return ghost_y
    label = i18n.t("computation_graph.fig.absent_short", lang)
    fig.add_trace(
        _scatter(
            x=[0.0] * len(absent),
            y=ghost_y,
            mode="markers+text",
            name=i18n.t("computation_graph.fig.absent", lang),
            marker=dict(size=dot + 6, color=WHITE, symbol="square", line=dict(color=GREY, width=2)),
            text=[f"  {stage_label(s.name, lang)}: {label}" for s in absent],
            textposition="middle right",
            textfont=dict(size=_sizes(theme)["small"], color=GREY),
            hoverinfo="skip",
        )
    )
    dotted = dict(color=GREY, width=2, dash="dot")
    fig.add_trace(
        _scatter(
            x=[0.0, 0.0],
            y=[ghost_y[-1], y_top],
            mode="lines",
            showlegend=False,
            hoverinfo="skip",
            line=dotted,
        )
    )
    return ghost_y


def _stage_legend(s, lang: str) -> str:
    return i18n.t(
        f"computation_graph.fig.stage_{s.status}",
        lang,
        stage=stage_label(s.name, lang),
        nodes=s.nodes,
    )


def _network_stage_figure(net: NetworkGraph, theme: Theme, lang: str) -> go.Figure:
    ink = _Ink(theme)
    size = _sizes(theme)
    stages = list(net.stages)
    ys = [-(k) for k in range(len(stages))]
    box = 26 if not theme.projector else 36
    fig = _Canvas()
    for k in range(len(stages) - 1):
        both = stages[k].status != "absent" and stages[k + 1].status != "absent"
        fig.add_trace(
            _scatter(
                x=[0, 0],
                y=[ys[k], ys[k + 1]],
                mode="lines",
                hoverinfo="skip",
                showlegend=False,
                line=dict(
                    color=ink.black if both else GREY,
                    width=size["edge"],
                    dash=None if both else "dot",
                ),
            )
        )
        if both:  # gradients flow from the loss upwards
            _arrow(
                fig, (0, ys[k + 1]), (0, ys[k]), ink.black, size["edge"], box / 2 + 2, box / 2 + 2
            )
    for status in ("trained", "passes", "absent"):
        idx = [k for k, s in enumerate(stages) if s.status == status]
        if not idx:
            continue
        fig.add_trace(
            _scatter(
                x=[0] * len(idx),
                y=[ys[k] for k in idx],
                mode="markers+text",
                name=i18n.t(f"computation_graph.fig.status.{status}", lang),
                marker=dict(
                    size=box,
                    symbol="square",
                    color=ink.status[status],
                    line=dict(color=ink.black if status != "absent" else GREY, width=2),
                ),
                text=[f"   {_stage_line(stages[k], lang)}" for k in idx],
                textposition="middle right",
                textfont=dict(
                    size=size["small"] + 1, color=theme.text_color if status != "absent" else GREY
                ),
                hovertext=[_stage_hover(stages[k]) for k in idx],
                hoverinfo="text",
            )
        )
    height = int(len(stages) * (46 if not theme.projector else 64) + 140)
    return _frame(fig, theme, [0, 0], ys, height, (0.15, 3.0), (0.7, 0.7))


def _stage_line(s, lang: str) -> str:
    if s.status == "absent":
        return f"{stage_label(s.name, lang)}: " + i18n.t("computation_graph.fig.absent_short", lang)
    params = sum(c for op, c in s.op_counts if op == "AccumulateGrad")
    return i18n.t(
        "computation_graph.fig.stage_line",
        lang,
        stage=stage_label(s.name, lang),
        nodes=s.nodes,
        params=params,
    )


def _stage_hover(s) -> str:
    return "<br>".join(f"{op}: {c}" for op, c in s.op_counts) or s.name
