"""The TU reader against a hand-made dataset, every malformed variant, and a round trip."""

import io
import zipfile

import numpy as np
import pytest

from core.common.errors import UserFacingError
from core.gcn import molecules as m
from core.gcn import tu_format as tu

# two graphs: a triangle (nodes 1-3, class -1) and a path of two (nodes 4-5, class 1)
GOOD = {
    "A": "1, 2\n2, 1\n2, 3\n3, 2\n3, 1\n1, 3\n4, 5\n5, 4\n",
    "graph_indicator": "1\n1\n1\n2\n2\n",
    "graph_labels": "-1\n1\n",
    "node_labels": "0\n2\n0\n2\n2\n",
}


def files(**changes):
    out = {k: v.encode() for k, v in GOOD.items()}
    for k, v in changes.items():
        if v is None:
            out.pop(k)
        else:
            out[k] = v.encode() if isinstance(v, str) else v
    return out


def zipped(parts: dict[str, bytes], name="TOY", folder="") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part, data in parts.items():
            archive.writestr(f"{folder}{name}_{part}.txt", data)
    return buffer.getvalue()


def test_hand_made_dataset():
    d = tu.parse("TOY", files())
    assert d.name == "TOY" and len(d.graphs) == 2 and d.nodes == 5
    assert d.class_names == ("-1", "1") and list(d.labels) == [0, 1]
    assert d.type_names == ("0", "2")
    assert d.graphs[0].types == (0, 1, 0) and d.graphs[1].types == (1, 1)
    assert [e[:2] for e in d.graphs[0].edges] == [(0, 1), (0, 2), (1, 2)]
    assert [e[:2] for e in d.graphs[1].edges] == [(0, 1)]
    np.testing.assert_array_equal(d.graphs[0].adjacency(), np.ones((3, 3)) - np.eye(3))


def test_zip_with_a_folder_inside_and_folder_on_disk(tmp_path):
    assert tu.read_zip(zipped(files(), folder="TOY/")) == tu.parse("TOY", files())
    for part, data in files().items():
        (tmp_path / f"TOY_{part}.txt").write_bytes(data)
    assert tu.read_folder(tmp_path) == tu.parse("TOY", files())


def test_without_node_labels_every_node_has_one_feature():
    d = tu.parse("TOY", files(node_labels=None))
    assert d.type_names == ("1",) and set(d.graphs[0].types) == {0}


def test_round_trip_of_a_generated_task(tmp_path):
    d = m.make_task("motif", 20, 0)
    back = tu.read_zip(tu.to_zip(d))
    assert [g.types for g in back.graphs] == [g.types for g in d.graphs]
    assert list(back.labels) == list(d.labels)
    assert [[e[:2] for e in g.edges] for g in back.graphs] == [
        sorted((min(u, v), max(u, v)) for u, v, _ in g.edges) for g in d.graphs
    ]


MALFORMED = {
    "missing_A": (files(A=None), "gcn.tu.missing"),
    "missing_indicator": (files(graph_indicator=None), "gcn.tu.missing"),
    "missing_labels": (files(graph_labels=None), "gcn.tu.missing"),
    "word": (files(A="1, 2\nx, 1\n"), "gcn.tu.bad_line"),
    "infinite": (files(graph_labels="1\n1e999\n"), "gcn.tu.bad_line"),
    "three_columns": (files(A="1, 2, 3\n"), "gcn.tu.bad_width"),
    "one_column": (files(A="1\n"), "gcn.tu.bad_width"),
    "empty": (files(A="\n\n"), "gcn.tu.empty"),
    "binary": (files(A=b"\xff\xfe\x00"), "gcn.tu.not_text"),
    "node_out_of_range": (files(A="1, 2\n2, 9\n"), "gcn.tu.node_range"),
    "node_zero": (files(A="0, 1\n"), "gcn.tu.node_range"),
    "edge_across_graphs": (files(A="1, 2\n3, 4\n"), "gcn.tu.across"),
    "graph_out_of_range": (files(graph_indicator="1\n1\n1\n2\n3\n"), "gcn.tu.graph_range"),
    "indicator_unsorted": (files(graph_indicator="1\n2\n1\n2\n2\n"), "gcn.tu.not_sorted"),
    "graph_without_nodes": (
        files(graph_labels="-1\n1\n1\n", A="1, 2\n"),
        "gcn.tu.graph_empty",
    ),
    "node_labels_short": (files(node_labels="0\n1\n"), "gcn.tu.count"),
    "one_class": (files(graph_labels="1\n1\n"), "gcn.tu.one_class"),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_every_malformed_file_gets_its_message(case):
    parts, key = MALFORMED[case]
    with pytest.raises(UserFacingError) as err:
        tu.read_zip(zipped(parts))
    assert err.value.key == key
    if "file" in err.value.params:
        assert err.value.params["file"].startswith("TOY_")


def test_bad_archives():
    for data, key in (
        (b"not a zip at all", "gcn.tu.not_zip"),
        (zipped({}), "gcn.tu.missing"),
        (zipped({"A": b"1, 2\n"}, name="")[:-30], "gcn.tu.not_zip"),
    ):
        with pytest.raises(UserFacingError) as err:
            tu.read_zip(data)
        assert err.value.key == key
    two = io.BytesIO()
    with zipfile.ZipFile(two, "w") as archive:
        for name in ("TOY", "OTHER"):
            for part, data in files().items():
                archive.writestr(f"{name}_{part}.txt", data)
    with pytest.raises(UserFacingError) as err:
        tu.read_zip(two.getvalue())
    assert err.value.key == "gcn.tu.several"


def test_limits(monkeypatch):
    monkeypatch.setattr(tu, "MAX_ZIP_BYTES", 10)
    with pytest.raises(UserFacingError) as err:
        tu.read_zip(zipped(files()))
    assert err.value.key == "gcn.tu.too_big"
    monkeypatch.setattr(tu, "MAX_ZIP_BYTES", 10**7)
    monkeypatch.setattr(tu, "MAX_TEXT_BYTES", 20)
    with pytest.raises(UserFacingError) as err:
        tu.read_zip(zipped(files()))
    assert err.value.key == "gcn.tu.too_big"
    monkeypatch.setattr(tu, "MAX_NODES", 2)
    with pytest.raises(UserFacingError) as err:
        tu.parse("TOY", files())
    assert err.value.key == "gcn.tu.graph_too_big"
    monkeypatch.setattr(tu, "MAX_GRAPHS", 1)
    with pytest.raises(UserFacingError) as err:
        tu.parse("TOY", files())
    assert err.value.key == "gcn.tu.too_many"
