"""Graphs for the GCN lab: the model, presets, editing, validation and a link encoding.

A graph is a list of nodes (a label and a row of features each) and a list of edges
(source, target, weight, bond type). The GCN lab turns it into the two matrices of the
course notes: the adjacency matrix A (인접 행렬) and the feature matrix X (특성 행렬).

Convention for A (PyTorch Geometric's): messages flow from source to target, so
``A[i, j]`` is the weight of the edge j -> i and row i lists the nodes that node i hears
from. For an undirected graph A is symmetric and the convention does not matter.

Everything the user types (table edits, links) goes through this module: bad values
are repaired or dropped with a ``Note`` (an i18n key and its parameters) that the page
shows in the user's language; nothing here raises for bad input except ``UserFacingError``
for limits and ``ValueError`` inside the link codec (which the URL layer turns into a
default plus a message).
"""

from __future__ import annotations

import base64
import functools
import json
import math
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

import networkx as nx
import numpy as np

from core.common.errors import UserFacingError
from core.common.params import MAX_PARAM_LENGTH

MAX_NODES = 300  # hard limit: more is refused with a message
MAX_EDGES = 3000
MAX_FEATURES = 64
MAX_LABEL = 24
READABLE_NODES = 60  # matrices beyond this are cut to their first rows and columns
FEATURE_LIMIT = 1e4  # |feature| or weight above this is clipped (keeps numbers printable)

BONDS = ("", "single", "double", "triple", "aromatic")
BOND_ORDER = {"single": 1.0, "double": 2.0, "triple": 3.0, "aromatic": 1.5}

MOLECULES = ("ethanol", "benzene", "acetic_acid")
SIZED = ("path", "cycle", "star", "complete")
PRESETS = MOLECULES + ("karate", "citation", "icosahedron") + SIZED
DIRECTED_PRESETS = ("citation",)

DEFAULT_PRESET = "ethanol"
MIN_SIZE, DEFAULT_SIZE, MAX_SIZE = 2, 6, 30  # nodes of a sized preset (path, cycle, ...)


class Note(NamedTuple):
    """Something the page should explain: an i18n key (``gcn.note.*``) and its parameters."""

    key: str
    params: dict


class Edge(NamedTuple):
    source: int
    target: int
    weight: float = 1.0
    bond: str = ""


@dataclass(frozen=True)
class Graph:
    labels: tuple[str, ...] = ()
    feature_names: tuple[str, ...] = ()
    features: tuple[tuple[float, ...], ...] = ()
    edges: tuple[Edge, ...] = ()
    directed: bool = False
    positions: tuple[tuple[float, ...], ...] = field(default=(), compare=False)

    @property
    def n(self) -> int:
        return len(self.labels)

    @property
    def X(self) -> np.ndarray:
        return np.array(self.features, dtype=float).reshape(self.n, len(self.feature_names))

    @property
    def pos(self) -> np.ndarray:
        return (
            np.array(self.positions, dtype=float).reshape(self.n, -1)
            if self.n
            else np.zeros((0, 2))
        )

    @property
    def is_3d(self) -> bool:
        return bool(self.positions) and len(self.positions[0]) == 3

    def node_name(self, i: int) -> str:
        """How a node is named everywhere on the page: its number, and its label if it says more."""
        label = self.labels[i]
        return str(i) if label == str(i) else f"{i}·{label}"


# ---------------------------------------------------------------- matrices


def unique_edges(graph: Graph) -> tuple[list[Edge], list[Note]]:
    """The edges that make A: the first of any duplicates, with notes on what was merged."""
    seen: dict[tuple[int, int], Edge] = {}
    duplicates = []
    for e in graph.edges:
        key = (e.source, e.target) if graph.directed else tuple(sorted((e.source, e.target)))
        if key in seen:
            duplicates.append(e)
        else:
            seen[key] = e
    notes = []
    if duplicates:
        shown = ", ".join(
            f"{e.source}{'→' if graph.directed else '–'}{e.target}" for e in duplicates[:8]
        )
        notes.append(Note("gcn.note.duplicates", {"count": len(duplicates), "edges": shown}))
    return list(seen.values()), notes


def edge_weight(edge: Edge, bond_order: bool) -> float:
    if bond_order and edge.bond in BOND_ORDER:
        return BOND_ORDER[edge.bond]
    return float(edge.weight)


