"""The steps and permutation views' workspace: the graph's source, the drawing, the layer's
settings and the selection tools on the left, the current step (or the relabelled
matrices) on the right, side by side on the first screen.

It is a fragment: following another node, changing the layer's settings or selecting on the
drawing reruns only this part. A change of the view or of the graph made in here (another
preset, the direction, a selection tool's button) is seen by comparing them with what the
last full run drew, and then the whole page reruns so that the tables and the link follow.
"""

from __future__ import annotations

import streamlit as st

from core.gcn import controls as C
from ui.common.controls import control
from ui.gcn.editor import draw_graph, graph_revision, graph_source, selection_tools
from ui.gcn.notebook import gcn_notebook_button
from ui.gcn.state import lab_state
from ui.gcn.steps import model_settings, permutation_view, step_view


def workspace() -> None:
    state = lab_state()
    state.full_runs += 1
    st.fragment(_workspace)(state.full_runs)


def _workspace(full_run: int) -> None:
    left, right = st.columns([1.15, 1.5], gap="medium")  # the longest view option whole
    with left:
        view = control(C.VIEW, label_visibility="collapsed")  # its options name themselves
        drawing = st.container()
        preset, option = st.columns([1.6, 1], vertical_alignment="bottom")
        graph, bond_order, _ = graph_source([preset, option, st.container()])
        source = (view, graph_revision(), graph.directed, bond_order)
        _rerun_all_if_changed(full_run, source)
        settings = model_settings(graph)
        selection_tools(graph)
        gcn_notebook_button(graph, bond_order, settings)
    with right:
        if view == "steps":
            step_view(graph, bond_order, settings)
        else:
            permutation_view(graph, bond_order, settings)
    draw_graph(drawing, graph, settings.node)


def _rerun_all_if_changed(full_run: int, source: tuple) -> None:
    """On the page's full run remember the graph's source; on this fragment's own rerun
    (the same full run's number) a different source means the graph changed here: rerun
    the whole page."""
    state = lab_state()
    seen = state.source_seen
    if seen is not None and seen[0] == full_run:
        if source != seen[1]:
            st.rerun()
        return
    state.source_seen = (full_run, source)
