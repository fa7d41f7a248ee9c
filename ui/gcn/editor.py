"""The GCN lab's graph builder: presets, the drawing (select nodes to edit), the node and
edge tables, and the graph's place in the session and the link.

The graph lives in the lab's state (``ui.gcn.state``) with a revision number. Table edits
(``st.data_editor`` deltas under ``gcn_nodes`` / ``gcn_edges``) and chart selections
(``gcn_drawing``) are read at the top of the next run and applied once: an editor's delta
is only applied if the graph has not changed since that editor was drawn, and a changed
graph redraws the editors with fresh data (Streamlit then starts them empty).
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from core.common.errors import UserFacingError
from core.common.i18n import t
from core.common.markdown import literal_params
from core.common.params import parse_or_default
from core.common.selection import selected_ids
from core.common.theme import theme_for
from core.gcn import controls as C
from core.gcn import graph as g
from core.gcn.figures import graph_figure, with_marks
from ui.common.controls import control, option_labels
from ui.common.frame import lang, projector, theme, tr
from ui.common.layout import columns
from ui.common.state import (
    link_value,
    set_link_text,
    set_widget_value,
    warn_bad_link_value,
    widget_value,
)
from ui.gcn.state import EditorState, lab_state

SELECTED = "gcn_selected"
DRAWING = "gcn_drawing"
TABLES = (("gcn_nodes", g.apply_node_edits), ("gcn_edges", g.apply_edge_edits))
LINK_KEY = "gcn_graph"


def _editor() -> EditorState:
    return lab_state().editor


def current_graph() -> g.Graph:
    return _editor().graph


def _set_graph(graph: g.Graph) -> None:
    editor = _editor()
    editor.graph = graph
    editor.revision += 1
    _keep_selected(graph)


def load_graph(graph: g.Graph) -> None:
    """Make ``graph`` the session's graph (from another view: a dataset's graph)."""
    _editor().notes = []
    _set_graph(graph)


def _keep_selected(graph: g.Graph) -> list[int]:
    """The selected nodes that still exist (a deleted node cannot stay selected)."""
    valid = [i for i in widget_value(SELECTED, []) if isinstance(i, int) and 0 <= i < graph.n]
    set_widget_value(SELECTED, valid)
    return valid


def _edit(operation, clear_selection: bool = False) -> None:
    """Button callback: apply an edit to the graph; a refused edit leaves a message."""
    editor = _editor()
    try:
        _set_graph(operation(editor.graph))
        editor.notes = []
        if clear_selection:
            set_widget_value(SELECTED, [])
    except UserFacingError as err:
        editor.notes = [g.Note(err.key, err.params)]


def _load(source: tuple) -> g.Graph:
    """The preset's graph; the session's graph becomes it when the preset changed, or the
    link's graph on a session's first run."""
    editor = _editor()
    preset, size, hydrogens = source
    preset_graph = g.preset_graph(
        preset,
        size or C.SIZE.default,
        C.HYDROGENS.default if hydrogens is None else hydrogens,
    )
    if editor.source == source:
        return preset_graph
    graph = preset_graph
    first_visit = editor.source is None
    text = link_value(LINK_KEY)
    if first_visit and text:
        graph, ok = parse_or_default(g.GraphParam(preset_graph), text)
        if not ok:
            warn_bad_link_value(LINK_KEY, text)
    if not first_visit:  # a new preset brings its own direction
        directed = C.directed_control(preset)
        set_widget_value(directed.key, directed.default, directed.param)
    editor.source = source
    editor.notes = []
    _set_graph(graph)
    return preset_graph


def _apply_table_edits() -> None:
    editor = _editor()
    if editor.tables_revision != editor.revision:
        return  # the graph changed since the editors were drawn: their deltas are stale
    for key, apply in TABLES:
        delta = widget_value(key)
        if not g.has_edits(delta):
            continue
        graph = editor.graph
        try:
            new, notes = apply(graph, delta)
        except UserFacingError as err:
            editor.notes = [g.Note(err.key, err.params)]
            continue
        editor.notes = notes
        if new != graph:
            _set_graph(new)
            return  # the other editor's delta (if any) refers to the old graph


def selected_from_chart() -> None:
    """A new selection on the drawing selects its nodes; a single node is also followed."""
    editor = _editor()
    selection = widget_value(DRAWING)
    if not selection:
        return
    nodes = selected_ids(selection, limit=editor.graph.n)
    if tuple(nodes) == editor.last_selection:
        return
    editor.last_selection = tuple(nodes)
    if nodes:
        set_widget_value(SELECTED, nodes)
        if len(nodes) == 1:
            set_widget_value(C.NODE.key, nodes[0], C.NODE.param)


def graph_source(cells: list) -> tuple[g.Graph, bool, g.Graph]:
    """The preset, its size or hydrogens, the direction and the bond weights, drawn in the
    three ``cells``; load the graph, apply the tables' edits and the drawing's selection.
    Return the graph, whether bond orders weigh the edges, and the preset's own graph."""
    c_preset, c_option, c_switches = cells
    with c_preset:
        preset = control(C.PRESET)
    size = hydrogens = None
    with c_option:
        if preset in g.SIZED:
            size = control(C.SIZE)
        elif preset in g.MOLECULES:
            hydrogens = control(C.HYDROGENS)
    preset_graph = _load((preset, size, hydrogens))
    _editor().preset_graph = preset_graph
    with c_switches:
        directed = control(C.directed_control(preset))
    if current_graph().directed != directed:
        _editor().graph = replace(current_graph(), directed=directed)
    _apply_table_edits()
    selected_from_chart()
    graph = current_graph()
    with c_switches:
        has_bonds = any(e.bond for e in graph.edges)
        bond_order = control(C.BOND_WEIGHTS) if has_bonds else False
    if preset in g.MOLECULES:
        st.caption(tr("gcn.molecule_note" if hydrogens else "gcn.molecule_note_no_h"))
    return graph, bond_order, preset_graph


