"""The GCN lab's graph builder: presets, the drawing (select nodes to edit), the node and
edge tables, and the graph's place in the session and the link.

The graph lives in ``st.session_state[GRAPH]`` with a revision number. Table edits
(``st.data_editor`` deltas under ``gcn_nodes`` / ``gcn_edges``) and chart selections
(``gcn_drawing``) are read at the top of the next run and applied once: an editor's
delta is only applied if the graph has not changed since that editor was drawn, and a
changed graph redraws the editors with fresh data (Streamlit then starts them empty).
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from core.common.errors import UserFacingError
from core.common.params import BoolParam, parse_or_default
from core.gcn import graph as g
from core.gcn.figures import graph_figure
from ui.common.frame import theme, tr
from ui.common.state import url_bound, warn_bad_link_value
from ui.gcn.layout import beside, control_row, labels, literal_params

GRAPH = "_gcn_graph"
REV = "_gcn_rev"
EDITOR_REV = "_gcn_editor_rev"
SOURCE = "_gcn_source"
EDIT_NOTES = "_gcn_edit_notes"
LAST_SELECTION = "_gcn_last_selection"
SELECTED = "gcn_selected"
FOLLOWED = "gcn_node"
LINK_KEY = "gcn_graph"


def current_graph() -> g.Graph:
    return st.session_state.get(GRAPH, g.Graph())


def _set_graph(graph: g.Graph) -> None:
    state = st.session_state
    state[GRAPH] = graph
    state[REV] = state.get(REV, 0) + 1
    valid = [i for i in state.get(SELECTED, []) if isinstance(i, int) and i < graph.n]
    state[SELECTED] = valid


def _edit(operation, clear_selection: bool = False) -> None:
    """Button callback: apply an edit to the graph; a refused edit leaves a message."""
    state = st.session_state
    try:
        _set_graph(operation(current_graph()))
        state[EDIT_NOTES] = []
        if clear_selection:
            state[SELECTED] = []
    except UserFacingError as err:
        state[EDIT_NOTES] = [g.Note(err.key, err.params)]


def _load(source: tuple) -> g.Graph:
    """The preset's graph when the preset changed; on a session's first run, the link's graph."""
    state = st.session_state
    preset, size, hydrogens = source
    preset_graph = g.preset_graph(
        preset,
        size or g.SIZE_PARAM.default,
        g.HYDROGENS_PARAM.default if hydrogens is None else hydrogens,
    )
    if state.get(SOURCE) == source and GRAPH in state:
        return preset_graph
    graph = preset_graph
    first_visit = SOURCE not in state
    text = st.query_params.get(LINK_KEY)
    if first_visit and text:
        graph, ok = parse_or_default(g.GraphParam(preset_graph), text)
        if not ok:
            warn_bad_link_value(LINK_KEY, text)
    if not first_visit:  # a new preset brings its own direction
        state["gcn_directed"] = preset in g.DIRECTED_PRESETS
    state[SOURCE] = source
    state[EDIT_NOTES] = []
    _set_graph(graph)
    return preset_graph


def _apply_table_edits() -> None:
    state = st.session_state
    if state.get(EDITOR_REV) != state.get(REV):
        return  # the graph changed since the editors were drawn: their deltas are stale
    for key, apply in (("gcn_nodes", g.apply_node_edits), ("gcn_edges", g.apply_edge_edits)):
        delta = state.get(key)
        if not g.has_edits(delta):
            continue
        graph = current_graph()
        try:
            new, notes = apply(graph, delta)
        except UserFacingError as err:
            state[EDIT_NOTES] = [g.Note(err.key, err.params)]
            continue
        state[EDIT_NOTES] = notes
        if new != graph:
            _set_graph(new)
            return  # the other editor's delta (if any) refers to the old graph


