"""The computation-graph lab's notebook, executed in a real kernel, prints the lab's numbers:
values, gradients, local derivatives, what a change recomputes, the clone/detach table."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from bench.notebook_kernel import execute
from core.common.notebook import printed_numbers
from core.computation_graph import scalar_graph as lab
from core.computation_graph.notebook import computation_graph_notebook

pytestmark = pytest.mark.slow  # a Jupyter kernel per state

STATES = {
    "two_layer_ko": ("two_layer", {"x": -1.5, "w1": 0.25, "v2": 3.0}, "w2", "x", False, "ko"),
    "neuron_en": ("neuron", {"x": 2.0, "b": 1.0, "t": 0.0}, "t", "b", True, "en"),
}


def _lab_numbers(preset, values, changed, path_src, source_grad) -> dict:
    graph = lab.build_graph(preset, values)
    chain = graph.chain_rule(path_src)
    copy = []
    for r in lab.copy_table(source_grad):
        d = asdict(r)
        copy.append(
            {
                "op": r.op,
                "shares_memory": r.shares_memory,
                "requires_grad": r.requires_grad,
                "grad_fn": r.grad_fn,
                "backward_error": r.backward_error,
                "source_grad": None if r.source_grad is None else list(r.source_grad),
                "source_after_inplace": list(d["source_after_inplace"]),
                "inplace_error": r.inplace_error,
            }
        )
    return {
        "values": {n.name: n.value for n in graph.node_list()},
        "grads": {n.name: n.grad for n in graph.node_list() if n.grad is not None},
        "grad_fns": {n.name: n.grad_fn for n in graph.node_list() if n.grad_fn},
        "local": sorted([e.src, e.dst, e.local_grad] for e in graph.edges if e.in_backward),
        "recomputed": graph.recomputed_when(changed),
        "reused": graph.reused_when(changed),
        "chain_terms": [term.product for term in chain.terms],
        "chain_total": chain.total,
        "copy_table": copy,
    }


@pytest.mark.parametrize("state", STATES)
def test_the_notebook_prints_the_labs_gradients_and_table(state):
    preset, values, changed, path_src, source_grad, lang = STATES[state]
    nb = computation_graph_notebook(preset, values, changed, path_src, source_grad, lang)
    executed, _ = execute(nb)
    got = printed_numbers(executed)
    assert got == _lab_numbers(preset, values, changed, path_src, source_grad)
    assert got["chain_total"] == pytest.approx(got["grads"][path_src])


def test_a_name_that_is_not_the_presets_falls_back_to_its_default():
    nb = computation_graph_notebook("notes", {}, "'); import os #", "nope", True, "en")
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "import os #" not in code
    assert "CHANGED = json.loads('\"Z\"')" in code
