"""AppTest of the GCN lab, driven by widget keys; table edits and chart selections are
injected through session state (AppTest cannot click plotly charts or type into data editors)."""

import pytest

from core.gcn import graph as g
from core.gcn.convolution import STEPS
from tests.pages.gcn_support import graph, lab, rerun, run, shown, texts


@pytest.mark.parametrize("preset", g.PRESETS)
def test_every_preset_renders(preset):
    at = run(gcn_preset=preset)
    assert graph(at) == g.preset_graph(preset)
    assert at.session_state["gcn_directed"] is (preset in g.DIRECTED_PRESETS)
    assert at.query_params["gcn_preset"] == preset
    assert "gcn_graph" not in at.query_params, "an unedited preset needs no graph in the link"


@pytest.mark.parametrize("lang,projector", [("en", False), ("ko", True)])
def test_walking_every_step_with_next_and_previous(lang, projector):
    at = run(lang=lang, projector=projector, gcn_preset="acetic_acid")
    assert at.session_state["gcn_step"] == "A"
    seen = []
    for _ in STEPS:
        seen.append(at.session_state["gcn_step"])
        assert at.latex, "every step shows the formula"
        if at.session_state["gcn_step"] == STEPS[-1]:
            break
        rerun(at.button(key="gcn_next").click())
    assert seen == list(STEPS)
    assert at.button(key="gcn_next").disabled
    assert at.query_params["gcn_step"] == "readout"
    rerun(at.button(key="gcn_prev").click())
    assert at.session_state["gcn_step"] == "layer2"


@pytest.mark.parametrize(
    "step", ["A", "A_loop", "D", "A_norm", "X", "XW", "AXW", "H", "layer2", "readout"]
)
def test_each_step_shows_true_numbers_for_the_followed_node(step):
    at = run(gcn_preset="path", gcn_size="4", gcn_step=step, gcn_node="1", gcn_layers="1")
    body = texts(at)
    if step == "D":
        assert "**3**" in body, "node 1 of a path has 2 neighbours + its self-loop"
    if step == "A_norm":
        assert "1 / √(3 × 2) = **0.408**" in body
    if step == "AXW":
        assert any("(\\hat A X W)_{1}" in latex.value for latex in at.latex)
        assert at.dataframe, "the weighted sum as a table"
    if step == "readout":
        from core.gcn import convolution as gcn

        s = gcn.convolution_steps(g.adjacency_matrix(graph(at)), graph(at).X, 3, 0, True, "mean")
        assert ", ".join(f"{x:.2f}" for x in s.graph_vector) in body


def test_on_a_projector_the_weighted_sum_is_a_table_in_the_projector_type():
    """A grid's canvas keeps its small type: the projector shows the Â_ij terms as a table."""
    from core.gcn import convolution as gcn

    at = run(projector=True, gcn_preset="path", gcn_size="4", gcn_step="AXW", gcn_node="1")
    assert [d.key for d in at.dataframe] == ["gcn_nodes", "gcn_edges"], "the editors only"
    s = gcn.convolution_steps(g.adjacency_matrix(graph(at)), graph(at).X, 3, 0, True, "mean")
    total = f"{round(float(s.A_norm[1].sum()), 4)}"
    rows = [shown(m.value) for m in at.markdown if m.value.startswith("| j |")]
    assert rows and f"| Σ | {total} |" in rows[0], "the sum row of row 1 of Â, true number"


def test_model_controls_round_trip_through_the_link():
    at = run(
        gcn_hidden="5",
        gcn_readout="max",
        gcn_layers="1",
        gcn_seed="42",
        gcn_features="identity",
        gcn_step="readout",
    )
    state = at.session_state
    assert (state["gcn_hidden"], state["gcn_readout"], state["gcn_layers"], state["gcn_seed"]) == (
        5,
        "max",
        True,
        42,
    )
    rerun(at.number_input(key="gcn_hidden").set_value(2))
    rerun(at.selectbox(key="gcn_readout").set_value("sum"))
    assert at.query_params["gcn_hidden"] == "2" and at.query_params["gcn_readout"] == "sum"