def _selected_from_chart() -> None:
    state = st.session_state
    selection = state.get("gcn_drawing")
    if not selection:
        return
    try:
        points = selection["selection"]["points"]
    except (KeyError, TypeError):
        return
    nodes = []
    for p in points:
        data = p.get("customdata") if isinstance(p, dict) else None
        if isinstance(data, list):
            data = data[0] if data else None
        if isinstance(data, (int, float)) and 0 <= int(data) < current_graph().n:
            nodes.append(int(data))
    signature = tuple(nodes)
    if signature == state.get(LAST_SELECTION):
        return
    state[LAST_SELECTION] = signature
    if nodes:
        state[SELECTED] = list(dict.fromkeys(nodes))
        if len(nodes) == 1:
            state[FOLLOWED] = nodes[0]


def graph_builder() -> tuple[g.Graph, bool]:
    """Draw the builder; return the graph and whether bond orders weigh the edges."""
    state = st.session_state
    st.header(tr("gcn.build.title"))
    c_preset, c_option, c_dir, c_bond = control_row([2.2, 1.3, 1.1, 1.4])
    with c_preset:
        url_bound("gcn_preset", g.PRESET_PARAM)
        preset = st.selectbox(
            tr("gcn.preset"),
            g.PRESETS,
            key="gcn_preset",
            format_func=labels("gcn.preset.", g.PRESETS),
        )
    size = hydrogens = None
    with c_option:
        if preset in g.SIZED:
            url_bound("gcn_size", g.SIZE_PARAM)
            size = st.number_input(
                tr("gcn.size"),
                min_value=g.SIZE_PARAM.low,
                max_value=g.SIZE_PARAM.high,
                step=1,
                key="gcn_size",
            )
        elif preset in g.MOLECULES:
            url_bound("gcn_hydrogens", g.HYDROGENS_PARAM)
            hydrogens = st.toggle(
                tr("gcn.hydrogens"), key="gcn_hydrogens", help=tr("gcn.hydrogens_help")
            )
    preset_graph = _load((preset, size, hydrogens))
    with c_dir:
        url_bound("gcn_directed", BoolParam(preset in g.DIRECTED_PRESETS))
        directed = st.toggle(tr("gcn.directed"), key="gcn_directed", help=tr("gcn.directed_help"))
    if current_graph().directed != directed:
        state[GRAPH] = replace(current_graph(), directed=directed)
    _apply_table_edits()
    _selected_from_chart()
    graph = current_graph()
    has_bonds = any(e.bond for e in graph.edges)
    with c_bond:
        bond_order = False
        if has_bonds:
            url_bound("gcn_bond_weights", g.BOND_WEIGHT_PARAM)
            bond_order = st.toggle(
                tr("gcn.bond_weights"), key="gcn_bond_weights", help=tr("gcn.bond_weights_help")
            )
    if preset in g.MOLECULES:
        st.caption(tr("gcn.molecule_note" if hydrogens else "gcn.molecule_note_no_h"))

    left, right = beside([1.15, 1])
    with left:
        _drawing(graph)
        _selection_tools(graph)
    with right:
        _tables(graph)
    _notes(graph)
    _update_link(graph, preset_graph)
    return current_graph(), bond_order


def _drawing(graph: g.Graph) -> None:
    state = st.session_state
    if graph.n == 0:
        st.info(tr("gcn.note.empty"), icon=":material/info:")
        return
    fig = graph_figure(
        graph,
        theme(),
        followed=state.get(FOLLOWED),
        selected=state.get(SELECTED, []),
        bond_names={b: tr(f"gcn.bond.{b}") for b in g.BONDS if b},
    )
    if graph.is_3d:
        st.plotly_chart(fig, key="gcn_drawing_3d", theme=None)
        st.caption(tr("gcn.drawing_3d_hint"))
    else:
        st.plotly_chart(
            fig,
            key="gcn_drawing",
            on_select="rerun",
            selection_mode=("points", "box", "lasso"),
            theme=None,
            config={"displaylogo": False},
        )
        st.caption(tr("gcn.drawing_hint"))