def adjacency_matrix(graph: Graph, bond_order: bool = False) -> np.ndarray:
    """A[i, j] = weight of the edge j -> i (both ways when undirected); duplicates count once.

    With ``bond_order`` a molecule's bonds weigh 1, 2, 3 or 1.5 (aromatic) instead of
    their table weight.
    """
    A = np.zeros((graph.n, graph.n))
    for e in unique_edges(graph)[0]:
        w = edge_weight(e, bond_order)
        A[e.target, e.source] = w
        if not graph.directed:
            A[e.source, e.target] = w
    return A


def feature_matrix(graph: Graph, mode: str = "table") -> np.ndarray:
    """X: the table's features, or the identity (the notes' choice when nodes have none),
    or one constant feature."""
    if mode == "identity" or (mode == "table" and not graph.feature_names):
        return np.eye(graph.n)
    if mode == "ones":
        return np.ones((graph.n, 1))
    return graph.X


def feature_names(graph: Graph, mode: str = "table") -> list[str]:
    if mode == "identity" or (mode == "table" and not graph.feature_names):
        return [f"e{i}" for i in range(graph.n)]
    if mode == "ones":
        return ["1"]
    return list(graph.feature_names)


FEATURE_MODES = ("table", "identity", "ones")


def graph_notes(graph: Graph) -> list[Note]:
    """What the page must explain about this graph's structure."""
    notes = list(unique_edges(graph)[1])
    if graph.n == 0:
        return [Note("gcn.note.empty", {})]
    loops = sorted({e.source for e in graph.edges if e.source == e.target})
    if loops:
        notes.append(Note("gcn.note.self_loops", {"nodes": _names(graph, loops)}))
    touched_by_others = {e.source for e in graph.edges if e.source != e.target} | {
        e.target for e in graph.edges if e.source != e.target
    }
    isolated = [i for i in range(graph.n) if i not in touched_by_others]
    if isolated:
        notes.append(
            Note("gcn.note.isolated", {"nodes": _names(graph, isolated), "count": len(isolated)})
        )
    if graph.directed:
        receivers = {e.target for e in graph.edges if e.source != e.target}
        silent = [i for i in range(graph.n) if i not in receivers and i in touched_by_others]
        if silent:
            notes.append(Note("gcn.note.no_incoming", {"nodes": _names(graph, silent)}))
    if graph.n > READABLE_NODES:
        notes.append(Note("gcn.note.too_many_to_read", {"n": graph.n, "limit": READABLE_NODES}))
    return notes


def _names(graph: Graph, nodes: Sequence[int], limit: int = 10) -> str:
    text = ", ".join(graph.node_name(i) for i in nodes[:limit])
    return text + (f", … (+{len(nodes) - limit})" if len(nodes) > limit else "")


# ---------------------------------------------------------------- presets


def _hydrogen_positions(
    pos: np.ndarray, heavy_edges: list[tuple[int, int]], atom: int, count: int, length: float = 0.9
) -> list[np.ndarray]:
    """Spread ``count`` hydrogens around ``atom``, away from its heavy neighbours."""
    neighbours = [b if a == atom else a for a, b in heavy_edges if atom in (a, b)]
    if neighbours:
        away = sum(pos[atom] - pos[j] for j in neighbours)
        base = math.atan2(away[1], away[0]) if np.linalg.norm(away) > 1e-9 else 0.0
    else:
        base = 0.0
    spread = {1: [0.0], 2: [-0.6, 0.6], 3: [-1.2, 0.0, 1.2]}[count]
    if len(neighbours) >= 2 and count == 1:
        spread = [0.0]
    return [pos[atom] + length * np.array([math.cos(base + s), math.sin(base + s)]) for s in spread]


# heavy atoms, 2-D coordinates, bonds (a, b, bond type), hydrogens per heavy atom
_MOLECULES = {
    "ethanol": (
        ["C", "C", "O"],
        [(0.0, 0.0), (1.3, 0.75), (2.6, 0.0)],
        [(0, 1, "single"), (1, 2, "single")],
        [3, 2, 1],
    ),
    "benzene": (
        ["C"] * 6,
        [
            (
                1.4 * math.cos(math.pi / 6 + k * math.pi / 3),
                1.4 * math.sin(math.pi / 6 + k * math.pi / 3),
            )
            for k in range(6)
        ],
        [(k, (k + 1) % 6, "aromatic") for k in range(6)],
        [1] * 6,
    ),
    "acetic_acid": (
        ["C", "C", "O", "O"],
        [(0.0, 0.0), (1.3, 0.75), (1.3, 2.25), (2.6, 0.0)],
        [(0, 1, "single"), (1, 2, "double"), (1, 3, "single")],
        [3, 0, 0, 1],
    ),
}
ELEMENTS = ("C", "N", "O", "H")


