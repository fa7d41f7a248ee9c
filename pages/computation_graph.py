"""Computation-graph lab: local computation, the chain rule, clone / detach, a real
network's graph."""

import streamlit as st

from core.computation_graph.notebook import computation_graph_notebook
from ui.common.frame import page_header
from ui.common.notebook import notebook_button
from ui.computation_graph.mistakes import mistakes_section
from ui.computation_graph.sections import (
    copy_section,
    graph_section,
    network_section,
    read_link_params,
)


@st.fragment
def scalar_sections() -> None:
    """The graph and the clone / detach table with the notebook built from both: one
    fragment, so a control reruns only them (AppTest runs the page whole every time)."""
    shown = graph_section()
    source_grad = copy_section()
    notebook_button(
        "cg",
        "computation_graph",
        lambda language: computation_graph_notebook(*shown, source_grad, language),
    )


from ui.classroom.lesson import lesson_panel  # noqa: E402

page_header("common.page.computation_graph", "computation_graph.teaches")
lesson_panel("computation_graph")  # lesson mode: ui.classroom.lesson
read_link_params()
scalar_sections()
st.fragment(network_section)()
st.fragment(mistakes_section)()
