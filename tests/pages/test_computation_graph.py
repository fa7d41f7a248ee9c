"""AppTest of the computation-graph page, driven by its widget keys and its link parameters."""

import pytest

from tests.conftest import run_app

PAGE = "pages/computation_graph.py"


def _run(**params):
    return run_app(PAGE, **params)


def _md(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_default_view_is_the_notes_example():
    at = _run()
    assert at.session_state["cg_preset"] == "notes"
    assert [at.number_input(key=k).value for k in ("cg_x", "cg_y", "cg_z")] == [2.0, 3.0, 4.0]
    text = _md(at)
    assert "When **Z** changes, recompute: **F** (1 of 2 operations). Reuse unchanged: A." in text
    assert "∂A/∂X · ∂F/∂A = 1 × 4 = **4**" in text
    assert "`X.grad` = **4**" in text
    assert len(at.get("plotly_chart")) == 2


def test_editing_z_updates_locally_and_lands_in_the_link():
    at = _run()
    at.number_input(key="cg_z").set_value(5.0).run()
    assert not at.exception
    assert at.session_state["cg_change"] == "Z"
    text = _md(at)
    assert "You just changed Z from 4 to 5" in text and "only **1 of 2**" in text
    assert "Reused: A = 5. New F = **25**." in text
    assert any("equal a full recomputation" in s.value for s in at.success)
    assert at.query_params["cg_z"] == ["5"] or at.query_params["cg_z"] == "5"


def test_editing_x_selects_x_and_recomputes_a_and_f():
    at = _run()
    at.number_input(key="cg_x").set_value(1.0).run()
    assert at.session_state["cg_change"] == "X"
    assert "When **X** changes, recompute: **A, F** (2 of 2 operations)" in _md(at)
    assert "New F = **16**" in _md(at)  # (1 + 3) · 4


def test_link_opens_a_preset_with_its_inputs():
    at = _run(cg_preset="neuron", cg_neuron_b="1", cg_path="x")
    assert at.session_state["cg_preset"] == "neuron"
    assert at.number_input(key="cg_neuron_b").value == 1.0
    assert at.session_state["cg_change"] == "b"  # Z is not an input here: the preset's default
    assert "**x → u → z → y → L**" in _md(at)


def test_switching_preset_keeps_choices_valid():
    at = _run()
    at.segmented_control(key="cg_preset").set_value("two_layer").run()
    assert not at.exception
    assert at.session_state["cg_change"] == "v2" and at.session_state["cg_path"] == "x"
    assert "Several paths add up" in _md(at)
    at.segmented_control(key="cg_preset").set_value("notes").run()
    assert not at.exception and at.session_state["cg_change"] == "Z"


def test_bad_link_values_fall_back_with_a_message():
    at = _run(cg_x="banana", cg_preset="nope")
    assert at.number_input(key="cg_x").value == 2.0
    assert at.session_state["cg_preset"] == "notes"
    warnings = " ".join(w.value for w in at.warning)
    assert "cg_x=banana" in warnings and "cg_preset=nope" in warnings


def test_without_backward_the_chain_rule_waits():
    at = _run(cg_backward="0")
    assert any("Turn on F.backward()" in i.value for i in at.info)


def test_clone_detach_table_is_shown_and_follows_the_source_toggle():
    at = _run()
    text = _md(at)
    # the notes' claim beside torch's answers, one row per copy
    assert "| `clone()` | new · stays | ✘ no | ✔ `CloneBackward0` | ✔ yes | ✔ yes | ✔ |" in text
    assert "| `detach()` | shared · leaves | ✔ yes | ✘ no | ✘ no | ✘ no | ✔ |" in text
    assert "modified by an inplace operation" in " ".join(c.value for c in at.code)
    at.toggle(key="cg_source_grad").set_value(False).run()
    assert not at.exception
    assert "differs" in _md(at)  # clone of a tensor outside any graph is not in a graph


@pytest.mark.parametrize(
    "net,mode,nodes",
    [
        ("small_cnn", "feature_extraction", 6),
        ("small_cnn", "full", 17),
        ("efficientnet_lite0", "feature_extraction", 6),
    ],
)
def test_network_section(net, mode, nodes):
    at = _run(cg_net=net, cg_net_mode=mode)
    assert at.metric[0].value == str(nodes)


def test_projector_table_is_compact_beside_the_graph():
    """A projector's narrow column: marks only, no grad_fn name nor requires_grad column."""
    at = _run(projector=True)
    text = _md(at)
    assert "| `clone()` | new · stays | ✘ | ✔ | ✔ |" in text
    assert "| `clone().detach()` | new · leaves | ✘ | ✘ | ✘ |" in text
    assert "CloneBackward0" not in text


def test_korean_projector_mode_renders():
    at = _run(lang="ko", projector=True, cg_preset="two_layer")
    assert "경로가 여러 개면 더합니다" in _md(at)
    assert at.title[0].value == "계산 그래프 실습"


def test_the_notebook_download_is_offered():
    at = _run()
    buttons = [b for b in at.get("download_button") if b.proto.id.endswith("cg_notebook")]
    assert [b.proto.label for b in buttons] == ["Download as a notebook (.ipynb)"]
