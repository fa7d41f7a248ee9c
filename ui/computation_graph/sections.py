"""The sections of the computation-graph page (pages/computation_graph.py): the first
screen (controls, graph, clone / detach table), the details below it, a real network.

Layout only: every number comes from ``core.computation_graph`` (``scalar_graph``,
``network_graph``); every control is declared in ``core.computation_graph.controls``.
"""

from __future__ import annotations

from typing import NamedTuple

import streamlit as st

from core.common.markdown import table
from core.common.theme import theme_for
from core.computation_graph import controls as C
from core.computation_graph import network_graph as netlab
from core.computation_graph import scalar_graph as lab
from core.computation_graph.figures import network_graph_figure, scalar_graph_figure, stage_label
from core.computation_graph.scalar_graph import InputEdit, fmt, pretty
from ui.common.controls import control, control_value
from ui.common.frame import lang, theme, tr
from ui.common.layout import columns
from ui.common.state import set_widget_value, widget_value
from ui.computation_graph.state import lab_state

CHART = {"displayModeBar": False}


def read_link_params() -> None:
    """Read every link parameter up front, so a bad one is reported at the top of the page."""
    preset = lab.get_preset(control_value(C.PRESET))
    for decl in (C.BACKWARD, C.SOURCE_GRAD, C.NETWORK, C.NET_MODE, *C.INPUTS[preset.name]):
        control_value(decl)
    preset_choices(preset)


def preset_choices(preset: lab.Preset) -> None:
    """The changed input and the chain rule's start: only names this preset has
    (e.g. cg_change=w1 is refused on the notes' graph)."""
    control_value(C.CHANGE, preset.input_names, preset.default_change)
    control_value(C.PATH, preset.grad_inputs, preset.default_path)


def markdown_table(headers, rows) -> None:
    """A table of the lab's own cells (code spans on purpose), following the projector CSS."""
    st.markdown(table(headers, rows, escape=False))


def yes_no(flag: bool) -> str:
    if theme().projector:  # narrow table cells on a wall: the mark alone
        return "✔" if flag else "✘"
    return tr("computation_graph.yes") if flag else tr("computation_graph.no")


def note_edit(preset: str, name: str, key: str) -> None:
    """An input was edited: remember old -> new so the page can update locally."""
    state = lab_state()
    previous = state.last_values.get(preset, lab.get_preset(preset).defaults())
    state.last_edit = InputEdit(preset, name, previous[name], widget_value(key))
    set_widget_value(C.CHANGE.key, name)


def input_boxes(preset: lab.Preset) -> dict[str, float]:
    """A number box per input, in rows of three beside the graph; the values by input name."""
    per_row = 3
    cells = [c for _ in range(0, len(preset.inputs), per_row) for c in st.columns(per_row)]
    values = {}
    for cell, spec, decl in zip(cells, preset.inputs, C.INPUTS[preset.name]):
        label = (
            pretty(spec.name)
            if spec.requires_grad
            else tr("computation_graph.constant_input", name=pretty(spec.name))
        )
        with cell:
            values[spec.name] = control(
                decl,
                label=label,
                format="%.2f",
                on_change=note_edit,
                args=(preset.name, spec.name, decl.key),
            )
    return values


@st.cache_resource(max_entries=64, show_spinner=False)
def cached_scalar_figure(
    preset: str,
    values: tuple,
    changed: str,
    path_src: str,
    show_backward: bool,
    projector: bool,
    language: str,
):
    """The preset's graph drawn once per setting for every session (building a plotly
    figure is most of a rerun's work): shared, so read-only; st.plotly_chart only reads it."""
    graph = lab.build_graph(preset, dict(values))
    return scalar_graph_figure(
        graph,
        theme_for(projector),
        language,
        changed=changed,
        path_src=path_src,
        show_backward=show_backward,
    )


class GraphView(NamedTuple):
    """What the first screen's graph shows (the sections below it explain it)."""

    preset: lab.Preset
    values: dict[str, float]
    changed: str
    path_src: str
    show_backward: bool