def test_bad_link_values_fall_back_with_a_message():
    at = run(
        gcn_preset="dodecahedron", gcn_hidden="999", gcn_step="nope", gcn_graph="%%%not-a-graph"
    )
    assert at.session_state["gcn_preset"] == "ethanol" and at.session_state["gcn_hidden"] == 3
    warnings = " ".join(w.value for w in at.warning)
    for name in ("gcn_preset", "gcn_hidden", "gcn_step", "gcn_graph"):
        assert name in warnings, name
    assert graph(at) == g.preset_graph("ethanol")


def test_changing_the_preset_replaces_the_graph_and_its_direction():
    at = run()
    rerun(at.selectbox(key="gcn_preset").set_value("citation"))
    assert graph(at) == g.preset_graph("citation") and at.session_state["gcn_directed"] is True
    rerun(at.selectbox(key="gcn_preset").set_value("cycle"))
    assert at.session_state["gcn_directed"] is False
    rerun(at.number_input(key="gcn_size").set_value(9))
    assert graph(at).n == 9
    rerun(at.toggle(key="gcn_directed").set_value(True))
    assert graph(at).directed and "Directed" in texts(at)


def test_hydrogens_toggle_and_bond_order_weights():
    at = run(gcn_preset="acetic_acid", gcn_step="D", gcn_node="1")
    assert graph(at).n == 8
    rerun(at.toggle(key="gcn_hydrogens").set_value(False))
    assert graph(at).n == 4
    assert "3 + 1 = **4**" in texts(at), "central C: 3 bonds + self-loop"
    rerun(at.toggle(key="gcn_bond_weights").set_value(True))
    assert "4 + 1 = **5**" in texts(at), "with bond orders the C=O bond weighs 2"
    assert at.query_params["gcn_bond_weights"] == "1"


def test_node_table_edits_are_applied_and_bad_cells_explained():
    at = run(gcn_preset="ethanol", gcn_hydrogens="0")
    at.session_state["gcn_nodes"] = {
        "edited_rows": {2: {"label": "N", "O": "oops"}},
        "added_rows": [{"label": "Cl", "C": 1}],
        "deleted_rows": [],
    }
    rerun(at)
    new = graph(at)
    assert (
        new.labels == ("C", "C", "N", "Cl")
        and new.features[2] == (0.0, 0.0)
        and new.features[3] == (1.0, 0.0)
    )
    assert any("oops" in w.value for w in at.warning)
    link = at.query_params["gcn_graph"]
    assert g.decode_graph(link) == new, "an edited small graph is in the link"
    rerun(at)  # the delta is not applied twice
    assert graph(at) == new


def test_edge_table_edits_and_bad_rows():
    at = run(gcn_preset="path", gcn_size="4")
    at.session_state["gcn_edges"] = {
        "edited_rows": {0: {"weight": 2.5}},
        "added_rows": [
            {"source": 0, "target": 3},
            {"source": 0, "target": 40},
            {"source": 1, "target": 1, "weight": -2},
        ],
        "deleted_rows": [2],
    }
    rerun(at)
    assert graph(at).edges == (g.Edge(0, 1, 2.5), g.Edge(1, 2), g.Edge(0, 3))
    warnings = shown(" ".join(w.value for w in at.warning))
    assert "40" in warnings and "-2" in warnings


def test_duplicate_edges_self_loops_and_isolated_nodes_are_explained():
    at = run(gcn_preset="path", gcn_size="4", gcn_step="A_loop")
    at.session_state["gcn_edges"] = {
        "edited_rows": {},
        "deleted_rows": [2],
        "added_rows": [{"source": 1, "target": 0}, {"source": 2, "target": 2, "weight": 2}],
    }
    rerun(at)
    body = texts(at)
    assert "more than once" in body and "already have a self-loop" in body and "isolated" in body
    assert "keep its weight" in body


