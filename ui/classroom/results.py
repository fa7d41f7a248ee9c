"""Run results a lab sends to the room this session joined (nothing when it joined none):
one call where a lab's run ends. The room pools them by strategy for the teacher's chart."""

from __future__ import annotations

from core.classroom.questions import experiment_question
from core.classroom.store import RoomError
from ui.classroom.room import classroom
from ui.classroom.state import room_session


def send_result(question: str, value: float | None, strategy: str) -> bool:
    """Send ``value`` (an accuracy) under ``strategy``; True when the room took it."""
    session = room_session()
    if session.student is None or value is None:
        return False
    try:
        classroom().answer(
            session.student.token, question, f"{value:.3f}", value=value, strategy=strategy
        )
    except RoomError:
        return False  # a closed or expired room: the lab goes on without it
    return True


def send_transfer_result(summary) -> bool:
    """A finished transfer-learning run (``core.transfer_learning.results.RunSummary``): its
    test accuracy (the validation accuracy when the data has no test split) by preset."""
    value = summary.test_accuracy if summary.test_accuracy is not None else summary.accuracy
    return send_result("transfer_learning.result", value, summary.settings.get("preset", ""))


def send_experiment_cell(cell) -> bool:
    """A finished strategy-experiment cell (``core.transfer_learning.experiment.CellResult``):
    each strategy's mean test accuracy over the seeds, under that strategy."""
    question = experiment_question(f"{cell.size}_{cell.similarity}")
    sent = [send_result(question, r.acc_mean, name) for name, r in cell.strategies.items()]
    return all(sent)
