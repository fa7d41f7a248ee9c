"""The class room's storage: rooms, students and their answers in a real database.

SQLAlchemy Core over SQLite by default (a file in the app-data folder, nothing to install)
or PostgreSQL when ``CLASSROOM_DB_URL`` is set (an app served by several replicas shares
one room there). The schema is created on start; rooms expire ``Limits.room_seconds``
after they open.

Security: a join code (for students) and a teacher secret (for the teacher link) are
drawn with ``secrets``; the database keeps only their SHA-256 digests, looks rows up by
digest and compares digests with ``hmac.compare_digest``. Only the teacher secret can
choose the question, reveal or hide answers, clear a question or close the room. A student
holds a token of their own (also stored as a digest). Joins are rate-limited per room.
Nicknames and answers are cleaned and cut to a fixed length here; pages escape them again
where they show them. Nothing is stored about a student beyond the optional nickname.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import tempfile
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from core.common.errors import UserFacingError

ENV_URL = "CLASSROOM_DB_URL"
ENV_DIR = "CLASSROOM_DATA_DIR"
# No 0/O, 1/I/L: a code read off a projector is typed without confusion.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8  # 31**8 ≈ 8.5e11 codes
MAX_NICKNAME = 24
MAX_ANSWER = 120
MAX_QUESTION = 64
MAX_STRATEGY = 32


@dataclass(frozen=True)
class Limits:
    room_seconds: float = 3 * 3600  # a lesson, with margin
    joins_per_window: int = 60  # per room: a full class joining at once fits
    join_window_seconds: float = 60.0


class RoomError(UserFacingError):
    """A refused room action; ``key`` is one of the ``classroom.error.*`` strings."""


@dataclass(frozen=True)
class TeacherKey:
    room_id: int
    code: str  # what students type
    secret: str  # what the teacher link carries


@dataclass(frozen=True)
class StudentKey:
    room_id: int
    token: str
    nickname: str


@dataclass(frozen=True)
class Room:
    id: int
    code: str
    question: str | None  # the question the teacher asks now
    revealed: frozenset[str]  # questions whose pooled answers students may see
    closed: bool
    expired: bool
    expires_at: float


@dataclass(frozen=True)
class Answer:
    student: int  # the student's number in the database: tells apart students without nickname
    nickname: str
    question: str
    answer: str
    value: float | None
    strategy: str
    at: float


metadata = sa.MetaData()
rooms = sa.Table(
    "classroom_rooms",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("code", sa.String(CODE_LENGTH), nullable=False),
    sa.Column("code_digest", sa.String(64), nullable=False, unique=True),
    sa.Column("secret_digest", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False),
    sa.Column("closed", sa.Boolean, nullable=False, default=False),
    sa.Column("question", sa.String(MAX_QUESTION)),
)
students = sa.Table(
    "classroom_students",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("room_id", sa.ForeignKey(rooms.c.id, ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("token_digest", sa.String(64), nullable=False, unique=True),
    sa.Column("nickname", sa.String(MAX_NICKNAME), nullable=False),
    sa.Column("joined_at", sa.Float, nullable=False),
)
reveals = sa.Table(
    "classroom_reveals",
    metadata,
    sa.Column("room_id", sa.ForeignKey(rooms.c.id, ondelete="CASCADE"), primary_key=True),
    sa.Column("question", sa.String(MAX_QUESTION), primary_key=True),
)
answers = sa.Table(
    "classroom_answers",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("room_id", sa.ForeignKey(rooms.c.id, ondelete="CASCADE"), nullable=False),
    sa.Column("student_id", sa.ForeignKey(students.c.id, ondelete="CASCADE"), nullable=False),
    sa.Column("question", sa.String(MAX_QUESTION), nullable=False),
    sa.Column("strategy", sa.String(MAX_STRATEGY), nullable=False, default=""),
    sa.Column("answer", sa.String(MAX_ANSWER), nullable=False),
    sa.Column("value", sa.Float),
    sa.Column("at", sa.Float, nullable=False),
    # one answer per student, question and strategy: answering again replaces it
    sa.UniqueConstraint("room_id", "student_id", "question", "strategy"),
    sa.Index("classroom_answers_room_question", "room_id", "question"),
)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def same(a: str, b: str) -> bool:
    """Constant-time equality of two digests (or any two strings)."""
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normal_code(text: str) -> str:
    """What a student typed, as a code: upper case, no spaces or dashes, at most 16 chars."""
    return "".join(ch for ch in str(text)[:32].upper() if ch.isalnum())[:16]


def clean_text(text: object, limit: int) -> str:
    """One line of printable text, at most ``limit`` characters: control, format and
    line-breaking characters (which could reorder or hide text) become nothing or a space."""
    kept = []
    for ch in unicodedata.normalize("NFC", str(text))[: limit * 4]:
        category = unicodedata.category(ch)
        if ch.isspace():
            kept.append(" ")
        elif category[0] != "C":  # Cc, Cf, Cs, Co, Cn: never shown
            kept.append(ch)
    return " ".join("".join(kept).split())[:limit]


def default_url() -> str:
    """``CLASSROOM_DB_URL`` when set, else a SQLite file in the app-data folder."""
    url = os.environ.get(ENV_URL, "").strip()
    if url:
        return url
    folder = Path(os.environ.get(ENV_DIR) or Path(tempfile.gettempdir()) / "cnn2-labs")
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'classroom.sqlite3'}"


def make_engine(url: str) -> sa.Engine:
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @sa.event.listens_for(engine, "connect")
        def _pragmas(conn, _record):  # many readers beside one writer; cascades on
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")

        return engine
    return sa.create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


class Classroom:
    """Every room action; each call is one transaction. ``clock`` gives seconds (tests move it)."""

    def __init__(
        self,
        url: str | None = None,
        limits: Limits = Limits(),
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.engine = make_engine(url or default_url())
        self.limits = limits
        self.clock = clock
        metadata.create_all(self.engine)

    # ------------------------------------------------------------ teacher

    def open_room(self) -> TeacherKey:
        self.purge_expired()  # housekeeping where it costs nobody a wait: a new lesson
        now = self.clock()
        for _ in range(5):  # a clash of two random codes is astronomically rare
            code, secret = new_code(), secrets.token_urlsafe(24)
            try:
                with self.engine.begin() as conn:
                    room_id = conn.execute(
                        rooms.insert().values(
                            code=code,
                            code_digest=digest(code),
                            secret_digest=digest(secret),
                            created_at=now,
                            expires_at=now + self.limits.room_seconds,
                            closed=False,
                        )
                    ).inserted_primary_key[0]
                return TeacherKey(room_id, code, secret)
            except sa.exc.IntegrityError:
                continue
        raise RuntimeError("could not draw a unique room code")

    def teacher_room(self, secret: str) -> Room:
        """The room the teacher secret opens (open or not: a closed room says so)."""
        with self.engine.connect() as conn:
            return self._room(conn, self._teacher_row(conn, secret), must_be_open=False)

    def set_question(self, secret: str, question: str | None) -> None:
        with self.engine.begin() as conn:
            row = self._open_teacher_row(conn, secret)
            question = clean_text(question, MAX_QUESTION) if question else None
            conn.execute(rooms.update().where(rooms.c.id == row.id).values(question=question))

    def reveal(self, secret: str, question: str, shown: bool = True) -> None:
        question = clean_text(question, MAX_QUESTION)
        with self.engine.begin() as conn:
            row = self._open_teacher_row(conn, secret)
            where = (reveals.c.room_id == row.id) & (reveals.c.question == question)
            conn.execute(reveals.delete().where(where))
            if shown:
                conn.execute(reveals.insert().values(room_id=row.id, question=question))

    def clear(self, secret: str, question: str) -> int:
        """Delete a question's answers (and hide it); returns how many were deleted."""
        question = clean_text(question, MAX_QUESTION)
        with self.engine.begin() as conn:
            row = self._open_teacher_row(conn, secret)
            where = (reveals.c.room_id == row.id) & (reveals.c.question == question)
            conn.execute(reveals.delete().where(where))
            gone = conn.execute(
                answers.delete().where(
                    (answers.c.room_id == row.id) & (answers.c.question == question)
                )
            )
            return gone.rowcount

    def close(self, secret: str) -> None:
        with self.engine.begin() as conn:
            row = self._teacher_row(conn, secret)
            conn.execute(rooms.update().where(rooms.c.id == row.id).values(closed=True))

    def teacher_answers(self, secret: str, question: str | None = None) -> list[Answer]:
        """Every answer of the room (of one question when given), oldest first."""
        with self.engine.connect() as conn:
            row = self._teacher_row(conn, secret)
            return self._answers(conn, row.id, question)

    def student_count(self, secret: str) -> int:
        with self.engine.connect() as conn:
            row = self._teacher_row(conn, secret)
            query = sa.select(sa.func.count()).where(students.c.room_id == row.id)
            return conn.execute(query).scalar_one()

    # ------------------------------------------------------------ students

    def join(self, code: str, nickname: str = "") -> StudentKey:
        code = normal_code(code)
        now = self.clock()
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(rooms).where(rooms.c.code_digest == digest(code))).first()
            if row is None or not same(row.code_digest, digest(code)):
                raise RoomError("classroom.error.no_room")
            self._check_open(row, now)
            recent = conn.execute(
                sa.select(sa.func.count()).where(
                    (students.c.room_id == row.id)
                    & (students.c.joined_at > now - self.limits.join_window_seconds)
                )
            ).scalar_one()
            if recent >= self.limits.joins_per_window:
                raise RoomError("classroom.error.rate_limited")
            token = secrets.token_urlsafe(24)
            nickname = clean_text(nickname, MAX_NICKNAME)
            conn.execute(
                students.insert().values(
                    room_id=row.id, token_digest=digest(token), nickname=nickname, joined_at=now
                )
            )
        return StudentKey(row.id, token, nickname)

    def student_room(self, token: str) -> Room:
        with self.engine.connect() as conn:
            student = self._student_row(conn, token)
            row = conn.execute(sa.select(rooms).where(rooms.c.id == student.room_id)).one()
            return self._room(conn, row, must_be_open=True)

    def answer(
        self,
        token: str,
        question: str,
        answer: object,
        value: float | None = None,
        strategy: str = "",
    ) -> None:
        """Record (or replace) this student's answer to ``question``; ``value`` and
        ``strategy`` carry a result (a run's accuracy and its strategy)."""
        question = clean_text(question, MAX_QUESTION)
        strategy = clean_text(strategy, MAX_STRATEGY)
        text = clean_text(answer, MAX_ANSWER)
        if not question or not text:
            raise RoomError("classroom.error.empty_answer")
        if value is not None:
            value = float(value)
            if value != value or value in (float("inf"), float("-inf")):
                raise RoomError("classroom.error.empty_answer")
        now = self.clock()
        with self.engine.begin() as conn:
            student = self._student_row(conn, token)
            row = conn.execute(sa.select(rooms).where(rooms.c.id == student.room_id)).one()
            self._check_open(row, now)
            key = (
                (answers.c.room_id == row.id)
                & (answers.c.student_id == student.id)
                & (answers.c.question == question)
                & (answers.c.strategy == strategy)
            )
            fields = dict(answer=text, value=value, at=now)
            if not conn.execute(answers.update().where(key).values(**fields)).rowcount:
                conn.execute(
                    answers.insert().values(
                        room_id=row.id,
                        student_id=student.id,
                        question=question,
                        strategy=strategy,
                        **fields,
                    )
                )

    def revealed_answers(self, token: str, question: str) -> list[Answer] | None:
        """The pooled answers a student may see: ``None`` while the teacher hides them."""
        with self.engine.connect() as conn:
            student = self._student_row(conn, token)
            row = conn.execute(sa.select(rooms).where(rooms.c.id == student.room_id)).one()
            room = self._room(conn, row, must_be_open=True)
            if question not in room.revealed:
                return None
            return self._answers(conn, room.id, question)

    # ------------------------------------------------------------ housekeeping

    def purge_expired(self, grace_seconds: float = 24 * 3600) -> int:
        """Delete rooms expired more than ``grace_seconds`` ago, with all they hold."""
        cutoff = self.clock() - grace_seconds
        with self.engine.begin() as conn:
            old = sa.select(rooms.c.id).where(rooms.c.expires_at < cutoff)
            for table in (answers, reveals, students):
                conn.execute(table.delete().where(table.c.room_id.in_(old)))
            return conn.execute(rooms.delete().where(rooms.c.expires_at < cutoff)).rowcount

    # ------------------------------------------------------------ rows

    def _teacher_row(self, conn, secret: str):
        wanted = digest(str(secret)[:200])
        row = conn.execute(sa.select(rooms).where(rooms.c.secret_digest == wanted)).first()
        if row is None or not same(row.secret_digest, wanted):
            raise RoomError("classroom.error.not_teacher")
        return row

    def _open_teacher_row(self, conn, secret: str):
        row = self._teacher_row(conn, secret)
        self._check_open(row, self.clock())
        return row

    def _student_row(self, conn, token: str):
        wanted = digest(str(token)[:200])
        row = conn.execute(sa.select(students).where(students.c.token_digest == wanted)).first()
        if row is None or not same(row.token_digest, wanted):
            raise RoomError("classroom.error.not_joined")
        return row

    def _check_open(self, row, now: float) -> None:
        if row.closed:
            raise RoomError("classroom.error.closed")
        if now >= row.expires_at:
            raise RoomError("classroom.error.expired")

    def _room(self, conn, row, must_be_open: bool) -> Room:
        if must_be_open:
            self._check_open(row, self.clock())
        shown = conn.execute(
            sa.select(reveals.c.question).where(reveals.c.room_id == row.id)
        ).scalars()
        expired = self.clock() >= row.expires_at
        return Room(
            row.id,
            row.code,
            row.question,
            frozenset(shown),
            bool(row.closed),
            expired,
            row.expires_at,
        )

    def _answers(self, conn, room_id: int, question: str | None) -> list[Answer]:
        query = (
            sa.select(students.c.nickname, answers)
            .join(students, students.c.id == answers.c.student_id)
            .where(answers.c.room_id == room_id)
            .order_by(answers.c.at, answers.c.id)
        )
        if question is not None:
            query = query.where(answers.c.question == question)
        return [
            Answer(r.student_id, r.nickname, r.question, r.answer, r.value, r.strategy, r.at)
            for r in conn.execute(query)
        ]