def molecule(name: str, hydrogens: bool = True) -> Graph:
    """A small molecule: atoms are nodes (atom type one-hot), bonds are edges with a bond type."""
    atoms, coords, bonds, h_counts = _MOLECULES[name]
    atoms = list(atoms)
    pos = [np.array(c, dtype=float) for c in coords]
    edges = [Edge(a, b, 1.0, bond) for a, b, bond in bonds]
    if hydrogens:
        heavy_pos = np.array(pos)
        heavy_edges = [(a, b) for a, b, _ in bonds]
        for atom, count in enumerate(h_counts):
            if count:
                for p in _hydrogen_positions(heavy_pos, heavy_edges, atom, count):
                    atoms.append("H")
                    pos.append(p)
                    edges.append(Edge(atom, len(atoms) - 1, 1.0, "single"))
    elements = [e for e in ELEMENTS if e in atoms]
    features = tuple(tuple(1.0 if a == e else 0.0 for e in elements) for a in atoms)
    return Graph(
        tuple(atoms),
        tuple(elements),
        features,
        tuple(edges),
        False,
        tuple(tuple(round(float(v), 2) for v in p) for p in pos),
    )


def karate_club() -> Graph:
    """Zachary's karate club (networkx); X = I. Node 0 is the instructor, 33 the administrator."""
    G = nx.karate_club_graph()
    n = G.number_of_nodes()
    pos = nx.spring_layout(G, seed=3)
    labels = tuple(str(i) for i in range(n))
    edges = tuple(Edge(int(a), int(b)) for a, b in sorted(G.edges()))
    return Graph(
        labels,
        tuple(f"e{i}" for i in range(n)),
        _identity(n),
        edges,
        False,
        tuple(tuple(round(float(v), 2) for v in pos[i]) for i in range(n)),
    )


def karate_factions() -> np.ndarray:
    """The club's split after the conflict: 0 = Mr. Hi's faction, 1 = the Officer's."""
    G = nx.karate_club_graph()
    return np.array(
        [0 if G.nodes[i]["club"] == "Mr. Hi" else 1 for i in range(G.number_of_nodes())]
    )


# A small citation network of well-known GNN papers; an edge a -> b means "a cites b".
# Only citations checked in the papers' reference lists are listed.
_PAPERS = (
    "Scarselli09",
    "Bruna14",
    "Duvenaud15",
    "Defferrard16",
    "Kipf17",
    "Gilmer17",
    "Hamilton17",
    "Velickovic18",
    "Xu19",
)
_CITES = [
    ("Defferrard16", "Bruna14"),
    ("Kipf17", "Bruna14"),
    ("Kipf17", "Defferrard16"),
    ("Kipf17", "Duvenaud15"),
    ("Kipf17", "Scarselli09"),
    ("Gilmer17", "Bruna14"),
    ("Gilmer17", "Duvenaud15"),
    ("Gilmer17", "Kipf17"),
    ("Gilmer17", "Defferrard16"),
    ("Hamilton17", "Kipf17"),
    ("Hamilton17", "Duvenaud15"),
    ("Hamilton17", "Defferrard16"),
    ("Velickovic18", "Kipf17"),
    ("Velickovic18", "Hamilton17"),
    ("Velickovic18", "Scarselli09"),
    ("Velickovic18", "Bruna14"),
    ("Xu19", "Kipf17"),
    ("Xu19", "Hamilton17"),
    ("Xu19", "Velickovic18"),
    ("Xu19", "Gilmer17"),
]


def citation_graph() -> Graph:
    """Directed: paper -> cited paper. Features: the publication year (scaled) and X = I is one
    click away."""
    index = {p: i for i, p in enumerate(_PAPERS)}
    edges = tuple(Edge(index[a], index[b]) for a, b in _CITES)
    # drawn by hand: time runs left to right, so every arrow points back in time
    pos = [
        (0.0, 0.0),
        (1.0, 1.2),
        (1.6, -1.2),
        (2.4, 1.9),
        (3.2, 0.0),
        (4.0, -1.9),
        (4.3, 1.6),
        (5.2, 0.3),
        (6.2, -0.7),
    ]
    return Graph(
        _PAPERS,
        tuple(f"e{i}" for i in range(len(_PAPERS))),
        _identity(len(_PAPERS)),
        edges,
        True,
        tuple(pos),
    )


