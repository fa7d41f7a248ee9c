"""The class room's session state: the student's key in a joined room, what they sent, and
each lab's lesson progress. The teacher secret is never kept here: it lives in the teacher
link (``room_key``), so only who holds that link acts as the teacher."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.classroom.store import StudentKey
from core.common.lesson import Lesson, Progress, format_progress, parse_progress
from ui.common.state import link_value, session_object, set_link_text

TEACHER_PARAM = "room_key"  # the secret teacher link's query parameter
CODE_PARAM = "room_code"  # a student link's join code (a convenience: the code is public)


@dataclass
class RoomSession:
    student: StudentKey | None = None
    code: str = ""  # the code joined with, shown back to the student
    sent: dict[str, str] = field(default_factory=dict)  # question -> answer sent last
    lessons: dict[str, Progress] = field(default_factory=dict)  # lab -> progress (from the link)
    notice: tuple[str, dict] | None = None  # a message for the next run (i18n key, params)


def room_session() -> RoomSession:
    return session_object("room_session", RoomSession)


def teacher_secret() -> str | None:
    secret = link_value(TEACHER_PARAM)
    return secret[:200] if secret else None


def set_teacher_secret(secret: str | None) -> None:
    set_link_text(TEACHER_PARAM, secret)


def link_code() -> str:
    return (link_value(CODE_PARAM) or "")[:32]


def lesson_progress(lesson: Lesson) -> tuple[Progress, bool]:
    """(progress, ok): the session's progress in ``lesson``, first read from the link
    (``ok`` is False when the link's progress was refused: it starts over)."""
    session = room_session()
    if lesson.lab in session.lessons:
        return session.lessons[lesson.lab], True
    try:
        progress, ok = parse_progress(lesson, link_value(lesson.key)), True
    except (ValueError, TypeError):
        progress, ok = Progress(), False
    session.lessons[lesson.lab] = progress
    return progress, ok


def set_lesson_progress(lesson: Lesson, progress: Progress) -> None:
    """Keep ``progress`` in the session and the link (no link parameter before a first answer)."""
    room_session().lessons[lesson.lab] = progress
    set_link_text(lesson.key, format_progress(progress) if progress != Progress() else None)
