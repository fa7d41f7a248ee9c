"""Lesson mode of the computation-graph lab (notes 5.3's note): local recomputation, the
chain rule, and the clone/detach table. Results come from the lab's own torch runs."""

from __future__ import annotations

from core.common.lesson import Lesson, Step


def _recompute_result() -> tuple[str, dict]:
    from core.computation_graph.scalar_graph import local_recompute

    update = local_recompute("notes", {}, "Z", 5.0)
    return "computation_graph.lesson.recompute.result", {
        "recomputed": ", ".join(update.recomputed),
        "reused": ", ".join(update.reused),
    }


def _chain_result() -> tuple[str, dict]:
    import torch

    x, y, z = (torch.tensor(v, requires_grad=True) for v in (2.0, 3.0, 4.0))
    ((x + y) * z).backward()
    return "computation_graph.lesson.chain.result", {"grad": f"{x.grad.item():g}"}


def _detach_result() -> tuple[str, dict]:
    from core.computation_graph.scalar_graph import copy_record

    record = copy_record("detach")
    return "computation_graph.lesson.detach.result", {
        "requires_grad": record.requires_grad,
        "shares": record.shares_memory,
    }


LESSON = Lesson(
    "computation_graph",
    "cg",
    (
        Step(
            "computation_graph.recompute",
            "computation_graph.lesson.recompute",
            "computation_graph.lesson.recompute.why",
            correct="F",
            choices=("F", "A_F", "all"),
            result=_recompute_result,
        ),
        Step(
            "computation_graph.chain",
            "computation_graph.lesson.chain",
            "computation_graph.lesson.chain.why",
            correct=4.0,
            number=(-100.0, 100.0),
            tolerance=0.01,
            result=_chain_result,
        ),
        Step(
            "computation_graph.detach",
            "computation_graph.lesson.detach",
            "computation_graph.lesson.detach.why",
            correct="shared_no_grad",
            choices=("shared_no_grad", "copy_no_grad", "shared_grad"),
            result=_detach_result,
        ),
    ),
)