def icosahedron() -> Graph:
    """A 3-D mesh: the 12 vertices and 30 edges of an icosahedron; features = (x, y, z)."""
    phi = (1 + 5**0.5) / 2
    verts = []
    for a in (-1, 1):
        for b in (-phi, phi):
            verts += [(0.0, a, b), (a, b, 0.0), (b, 0.0, a)]
    verts = np.array(verts) / math.sqrt(1 + phi * phi)
    edges = tuple(
        Edge(i, j)
        for i in range(12)
        for j in range(i + 1, 12)
        if abs(np.linalg.norm(verts[i] - verts[j]) - 2 / math.sqrt(1 + phi * phi)) < 1e-6
    )
    features = tuple(tuple(round(float(v), 3) for v in p) for p in verts)
    return Graph(
        tuple(str(i) for i in range(12)),
        ("x", "y", "z"),
        features,
        edges,
        False,
        tuple(tuple(round(float(v), 2) for v in p) for p in verts),
    )


def simple_graph(kind: str, size: int) -> Graph:
    """Path, cycle, star (node 0 in the centre) or complete graph on ``size`` nodes; X = I."""
    size = max(MIN_SIZE, min(int(size), MAX_SIZE))
    G = {
        "path": nx.path_graph,
        "cycle": nx.cycle_graph,
        "star": lambda k: nx.star_graph(k - 1),
        "complete": nx.complete_graph,
    }[kind](size)
    if kind == "path":
        pos = {i: (float(i), 0.0) for i in G}
    elif kind == "star":
        pos = nx.shell_layout(G, [[0], list(range(1, size))])
    else:
        pos = nx.circular_layout(G)
    edges = tuple(Edge(int(a), int(b)) for a, b in sorted(G.edges()))
    return Graph(
        tuple(str(i) for i in range(size)),
        tuple(f"e{i}" for i in range(size)),
        _identity(size),
        edges,
        False,
        tuple(tuple(round(float(v), 2) for v in pos[i]) for i in range(size)),
    )


def _identity(n: int) -> tuple[tuple[float, ...], ...]:
    return tuple(tuple(1.0 if i == j else 0.0 for j in range(n)) for i in range(n))


@functools.lru_cache(maxsize=32)  # asked for at every rerun; a Graph is immutable, so shared
def preset_graph(name: str, size: int = DEFAULT_SIZE, hydrogens: bool = True) -> Graph:
    if name in MOLECULES:
        return molecule(name, hydrogens)
    if name == "karate":
        return karate_club()
    if name == "citation":
        return citation_graph()
    if name == "icosahedron":
        return icosahedron()
    if name in SIZED:
        return simple_graph(name, size)
    raise ValueError(f"unknown preset {name!r}")


# ---------------------------------------------------------------- tables and edits


def node_rows(graph: Graph) -> list[dict]:
    """Rows of the node table: label, then one column per feature."""
    return [
        {"label": graph.labels[i], **dict(zip(graph.feature_names, graph.features[i]))}
        for i in range(graph.n)
    ]


def edge_rows(graph: Graph) -> list[dict]:
    return [
        {"source": e.source, "target": e.target, "bond": e.bond, "weight": e.weight}
        for e in graph.edges
    ]


