"""Numbers the training and results parts show, computed in core: memory fit, evicted
models, mistakes, per-class counts, the runs table (class names read as text)."""

from __future__ import annotations

import numpy as np

from core.common.markdown import table
from core.transfer_learning.evaluation import Evaluation
from core.transfer_learning.plan import evicted, memory_check
from core.transfer_learning.results import (
    RunSummary,
    class_counts,
    format_percent,
    mistake_count,
    runs_table,
)
from core.transfer_learning.speed import SpeedEstimate
from core.transfer_learning.training import EpochRecord


def test_memory_check_counts_saved_activations_and_adams_moments():
    est = SpeedEstimate(0.0, 0.0, 0.01, 0.0, train_bytes=2e6)
    check = memory_check(est, batch_size=16, trainable_params=1000, limit_mb=33)
    assert check.megabytes == (16 * 2e6 + 12_000) / 1e6
    assert check.fits
    assert not memory_check(est, 64, 1000, limit_mb=100).fits
    assert est.train_rate == 100 and SpeedEstimate(0, 0, 0, 0).train_rate == 0


def test_the_oldest_kept_models_make_room():
    assert evicted(["#1", "#2", "#3", "#4", "#5"], 4) == ["#1"]
    assert evicted(["#1", "#2"], 4) == []
    assert evicted([], 4) == []


def _evaluation(labels, predicted):
    k = max(max(labels), max(predicted)) + 1
    probs = np.full((len(labels), k), 1 / k)
    return Evaluation(
        tuple(range(len(labels))), np.array(labels), np.array(predicted), probs, loss=0.5
    )


def test_mistakes_and_class_counts():
    ev = _evaluation([0, 0, 1, 1, 1], [0, 1, 1, 0, 1])
    assert mistake_count(ev) == 2
    matrix = np.array([[3, 1], [0, 2]])
    assert class_counts(matrix).tolist() == [4, 2]
    assert format_percent(0.9344) == "93.4%"
    assert format_percent(None) == format_percent(float("nan")) == "—"


def _summary(number: int, names: tuple[str, ...], test_accuracy=None) -> RunSummary:
    settings = dict(
        preset="last_block",
        trainable=["blocks7", "conv_head", "classifier"],
        optimizer="adam",
        lr=3e-4,
        batch_size=16,
        resolution=160,
        epochs=3,
        augment=True,
        views=2,
    )
    return RunSummary(
        number=number,
        label=f"#{number}",
        settings=settings,
        history=(EpochRecord(1, 0.5, 0.8, 0.4, 0.9, 1.0),),
        status="done",
        accuracy=0.9,
        class_names=names,
        display_names=names,
        confusion=np.eye(len(names), dtype=np.int64),
        seconds=12.34,
        trainable_params=5124,
        epochs_trained=1.0,
        loss=0.4,
        test_accuracy=test_accuracy,
    )


def test_the_runs_table():
    headers, rows = runs_table([_summary(1, ("a", "b")), _summary(2, ("a", "b"), 0.75)], "en")
    assert len(headers) == len(rows[0]) == 9, "a test column when a run has a test split"
    assert rows[0][:5] == [
        "1",
        "Fine-tune the last block",
        "blocks7 … classifier (3)",
        "5.1k",
        "1/3",
    ]
    assert rows[0][6:] == ["90.0%", "—", "12.3\u00a0s"]
    assert rows[1][7] == "75.0%"
    assert "Adam 0.0003" in rows[0][5] and "160 px" in rows[0][5]
    headers, rows = runs_table([_summary(1, ("a", "b"))], "en")
    assert len(headers) == 8


def test_class_names_a_user_typed_read_as_text_in_the_tables():
    hostile = ("[cat](http://x.y)", "![dog](http://x.y/i.png)", "<b>bird</b>", "a|b")
    text = table(["class", "n"], [[n, 1] for n in hostile])
    for line in text.splitlines()[2:]:
        assert line.count(" | ") == 1, "a pipe in a name opens no cell"
    assert "](" not in text.replace("\\](", "").replace("\\(", "")
    assert "<b>" not in text and "![" not in text
