"""Lesson mode of the GCN lab (notes 5.5): A → Â → readout. Results come from the lab's
own convolution module."""

from __future__ import annotations

import numpy as np

from core.common.lesson import Lesson, Step
from core.gcn import convolution as conv


def _path_adjacency(n: int) -> np.ndarray:
    A = np.zeros((n, n))
    for i in range(n - 1):
        A[i, i + 1] = A[i + 1, i] = 1.0
    return A


def _norm_result() -> tuple[str, dict]:
    A_hat = conv.normalized_adjacency(_path_adjacency(4))
    return "gcn.lesson.norm.result", {"end": f"{A_hat[0, 0]:.3f}", "mid": f"{A_hat[1, 1]:.3f}"}


def _readout_result() -> tuple[str, dict]:
    H = np.array([[1.0, 0.0], [3.0, 2.0]])
    doubled = np.vstack([H, H])  # the same graph twice, as one graph
    return "gcn.lesson.readout.result", {
        "mean": conv.readout(H, "mean").tolist(),
        "mean2": conv.readout(doubled, "mean").tolist(),
        "sum": conv.readout(H, "sum").tolist(),
        "sum2": conv.readout(doubled, "sum").tolist(),
    }


LESSON = Lesson(
    "gcn",
    "gcn",
    (
        Step(
            "gcn.norm",
            "gcn.lesson.norm",
            "gcn.lesson.norm.why",
            correct=0.5,
            number=(0.0, 1.0),
            tolerance=0.01,
            result=_norm_result,
        ),
        Step(
            "gcn.readout",
            "gcn.lesson.readout",
            "gcn.lesson.readout.why",
            correct="mean",
            choices=("mean", "sum", "max_changes"),
            result=_readout_result,
        ),
    ),
)