def _number(value: Any) -> float | None:
    """A finite float from a table cell, or None for blanks, text, NaN and infinities."""
    if value is None or isinstance(value, bool):
        return None
    try:
        x = float(str(value).strip().replace(",", ".")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def _index(value: Any) -> int | None:
    x = _number(value)
    if x is None or x != int(x):
        return None
    return int(x)


def _clean_label(value: Any, default: str) -> str:
    text = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
    text = " ".join(text.split())[:MAX_LABEL]
    return text or default


def _rows_of(delta: Mapping | None) -> tuple[dict[int, dict], list[dict], list[int]]:
    delta = delta or {}
    edited = {}
    for k, v in (delta.get("edited_rows") or {}).items():
        i = _index(k)
        if i is not None and isinstance(v, Mapping):
            edited[i] = dict(v)
    added = [dict(r) for r in (delta.get("added_rows") or []) if isinstance(r, Mapping)]
    deleted = sorted(
        {i for i in (_index(k) for k in (delta.get("deleted_rows") or [])) if i is not None}
    )
    return edited, added, deleted


def has_edits(delta: Mapping | None) -> bool:
    edited, added, deleted = _rows_of(delta)
    return bool(edited or added or deleted)


def _feature_value(raw: Any, node: str, column: str, notes: list[Note]) -> float:
    x = _number(raw)
    if x is None:
        if raw is not None and not (isinstance(raw, str) and not raw.strip()):
            notes.append(
                Note(
                    "gcn.note.bad_feature", {"node": node, "column": column, "value": str(raw)[:20]}
                )
            )
        return 0.0
    if abs(x) > FEATURE_LIMIT:
        notes.append(
            Note(
                "gcn.note.clipped", {"node": node, "column": column, "limit": f"{FEATURE_LIMIT:g}"}
            )
        )
        return math.copysign(FEATURE_LIMIT, x)
    return x


def apply_node_edits(graph: Graph, delta: Mapping | None) -> tuple[Graph, list[Note]]:
    """Apply a node-table edit (``st.data_editor``'s edited/added/deleted rows) to the graph.

    Bad cells are repaired (blank/NaN/text feature -> 0, empty label -> the node's number)
    and explained; deleting a node removes its edges and renumbers the others.
    """
    edited, added, deleted = _rows_of(delta)
    notes: list[Note] = []
    labels = list(graph.labels)
    feats = [list(r) for r in graph.features]
    names = graph.feature_names
    for i, changes in edited.items():
        if not 0 <= i < graph.n:
            continue
        if "label" in changes:
            labels[i] = _clean_label(changes["label"], str(i))
        for c, name in enumerate(names):
            if name in changes:
                feats[i][c] = _feature_value(changes[name], str(i), name, notes)
    keep = [i for i in range(graph.n) if i not in set(deleted)]
    if len(keep) + len(added) > MAX_NODES:
        raise UserFacingError("gcn.error.too_many_nodes", limit=MAX_NODES)
    new_index = {old: new for new, old in enumerate(keep)}
    edges = []
    dropped = 0
    for e in graph.edges:
        if e.source in new_index and e.target in new_index:
            edges.append(e._replace(source=new_index[e.source], target=new_index[e.target]))
        else:
            dropped += 1
    if deleted:
        notes.append(
            Note("gcn.note.nodes_deleted", {"count": graph.n - len(keep), "edges": dropped})
        )
    labels = [labels[i] for i in keep]
    feats = [feats[i] for i in keep]
    positions = [graph.positions[i] for i in keep] if graph.positions else []
    for row in added:
        k = len(labels)
        labels.append(_clean_label(row.get("label"), str(k)))
        feats.append([_feature_value(row.get(name), str(k), name, notes) for name in names])
    new = Graph(
        tuple(labels),
        names,
        tuple(tuple(r) for r in feats),
        tuple(edges),
        graph.directed,
        tuple(positions),
    )
    return with_layout(new, len(positions)), notes


def apply_edge_edits(graph: Graph, delta: Mapping | None) -> tuple[Graph, list[Note]]:
    """Apply an edge-table edit; rows naming missing nodes or with a weight <= 0 are dropped."""
    edited, added, deleted = _rows_of(delta)
    notes: list[Note] = []
    rows = edge_rows(graph)
    for i, changes in edited.items():
        if 0 <= i < len(rows):
            rows[i].update(changes)
    rows = [r for i, r in enumerate(rows) if i not in set(deleted)] + added
    if len(rows) > MAX_EDGES:
        raise UserFacingError("gcn.error.too_many_edges", limit=MAX_EDGES)
    edges = []
    for number, row in enumerate(rows):
        edge, note = _edge_from_row(row, graph.n, number)
        if note:
            notes.append(note)
        if edge:
            edges.append(edge)
    return replace(graph, edges=tuple(edges)), notes


def _edge_from_row(row: Mapping, n: int, number: int) -> tuple[Edge | None, Note | None]:
    s, t = _index(row.get("source")), _index(row.get("target"))
    if s is None or t is None or not (0 <= s < n and 0 <= t < n):
        if row.get("source") is None and row.get("target") is None:
            return None, None  # an empty new row: nothing to say
        return None, Note(
            "gcn.note.bad_endpoint",
            {
                "row": number,
                "source": str(row.get("source"))[:12],
                "target": str(row.get("target"))[:12],
                "last": max(n - 1, 0),
            },
        )
    raw_weight = row.get("weight")
    w = _number(raw_weight)
    if raw_weight is None or (isinstance(raw_weight, str) and not raw_weight.strip()):
        w = 1.0
    if w is None or w <= 0:
        return None, Note("gcn.note.bad_weight", {"row": number, "value": str(raw_weight)[:12]})
    w = min(w, FEATURE_LIMIT)
    bond = row.get("bond") if row.get("bond") in BONDS else ""
    return Edge(s, t, float(w), bond), None


# ---------------------------------------------------------------- editing on the drawing


def add_node(graph: Graph, label: str | None = None) -> Graph:
    if graph.n >= MAX_NODES:
        raise UserFacingError("gcn.error.too_many_nodes", limit=MAX_NODES)
    k = graph.n
    new = replace(
        graph,
        labels=graph.labels + (_clean_label(label, str(k)),),
        features=graph.features + (tuple(0.0 for _ in graph.feature_names),),
    )
    return with_layout(new, len(graph.positions))


def delete_nodes(graph: Graph, nodes: Iterable[int]) -> Graph:
    doomed = sorted({i for i in nodes if 0 <= i < graph.n})
    return apply_node_edits(graph, {"deleted_rows": doomed})[0]


def connect_nodes(graph: Graph, nodes: Sequence[int]) -> Graph:
    """Join every pair of the given nodes that is not joined yet (directed: earlier -> later)."""
    nodes = [i for i in dict.fromkeys(nodes) if 0 <= i < graph.n]
    existing = {(e.source, e.target) for e in graph.edges}
    if not graph.directed:
        existing |= {(t, s) for s, t in existing}
    new = [
        Edge(a, b) for k, a in enumerate(nodes) for b in nodes[k + 1 :] if (a, b) not in existing
    ]
    if len(graph.edges) + len(new) > MAX_EDGES:
        raise UserFacingError("gcn.error.too_many_edges", limit=MAX_EDGES)
    return replace(graph, edges=graph.edges + tuple(new))


def disconnect_nodes(graph: Graph, nodes: Iterable[int]) -> Graph:
    """Remove every edge between two of the given nodes (self-loops of a single node too)."""
    chosen = set(nodes)
    if len(chosen) == 1:
        (only,) = chosen
        keep = [e for e in graph.edges if not (e.source == e.target == only)]
    else:
        keep = [
            e
            for e in graph.edges
            if not (e.source in chosen and e.target in chosen and e.source != e.target)
        ]
    return replace(graph, edges=tuple(keep))


def with_layout(graph: Graph, fixed: int) -> Graph:
    """Positions for nodes ``fixed..n-1`` (new ones), keeping the first ``fixed`` in place.

    A new graph gets a spring layout; nodes added to a drawn graph are lined up in a row
    under it, where they are easy to find and connect.
    """
    n = graph.n
    if fixed >= n:
        return replace(graph, positions=tuple(graph.positions[:n]))
    dim = len(graph.positions[0]) if graph.positions else 2
    if fixed == 0:
        G = nx.Graph()
        G.add_nodes_from(range(n))
        G.add_edges_from((e.source, e.target) for e in graph.edges if e.source != e.target)
        layout = nx.spring_layout(G, dim=dim, seed=0)
        pos = [layout[i] for i in range(n)]
    else:
        known = np.array(graph.positions[:fixed], dtype=float)
        low, high = known.min(axis=0), known.max(axis=0)
        span = max(float((high - low).max()), 1.0)
        step = span / max(n - fixed, 4)
        pos = list(known)
        for k in range(n - fixed):
            p = low.copy()
            p[0] = low[0] + k * step
            p[1] = low[1] - 0.3 * span
            pos.append(p)
    return replace(graph, positions=tuple(tuple(round(float(v), 2) for v in p) for p in pos))


# ---------------------------------------------------------------- link encoding

LINK_VERSION = 1
MAX_LINK_CHARS = 1800  # bigger graphs stay in the session only (the page says so)
_MAX_JSON_BYTES = 200_000


def encode_graph(graph: Graph) -> str:
    """A compact, URL-safe text for the graph (zlib-compressed JSON in base64url).

    The direction is not part of it: it travels as its own link parameter.
    """
    data = {
        "v": LINK_VERSION,
        "l": list(graph.labels),
        "f": list(graph.feature_names),
        "x": [[_short(v) for v in row] for row in graph.features],
        "e": [[e.source, e.target, _short(e.weight), BONDS.index(e.bond)] for e in graph.edges],
        "p": [[round(v * 100) for v in p] for p in graph.positions],
    }
    raw = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode("ascii").rstrip("=")


def _short(v: float) -> float | int:
    v = round(float(v), 4)
    return int(v) if v == int(v) else v


def decode_graph(text: str, directed: bool = False) -> Graph:
    """Parse and validate a link's graph; any problem raises ValueError (never anything else)."""
    try:
        if len(text) > MAX_PARAM_LENGTH:
            raise ValueError("too long")
        packed = base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, _MAX_JSON_BYTES)
        if inflater.unconsumed_tail:
            raise ValueError("decompresses to too much")
        data = json.loads(raw.decode("utf-8"))
        return _graph_from_link_data(data, directed)
    except ValueError:
        raise
    except Exception as err:  # binascii, zlib, unicode, type errors: all mean "not a graph"
        raise ValueError(f"not a graph: {type(err).__name__}") from None