def graph_controls() -> GraphView:
    """The preset, its inputs, the changed input and the chain rule's start side by side,
    backward()."""
    preset = lab.get_preset(control(C.PRESET))
    values = input_boxes(preset)
    preset_choices(preset)
    change_col, path_col = st.columns(2)
    with change_col:
        changed = control(C.CHANGE, allowed=preset.input_names, format_func=pretty)
    with path_col:
        path_src = control(
            C.PATH,
            allowed=preset.grad_inputs,
            format_func=pretty,
            label=tr(C.PATH.label, out=pretty(preset.output)),
        )
    show_backward = control(C.BACKWARD, label=tr(C.BACKWARD.label, out=preset.output))
    return GraphView(preset, values, changed, path_src, show_backward)


def first_screen() -> tuple[GraphView, bool, list]:
    """The controls, the preset's graph (``cg_result``) and the clone / detach table
    (``cg_copy_table``), all on the first screen. On a screen the controls sit beside the
    graph and the table under both; on a projector the type is too big for that: the
    controls fold above the graph, the table stands beside it. Returns what the graph shows,
    whether the copies' source requires grad, and the copies' records."""
    if theme().projector:
        graph_box, table_box = st.columns([1, 2], gap="medium")
        with graph_box, st.expander(tr("computation_graph.settings"), icon=":material/tune:"):
            view = graph_controls()
    else:
        settings, graph_box = st.columns([1, 2], gap="large")
        with settings:
            view = graph_controls()
        table_box = st.container()
    with graph_box, st.container(key="cg_result"):
        st.plotly_chart(
            cached_scalar_figure(
                view.preset.name,
                tuple(sorted(view.values.items())),
                view.changed,
                view.path_src,
                view.show_backward,
                theme().projector,
                lang(),
            ),
            width="stretch",
            config=CHART,
            theme=None,
        )
    with table_box:
        source_grad, records = copy_table()
    return view, source_grad, records


def graph_details(view: GraphView) -> None:
    """Section 1 under the first screen: what the graph shows, local computation, the
    chain rule and the torch code."""
    preset, values = view.preset, view.values
    graph = lab.build_graph(preset.name, values)
    st.header(tr("computation_graph.section.graph"))
    st.markdown(tr("computation_graph.figure_intro"))
    st.caption(tr("computation_graph.figure_caption", out=pretty(preset.output)))
    local_col, chain_col = st.columns(2, gap="large")
    with local_col:
        _local_panel(graph, preset, values, view.changed)
    with chain_col:
        _chain_panel(graph, preset, view.path_src, view.show_backward)
    with st.expander(tr("computation_graph.code_title")):
        _code_panel(graph, preset, values, view.show_backward)
    lab_state().last_values[preset.name] = dict(values)


def _local_panel(graph, preset: lab.Preset, values: dict[str, float], changed: str) -> None:
    """국소적 계산: what a change of ``changed`` recomputes, and the last edit done locally."""
    st.subheader(tr("computation_graph.local_title"))
    recomputed = graph.recomputed_when(changed)
    reused = graph.reused_when(changed)
    st.markdown(
        tr(
            "computation_graph.local_summary",
            name=pretty(changed),
            recomputed=", ".join(pretty(n) for n in recomputed) or "—",
            reused=", ".join(pretty(n) for n in reused) or "—",
            k=len(recomputed),
            n=len(preset.ops),
        )
    )
    update = lab.update_after_edit(lab_state().last_edit, preset.name, values, changed)
    if update is not None:
        kept = ", ".join(f"{pretty(n)} = {fmt(update.values[n])}" for n in update.reused) or "—"
        st.markdown(
            tr(
                "computation_graph.local_update",
                name=pretty(changed),
                old=fmt(update.old_value),
                new=fmt(update.new_value),
                k=len(update.recomputed),
                n=update.ops_total,
                kept=kept,
                out=pretty(preset.output),
                value=fmt(update.values[preset.output]),
            )
        )
        if update.matches_full:
            st.success(tr("computation_graph.local_matches"), icon=":material/check_circle:")
        else:  # would mean a real bug: say so rather than hide it
            st.error(tr("computation_graph.local_mismatch"))
    else:
        st.caption(tr("computation_graph.local_try", name=pretty(changed)))


