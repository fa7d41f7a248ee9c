"""Lesson mode, for every lab: a short sequence of steps, each a question (choices or a
number), the student's answer, then the live result that answers it and one sentence why.

A lab declares its steps in ``core/<lab>/lesson.py`` as ``LESSON``; the step's ``result``
computes the answer from the lab's own core (never a stored number) and returns the i18n
key of the sentence showing it with its parameters. Progress and answers live in the link
(``<prefix>_lesson``: ``"2:b,0.5"`` = on step 2, answered b then 0.5), so a reload or a
shared link keeps them. A step's ``id`` is also its question in a class room.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from core.common.params import MAX_PARAM_LENGTH

MAX_STEPS = 12


@dataclass(frozen=True)
class Step:
    id: str  # "<lab>.<name>": unique over all labs, the question's name in a room
    question: str  # i18n key of the question
    why: str  # i18n key: one sentence, formatted with the result's parameters
    correct: str | float  # a choice, or the number expected
    choices: tuple[str, ...] = ()  # option ids, labelled by f"{question}.{choice}"
    number: tuple[float, float] | None = None  # (low, high) of a numeric answer
    tolerance: float = 0.0  # a numeric answer this close to ``correct`` is right
    result: Callable[[], tuple[str, dict]] | None = None  # (i18n key, params), computed live

    def __post_init__(self) -> None:
        if bool(self.choices) == (self.number is not None):
            raise ValueError(f"step {self.id}: choices or a number, exactly one")
        if self.choices and self.correct not in self.choices:
            raise ValueError(f"step {self.id}: the correct answer is not a choice")

    def choice_label(self, choice: str) -> str:
        return f"{self.question}.{choice}"

    def parse(self, text: str) -> str | float:
        """A student's answer from its text: a choice id, or a number in range."""
        text = str(text).strip()[:40]
        if self.choices:
            if text not in self.choices:
                raise ValueError(f"{text!r} is not a choice")
            return text
        value = float(text)
        low, high = self.number
        if not math.isfinite(value) or not low <= value <= high:
            raise ValueError(f"{value} outside [{low}, {high}]")
        return value

    def is_right(self, answer: str | float) -> bool:
        if self.choices:
            return answer == self.correct
        return abs(float(answer) - float(self.correct)) <= self.tolerance + 1e-12


@dataclass(frozen=True)
class Lesson:
    lab: str  # the lab's name (core/<lab>)
    prefix: str  # the lab's key prefix: the link key is f"{prefix}_lesson"
    steps: tuple[Step, ...]

    def __post_init__(self) -> None:
        if not 0 < len(self.steps) <= MAX_STEPS:
            raise ValueError(f"lesson {self.lab}: 1 to {MAX_STEPS} steps")
        if len({s.id for s in self.steps}) != len(self.steps):
            raise ValueError(f"lesson {self.lab}: step ids repeat")

    @property
    def key(self) -> str:
        return f"{self.prefix}_lesson"


@dataclass(frozen=True)
class Progress:
    """Where a student is: ``step`` (0-based; == len(steps) when done) and the answers so far
    (one per step before ``step``, as the text the link keeps)."""

    step: int = 0
    answers: tuple[str, ...] = ()

    def answered(self, lesson: Lesson, text: str) -> Progress:
        """After answering the current step (``text`` must parse)."""
        lesson.steps[self.step].parse(text)
        return Progress(self.step, self.answers[: self.step] + (format_answer(text),))

    def next(self, lesson: Lesson) -> Progress:
        return Progress(min(self.step + 1, len(lesson.steps)), self.answers)

    def done(self, lesson: Lesson) -> bool:
        return self.step >= len(lesson.steps)

    def current_answer(self) -> str | None:
        return self.answers[self.step] if self.step < len(self.answers) else None

    def score(self, lesson: Lesson) -> int:
        return sum(
            s.is_right(s.parse(a)) for s, a in zip(lesson.steps, self.answers) if _parses(s, a)
        )


def format_answer(text: str | float) -> str:
    if isinstance(text, float):
        return f"{text:g}"
    return str(text).strip()


def _parses(step: Step, text: str) -> bool:
    try:
        step.parse(text)
    except (ValueError, TypeError):
        return False
    return True


def format_progress(progress: Progress) -> str:
    return f"{progress.step}:" + ",".join(progress.answers)


def parse_progress(lesson: Lesson, text: str | None) -> Progress:
    """The progress a link holds; ``ValueError`` for anything a lesson could not have written
    (a step out of range, more answers than steps, an answer that does not parse)."""
    if not text:
        return Progress()
    if len(text) > MAX_PARAM_LENGTH:
        raise ValueError("too long")
    head, _, tail = text.partition(":")
    step = int(head)
    answers = tuple(tail.split(",")) if tail else ()
    if not 0 <= step <= len(lesson.steps) or len(answers) > len(lesson.steps):
        raise ValueError("step out of range")
    if len(answers) < step:
        raise ValueError("a step passed without an answer")
    for s, a in zip(lesson.steps, answers):
        s.parse(a)
    return Progress(step, answers)


@dataclass(frozen=True)
class LessonParam:
    """The link's form of a lesson's progress, for ``ui.common.state.url_bound``."""

    lesson: Lesson

    @property
    def default(self) -> Progress:
        return Progress()

    def parse(self, text: str) -> Progress:
        return parse_progress(self.lesson, text)

    def format(self, value: Progress) -> str:
        return format_progress(value)
