"""core.gcn.figures: the figures show the numbers they are given, frame the right row and column,
stay readable for big graphs, and follow the theme (projector mode)."""

import json
import re

import numpy as np
import plotly.io as pio
import pytest

from core.common import i18n
from core.common.theme import NORMAL, PROJECTOR, theme_for
from core.gcn import convolution as gcn
from core.gcn import graph as g
from core.gcn.figures import (
    MAX_ARROWS,
    embedding_figure,
    format_number,
    formula_latex,
    graph_figure,
    matrix_figure,
    readout_figure,
    training_curves_figure,
    weighted_sum_latex,
    weighted_sum_rows,
    with_followed,
    with_marks,
)


def test_format_number():
    assert [format_number(v) for v in (0, 1, 2.0, 0.3333, -0.5, 1234.5, 0.001)] == [
        "0",
        "1",
        "2",
        "0.33",
        "-0.50",
        "1.2e+03",
        "1.0e-03",
    ]
    assert format_number(0, blank_zero=True) == "" and format_number(float("nan")) == ""


def test_matrix_cells_show_the_values_and_frame_the_followed_node():
    M = gcn.normalized_adjacency(g.adjacency_matrix(g.preset_graph("path", size=4)))
    fig = matrix_figure(M, NORMAL, title="Â", highlight_row=1, highlight_col=1, blank_zero=True)
    heat = fig.data[0]
    np.testing.assert_array_equal(heat.z, M)
    assert heat.text[1][1] == f"{M[1, 1]:.2f}" and heat.text[0][3] == ""
    frames = [(s.x0, s.x1, s.y0, s.y1) for s in fig.layout.shapes]
    assert (-0.5, 3.5, 0.5, 1.5) in frames and (0.5, 1.5, -0.5, 3.5) in frames
    assert fig.layout.yaxis.autorange == "reversed", "row 0 on top, as printed matrices are"
    assert fig.layout.width, "a small matrix keeps square cells"


def _rgb_stops(scale) -> list[tuple[float, tuple[float, ...]]]:
    """A colour scale's stops as (position, (r, g, b)), whatever notation it uses."""
    import plotly.colors as pc

    def rgb(colour: str) -> tuple[float, ...]:
        return pc.hex_to_rgb(colour) if colour.startswith("#") else pc.unlabel_rgb(colour)

    return [(round(float(p), 9), tuple(rgb(c))) for p, c in scale]


def test_signed_matrices_use_the_diverging_scale_centred_on_zero():
    import plotly.colors as pc

    signed = matrix_figure(np.array([[-1.0, 2.0]]), NORMAL).data[0]
    assert signed.zmid == 0
    assert _rgb_stops(signed.colorscale) == _rgb_stops(pc.get_colorscale(NORMAL.diverging))
    positive = matrix_figure(np.array([[1.0, 2.0]]), NORMAL).data[0]
    assert _rgb_stops(positive.colorscale) == _rgb_stops(pc.get_colorscale(NORMAL.sequential))


def test_projector_mode_has_bigger_cells_and_type():
    M = np.eye(5)
    normal, big = matrix_figure(M, NORMAL), matrix_figure(M, PROJECTOR)
    assert big.data[0].textfont.size > normal.data[0].textfont.size
    assert (
        big.layout.height > normal.layout.height and big.layout.font.size > normal.layout.font.size
    )


def test_no_streamlit_placeholder_colour_survives_in_projector_heatmaps():
    """Streamlit repaints #000001..#000040 in every chart; Inferno starts at #000004."""
    fig = matrix_figure(np.eye(3), PROJECTOR)
    colours = [c for _, c in fig.data[0].colorscale]
    assert not any(
        re.fullmatch(r"#0000(?:0[1-9]|[1-3][0-9]|40)", c, re.IGNORECASE) for c in colours
    )
    assert colours[0] == "rgb(0, 0, 4)"  # Inferno's darkest stop, written so Streamlit leaves it


def test_big_matrices_are_cut_and_say_so():
    M = np.ones((300, 300))
    fig = matrix_figure(M, NORMAL, title="A", cut_note="first 60 only")
    assert np.asarray(fig.data[0].z).shape == (g.READABLE_NODES, g.READABLE_NODES)
    assert "first 60 only" in fig.layout.title.text
    assert fig.data[0].text is None, "no numbers in 3600 cells"
    assert fig.layout.height <= 1400


