"""The three sections of the computation-graph page (pages/computation_graph.py).

Layout only: every number comes from ``core.computation_graph.scalar_graph`` / ``core.computation_graph.network_graph``.
"""

from __future__ import annotations

import streamlit as st

from core.computation_graph import network_graph as netlab
from core.computation_graph import scalar_graph as lab
from core.computation_graph.figures import network_graph_figure, scalar_graph_figure, stage_label
from core.computation_graph.scalar_graph import fmt, pretty
from ui.common.frame import lang, theme, tr
from ui.common.state import url_bound
from ui.computation_graph.tables import markdown_table

LAST_VALUES = "_cg_last_values"  # the previous run's inputs, per preset
LAST_EDIT = "_cg_last_edit"
CHART = {"displayModeBar": False}
LINK_PARAMS = {
    "cg_backward": lab.BACKWARD_PARAM,
    "cg_source_grad": lab.SOURCE_GRAD_PARAM,
    "cg_net": netlab.NETWORK_PARAM,
    "cg_net_mode": netlab.MODE_PARAM,
}


def read_link_params() -> None:
    """Read every link parameter up front, so a bad one is reported at the top of the page."""
    preset = lab.get_preset(url_bound("cg_preset", lab.PRESET_PARAM))
    for key, param in LINK_PARAMS.items():
        url_bound(key, param)
    bind_preset_choices(preset)
    for key, param in lab.input_params(preset).items():
        url_bound(key, param)


def bind_preset_choices(preset: lab.Preset) -> None:
    """The changed input and the chain rule's start: only names this preset has
    (e.g. cg_change=w1 is refused on the notes' graph)."""
    url_bound("cg_change", lab.CHANGE_PARAM, preset.input_names, preset.default_change)
    url_bound("cg_path", lab.PATH_PARAM, preset.grad_inputs, preset.default_path)


def yes_no(flag: bool) -> str:
    if theme().projector:  # narrow table cells on a wall: the mark alone
        return "✔" if flag else "✘"
    return tr("computation_graph.yes") if flag else tr("computation_graph.no")


def note_edit(preset: str, name: str, key: str) -> None:
    """An input was edited: remember old -> new so the page can update locally."""
    previous = st.session_state.get(LAST_VALUES, {}).get(preset, lab.get_preset(preset).defaults())
    st.session_state[LAST_EDIT] = dict(
        preset=preset, name=name, old=previous[name], new=st.session_state[key]
    )
    st.session_state["cg_change"] = name


def graph_section() -> None:
    """Section 1: the preset's graph, local computation, the chain rule."""
    st.header(tr("computation_graph.section.graph"))
    st.markdown(tr("computation_graph.graph_intro"))
    url_bound("cg_preset", lab.PRESET_PARAM)
    preset = lab.get_preset(
        st.segmented_control(
            tr("computation_graph.preset"),
            options=lab.PRESET_NAMES,
            key="cg_preset",
            required=True,
            format_func=lambda p: tr(f"computation_graph.preset.{p}"),
        )
    )

    values = {}
    per_row = 3 if theme().projector else max(len(preset.inputs), 4)
    columns = [c for start in range(0, len(preset.inputs), per_row) for c in st.columns(per_row)]
    for column, decl in zip(columns, preset.inputs):
        url_bound(decl.key, lab.input_params(preset)[decl.key])
        label = (
            pretty(decl.name)
            if decl.requires_grad
            else tr("computation_graph.constant_input", name=pretty(decl.name))
        )
        values[decl.name] = column.number_input(
            label,
            key=decl.key,
            min_value=lab.INPUT_LOW,
            max_value=lab.INPUT_HIGH,
            step=0.5,
            format="%.2f",
            on_change=note_edit,
            args=(preset.name, decl.name, decl.key),
            help=None if decl.requires_grad else tr("computation_graph.constant_help"),
        )

    bind_preset_choices(preset)
    left, middle, right = st.columns([1.4, 1.4, 1.2], vertical_alignment="bottom")
    with left:
        changed = st.selectbox(
            tr("computation_graph.change_label"),
            preset.input_names,
            key="cg_change",
            format_func=pretty,
            help=tr("computation_graph.change_help"),
        )
    with middle:
        path_src = st.selectbox(
            tr("computation_graph.path_label", out=pretty(preset.output)),
            preset.grad_inputs,
            key="cg_path",
            format_func=pretty,
        )
    with right:
        url_bound("cg_backward", lab.BACKWARD_PARAM)
        show_backward = st.toggle(
            tr("computation_graph.backward_toggle", out=preset.output),
            key="cg_backward",
            help=tr("computation_graph.backward_help"),
        )

    graph = lab.build_graph(preset.name, values)
    st.plotly_chart(
        scalar_graph_figure(
            graph, theme(), lang(), changed=changed, path_src=path_src, show_backward=show_backward
        ),
        width="stretch",
        config=CHART,
    )
    st.caption(tr("computation_graph.figure_caption", out=pretty(preset.output)))

    local_col, chain_col = st.columns(2, gap="large")
    with local_col:
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
        edit = st.session_state.get(LAST_EDIT)
        if (
            edit
            and edit["preset"] == preset.name
            and edit["name"] == changed
            and values[changed] == edit["new"]
            and edit["old"] != edit["new"]
        ):
            update = lab.local_recompute(
                preset.name, {**values, changed: edit["old"]}, changed, edit["new"]
            )
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

    with chain_col:
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

    with st.expander(tr("computation_graph.code_title")):
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

    st.session_state.setdefault(LAST_VALUES, {})[preset.name] = dict(values)


