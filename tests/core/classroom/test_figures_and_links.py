"""The teacher's charts (counts and means read back from the figures) and teacher links
(hidden controls checked against the labs' declarations)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from core.classroom import teacher_link as T
from core.classroom.figures import answer_counts, answer_histogram, results_by_strategy
from core.classroom.store import Answer
from core.common.theme import theme_for


def _answers(*pairs, values=None):
    values = values or [None] * len(pairs)
    return [
        Answer(i, f"n{i}", "q", a, v, s, float(i))
        for i, ((a, s), v) in enumerate(zip(pairs, values))
    ]


def test_the_histogram_counts_each_answer_declared_choices_first():
    pooled = _answers(("b", ""), ("a", ""), ("b", ""), ("other", ""))
    assert answer_counts(pooled, ("a", "b", "c")) == {"a": 1, "b": 2, "c": 0, "other": 1}
    fig = answer_histogram(pooled, theme_for(True), "t", ("a", "b", "c"), str.upper, "b")
    bar = fig.data[0]
    assert list(bar.x) == ["A", "B", "C", "OTHER"] and list(bar.y) == [1, 2, 0, 1]
    assert bar.marker.color[1] != bar.marker.color[0], "the correct answer stands out"


def test_results_by_strategy_show_every_run_and_the_mean():
    pooled = _answers(("0.9", "last"), ("0.7", "head"), ("0.8", "last"), values=[0.9, 0.7, 0.8])
    fig = results_by_strategy(pooled, theme_for(False), "t", "acc")
    means = dict(zip(fig.data[0].x, fig.data[0].y))
    assert means["last"] == pytest.approx(0.85) and means["head"] == pytest.approx(0.7)
    dots = sorted(y for trace in fig.data[1:] for y in trace.y)
    assert dots == [0.7, 0.8, 0.9]
    empty = results_by_strategy([], theme_for(False), "t", "acc")
    assert not empty.data[0].y and len(empty.data) == 1, "no results: no bars, no dots"


def test_a_link_hides_only_declared_controls():
    assert T.parse_hidden("gcn_preset,aug_scale,gcn_preset") == ("gcn_preset", "aug_scale")
    for hostile in ("x}body{display:none", "gcn_preset{}", "*", "../", "a" * 5000):
        assert T.parse_hidden(hostile) == ()
    css = T.hiding_css(("gcn_preset", "aug_scale"))
    assert css == ".st-key-gcn_preset, .st-key-aug_scale { display: none !important; }"
    assert T.hiding_css(()) == ""


def test_every_lab_has_controls_a_link_can_hide():
    from core.common.labs import LABS

    for lab in LABS:
        keys = T.lab_controls(lab.name)
        assert keys and all(k.startswith(f"{lab.prefix}_") for k in keys), lab.name


def test_controls_declared_per_preset_can_be_hidden_too():
    from core.computation_graph.controls import INPUTS

    keys = T.lab_controls("computation_graph")
    per_preset = {c.key for controls in INPUTS.values() for c in controls}
    assert {"cg_x", "cg_neuron_w"} <= per_preset <= set(keys)
    assert T.parse_hidden("cg_x,cg_neuron_w") == ("cg_x", "cg_neuron_w")


def test_a_teacher_link_carries_values_hidden_controls_and_the_layout():
    link = T.teacher_link(
        "gcn", {"gcn_preset": "path", "gcn_size": "4", "gcn_node": None}, ("gcn_preset",), True
    )
    parsed = urlparse(link)
    query = {k: v[0] for k, v in parse_qs(parsed.query).items()}
    assert parsed.path == "/gcn"
    assert query == {
        "gcn_preset": "path",
        "gcn_size": "4",
        "hide": "gcn_preset",
        "present": "1",
        "projector": "1",
    }