def test_readout_figure_appends_the_graph_vector():
    H = np.array([[1.0, 0.0], [3.0, 2.0]])
    v = gcn.readout(H, "mean")
    fig = readout_figure(H, v, NORMAL, rows=["0", "1"], cols=["h1", "h2"], vector_name="h_G")
    z = np.asarray(fig.data[0].z, dtype=float)
    np.testing.assert_array_equal(z[-1], [2.0, 1.0])
    assert np.isnan(z[2]).all() and list(fig.layout.yaxis.ticktext)[-1] == "h_G"
    assert fig.data[0].text[2] == ["", ""], "the separator row shows no 'nan'"


def test_graph_drawing_carries_node_indices_and_arrows():
    graph = g.preset_graph("citation")
    fig = graph_figure(graph, NORMAL, followed=4, selected=[1, 2])
    nodes = [t for t in fig.data if t.customdata is not None]
    assert len(nodes) == 1 and list(nodes[0].customdata) == list(range(graph.n))
    assert len(fig.layout.annotations) == len(graph.edges), "one arrow per citation"
    first = fig.layout.annotations[0]
    e = graph.edges[0]
    assert (first.ax, first.ay, first.x, first.y) == (*graph.pos[e.source], *graph.pos[e.target])
    assert fig.layout.dragmode is False, "no drag mode: Streamlit turns clicks into selections"
    widths = nodes[0].marker.line.width
    assert widths[4] > widths[1] > widths[0]


def test_molecule_drawing_has_bond_styles_and_element_colours():
    fig = graph_figure(
        g.preset_graph("acetic_acid"), NORMAL, bond_names={"single": "single", "double": "double"}
    )
    names = {t.name for t in fig.data if t.mode == "lines"}
    assert {"single", "double"} <= names
    node = [t for t in fig.data if t.customdata is not None][0]
    assert node.marker.color[2] == "#D55E00" and node.marker.color[0] == "#4D4D4D"


def test_big_directed_graphs_cap_the_arrows_and_3d_meshes_draw_in_3d():
    graph = g.connect_nodes(
        g.Graph(tuple(str(i) for i in range(40)), (), tuple(() for _ in range(40)), directed=True),
        list(range(40)),
    )
    graph = g.with_layout(graph, 0)
    fig = graph_figure(graph, NORMAL)
    assert len(fig.layout.annotations) == MAX_ARROWS
    mesh = graph_figure(g.preset_graph("icosahedron"), PROJECTOR)
    assert {t.type for t in mesh.data} == {"scatter3d"}


def test_self_loops_are_drawn():
    graph = g.Graph(
        ("a", "b"), (), ((), ()), (g.Edge(0, 1), g.Edge(1, 1)), positions=((0, 0), (1, 0))
    )
    fig = graph_figure(graph, NORMAL)
    assert sum(1 for t in fig.data if t.mode == "lines") == 2


def test_weighted_sum_rows_and_latex_add_up():
    graph = g.preset_graph("ethanol")
    s = gcn.convolution_steps(g.adjacency_matrix(graph), graph.X, 3, 0)
    rows = weighted_sum_rows(s, graph, 0)
    assert len(rows) == 5 + 1 and rows[-1]["j"] == "Σ"
    assert rows[-1]["Â_ij·(XW)_j"].startswith("[" + ", ".join(f"{x:.2f}" for x in s.AXW[0]))
    latex = weighted_sum_latex(s, graph, 0)
    assert latex.count("bmatrix") == 2 * 6 and f"{s.A_norm[0, 1]:.2f}" in latex
    assert "cdots" in weighted_sum_latex(s, graph, 0, max_terms=2)


@pytest.mark.parametrize(
    "step", ["A", "A_loop", "D", "A_norm", "X", "XW", "AXW", "H", "layer2", "readout"]
)
def test_formula_colours_the_current_step(step):
    latex = formula_latex(step)
    assert r"\color{#D55E00}" in latex and latex.count("{") == latex.count("}")


def test_karate_figures():
    emb = np.random.default_rng(0).normal(size=(34, 2)) * 0.1
    factions = np.array([0] * 17 + [1] * 17)
    fig = embedding_figure(
        emb,
        factions,
        (0, 33),
        NORMAL,
        faction_names=["a", "b"],
        labelled_name="l",
        predictions=1 - factions,
        wrong_name="w",
    )
    assert [t.name for t in fig.data] == ["a", "b", "l", "w"]
    # numbers drawn only where they are few and matter: the labelled members, the mistakes
    assert [t.mode for t in fig.data] == ["markers", "markers", "markers+text", "markers+text"]
    assert list(fig.data[2].text) == ["0", "33"]
    assert list(fig.data[3].text) == [str(i) for i in np.flatnonzero(factions != 1 - factions)]
    assert all("%{text}" in t.hovertemplate for t in fig.data)  # every number on hover
    assert fig.layout.xaxis.range[1] == pytest.approx(np.abs(emb).max() * 1.2)
    assert (
        len(
            embedding_figure(
                emb, factions, (0, 33), NORMAL, faction_names=["a", "b"], labelled_name="l"
            ).data
        )
        == 3
    )
    curves = training_curves_figure(
        [0, 1],
        [0.7, 0.5],
        [0.5, 0.9],
        PROJECTOR,
        loss_name="L",
        accuracy_name="A",
        epoch_name="e",
        total_epochs=300,
    )
    assert curves.layout.yaxis2.tickformat == ".0%"


