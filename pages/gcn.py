"""GCN lab: build a graph, follow every matrix of a graph convolution and its readout,
relabel the nodes, and watch Kipf & Welling's karate-club demo learn. No torch here."""

import streamlit as st

from core.common.params import ChoiceParam
from ui.common.frame import page_header, tr
from ui.common.state import url_bound
from ui.gcn.editor import graph_builder
from ui.gcn.karate import karate_view
from ui.gcn.layout import labels
from ui.gcn.steps import model_settings, permutation_view, step_view

VIEWS = ("steps", "permutation", "karate")

page_header("common.page.gcn", "gcn.teaches")
graph, bond_order = graph_builder()

st.divider()
url_bound("gcn_view", ChoiceParam("steps", VIEWS))
view = st.segmented_control(
    tr("gcn.view"), VIEWS, key="gcn_view", required=True, format_func=labels("gcn.view.", VIEWS)
)
if view == "karate":
    karate_view()
else:
    st.subheader(tr(f"gcn.view.{view}"))
    settings = model_settings(graph)
    if view == "steps":
        step_view(graph, bond_order, settings)
    else:
        permutation_view(graph, bond_order, settings)
