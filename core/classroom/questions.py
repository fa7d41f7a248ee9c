"""What a room can ask: every lab's lesson steps (``core/<lab>/lesson.py``), and the run
results the labs send (a value with its strategy)."""

from __future__ import annotations

import importlib
from functools import cache

from core.common.labs import LABS
from core.common.lesson import Lesson, Step
from core.transfer_learning.cells import CELLS


def experiment_question(cell: str) -> str:
    """The room's question for one strategy-experiment cell (``size_similarity``)."""
    return f"transfer_learning.experiment.{cell}"


# Results a lab sends to a joined room: question id -> i18n key of its title. The answer
# text is the value as shown; ``strategy`` groups the chart.
RESULTS = {
    "transfer_learning.result": "classroom.result.transfer_learning",
    "gcn.karate_result": "classroom.result.karate",
    "gcn.classify_result": "classroom.result.classify",
}
# The strategy experiment's cells: each strategy's mean test accuracy in that cell.
EXPERIMENT_CELLS = tuple(f"{size}_{sim}" for size, sim in CELLS)
RESULTS |= {experiment_question(c): f"classroom.result.experiment.{c}" for c in EXPERIMENT_CELLS}


@cache
def lessons() -> dict[str, Lesson]:
    """Each lab's lesson, by lab name, in the chapter's order."""
    return {lab.name: importlib.import_module(f"core.{lab.name}.lesson").LESSON for lab in LABS}


@cache
def steps() -> dict[str, Step]:
    return {step.id: step for lesson in lessons().values() for step in lesson.steps}


def question_ids() -> tuple[str, ...]:
    return tuple(steps()) + tuple(RESULTS)


def is_result(question: str | None) -> bool:
    return question in RESULTS
