"""The GCN lab's notebook download: the graph, the layer's settings, the karate seed."""

from __future__ import annotations

import streamlit as st

from core.gcn import controls as C
from core.gcn.graph import Graph
from core.gcn.notebook import gcn_notebook
from ui.common.frame import tr
from ui.common.notebook import notebook_button
from ui.common.state import widget_value
from ui.gcn.state import lab_state
from ui.gcn.steps import Settings


def gcn_notebook_button(graph: Graph, bond_order: bool, settings: Settings | None) -> None:
    """``settings``: the layer's controls as drawn now; None in the karate view, which does
    not draw them (the notebook then uses their defaults)."""
    if settings is None:
        settings = Settings(
            C.HIDDEN.default, C.TWO_LAYERS.default, C.READOUT.default, C.SEED.default,
            C.FEATURES.default, 0,
        )  # fmt: skip
    if lab_state().trained is not None:  # the step view may follow a trained classifier
        st.caption(tr("gcn.notebook.seeded_weights_only"))
    karate_seed = int(widget_value(C.TRAIN_SEED.key, C.TRAIN_SEED.default))
    notebook_button(
        "gcn",
        "gcn",
        lambda language: gcn_notebook(
            graph,
            bond_order,
            settings.hidden,
            settings.seed,
            settings.features,
            settings.how,
            settings.two_layers,
            karate_seed,
            language,
        ),
    )
