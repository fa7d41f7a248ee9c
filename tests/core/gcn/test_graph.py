"""core.gcn.graph: presets, the adjacency convention, table edits, drawing edits, the link codec."""

import base64
import json
import re
import zlib
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from core.common import i18n
from core.common.errors import UserFacingError
from core.common.params import parse_or_default
from core.gcn import graph as g


def tiny(directed=False, edges=((0, 1), (1, 2))):
    return g.Graph(
        ("a", "b", "c"),
        ("f1", "f2"),
        ((1.0, 0.0), (0.0, 1.0), (1.0, 1.0)),
        tuple(g.Edge(s, t) for s, t in edges),
        directed,
        ((0, 0), (1, 0), (2, 0)),
    )


# ---------------------------------------------------------------- presets


@pytest.mark.parametrize(
    "name,hydrogens,n,m,bonds",
    [
        ("ethanol", True, 9, 8, {"single": 8}),
        ("ethanol", False, 3, 2, {"single": 2}),
        ("benzene", True, 12, 12, {"aromatic": 6, "single": 6}),
        ("benzene", False, 6, 6, {"aromatic": 6}),
        ("acetic_acid", True, 8, 7, {"single": 6, "double": 1}),
        ("acetic_acid", False, 4, 3, {"single": 2, "double": 1}),
    ],
)
def test_molecules_have_their_atoms_and_bonds(name, hydrogens, n, m, bonds):
    graph = g.preset_graph(name, hydrogens=hydrogens)
    assert (graph.n, len(graph.edges)) == (n, m)
    counted = {}
    for e in graph.edges:
        counted[e.bond] = counted.get(e.bond, 0) + 1
    assert counted == bonds
    X = graph.X
    assert np.all(X.sum(axis=1) == 1), "atom type is one-hot"
    assert [graph.feature_names[int(np.argmax(r))] for r in X] == list(graph.labels)
    valence = {"C": 4, "O": 2, "H": 1}
    if hydrogens:  # every atom has its full valence (aromatic bonds count 1.5)
        order = np.zeros(n)
        for e in graph.edges:
            for a in (e.source, e.target):
                order[a] += g.BOND_ORDER[e.bond]
        assert [valence[a] for a in graph.labels] == list(order)
    assert not graph.directed and graph.pos.shape == (n, 2)


def test_karate_club_is_networkx_zachary():
    graph = g.preset_graph("karate")
    G = nx.karate_club_graph()
    assert graph.n == 34 and len(graph.edges) == G.number_of_edges() == 78
    A = g.adjacency_matrix(graph)
    np.testing.assert_array_equal(A, nx.to_numpy_array(G, weight=None))
    np.testing.assert_array_equal(graph.X, np.eye(34))
    assert list(g.karate_factions()) == [int(G.nodes[i]["club"] != "Mr. Hi") for i in range(34)]


def test_citation_graph_is_directed_and_acyclic():
    graph = g.preset_graph("citation")
    assert graph.directed and graph.n == 9
    G = nx.DiGraph([(e.source, e.target) for e in graph.edges])
    assert nx.is_directed_acyclic_graph(G), "papers cite older papers"
    years = [int(label[-2:]) for label in graph.labels]
    assert all(years[e.source] >= years[e.target] for e in graph.edges)


def test_icosahedron_is_a_3d_mesh_with_degree_five():
    graph = g.preset_graph("icosahedron")
    assert graph.n == 12 and len(graph.edges) == 30 and graph.is_3d
    assert set(g.adjacency_matrix(graph).sum(axis=1)) == {5.0}
    np.testing.assert_allclose(np.linalg.norm(graph.X, axis=1), 1.0, atol=2e-3)


@pytest.mark.parametrize(
    "kind,size,m",
    [("path", 5, 4), ("cycle", 5, 5), ("star", 5, 4), ("complete", 5, 10), ("cycle", 2, 1)],
)
def test_simple_graphs(kind, size, m):
    graph = g.preset_graph(kind, size=size)
    assert graph.n == size and len(g.unique_edges(graph)[0]) == m
    np.testing.assert_array_equal(g.feature_matrix(graph), np.eye(size))