def test_chart_selection_then_connect_delete_and_add():
    at = run(gcn_preset="path", gcn_size="5")
    at.session_state["gcn_drawing"] = {
        "selection": {
            "points": [{"customdata": 0}, {"customdata": [4]}],
            "point_indices": [0, 4],
            "box": [],
            "lasso": [],
        }
    }
    rerun(at)
    assert at.session_state["gcn_selected"] == [0, 4]
    rerun(at.button(key="gcn_connect").click())
    assert g.Edge(0, 4) in graph(at).edges and len(graph(at).edges) == 5
    at.session_state["gcn_drawing"] = {
        "selection": {"points": [{"customdata": 2}], "point_indices": [2], "box": [], "lasso": []}
    }
    rerun(at)
    assert at.session_state["gcn_selected"] == [2] and at.session_state["gcn_node"] == 2, (
        "one click follows"
    )
    rerun(at.button(key="gcn_delete").click())
    assert graph(at).n == 4 and at.session_state["gcn_selected"] == []
    rerun(at.button(key="gcn_add").click())
    assert graph(at).n == 5 and len(graph(at).positions) == 5
    at.multiselect(key="gcn_selected").set_value([0, 1])
    rerun(at)
    rerun(at.button(key="gcn_disconnect").click())
    assert not any({e.source, e.target} == {0, 1} for e in graph(at).edges)


def test_a_shared_link_reopens_the_edited_graph():
    at = run(gcn_preset="benzene", gcn_hydrogens="0")
    rerun(at.button(key="gcn_add").click())
    link = at.query_params["gcn_graph"]
    again = run(gcn_preset="benzene", gcn_hydrogens="0", gcn_graph=link)
    assert graph(again) == graph(at) and graph(again).n == 7
    assert graph(again).positions == graph(at).positions


def test_empty_graph_gives_a_clear_message():
    at = run(gcn_preset="path", gcn_size="2")
    at.multiselect(key="gcn_selected").set_value([0, 1])
    rerun(at)
    rerun(at.button(key="gcn_delete").click())
    assert graph(at).n == 0
    assert any("graph is empty" in i.value for i in at.info)
    rerun(at.segmented_control(key="gcn_view").set_value("permutation"))
    assert any("at least 2 nodes" in i.value for i in at.info)


def test_hundreds_of_nodes_render_cut_with_a_note():
    at = run(gcn_preset="karate", gcn_step="A_norm")
    big = g.apply_node_edits(
        graph(at), {"added_rows": [{"label": f"n{i}"} for i in range(g.MAX_NODES - 34)]}
    )[0]
    big = g.connect_nodes(big, list(range(30, 100)))  # plenty of edges too
    lab(at).editor.graph = big
    rerun(at)
    body = texts(at)
    assert "300 nodes" in body and "first 60" in body
    assert graph(at).n == 300
    assert "gcn_graph" not in at.query_params, "too big for a link"
    assert "too big for a link" in body


def test_permutation_view_shows_equal_readouts():
    at = run(gcn_preset="ethanol", gcn_view="permutation", gcn_perm_seed="3")
    body = texts(at)
    assert "difference **0.0e+00**" in body or "difference **" in body
    before = at.session_state["gcn_perm_seed"]
    rerun(at.button(key="gcn_shuffle").click())
    assert at.session_state["gcn_perm_seed"] == before + 1
    from core.gcn import convolution as gcn

    demo = gcn.permutation_demo(g.adjacency_matrix(graph(at)), graph(at).X, 3, 0, before + 1)
    assert f"**{demo.equivariance_error:.1e}**" in texts(at)


