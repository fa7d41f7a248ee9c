"""Computation-graph lab: local computation, the chain rule, clone / detach, a real
network's graph."""

import streamlit as st

from core.computation_graph.notebook import computation_graph_notebook
from ui.classroom.lesson import lesson_panel
from ui.common.frame import page_header
from ui.common.notebook import notebook_button
from ui.computation_graph.mistakes import mistakes_section
from ui.computation_graph.sections import (
    copy_experiments,
    first_screen,
    graph_details,
    network_section,
    read_link_params,
)


@st.fragment
def scalar_sections() -> None:
    """The first screen (the controls, the graph, the clone / detach table), what they show
    in detail below, and the notebook built from both: one fragment, so a control reruns
    only them (AppTest runs the page whole every time)."""
    view, source_grad, records = first_screen()
    graph_details(view)
    copy_experiments(records, source_grad)
    shown = (view.preset.name, dict(view.values), view.changed, view.path_src)
    notebook_button(
        "cg",
        "computation_graph",
        lambda language: computation_graph_notebook(*shown, source_grad, language),
    )


page_header("common.page.computation_graph", "computation_graph.teaches")
lesson_panel("computation_graph")  # lesson mode: ui.classroom.lesson
read_link_params()
scalar_sections()
st.fragment(network_section)()
st.fragment(mistakes_section)()
