"""The lab's figures: they show the graph's own numbers, mark the right nodes, honour the theme."""

import networkx as nx
import pytest
import torch

from core.common.theme import NORMAL, OKABE_ITO, PROJECTOR
from core.computation_graph import network_graph as netlab
from core.computation_graph import scalar_graph as lab
from core.computation_graph.figures import (
    layered_layout,
    network_graph_figure,
    scalar_graph_figure,
    scalar_layers,
)


def _trace(fig, name):
    return next(t for t in fig.data if t.name == name)


def _texts(fig):
    out = []
    for t in fig.data:
        if t.text is not None:
            out += list(t.text) if not isinstance(t.text, str) else [t.text]
    return out + [a.text for a in fig.layout.annotations]


def test_layout_reads_left_to_right_like_the_book():
    g = lab.build_graph("notes").digraph()
    layers = scalar_layers(g)
    assert layers == {"X": 0, "Y": 0, "A": 1, "Z": 1, "F": 2}  # Z sits beside A, just before F
    pos = layered_layout(g, layers)
    assert pos["X"][0] < pos["A"][0] < pos["F"][0]
    assert pos["Z"][0] == pytest.approx(pos["A"][0])
    assert pos["X"][1] > pos["Y"][1]  # first input on top
    assert abs(pos["F"][1] - pos["A"][1]) < 0.05  # the chain A -> F runs (nearly) straight


def test_layout_keeps_nodes_of_a_layer_apart():
    for preset in lab.PRESET_NAMES:
        g = lab.build_graph(preset).digraph()
        layers = scalar_layers(g)
        pos = layered_layout(g, layers)
        for k in set(layers.values()):
            ys = sorted(pos[n][1] for n in g if layers[n] == k)
            assert all(b - a > 0.1 for a, b in zip(ys, ys[1:])), (preset, k)


def test_vertical_layout_puts_layer_zero_on_top_row():
    g = nx.DiGraph([("a", "b"), ("b", "c")])
    pos = layered_layout(g, {"a": 0, "b": 1, "c": 2}, vertical=True)
    assert pos["a"][1] != pos["c"][1]


def test_scalar_figure_shows_values_gradients_and_local_derivatives():
    g = lab.build_graph("notes", {"X": 2, "Y": 3, "Z": 4})
    fig = scalar_graph_figure(g, NORMAL, "en", changed="Z", path_src="X")
    texts = " ".join(str(t) for t in _texts(fig))
    for expected in ("= 20", "= 5", "∂F/∂X = 4", "∂F/∂Z = 5", "Z = 4", "A = 5"):
        assert expected in texts, expected
    assert list(_trace(fig, "recomputed").text) == ["×"]  # only F = A·Z is recomputed
    assert _trace(fig, "changed input Z").marker.color == OKABE_ITO[4]
    assert len(_trace(fig, "kept (reused)").x) == 3  # X, Y and A are reused
    assert any(t.name == "chain-rule path X → F" for t in fig.data)


def test_without_backward_there_are_no_gradients():
    g = lab.build_graph("notes")
    texts = " ".join(str(t) for t in _texts(scalar_graph_figure(g, NORMAL, "en", "Z", "X", False)))
    assert "∂F/∂" not in texts and "= 20" in texts


def test_projector_theme_is_bigger_and_dense_graphs_drop_edge_formulas():
    g = lab.build_graph("two_layer")
    normal = scalar_graph_figure(g, NORMAL, "ko", "v2", "x")
    big = scalar_graph_figure(g, PROJECTOR, "ko", "v2", "x")
    assert big.layout.font.size > normal.layout.font.size
    assert big.layout.height > normal.layout.height
    assert any("1 − h₁²" in a.text for a in normal.layout.annotations)
    assert not any("h₁²" in a.text for a in big.layout.annotations)  # numbers only on a projector
    assert any("다시 계산" == t.name for t in big.data)


@pytest.mark.parametrize("mode", netlab.MODES)
def test_network_figure_shows_absent_frozen_layers(mode):
    net = netlab.network_graph("small_cnn", mode)
    fig = network_graph_figure(net, NORMAL, "en")
    texts = " ".join(str(t) for t in _texts(fig))
    for stage in net.absent_stages:
        label = {
            "conv_block1": "Conv block 1",
            "conv_block2": "Conv block 2",
            "flatten": "Flatten",
        }[stage]
        assert f"{label}: frozen, not in the graph" in texts
    assert ("frozen layers (absent from the backward graph)" in [t.name for t in fig.data]) == bool(
        net.absent_stages
    )
    assert "fc.weight" in texts  # AccumulateGrad nodes are labelled with their parameter


def _backward_nodes_of_one_stage(name: str, stage_name: str) -> tuple[int, int]:
    """The stage run alone on a leaf input: the backward nodes its forward pass creates
    (operations and its parameters' AccumulateGrad, not the input's) and its parameters."""
    from core.common.backbones import run_stages

    model, stages = netlab.build_network(name)
    i = [s.name for s in stages].index(stage_name)
    side = netlab.INPUT_SIDE[name]
    with torch.no_grad():
        x = run_stages(stages, torch.randn(1, 3, side, side), 0, i)
    x.requires_grad_()
    stages[i].module.requires_grad_(True)
    seen, stack = set(), [stages[i].module(x).grad_fn]
    while stack:
        fn = stack.pop()
        if fn is None or fn in seen or getattr(fn, "variable", None) is x:
            continue
        seen.add(fn)
        stack.extend(nxt for nxt, _ in fn.next_functions)
    return len(seen), len(list(stages[i].module.parameters()))


def test_collapsed_network_figure_for_a_big_graph():
    net = netlab.network_graph("efficientnet_lite0", "full")
    fig = network_graph_figure(net, PROJECTOR, "en")
    texts = " ".join(str(t) for t in _texts(fig))
    nodes, params = _backward_nodes_of_one_stage("efficientnet_lite0", "blocks6")
    assert (nodes, params) == (72, 36)  # the figure's numbers, derived independently here
    assert f"blocks6 — grad_fn nodes: {nodes}, parameter tensors: {params}" in texts
    assert fig.layout.font.size == PROJECTOR.font_size


def test_colours_come_from_the_theme_palette():
    import dataclasses

    custom = dataclasses.replace(NORMAL, palette=tuple(f"#0000{k:02d}" for k in range(8)))
    fig = scalar_graph_figure(lab.build_graph("notes"), custom, "en", changed="Z", path_src="X")
    assert _trace(fig, "recomputed").marker.color == "#000001"
    assert _trace(fig, "changed input Z").marker.color == "#000004"
    net = network_graph_figure(netlab.network_graph("efficientnet_lite0", "full"), custom, "en")
    assert {t.marker.color for t in net.data if t.mode == "markers+text"} <= {
        "#000001",
        "#000005",
        "#FFFFFF",
    }
