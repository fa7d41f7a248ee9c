"""Read a graph-classification dataset in the TU format (folder or zip), checking every line.

Files, for a dataset named DS (numbers separated by commas, one record a line, nodes
numbered from 1 across the whole dataset):

- ``DS_A.txt``: the edges, ``u, v``;
- ``DS_graph_indicator.txt``: for node i (line i), the graph it belongs to (1 … G);
- ``DS_graph_labels.txt``: for graph g (line g), its class;
- ``DS_node_labels.txt`` (optional): for node i, its type (one-hot features); without it
  every node gets the same single feature.

Everything wrong raises ``UserFacingError`` with a key ``gcn.tu.*`` naming the file and line.
Nothing is written to disk: a zip is read in memory, with limits against bombs.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from core.common.errors import UserFacingError
from core.gcn.graph import MAX_NODES
from core.gcn.molecules import GraphDataset, LabelledGraph

MAX_ZIP_BYTES = 20_000_000
MAX_TEXT_BYTES = 50_000_000  # all files, uncompressed
MAX_GRAPHS = 5000
MAX_TOTAL_NODES = 200_000
REQUIRED = ("A", "graph_indicator", "graph_labels")
OPTIONAL = ("node_labels",)


def _dataset_name(names: list[str]) -> str:
    """DS, from whichever of the dataset's files are there."""
    found = set()
    for base in (Path(n).name for n in names):
        for part in REQUIRED + OPTIONAL:
            if base.endswith(f"_{part}.txt") and len(base) > len(part) + 5:
                found.add(base[: -len(f"_{part}.txt")])
    if not found:
        raise UserFacingError("gcn.tu.missing", file="DS_A.txt")
    if len(found) > 1:
        raise UserFacingError("gcn.tu.several", names=", ".join(sorted(found)[:5]))
    return found.pop()