def copy_section() -> None:
    """Section 2: the notes' clone / detach table beside torch's answers, run now."""
    st.header(tr("computation_graph.section.copy"))
    url_bound("cg_source_grad", lab.SOURCE_GRAD_PARAM)
    source_grad = st.toggle(tr("computation_graph.source_grad"), key="cg_source_grad")
    records = lab.copy_table(source_grad)  # executed now, on every run: nothing cached

    if theme().projector:  # big type: one table under the other
        notes_box, live_box = st.container(), st.container()
    else:
        notes_box, live_box = st.columns([1, 2.2], gap="medium")
    with notes_box:
        st.markdown(f"**{tr('computation_graph.notes_table_title')}**")
        markdown_table(
            [
                tr("computation_graph.col.op"),
                tr("computation_graph.col.memory"),
                tr("computation_graph.col.resident"),
            ],
            [
                [
                    f"`{lab.COPY_CODE[op][2:]}`",
                    tr(f"computation_graph.memory.{mem}"),
                    tr(f"computation_graph.resident.{res}"),
                ]
                for op, (mem, res) in lab.NOTES_TABLE.items()
            ],
        )
    with live_box:
        st.markdown(f"**{tr('computation_graph.live_table_title')}**")
        markdown_table(
            [
                tr("computation_graph.col.op"),
                tr("computation_graph.col.shares_memory"),
                tr("computation_graph.col.in_graph"),
                "requires_grad",
                tr("computation_graph.col.grad_reaches"),
                tr("computation_graph.col.notes_agree"),
            ],
            [
                [
                    f"`{lab.COPY_CODE[r.op][2:]}`",
                    yes_no(r.shares_memory),
                    f"✔ `{r.grad_fn}`" if r.in_graph else yes_no(False),
                    yes_no(r.requires_grad),
                    yes_no(r.grad_reaches_source),
                    "✔" if r.agrees_with_notes() else tr("computation_graph.notes_differ"),
                ]
                for r in records
            ],
        )
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


def network_section() -> None:
    """Section 3: a real network's backward graph and feature extraction."""
    st.header(tr("computation_graph.section.network"))
    st.markdown(tr("computation_graph.network_intro"))

    net_col, mode_col = st.columns(2)
    with net_col:
        url_bound("cg_net", netlab.NETWORK_PARAM)
        network = st.segmented_control(
            tr("computation_graph.net_label"),
            netlab.NETWORKS,
            key="cg_net",
            required=True,
            format_func=lambda n: tr(f"computation_graph.net.{n}"),
        )
    with mode_col:
        url_bound("cg_net_mode", netlab.MODE_PARAM)
        mode = st.segmented_control(
            tr("computation_graph.mode_label"),
            netlab.MODES,
            key="cg_net_mode",
            required=True,
            format_func=lambda m: tr(f"computation_graph.mode.{m}"),
        )
    with st.spinner(tr("computation_graph.net_building")):
        net = cached_network_graph(network, mode)
    full = cached_network_graph(network, "full")

    m1, m2, m3 = st.columns(3)
    m1.metric(
        tr("computation_graph.metric.nodes"),
        len(net.nodes),
        delta=None if mode == "full" else len(net.nodes) - len(full.nodes),
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
    st.plotly_chart(network_graph_figure(net, theme(), lang()), width="stretch", config=CHART)
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