def test_every_preset_builds_and_round_trips_through_a_link():
    for name in g.PRESETS:
        graph = g.preset_graph(name)
        back = g.decode_graph(g.encode_graph(graph), graph.directed)
        assert back == graph, name


# ---------------------------------------------------------------- matrices and notes


def test_adjacency_convention_and_duplicates():
    graph = tiny(directed=True, edges=((0, 1), (0, 1), (2, 1)))
    A = g.adjacency_matrix(graph)
    assert A[1, 0] == 1 and A[0, 1] == 0 and A[1, 2] == 1 and A.sum() == 2
    keys = [n.key for n in g.graph_notes(graph)]
    assert "gcn.note.duplicates" in keys and "gcn.note.no_incoming" in keys
    undirected = tiny(edges=((0, 1), (1, 0)))
    np.testing.assert_array_equal(g.adjacency_matrix(undirected), [[0, 1, 0], [1, 0, 0], [0, 0, 0]])
    notes = {n.key: n.params for n in g.graph_notes(undirected)}
    assert notes["gcn.note.duplicates"]["count"] == 1
    assert notes["gcn.note.isolated"]["nodes"] == "2·c"


def test_the_first_duplicate_weight_wins_and_bond_orders_replace_weights():
    graph = g.Graph(
        ("C", "O"), (), ((), ()), (g.Edge(0, 1, 2.0, "double"), g.Edge(1, 0, 5.0, "single"))
    )
    assert g.adjacency_matrix(graph)[0, 1] == 2.0
    benzene = g.preset_graph("benzene", hydrogens=False)
    assert set(
        g.adjacency_matrix(benzene, bond_order=True)[np.nonzero(g.adjacency_matrix(benzene))]
    ) == {1.5}
    assert g.feature_matrix(graph).shape == (2, 2), "no features: X = I"


def test_self_loop_and_empty_notes():
    graph = tiny(edges=((0, 1), (2, 2)))
    notes = {n.key: n.params for n in g.graph_notes(graph)}
    assert notes["gcn.note.self_loops"]["nodes"] == "2·c"
    assert "2·c" in notes["gcn.note.isolated"]["nodes"]
    assert [n.key for n in g.graph_notes(g.Graph())] == ["gcn.note.empty"]


def test_big_graphs_say_they_are_cut():
    graph = g.simple_graph("path", 30)
    big = g.apply_node_edits(graph, {"added_rows": [{"label": f"n{i}"} for i in range(50)]})[0]
    assert big.n == 80
    assert "gcn.note.too_many_to_read" in [n.key for n in g.graph_notes(big)]


def test_feature_modes():
    graph = tiny()
    np.testing.assert_array_equal(g.feature_matrix(graph, "table"), graph.X)
    np.testing.assert_array_equal(g.feature_matrix(graph, "identity"), np.eye(3))
    np.testing.assert_array_equal(g.feature_matrix(graph, "ones"), np.ones((3, 1)))
    assert g.feature_names(graph, "ones") == ["1"]


# ---------------------------------------------------------------- table edits


def test_node_edits_repair_bad_cells_and_explain():
    graph = tiny()
    new, notes = g.apply_node_edits(
        graph,
        {
            "edited_rows": {
                0: {"label": "  x  ", "f1": "abc"},
                1: {"f2": None},
                "2": {"f1": float("nan"), "f2": "2,5"},
            }
        },
    )
    assert new.labels == ("x", "b", "c")
    assert new.features == ((0.0, 0.0), (0.0, 0.0), (0.0, 2.5))
    keys = [n.key for n in notes]
    assert keys.count("gcn.note.bad_feature") == 2  # "abc" and NaN; a cleared cell (None) is silent
    big, notes = g.apply_node_edits(graph, {"edited_rows": {0: {"f1": 1e9, "label": ""}}})
    assert big.features[0][0] == g.FEATURE_LIMIT and big.labels[0] == "0"
    assert [n.key for n in notes] == ["gcn.note.clipped"]