def read_zip(data: bytes) -> GraphDataset:
    """The dataset in a zip (its files anywhere inside, one dataset only)."""
    if len(data) > MAX_ZIP_BYTES:
        raise UserFacingError("gcn.tu.too_big", mb=MAX_ZIP_BYTES // 1_000_000)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if sum(i.file_size for i in infos) > MAX_TEXT_BYTES:
            raise UserFacingError("gcn.tu.too_big", mb=MAX_TEXT_BYTES // 1_000_000)
        name = _dataset_name([i.filename for i in infos])
        files = {}
        for info in infos:
            base = Path(info.filename).name
            for part in REQUIRED + OPTIONAL:
                if base == f"{name}_{part}.txt":
                    with archive.open(info) as f:
                        files[part] = f.read(MAX_TEXT_BYTES + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, RuntimeError, EOFError) as err:
        raise UserFacingError("gcn.tu.not_zip") from err
    return parse(name, files)


def read_folder(folder: str | Path) -> GraphDataset:
    folder = Path(folder)
    if not folder.is_dir():
        raise UserFacingError("gcn.tu.no_folder", path=str(folder))
    name = _dataset_name([p.name for p in folder.iterdir()])
    files = {
        part: (folder / f"{name}_{part}.txt").read_bytes()
        for part in REQUIRED + OPTIONAL
        if (folder / f"{name}_{part}.txt").is_file()
    }
    return parse(name, files)


def _rows(name: str, part: str, data: bytes, width: int) -> list[list[int]]:
    """The file's non-empty lines as ``width`` integers each."""
    file = f"{name}_{part}.txt"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise UserFacingError("gcn.tu.not_text", file=file) from err
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        fields = [f.strip() for f in line.split(",")]
        try:
            values = [int(float(f)) if "." in f or "e" in f.lower() else int(f) for f in fields]
        except (ValueError, OverflowError) as err:
            raise UserFacingError(
                "gcn.tu.bad_line", file=file, line=number, text=line.strip()[:40]
            ) from err
        if len(values) != width:
            raise UserFacingError(
                "gcn.tu.bad_width", file=file, line=number, width=width, text=line.strip()[:40]
            )
        rows.append(values)
    if not rows:
        raise UserFacingError("gcn.tu.empty", file=file)
    return rows


def parse(name: str, files: dict[str, bytes]) -> GraphDataset:
    for part in REQUIRED:
        if part not in files:
            raise UserFacingError("gcn.tu.missing", file=f"{name}_{part}.txt")
    indicator = [r[0] for r in _rows(name, "graph_indicator", files["graph_indicator"], 1)]
    graph_labels = [r[0] for r in _rows(name, "graph_labels", files["graph_labels"], 1)]
    edges = _rows(name, "A", files["A"], 2)
    n_graphs, n_nodes = len(graph_labels), len(indicator)
    if n_graphs > MAX_GRAPHS or n_nodes > MAX_TOTAL_NODES:
        raise UserFacingError("gcn.tu.too_many", graphs=MAX_GRAPHS, nodes=MAX_TOTAL_NODES)
    ind_file = f"{name}_graph_indicator.txt"
    for line, g in enumerate(indicator, start=1):
        if not 1 <= g <= n_graphs:
            raise UserFacingError("gcn.tu.graph_range", file=ind_file, line=line, graphs=n_graphs)
        if line > 1 and g < indicator[line - 2]:
            raise UserFacingError("gcn.tu.not_sorted", file=ind_file, line=line)
    present = set(indicator)
    if len(present) != n_graphs:
        missing = min(set(range(1, n_graphs + 1)) - present)
        raise UserFacingError("gcn.tu.graph_empty", graph=missing, file=ind_file)
    types, type_names = [0] * n_nodes, ("1",)
    if "node_labels" in files:
        node_labels = [r[0] for r in _rows(name, "node_labels", files["node_labels"], 1)]
        if len(node_labels) != n_nodes:
            raise UserFacingError(
                "gcn.tu.count",
                file=f"{name}_node_labels.txt",
                found=len(node_labels),
                expected=n_nodes,
            )
        distinct = sorted(set(node_labels))
        types = [distinct.index(v) for v in node_labels]
        type_names = tuple(str(v) for v in distinct)
    first = {}  # graph -> its first node (0-based)
    for i, g in enumerate(indicator):
        first.setdefault(g, i)
    sizes = _sizes(indicator)
    big = [g for g, s in sizes.items() if s > MAX_NODES]
    if big:
        raise UserFacingError("gcn.tu.graph_too_big", graph=big[0], nodes=MAX_NODES)
    per_graph: dict[int, set] = {g: set() for g in present}
    a_file = f"{name}_A.txt"
    for line, (u, v) in enumerate(edges, start=1):
        for node in (u, v):
            if not 1 <= node <= n_nodes:
                raise UserFacingError("gcn.tu.node_range", file=a_file, line=line, nodes=n_nodes)
        g = indicator[u - 1]
        if indicator[v - 1] != g:
            raise UserFacingError("gcn.tu.across", file=a_file, line=line)
        if u != v:
            a, b = u - 1 - first[g], v - 1 - first[g]
            per_graph[g].add((min(a, b), max(a, b)))
    distinct_labels = sorted(set(graph_labels))
    if len(distinct_labels) < 2:
        raise UserFacingError("gcn.tu.one_class", file=f"{name}_graph_labels.txt")
    graphs = tuple(
        LabelledGraph(
            tuple(types[first[g] : first[g] + sizes[g]]),
            tuple((a, b, "") for a, b in sorted(per_graph[g])),
            distinct_labels.index(graph_labels[g - 1]),
        )
        for g in range(1, n_graphs + 1)
    )
    return GraphDataset(
        name, graphs, type_names, tuple(str(v) for v in distinct_labels), provenance="TU"
    )


def _sizes(indicator: list[int]) -> dict[int, int]:
    sizes: dict[int, int] = {}
    for g in indicator:
        sizes[g] = sizes.get(g, 0) + 1
    return sizes


def to_files(dataset: GraphDataset) -> dict[str, str]:
    """The dataset as TU files (name -> text), for a download or the bench."""
    name = dataset.name
    indicator, node_labels, edges, offset = [], [], [], 1
    for number, g in enumerate(dataset.graphs, start=1):
        indicator += [str(number)] * g.n
        node_labels += [str(t) for t in g.types]  # type indices: TU labels are numbers
        for u, v, _ in g.edges:
            edges += [f"{u + offset}, {v + offset}", f"{v + offset}, {u + offset}"]
        offset += g.n
    return {
        f"{name}_A.txt": "\n".join(edges) + "\n",
        f"{name}_graph_indicator.txt": "\n".join(indicator) + "\n",
        f"{name}_graph_labels.txt": "\n".join(str(g.label) for g in dataset.graphs) + "\n",
        f"{name}_node_labels.txt": "\n".join(node_labels) + "\n",
    }


def to_zip(dataset: GraphDataset) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file, text in to_files(dataset).items():
            archive.writestr(file, text)
    return buffer.getvalue()
