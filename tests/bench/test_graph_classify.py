"""The graph-classification bench on a TU folder and on a ready-made task (no timing asserts)."""

from bench import graph_classify
from core.gcn import molecules as m
from core.gcn import tu_format as tu


def test_bench_reads_a_tu_folder_and_prints_the_fields(tmp_path):
    dataset = m.make_task("count", 40, 0)
    for name, text in tu.to_files(dataset).items():
        (tmp_path / name).write_text(text)
    out = graph_classify.main(
        ["--data", str(tmp_path), "--readout", "sum", "--epochs", "2", "--seeds", "2"]
    )
    assert out["graphs"] == 40 and out["nodes"] == dataset.nodes
    assert len(out["test_acc_per_seed"]) == 2
    assert out["test_acc_mean"] == round(sum(out["test_acc_per_seed"]) / 2, 4)
    assert out["seconds"] > 0


def test_bench_accepts_a_task_name():
    out = graph_classify.main(
        ["--data", "motif", "--graphs", "20", "--epochs", "1", "--seeds", "1"]
    )
    assert out["graphs"] == 20 and out["readout"] == "mean"