def test_every_translated_option_exists():
    from core.gcn.convolution import STEPS  # the step names are an interface (links)

    keys = (
        [f"gcn.preset.{p}" for p in g.PRESETS]
        + [f"gcn.bond.{b or 'none'}" for b in g.BONDS]
        + [f"gcn.features.{m}" for m in g.FEATURE_MODES]
        + [f"gcn.step.X.{m}" for m in g.FEATURE_MODES]
        + [f"gcn.readout.{r}" for r in gcn.READOUTS]
        + [f"gcn.step.readout.{r}" for r in gcn.READOUTS]
        + [f"gcn.step.{s}.name" for s in STEPS]
        + [f"gcn.view.{v}" for v in ("steps", "permutation", "karate")]
    )
    assert sorted(k for k in keys if k not in i18n.TABLE) == []


def test_readouts_figure_bars_are_means_and_dots_are_seeds():
    from core.common.theme import NORMAL
    from core.gcn.figures import readouts_figure

    scores = {"mean": [0.5, 0.7], "sum": [0.9, 1.0], "max": [0.6, 0.6]}
    names = {"mean": "M", "sum": "S", "max": "X"}
    fig = readouts_figure(
        scores, NORMAL, names=names, accuracy_name="acc", seed_name="seed", best="sum", title="T"
    )
    bar = fig.data[0]
    assert list(bar.x) == ["M", "S", "X"] and np.allclose(bar.y, [0.6, 0.95, 0.6])
    assert [list(t.y) for t in fig.data[1:]] == [[0.5, 0.7], [0.9, 1.0], [0.6, 0.6]]
    assert bar.marker.color[1] != bar.marker.color[0], "the fitting readout stands out"
    assert fig.layout.title.text == "T"


def test_graph_embedding_figure_colours_by_class_and_marks_one_graph():
    from core.common.theme import NORMAL
    from core.gcn.figures import graph_embedding_figure

    points = np.arange(12, dtype=float).reshape(6, 2)
    labels = np.array([0, 1, 0, 1, 1, 0])
    fig = graph_embedding_figure(
        points, labels, NORMAL, class_names=("a", "b"), marked=3, marked_name="here"
    )
    assert [t.name for t in fig.data] == ["a", "b", "here"]
    assert list(fig.data[0].x) == [0, 4, 10] and list(fig.data[1].customdata) == [1, 3, 4]
    assert (fig.data[2].x[0], fig.data[2].y[0]) == (6, 7)


@pytest.mark.parametrize("row,col", [(2, 2), (0, None), (None, None), (7, 7)])
@pytest.mark.parametrize("projector", [False, True])
def test_framing_a_copied_base_equals_a_full_build(row, col, projector):
    """The page frames the followed node on a copy of a base built once per matrix."""
    theme = theme_for(projector)
    M = np.arange(64, dtype=float).reshape(8, 8) - 20
    args = dict(title="Â", rows=[f"n{i}" for i in range(8)], cols=list("abcdefgh"))
    full = matrix_figure(M, theme, highlight_row=row, highlight_col=col, **args)
    framed = with_followed(matrix_figure(M, theme, **args), theme, row, col)
    as_sent = [json.loads(pio.to_json(f, validate=False)) for f in (framed, full)]
    assert as_sent[0] == as_sent[1]  # what st.plotly_chart sends, keys in any order
    assert len(framed.layout.shapes) == (row is not None) + (col is not None)


@pytest.mark.parametrize("name", ["karate", g.MOLECULES[0]])
@pytest.mark.parametrize("followed,selected", [(4, [1, 2]), (None, []), (0, [0]), (None, [3])])
def test_marking_a_copied_drawing_equals_a_full_build(name, followed, selected):
    """The page outlines the followed and selected nodes on a copy of a cached drawing."""
    graph = g.preset_graph(name)
    for theme in (NORMAL, PROJECTOR):
        full = graph_figure(graph, theme, followed=followed, selected=selected)
        marked = with_marks(graph_figure(graph, theme), graph, theme, followed, selected)
        as_sent = [json.loads(pio.to_json(f, validate=False)) for f in (marked, full)]
        assert as_sent[0] == as_sent[1]