def _chain_panel(graph, preset: lab.Preset, path_src: str, show_backward: bool) -> None:
    """The chain rule from ``path_src`` to the output, path by path, beside torch's grad."""
    st.subheader(tr("computation_graph.chain_title"))
    if not show_backward:
        st.info(tr("computation_graph.chain_needs_backward", out=preset.output))
    else:
        chain = graph.chain_rule(path_src)
        out = pretty(chain.output)
        for term in chain.terms:
            symbols = " · ".join(f"∂{pretty(f.dst)}/∂{pretty(f.src)}" for f in term.factors)
            numbers = " × ".join(fmt(f.local_grad) for f in term.factors)
            st.markdown(
                f"**{' → '.join(pretty(n) for n in term.path)}**  \n"
                f"{symbols} = {numbers} = **{fmt(term.product)}**"
            )
        if len(chain.terms) > 1:
            st.markdown(
                tr(
                    "computation_graph.chain_sum",
                    src=pretty(path_src),
                    out=out,
                    terms=" + ".join(fmt(t.product) for t in chain.terms),
                    total=fmt(chain.total),
                )
            )
        st.markdown(
            tr(
                "computation_graph.chain_torch",
                src=path_src,
                value=fmt(chain.torch_grad),
                total=fmt(chain.total),
                mark="✔" if chain.matches_torch else "✘",
            )
        )


def _code_panel(graph, preset: lab.Preset, values: dict[str, float], show_backward: bool) -> None:
    """The same program in torch, and every node's grad_fn / next_functions / grad."""
    st.code(lab.snippet(preset, values), language="python")
    markdown_table(
        [
            tr("computation_graph.col.node"),
            "grad_fn",
            "next_functions",
            tr("computation_graph.col.value"),
            ".grad",
        ],
        [
            [
                pretty(n.name),
                f"`{n.grad_fn}`" if n.grad_fn else tr("computation_graph.no_grad_fn"),
                ", ".join(pretty(m) for m in n.next_functions) or "—",
                fmt(n.value),
                fmt(n.grad) if show_backward else "—",
            ]
            for n in graph.node_list()
        ],
    )
    st.caption(tr("computation_graph.walk_caption"))


def copy_table() -> tuple[bool, list]:
    """The notes' clone / detach claims and torch's answers, run now, in one table. Returns
    whether the source requires grad and the records."""
    with st.container(key="cg_copy_table"):
        title_col, toggle_col = st.columns([1, 1.4] if theme().projector else [1.3, 1])
        title_col.markdown(f"**{tr('computation_graph.section.copy')}**")
        with toggle_col:
            source_grad = control(C.SOURCE_GRAD)
        records = lab.copy_table(source_grad)  # executed now, on every run: nothing cached
        markdown_table(*_copy_rows(records, compact=theme().projector))
    return source_grad, records


def _copy_rows(records, compact: bool) -> tuple[list[str], list[list[str]]]:
    """Headers and rows: per copy, what the notes say (memory, graph) and what torch did.
    ``compact`` (a projector's narrow column) leaves out the grad_fn's name, requires_grad
    (here always equal to being in the graph) and the agreement column (the notes' cell
    sits beside torch's)."""
    headers = [
        tr("computation_graph.col.op"),
        tr("computation_graph.col.notes_says"),
        tr("computation_graph.col.shares_memory"),
        tr("computation_graph.col.in_graph"),
        "requires_grad",
        tr("computation_graph.col.grad_reaches"),
        tr("computation_graph.col.notes_agree"),
    ]
    rows = []
    for r in records:
        memory, resident = lab.NOTES_TABLE[r.op]
        rows.append(
            [
                f"`{lab.COPY_CODE[r.op][2:]}`",
                tr(f"computation_graph.memory.{memory}")
                + " · "
                + tr(f"computation_graph.resident.{resident}"),
                yes_no(r.shares_memory),
                _in_graph(r, compact),
                yes_no(r.requires_grad),
                yes_no(r.grad_reaches_source),
                "✔" if r.agrees_with_notes() else tr("computation_graph.notes_differ"),
            ]
        )
    if compact:
        keep = (0, 1, 2, 3, 5)
        return [headers[k] for k in keep], [[row[k] for k in keep] for row in rows]
    return headers, rows


def _in_graph(record, compact: bool) -> str:
    if not record.in_graph:
        return yes_no(False)
    return yes_no(True) if compact else f"✔ `{record.grad_fn}`"