def _selection_tools(graph: g.Graph) -> None:
    state = st.session_state
    state[SELECTED] = [
        i for i in state.get(SELECTED, []) if isinstance(i, int) and 0 <= i < graph.n
    ]
    chosen = st.multiselect(
        tr("gcn.selected"),
        list(range(graph.n)),
        key=SELECTED,
        format_func=graph.node_name,
        placeholder=tr("gcn.selected_placeholder"),
    )
    cols = control_row([1, 1, 1, 1])
    cols[0].button(
        tr("gcn.connect"),
        key="gcn_connect",
        icon=":material/link:",
        disabled=len(chosen) < 2,
        on_click=_edit,
        args=(lambda gr: g.connect_nodes(gr, chosen),),
        help=tr("gcn.connect_help"),
        width="stretch",
    )
    cols[1].button(
        tr("gcn.disconnect"),
        key="gcn_disconnect",
        icon=":material/link_off:",
        disabled=not chosen,
        on_click=_edit,
        args=(lambda gr: g.disconnect_nodes(gr, chosen),),
        help=tr("gcn.disconnect_help"),
        width="stretch",
    )
    cols[2].button(
        tr("gcn.delete"),
        key="gcn_delete",
        icon=":material/delete:",
        disabled=not chosen,
        on_click=_edit,
        args=(lambda gr: g.delete_nodes(gr, chosen), True),
        width="stretch",
    )
    cols[3].button(
        tr("gcn.add_node"),
        key="gcn_add",
        icon=":material/add_circle:",
        on_click=_edit,
        args=(g.add_node,),
        width="stretch",
    )


def _tables(graph: g.Graph) -> None:
    state = st.session_state
    nodes_tab, edges_tab = st.tabs(
        [tr("gcn.nodes_tab", n=graph.n), tr("gcn.edges_tab", m=len(graph.edges))]
    )
    with nodes_tab:
        nodes = pd.DataFrame(g.node_rows(graph), columns=["label", *graph.feature_names])
        config = {"label": st.column_config.TextColumn(tr("gcn.col.label"), max_chars=g.MAX_LABEL)}
        config.update(
            {
                name: st.column_config.NumberColumn(name, format="%.3g")
                for name in graph.feature_names
            }
        )
        st.data_editor(
            nodes,
            key="gcn_nodes",
            num_rows="dynamic",
            column_config=config,
            width="stretch",
            hide_index=False,
        )
        st.caption(tr("gcn.nodes_hint"))
    with edges_tab:
        edges = pd.DataFrame(g.edge_rows(graph), columns=["source", "target", "bond", "weight"])
        last = max(graph.n - 1, 0)
        config = {
            "source": st.column_config.NumberColumn(
                tr("gcn.col.source"), min_value=0, max_value=last, step=1
            ),
            "target": st.column_config.NumberColumn(
                tr("gcn.col.target"), min_value=0, max_value=last, step=1
            ),
            "bond": st.column_config.SelectboxColumn(
                tr("gcn.col.bond"),
                options=list(g.BONDS),
                format_func=lambda b, names=labels("gcn.bond.", g.BONDS[1:] + ("none",)): names(
                    b or "none"
                ),
            ),
            "weight": st.column_config.NumberColumn(
                tr("gcn.col.weight"), min_value=0.0, format="%.3g"
            ),
        }
        st.data_editor(
            edges,
            key="gcn_edges",
            num_rows="dynamic",
            column_config=config,
            width="stretch",
            hide_index=True,
        )
        st.caption(tr("gcn.edges_hint_directed" if graph.directed else "gcn.edges_hint"))
    state[EDITOR_REV] = state.get(REV)


def _notes(graph: g.Graph) -> None:
    for note in st.session_state.get(EDIT_NOTES, []):
        st.warning(tr(note.key, **literal_params(note.params)), icon=":material/edit_note:")
    for note in g.graph_notes(graph):
        if note.key != "gcn.note.empty":
            st.info(tr(note.key, **literal_params(note.params)), icon=":material/info:")


def _update_link(graph: g.Graph, preset_graph: g.Graph) -> None:
    text, too_big = g.link_text(graph, preset_graph)
    if text:
        st.query_params[LINK_KEY] = text
    elif LINK_KEY in st.query_params:
        del st.query_params[LINK_KEY]
    if too_big:
        st.caption(tr("gcn.link_too_big"))