def _graph_from_link_data(data: Any, directed: bool) -> Graph:
    def need(ok: bool, what: str) -> None:
        if not ok:
            raise ValueError(what)

    need(isinstance(data, dict) and data.get("v") == LINK_VERSION, "version")
    labels, names, feats = data.get("l"), data.get("f"), data.get("x")
    edges, pos = data.get("e"), data.get("p", [])
    need(isinstance(labels, list) and 0 < len(labels) <= MAX_NODES, "labels")
    need(all(isinstance(s, str) and 0 < len(s) <= MAX_LABEL for s in labels), "label text")
    need(isinstance(names, list) and len(names) <= MAX_FEATURES, "feature names")
    need(all(isinstance(s, str) and 0 < len(s) <= MAX_LABEL for s in names), "feature name text")
    need(len(set(names)) == len(names) and "label" not in names, "feature names unique")
    n, f = len(labels), len(names)
    need(isinstance(feats, list) and len(feats) == n, "features")
    need(all(isinstance(r, list) and len(r) == f for r in feats), "feature rows")
    need(all(_finite(v) and abs(v) <= FEATURE_LIMIT for r in feats for v in r), "feature values")
    need(isinstance(edges, list) and len(edges) <= MAX_EDGES, "edges")
    out = []
    for e in edges:
        need(isinstance(e, list) and len(e) == 4, "edge")
        s, t, w, b = e
        need(all(isinstance(v, int) and not isinstance(v, bool) for v in (s, t, b)), "edge ints")
        need(0 <= s < n and 0 <= t < n and 0 <= b < len(BONDS), "edge range")
        need(_finite(w) and 0 < w <= FEATURE_LIMIT, "edge weight")
        out.append(Edge(s, t, float(w), BONDS[b]))
    need(isinstance(pos, list) and (len(pos) in (0, n)), "positions")
    dims = {len(p) for p in pos if isinstance(p, list)}
    need(len(pos) == 0 or (len(dims) == 1 and dims <= {2, 3}), "position dims")
    need(all(_finite(v) and abs(v) < 1e6 for p in pos for v in p), "position values")
    graph = Graph(
        tuple(labels),
        tuple(names),
        tuple(tuple(float(v) for v in r) for r in feats),
        tuple(out),
        directed,
        tuple(tuple(v / 100 for v in p) for p in pos),
    )
    return graph if pos else with_layout(graph, 0)


def _finite(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


@dataclass(frozen=True)
class GraphParam:
    """The ``gcn_graph`` link parameter (same protocol as ``core.common.params``' codecs)."""

    default: Graph
    directed: bool = False

    def parse(self, text: str) -> Graph:
        return decode_graph(text, self.directed)

    def format(self, value: Graph) -> str:
        return encode_graph(value)


def link_text(graph: Graph, preset: Graph) -> tuple[str | None, bool]:
    """(what ``gcn_graph`` should hold, whether the graph is too big for a link).

    None when the graph is still its preset (the preset's name says it all) or too big.
    """
    if replace(graph, directed=False) == replace(preset, directed=False):
        return None, False
    text = encode_graph(graph)
    return (text, False) if len(text) <= MAX_LINK_CHARS else (None, True)