def copy_experiments(records, source_grad: bool) -> None:
    """Section 2 under the first screen: the in-place edit experiment for each copy."""
    st.header(tr("computation_graph.section.inplace"))
    if not source_grad:
        st.caption(tr("computation_graph.no_grad_source_note"))
    st.markdown(tr("computation_graph.inplace_intro"))
    if theme().projector:  # one experiment at a time, full width
        boxes = st.tabs([f"b = {lab.COPY_CODE[r.op]}" for r in records])
    else:
        boxes = st.columns(len(records))
    for box, r in zip(boxes, records):
        with box:
            st.markdown(f"**`{r.code}`**")
            st.code(lab.copy_snippet(r.op, source_grad), language="python", wrap_lines=True)
            st.markdown(tr("computation_graph.inplace_result", after=list(r.source_after_inplace)))
            if r.inplace_error:
                st.markdown(tr("computation_graph.inplace_error"))
                st.code(r.inplace_error, language=None, wrap_lines=True)
            elif source_grad:
                st.markdown(tr("computation_graph.inplace_ok"))
            if r.backward_error:
                st.markdown(tr("computation_graph.backward_error"))
                st.code(r.backward_error, language=None, wrap_lines=True)
            else:
                st.markdown(tr("computation_graph.backward_ok", grad=list(r.source_grad)))


@st.cache_data(max_entries=12, show_spinner=False)
def cached_network_graph(network: str, mode: str) -> netlab.NetworkGraph:
    return netlab.network_graph(network, mode)


@st.cache_resource(max_entries=24, show_spinner=False)
def cached_network_figure(network: str, mode: str, projector: bool, language: str):
    """Drawn once per setting for every session: shared, so read-only."""
    net = cached_network_graph(network, mode)
    return network_graph_figure(net, theme_for(projector), language)


def network_section() -> None:
    """Section 3: a real network's backward graph and feature extraction."""
    st.header(tr("computation_graph.section.network"))
    st.markdown(tr("computation_graph.network_intro"))

    net_col, mode_col = columns(2)
    with net_col:
        network = control(C.NETWORK)
    with mode_col:
        mode = control(C.NET_MODE)
    with st.spinner(tr("computation_graph.net_building")):
        net = cached_network_graph(network, mode)
    full = cached_network_graph(network, "full")

    m1, m2, m3 = st.columns(3)
    m1.metric(
        tr("computation_graph.metric.nodes"),
        len(net.nodes),
        delta=netlab.nodes_left_out(net, full),
        delta_color="off",
        delta_description=None if mode == "full" else tr("computation_graph.metric.vs_full"),
    )
    m2.metric(
        tr("computation_graph.metric.trainable"),
        f"{net.trainable_params:,}",
        help=tr("computation_graph.metric.trainable_help", total=f"{net.total_params:,}"),
    )
    m3.metric(
        tr("computation_graph.metric.with_grad"),
        len(net.grads_after_backward),
        help=tr("computation_graph.metric.with_grad_help"),
    )
    st.plotly_chart(
        cached_network_figure(network, mode, theme().projector, lang()),
        width="stretch",
        config=CHART,
        theme=None,
    )
    st.caption(
        tr(
            "computation_graph.net_caption_detail"
            if net.detailed
            else "computation_graph.net_caption_stages",
            cap=netlab.MAX_DETAIL_NODES,
        )
    )
    st.markdown(
        tr(
            f"computation_graph.mode_lesson.{mode}",
            absent=", ".join(stage_label(s, lang()) for s in net.absent_stages) or "—",
        )
    )
    with st.expander(tr("computation_graph.stage_table_title")):
        markdown_table(
            [
                tr("computation_graph.col.stage"),
                tr("computation_graph.col.params"),
                "requires_grad",
                tr("computation_graph.col.nodes"),
                tr("computation_graph.col.status"),
            ],
            [
                [
                    stage_label(s.name, lang()),
                    f"{s.num_params:,}",
                    yes_no(s.trainable) if s.kind != "loss" else "—",
                    s.nodes,
                    tr(f"computation_graph.fig.status.{s.status}"),
                ]
                for s in net.stages
            ],
        )
        st.caption(tr("computation_graph.net_random_weights"))
