"""The GCN lab's notebook, executed in a real kernel, prints the lab's matrices (every step
of the convolution and the readout) and its karate-club training curves."""

from __future__ import annotations

import ast

import numpy as np
import pytest

from bench.notebook_kernel import execute
from core.common.notebook import printed_numbers
from core.gcn import graph as g
from core.gcn import karate_training as kt
from core.gcn.convolution import convolution_steps
from core.gcn.notebook import gcn_notebook

pytestmark = pytest.mark.slow  # a Jupyter kernel per state

INJECTED = 'print("INJECTED")'
HOSTILE_LABELS = (
    f'");{INJECTED}#',
    f"'''\n{INJECTED}\n'''",
    "**bold** <b>x</b> $x$",
    '{"json": 1}\\',
)


def _hostile_graph(n: int = 300) -> g.Graph:
    """Hundreds of nodes named by code, markdown and quotes; a feature named so too."""
    labels = tuple(HOSTILE_LABELS[i % len(HOSTILE_LABELS)] + str(i) for i in range(n))
    edges = tuple(g.Edge(i, (i * 7 + 3) % n, 1.0 + (i % 3), "") for i in range(n))
    edges += (g.Edge(5, 5, 2.0, f'x");{INJECTED}#'), g.Edge(3, 9), g.Edge(9, 3))
    features = tuple((float(i % 5), -1.5 * (i % 2)) for i in range(n))
    return g.Graph(labels, (f'a");{INJECTED}#', "b"), features, edges, directed=True)


STATES = {
    "benzene_ko": dict(
        graph=g.preset_graph("benzene"),
        bond_order=True,
        hidden=4,
        seed=5,
        features="table",
        how="max",
        two_layers=True,
        karate_seed=3,
        lang="ko",
    ),
    "hostile_en": dict(
        graph=_hostile_graph(),
        bond_order=False,
        hidden=2,
        seed=11,
        features="table",
        how="sum",
        two_layers=False,
        karate_seed=0,
        lang="en",
    ),
}


def _close(got, expected):
    if expected is None:
        assert got is None
        return
    expected = np.asarray(expected)
    if max(expected.shape, default=0) <= g.READABLE_NODES:
        np.testing.assert_allclose(np.asarray(got, dtype=float), expected, rtol=1e-12, atol=1e-12)
    else:
        assert got["shape"] == list(expected.shape)
        assert got["sum"] == pytest.approx(expected.sum(), rel=1e-12, abs=1e-9)
        assert got["abs_sum"] == pytest.approx(np.abs(expected).sum(), rel=1e-12, abs=1e-9)


@pytest.mark.parametrize("state", STATES)
def test_the_notebook_prints_every_matrix_and_the_karate_training(state):
    s = STATES[state]
    executed, _ = execute(gcn_notebook(**s))
    got = printed_numbers(executed)

    A = g.adjacency_matrix(s["graph"], s["bond_order"])
    X = g.feature_matrix(s["graph"], s["features"])
    steps = convolution_steps(A, X, s["hidden"], s["seed"], s["two_layers"], s["how"])
    for name in got["matrices"]:
        _close(got["matrices"][name], getattr(steps, name))
    assert set(got["matrices"]) >= {"A", "A_loop", "D", "A_norm", "X", "XW", "AXW", "H1"}

    states = list(kt.train_karate(seed=s["karate_seed"]))
    np.testing.assert_allclose(got["karate"]["loss"], [x.loss for x in states], atol=1e-8)
    assert got["karate"]["accuracy"] == [x.accuracy for x in states]

    outputs = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs]
    assert not any("INJECTED" in str(o.get("text", "")) for o in outputs)
    assert not any(o.output_type == "error" for o in outputs)


def _code_without_strings(source: str) -> str:
    """The cell's code with every string literal emptied: what could run."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            node.value = ""
    return ast.unparse(tree)


def test_a_hostile_graph_is_only_inside_string_literals_and_never_in_markdown():
    nb = gcn_notebook(_hostile_graph(), False, 2, 0, "table", "mean", False, 1, "en")
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert any("INJECTED" in source for source in code)  # the labels are there, as data
    assert not any("INJECTED" in _code_without_strings(source) for source in code)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "INJECTED" not in markdown and "<b>" not in markdown