def test_deleting_a_node_drops_its_edges_and_renumbers():
    graph = tiny(edges=((0, 1), (1, 2), (0, 2)))
    new, notes = g.apply_node_edits(graph, {"deleted_rows": [1]})
    assert new.labels == ("a", "c") and new.edges == (g.Edge(0, 1),)
    assert notes[0].params == {"count": 1, "edges": 2}
    assert len(new.positions) == 2


def test_adding_nodes_lays_them_out_and_fills_features():
    graph = tiny()
    new, notes = g.apply_node_edits(graph, {"added_rows": [{"label": "d", "f1": 3}, {}]})
    assert (
        new.labels == ("a", "b", "c", "d", "4")
        and new.features[3] == (3.0, 0.0)
        and new.features[4] == (0, 0)
    )
    assert new.positions[:3] == graph.positions and len(new.positions) == 5 and notes == []
    with pytest.raises(UserFacingError) as err:
        g.apply_node_edits(graph, {"added_rows": [{}] * g.MAX_NODES})
    assert err.value.key == "gcn.error.too_many_nodes"


def test_edge_edits_validate_rows():
    graph = tiny()
    delta = {
        "edited_rows": {0: {"weight": 2.5, "bond": "double"}},
        "added_rows": [
            {"source": 0, "target": 2},
            {"source": 0, "target": 7},
            {"source": "x", "target": 1},
            {"source": 2, "target": 2, "weight": 0},
            {"source": 1, "target": 0, "weight": -1},
            {"source": 2.0, "target": 1, "weight": "3", "bond": "quadruple"},
            {},
        ],
        "deleted_rows": [1],
    }
    new, notes = g.apply_edge_edits(graph, delta)
    assert new.edges == (g.Edge(0, 1, 2.5, "double"), g.Edge(0, 2, 1.0, ""), g.Edge(2, 1, 3.0, ""))
    assert [n.key for n in notes] == [
        "gcn.note.bad_endpoint",
        "gcn.note.bad_endpoint",
        "gcn.note.bad_weight",
        "gcn.note.bad_weight",
    ]
    assert notes[0].params["last"] == 2
    with pytest.raises(UserFacingError):
        g.apply_edge_edits(graph, {"added_rows": [{"source": 0, "target": 1}] * (g.MAX_EDGES + 1)})
    assert not g.has_edits(
        {"edited_rows": {}, "added_rows": [], "deleted_rows": []}
    ) and not g.has_edits(None)


def test_edits_on_the_drawing():
    graph = tiny(edges=())
    joined = g.connect_nodes(graph, [2, 0, 1, 0, 9])
    assert set(joined.edges) == {g.Edge(2, 0), g.Edge(2, 1), g.Edge(0, 1)}
    assert g.connect_nodes(joined, [1, 0]).edges == joined.edges, "undirected: no duplicate"
    directed = g.connect_nodes(replace_directed(joined), [1, 0])
    assert directed.edges[-1] == g.Edge(1, 0)
    cut = g.disconnect_nodes(joined, [0, 1])
    assert set(cut.edges) == {g.Edge(2, 0), g.Edge(2, 1)}
    looped = g.Graph(
        graph.labels, graph.feature_names, graph.features, (g.Edge(1, 1), g.Edge(0, 1))
    )
    assert g.disconnect_nodes(looped, [1]).edges == (g.Edge(0, 1),)
    smaller = g.delete_nodes(joined, [0, 99])
    assert smaller.labels == ("b", "c") and smaller.edges == (g.Edge(1, 0),)
    bigger = g.add_node(graph, "new")
    assert (
        bigger.labels[-1] == "new"
        and bigger.features[-1] == (0.0, 0.0)
        and len(bigger.positions) == 4
    )
    assert g.add_node(g.Graph()).n == 1


def replace_directed(graph):
    from dataclasses import replace

    return replace(graph, directed=True)


# ---------------------------------------------------------------- the link


