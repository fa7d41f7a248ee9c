"""The transfer lab's figures draw exactly the numbers they are given."""

import numpy as np

from core.common import backbones
from core.common.theme import NORMAL, PROJECTOR
from core.transfer_learning import strategy as transfer
from core.transfer_learning.figures import (
    confusion_figure,
    curves_figure,
    format_count,
    format_seconds,
    layer_groups_figure,
    runs_figure,
)
from core.transfer_learning.results import confusion_matrix, per_class_accuracy
from core.transfer_learning.training import EpochRecord


def _history(n: int) -> list[EpochRecord]:
    return [
        EpochRecord(e, 1.0 / e, 0.5 + e / 20, 1.1 / e, 0.4 + e / 20, 0.1 * e)
        for e in range(1, n + 1)
    ]


def test_layer_groups_bars_are_the_real_parameter_counts():
    spec = backbones.REGISTRY["mobilenet_v3_small"]
    stage_list = backbones.stages(backbones.build_model(spec.name, pretrained=False), spec)
    infos = transfer.group_infos(stage_list, num_classes=3)
    fig = layer_groups_figure(infos, ["classifier"], NORMAL, "en")
    shown = {x: y for trace in fig.data for x, y in zip(trace.x, trace.y)}
    for info, stage in zip(infos, stage_list):
        expected = info.num_params if info.name != "classifier" else 1024 * 3 + 3
        if info.name != "classifier":
            assert info.num_params == stage.num_params
        assert shown[info.name] == max(expected, 1)
    trained = [t for t in fig.data if t.marker.color == "#D55E00"]
    assert [list(t.x) for t in trained] == [["classifier"]]


def test_confusion_figure_shows_the_counts_of_the_predictions():
    labels, predicted = [0, 0, 1, 1, 2, 2, 2], [0, 1, 1, 1, 2, 0, 2]
    matrix = confusion_matrix(labels, predicted, 3)
    assert matrix.tolist() == [[1, 1, 0], [0, 2, 0], [1, 0, 2]]
    np.testing.assert_allclose(per_class_accuracy(matrix), [0.5, 1.0, 2 / 3])
    fig = confusion_figure(matrix, ["a", "b", "c"], PROJECTOR, "ko")
    assert [list(row) for row in fig.data[0].z] == matrix.tolist()


def test_curves_and_run_comparison_plot_every_epoch():
    history = _history(4)
    fig = curves_figure(history, 13, NORMAL, "en")
    assert [list(t.y) for t in fig.data] == [
        [r.train_loss for r in history],
        [r.train_acc for r in history],
        [r.val_loss for r in history],
        [r.val_acc for r in history],
    ]
    points = [[(r.epoch, r.val_acc, r.val_loss) for r in h] for h in (history, _history(2))]
    runs = runs_figure([("#1", points[0]), ("#2", points[1])], PROJECTOR, "ko")
    assert len(runs.data) == 4 and list(runs.data[2].y) == [r.val_acc for r in _history(2)]
    assert list(runs.data[3].y) == [r.val_loss for r in _history(2)]


def test_the_epoch_axis_spans_the_runs_with_round_upright_steps():
    long = [(e, 0.5, 1.0) for e in range(1, 31)]
    fig = runs_figure([("#1", long), ("#2", [(0.4, 0.9, 0.3)])], NORMAL, "en")
    for axis in (fig.layout.xaxis, fig.layout.xaxis2):
        assert list(axis.range) == [0, 30.5]  # a stop at 0.4 epochs is on the axis
        assert axis.dtick == 5 and axis.tickangle == 0
    assert list(fig.data[2].x) == [0.4] and list(fig.data[2].y) == [0.9]
    fig = runs_figure([("#1", long)], NORMAL, "en")
    assert list(fig.layout.xaxis.range) == [0.5, 30.5]
    curves = curves_figure(_history(3), 13, NORMAL, "en")
    assert list(curves.layout.xaxis.range) == [0.5, 13.5] and curves.layout.xaxis.dtick == 2


def test_compact_counts():
    assert [format_count(n) for n in (5, 5130, 3_370_000)] == ["5", "5.1k", "3.37M"]
    assert [format_seconds(s, "en") for s in (0.004, 0.043, 0.7, 12.34)] == [
        "under 0.01 s",
        "0.04 s",
        "0.70 s",
        "12.3 s",
    ]
    assert [format_seconds(s, "ko") for s in (0.004, 12.34)] == ["0.01초 미만", "12.3초"]
    assert format_seconds(6.5, "ko", about=True) == "약 6.5초"
    assert format_seconds(6.5, "en", about=True) == "≈ 6.5 s"