def test_karate_training_advances_one_tick_per_run():
    at = run(gcn_view="karate")
    karate = lab(at).karate
    assert karate.states[-1].epoch == 0 and not karate.running
    rerun(at.button(key="gcn_train").click())
    first = lab(at).karate.states[-1].epoch
    assert lab(at).karate.running and first > 0
    rerun(at)
    assert lab(at).karate.states[-1].epoch > first
    rerun(at.button(key="gcn_train").click())  # pause
    paused = lab(at).karate.states[-1].epoch
    rerun(at)
    assert lab(at).karate.states[-1].epoch == paused
    rerun(at.button(key="gcn_train_reset").click())
    assert lab(at).karate.states[-1].epoch == 0


def test_karate_training_reaches_the_accuracy_shown(monkeypatch):
    import ui.gcn.karate as page_karate

    monkeypatch.setattr(page_karate, "EPOCHS_PER_TICK", 400)
    at = run(gcn_view="karate")
    rerun(at.button(key="gcn_train").click())
    karate = lab(at).karate
    assert karate.done and not karate.running
    assert karate.states[-1].accuracy >= 0.9
    shown = [m.value for m in at.metric]
    assert f"{karate.states[-1].accuracy:.0%}" in shown
    # the gain says what it is measured against, and the two measures are told apart
    first, last = karate.states[0].accuracy, karate.states[-1].accuracy
    deltas = [m.proto.delta for m in at.metric if m.proto.delta]
    assert deltas == [f"{100 * (last - first):+.0f} pts vs untrained"]
    assert any("The two numbers measure different things" in c.value for c in at.caption)


def test_play_advances_steps_on_timer_ticks():
    at = run(gcn_step="X")
    rerun(at.button(key="gcn_play").click())
    assert lab(at).play_due is not None
    rerun(at)
    assert at.session_state["gcn_step"] == "X", "a run before the step is due does not move"
    lab(at).play_due = 0  # pretend the timer fired when the step was due
    rerun(at)
    assert at.session_state["gcn_step"] == "XW"
    assert at.query_params["gcn_step"] == "XW"
    rerun(at.button(key="gcn_next").click())
    assert at.session_state["gcn_step"] == "AXW", "Next moves at once"
    rerun(at)
    assert at.session_state["gcn_step"] == "AXW", "and the next tick is a full period later"
    for _ in STEPS[STEPS.index("AXW") + 1 :]:  # Next up to the last step
        rerun(at.button(key="gcn_next").click())
    assert at.session_state["gcn_step"] == STEPS[-1]
    lab(at).play_due = 0  # the timer fires on the last step
    rerun(at)
    assert lab(at).play_due is None, "stops at the last step"
    assert at.session_state["gcn_step"] == STEPS[-1], "without wrapping to the first"
    assert at.query_params["gcn_step"] == STEPS[-1]
    rerun(at.button(key="gcn_play").click())
    assert at.session_state["gcn_step"] == STEPS[0], "playing again starts from the first step"


@pytest.mark.parametrize("first,then", [("path", "cycle"), ("karate", "citation")])
def test_switching_presets_while_the_followed_node_is_the_browsers_text(first, then):
    """A browser sends a selectbox's formatted option when its options changed, so the
    followed node can arrive as text; the drawing must get the follow control's checked
    integer, never the raw session value."""
    at = run(lang="ko", gcn_preset=first, gcn_node="3")
    at.session_state["gcn_node"] = "3"
    rerun(at.selectbox(key="gcn_preset").set_value(then))
    assert isinstance(at.session_state["gcn_node"], int)
    assert graph(at) == g.preset_graph(then)


def test_the_notebook_download_is_offered_in_the_steps_and_the_karate_views():
    for view in ("steps", "karate"):
        at = run(gcn_view=view)
        buttons = [b for b in at.get("download_button") if b.proto.id.endswith("gcn_notebook")]
        assert [b.proto.label for b in buttons] == ["Download as a notebook (.ipynb)"]