def test_link_round_trip_keeps_everything_but_direction():
    graph = g.Graph(
        ("탄소", "O", "n2"),
        ("C", "O"),
        ((1.0, 0.0), (0.0, 1.0), (0.25, -3.5)),
        (g.Edge(0, 1, 2.0, "double"), g.Edge(1, 2, 0.5, ""), g.Edge(2, 2, 1.0, "")),
        True,
        ((0.0, 0.0), (1.25, -0.5), (2.0, 3.0)),
    )
    text = g.encode_graph(graph)
    assert re.fullmatch(r"[A-Za-z0-9_-]+", text), "URL-safe"
    back = g.decode_graph(text, directed=True)
    assert back == graph and back.positions == graph.positions
    assert g.decode_graph(text, directed=False).directed is False


def _pack(data) -> str:
    return base64.urlsafe_b64encode(zlib.compress(json.dumps(data).encode())).decode().rstrip("=")


GOOD = {"v": 1, "l": ["a", "b"], "f": ["x"], "x": [[1], [2]], "e": [[0, 1, 1, 0]], "p": []}


@pytest.mark.parametrize(
    "text",
    [
        "",
        "!!!",
        "abc",
        "a" * 5000,
        _pack([1, 2]),
        _pack({**GOOD, "v": 2}),
        _pack({**GOOD, "l": []}),
        _pack({**GOOD, "l": ["a" * 100, "b"]}),
        _pack({**GOOD, "x": [[1], [None]]}),
        _pack({**GOOD, "x": [[1]]}),
        _pack({**GOOD, "e": [[0, 5, 1, 0]]}),
        _pack({**GOOD, "e": [[0, 1, -1, 0]]}),
        _pack({**GOOD, "e": [[0, 1, 1, 9]]}),
        _pack({**GOOD, "e": [[True, 1, 1, 0]]}),
        _pack({**GOOD, "e": [[0, 1, "NaN", 0]]}),
        _pack({**GOOD, "f": ["label"]}),
        _pack({**GOOD, "f": ["x", "x"]}),
        _pack({**GOOD, "p": [[0, 0]]}),
        _pack({**GOOD, "p": [[0, 0, 0, 0], [1, 1, 1, 1]]}),
        _pack({**GOOD, "l": ["n"] * (g.MAX_NODES + 1)}),
        base64.urlsafe_b64encode(
            zlib.compress(b"[" * 10 + b"0" * 1_000_000)
        ).decode(),  # a zip bomb
        base64.urlsafe_b64encode(zlib.compress(b"\xff\xfe")).decode(),
    ],
)
def test_hostile_links_are_refused_with_value_error(text):
    with pytest.raises(ValueError):
        g.decode_graph(text)
    value, ok = parse_or_default(g.GraphParam(tiny()), text)
    assert not ok and value == tiny()


def test_a_valid_hand_made_link_is_accepted_and_laid_out():
    graph = g.decode_graph(_pack(GOOD))
    assert (
        graph.labels == ("a", "b")
        and graph.edges == (g.Edge(0, 1, 1.0, ""),)
        and len(graph.positions) == 2
    )


def test_link_text_is_empty_for_the_preset_and_refuses_big_graphs():
    preset = g.preset_graph("benzene")
    assert g.link_text(preset, preset) == (None, False)
    from dataclasses import replace

    assert g.link_text(replace(preset, directed=True), preset) == (None, False), (
        "direction has its own parameter"
    )
    edited = g.add_node(preset)
    text, too_big = g.link_text(edited, preset)
    assert text and not too_big and g.decode_graph(text) == edited
    big = g.apply_node_edits(
        g.preset_graph("karate"), {"added_rows": [{"label": f"n{i}"} for i in range(150)]}
    )[0]
    assert g.link_text(big, g.preset_graph("karate")) == (None, True)


def test_every_note_key_core_can_produce_is_translated():
    source = Path(g.__file__).read_text(encoding="utf-8")
    keys = set(re.findall(r'"(gcn\.(?:note|error)\.\w+)"', source))
    assert len(keys) >= 12
    assert sorted(k for k in keys if k not in i18n.TABLE) == []
