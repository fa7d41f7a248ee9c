"""GCN lab: build a graph, follow every matrix of a graph convolution and its readout,
relabel the nodes, watch Kipf & Welling's karate-club demo learn and classify whole graphs.
Training imports torch when it starts; drawing the page does not."""

import streamlit as st

from core.gcn import controls as C
from ui.common.controls import control
from ui.common.frame import page_header, tr
from ui.gcn.classify import classify_view
from ui.gcn.editor import draw_graph, graph_builder
from ui.gcn.karate import karate_view
from ui.gcn.mistakes import mistakes_section
from ui.gcn.notebook import gcn_notebook_button
from ui.gcn.steps import model_settings, permutation_view, step_view

page_header("common.page.gcn", "gcn.teaches")
graph, bond_order, drawing = graph_builder()

st.divider()
view = control(C.VIEW)
followed = None  # the karate and classification views have no followed node
settings = None  # nor the layer's settings
if view == "karate":
    karate_view()
elif view == "classify":
    classify_view()
else:
    st.subheader(tr(f"gcn.view.{view}"))
    settings = model_settings(graph)
    followed = settings.node  # the follow control's checked value, drawn after it
    if view == "steps":
        step_view(graph, bond_order, settings)
    else:
        permutation_view(graph, bond_order, settings)
draw_graph(drawing, graph, followed)
mistakes_section()
gcn_notebook_button(graph, bond_order, settings)