def graph_builder(graph: g.Graph) -> object:
    """The builder beside a full-width view: the drawing's place (``draw_graph`` fills it)
    and the selection tools on the left, the tables on the right."""
    left, right = columns([1.15, 1], projector_per_row=1, gap="medium")
    with left:
        drawing = st.container()
        selection_tools(graph)
    with right:
        graph_tables(graph)
    return drawing


def graph_tables(graph: g.Graph) -> None:
    """The node and edge tables and the notes on the last edit."""
    _tables(graph)
    _notes(graph)


def graph_revision() -> int:
    """Bumped by every change of the graph: a fragment compares it to see a change made
    inside it (a button's callback) that the rest of the page must see."""
    return _editor().revision


def update_link() -> None:
    """The session's graph in the link, as its difference from the preset's graph."""
    _update_link(current_graph(), _editor().preset_graph or g.Graph())


def draw_graph(place, graph: g.Graph, followed: int | None) -> None:
    """The drawing, drawn last into the place the builder kept: ``followed`` is the follow
    control's value, bound and checked against the graph's nodes earlier in this run (the
    raw widget value can still be the browser's text for an option that no longer exists)."""
    with place:
        _drawing(graph, followed)


def _drawing(graph: g.Graph, followed: int | None) -> None:
    if graph.n == 0:
        st.info(tr("gcn.note.empty"), icon=":material/info:")
        return
    selected = widget_value(SELECTED, [])
    if graph.is_3d:
        fig = graph_figure(graph, theme(), followed=followed, selected=selected)
        st.plotly_chart(fig, key="gcn_drawing_3d", theme=None)
        st.caption(tr("gcn.drawing_3d_hint"))
        return
    # following or selecting another node outlines it on a copy of the cached drawing
    base = _drawing_base(graph, graph.positions, projector(), lang())
    st.plotly_chart(
        with_marks(base, graph, theme(), followed, selected),
        key=DRAWING,
        on_select="rerun",
        selection_mode=("points", "box", "lasso"),
        theme=None,
        config={"displaylogo": False},
    )
    st.caption(tr("gcn.drawing_hint"))


@st.cache_resource(max_entries=64, show_spinner=False)
def _drawing_base(graph: g.Graph, positions: tuple, wall: bool, language: str):
    """The 2-D drawing with no node marked, built once per graph (its positions too: they
    are not part of a graph's equality) for every session: shared, so read-only."""
    bonds = {b: t(f"gcn.bond.{b}", language) for b in g.BONDS if b}
    return graph_figure(graph, theme_for(wall), bond_names=bonds)


def selection_tools(graph: g.Graph) -> None:
    _keep_selected(graph)
    chosen = st.multiselect(
        tr("gcn.selected"),
        list(range(graph.n)),
        key=SELECTED,
        format_func=graph.node_name,
        placeholder=tr("gcn.selected_placeholder"),
    )
    cols = columns(4, vertical_alignment="bottom")
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


# A grid draws its cells on a canvas at a fixed small size that no font rule reaches: on a
# projector the editors are zoomed as a whole (the grid maps clicks through the zoom).
# Zoom scales the width too: the zoomed box is made that much narrower so that it fills
# its column.
PROJECTOR_GRID_ZOOM = 1.6
GRID_ZOOM_CSS = f"""<style>
.st-key-gcn_nodes, .st-key-gcn_edges {{
  zoom: {PROJECTOR_GRID_ZOOM}; width: calc(100% / {PROJECTOR_GRID_ZOOM}) !important;
}}
</style>"""


def _tables(graph: g.Graph) -> None:
    if projector():
        st.html(GRID_ZOOM_CSS)
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
                format_func=_bond_label(),
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
    _editor().tables_revision = _editor().revision


def _bond_label():
    """The bond column's labels; the empty bond reads "none"."""
    names = option_labels("gcn.bond.", g.BONDS[1:] + ("none",))
    return lambda bond: names(bond or "none")


def _notes(graph: g.Graph) -> None:
    for note in _editor().notes:
        st.warning(tr(note.key, **literal_params(note.params)), icon=":material/edit_note:")
    for note in g.graph_notes(graph):
        if note.key != "gcn.note.empty":
            st.info(tr(note.key, **literal_params(note.params)), icon=":material/info:")


def _update_link(graph: g.Graph, preset_graph: g.Graph) -> None:
    text, too_big = g.link_text(graph, preset_graph)
    set_link_text(LINK_KEY, text)
    if too_big:
        st.caption(tr("gcn.link_too_big"))
