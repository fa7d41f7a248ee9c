"""Every step of the GCN step view draws core's own numbers (core.gcn.convolution, itself
checked against PyTorch Geometric in tests/core/gcn/test_convolution.py): each matrix on
the page is compared cell by cell with the step's array, for a one- and a two-layer GCN."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from core.gcn import convolution as gcn
from core.gcn import graph as g
from core.gcn.convolution import STEPS
from tests.pages.gcn_support import lab, run, texts

FIGURES = {  # step -> {figure key: the ConvolutionSteps array it draws}
    "A": {"gcn_fig_A": "A"},
    "A_loop": {"gcn_fig_A_loop": "A_loop"},
    "D": {"gcn_fig_D": "D"},
    "A_norm": {"gcn_fig_A_norm": "A_norm"},
    "X": {"gcn_fig_X": "X"},
    "XW": {"gcn_fig_W": "W1", "gcn_fig_XW": "XW"},
    "AXW": {"gcn_fig_AXW": "AXW"},
    "H": {"gcn_fig_H": "H1"},
    "layer2": {"gcn_fig_H1": "H1", "gcn_fig_H2": "H2"},
}


def figures(at) -> dict[str, dict]:
    """The page's plotly figures by widget key."""
    return {e.proto.id.rsplit("-", 1)[-1]: json.loads(e.proto.spec) for e in at.get("plotly_chart")}


def heatmap(fig: dict) -> np.ndarray:
    """The heatmap's values; blank cells (None) as NaN. Plotly writes numpy arrays as typed
    base64 buffers ({"dtype", "bdata", "shape"}) and lists with blanks as plain lists."""
    z = next(t for t in fig["data"] if t["type"] == "heatmap")["z"]
    if isinstance(z, dict):
        shape = [int(n) for n in str(z["shape"]).split(",")]
        return np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"]).reshape(shape)
    return np.array([[np.nan if v is None else v for v in row] for row in z], dtype=float)


def core_steps(at) -> gcn.ConvolutionSteps:
    """Core's steps for the graph and the control values this page holds."""
    from core.gcn import controls as C

    graph, value = lab(at).editor.graph, at.session_state
    A = g.adjacency_matrix(graph, value[C.BOND_WEIGHTS.key])
    X = g.feature_matrix(graph, value[C.FEATURES.key])
    return gcn.convolution_steps(
        A, X, value[C.HIDDEN.key], value[C.SEED.key], value[C.TWO_LAYERS.key], value[C.READOUT.key]
    )


def test_every_step_is_covered():
    assert set(FIGURES) | {"readout"} == set(STEPS)


CASES = [(step, two) for two in (False, True) for step in STEPS if two or step != "layer2"]


@pytest.mark.parametrize(
    "step,two_layers", CASES, ids=[f"{s}-{'two' if two else 'one'}" for s, two in CASES]
)
def test_each_step_draws_cores_numbers(step, two_layers):
    params = dict(gcn_preset="acetic_acid", gcn_step=step, gcn_node="1", gcn_seed="7")
    at = run(gcn_layers="1" if two_layers else "0", gcn_hidden="3", **params)
    assert at.session_state["gcn_step"] == step
    assert at.session_state["gcn_layers"] == two_layers
    s = core_steps(at)
    shown = figures(at)
    if step == "readout":
        assert ", ".join(f"{x:.2f}" for x in s.graph_vector) in texts(at)
        return
    for key, name in FIGURES[step].items():
        expected = getattr(s, name)
        drawn = heatmap(shown[key])
        assert drawn.shape == expected.shape, key
        blank = np.isnan(drawn)  # zeros left blank in node x node matrices
        assert np.all(expected[blank] == 0), key
        np.testing.assert_allclose(drawn[~blank], expected[~blank], rtol=1e-6, atol=1e-9)
