"""GCN lab: build a graph, follow every matrix of a graph convolution and its readout,
relabel the nodes, watch Kipf & Welling's karate-club demo learn and classify whole graphs.
Training imports torch when it starts; drawing the page does not.

The steps and permutation views put the drawing and the current step side by side on the
first screen (``ui.gcn.workspace``), the node and edge tables below them."""

import streamlit as st

from core.gcn import controls as C
from ui.classroom.lesson import lesson_panel
from ui.common.controls import control, control_value
from ui.common.frame import page_header
from ui.common.layout import columns
from ui.gcn.classify import classify_view
from ui.gcn.editor import (
    current_graph,
    draw_graph,
    graph_builder,
    graph_source,
    graph_tables,
    update_link,
)
from ui.gcn.karate import karate_view
from ui.gcn.mistakes import mistakes_section
from ui.gcn.notebook import gcn_notebook_button
from ui.gcn.workspace import workspace

page_header("common.page.gcn", "gcn.teaches")
lesson_panel("gcn")  # lesson mode: ui.classroom.lesson
if control_value(C.VIEW) in ("steps", "permutation"):
    workspace()  # draws the view switch in its own column
    graph_tables(current_graph())
else:
    view = control(C.VIEW, label_visibility="collapsed")  # its options name themselves
    cells = columns([1.7, 1.1, 1.3], projector_per_row=3, vertical_alignment="bottom")
    graph, bond_order, _ = graph_source(cells)
    drawing = graph_builder(graph)
    st.divider()
    if view == "karate":
        karate_view()
    else:
        classify_view()
    draw_graph(drawing, graph, None)  # no followed node in these views
    gcn_notebook_button(graph, bond_order, None)
update_link()
mistakes_section()
