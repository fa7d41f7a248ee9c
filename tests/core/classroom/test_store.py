"""The class room's store on real SQLite and a real PostgreSQL: the lifecycle, who may do
what, hostile text, rate limits, expiry and isolation between rooms."""

from __future__ import annotations

import re
import secrets

import pytest
import sqlalchemy as sa

from core.classroom import store as S
from core.classroom.store import RoomError

from .conftest import LIMITS


def refused(key: str):
    return pytest.raises(RoomError, match=re.escape(f"classroom.error.{key}"))


def test_the_lifecycle_create_join_answer_reveal_clear_close(classroom):
    teacher = classroom.open_room()
    assert re.fullmatch(f"[{S.CODE_ALPHABET}]{{{S.CODE_LENGTH}}}", teacher.code)
    ann = classroom.join(teacher.code, "Ann")
    ben = classroom.join(f" {teacher.code.lower()[:4]}-{teacher.code.lower()[4:]} ", "")
    assert classroom.student_count(teacher.secret) == 2

    classroom.set_question(teacher.secret, "gcn.readout")
    assert classroom.student_room(ann.token).question == "gcn.readout"
    classroom.answer(ann.token, "gcn.readout", "mean")
    classroom.answer(ben.token, "gcn.readout", "sum")
    classroom.answer(ben.token, "gcn.readout", "mean")  # changed their mind: replaced
    pooled = classroom.teacher_answers(teacher.secret, "gcn.readout")
    assert [(a.nickname, a.answer) for a in pooled] == [("Ann", "mean"), ("", "mean")]
    assert pooled[0].student != pooled[1].student

    assert classroom.revealed_answers(ann.token, "gcn.readout") is None, "hidden until revealed"
    classroom.reveal(teacher.secret, "gcn.readout")
    assert len(classroom.revealed_answers(ann.token, "gcn.readout")) == 2
    classroom.reveal(teacher.secret, "gcn.readout", shown=False)
    assert classroom.revealed_answers(ann.token, "gcn.readout") is None

    classroom.answer(ann.token, "tl.result", "0.91", value=0.91, strategy="last")
    classroom.answer(ann.token, "tl.result", "0.80", value=0.80, strategy="head")
    assert classroom.clear(teacher.secret, "gcn.readout") == 2
    assert classroom.teacher_answers(teacher.secret, "gcn.readout") == []
    assert len(classroom.teacher_answers(teacher.secret, "tl.result")) == 2, "other questions stay"

    classroom.close(teacher.secret)
    assert classroom.teacher_room(teacher.secret).closed
    with refused("closed"):
        classroom.answer(ann.token, "tl.result", "x")
    with refused("closed"):
        classroom.join(teacher.code, "late")
    with refused("closed"):
        classroom.student_room(ben.token)
    with refused("closed"):
        classroom.reveal(teacher.secret, "tl.result")


def test_a_room_expires(classroom, clock):
    teacher = classroom.open_room()
    student = classroom.join(teacher.code)
    clock.advance(LIMITS.room_seconds - 1)
    classroom.answer(student.token, "q", "a")
    clock.advance(1)
    assert classroom.teacher_room(teacher.secret).expired
    for action in (
        lambda: classroom.join(teacher.code),
        lambda: classroom.answer(student.token, "q", "b"),
        lambda: classroom.student_room(student.token),
        lambda: classroom.set_question(teacher.secret, "q"),
        lambda: classroom.clear(teacher.secret, "q"),
    ):
        with refused("expired"):
            action()
    assert classroom.purge_expired(grace_seconds=3600) == 0, "kept a while after expiry"
    clock.advance(3601)
    assert classroom.purge_expired(grace_seconds=3600) == 1
    with refused("not_teacher"):
        classroom.teacher_room(teacher.secret)
    with refused("not_joined"):
        classroom.student_room(student.token)


def _teacher_actions(classroom, secret):
    return {
        "teacher_room": lambda: classroom.teacher_room(secret),
        "set_question": lambda: classroom.set_question(secret, "q"),
        "reveal": lambda: classroom.reveal(secret, "q"),
        "hide": lambda: classroom.reveal(secret, "q", shown=False),
        "clear": lambda: classroom.clear(secret, "q"),
        "close": lambda: classroom.close(secret),
        "answers": lambda: classroom.teacher_answers(secret),
        "student_count": lambda: classroom.student_count(secret),
    }


def test_no_student_session_nor_guessed_secret_can_act_as_the_teacher(classroom):
    teacher = classroom.open_room()
    student = classroom.join(teacher.code, "Eve")
    classroom.answer(student.token, "q", "a")
    guesses = [
        student.token,  # a student's own session
        teacher.code,  # the join code
        secrets.token_urlsafe(24),  # a guess of the right form
        teacher.secret[:-1],  # all but one character
        teacher.secret + "x",
        teacher.secret.upper(),
        S.digest(teacher.secret),  # the stored digest itself
        "",
        "' OR 1=1 --",
        "x" * 10_000,
    ]
    for guess in guesses:
        for name, action in _teacher_actions(classroom, guess).items():
            with refused("not_teacher"):
                action()
                pytest.fail(f"{name} with {guess[:20]!r}")
    room = classroom.teacher_room(teacher.secret)
    assert not room.closed and room.revealed == frozenset() and room.question is None
    assert len(classroom.teacher_answers(teacher.secret)) == 1, "nothing was cleared"


def test_a_teacher_secret_is_no_student_token_and_a_wrong_code_joins_nothing(classroom):
    teacher = classroom.open_room()
    with refused("not_joined"):
        classroom.answer(teacher.secret, "q", "a")
    for code in ("", "AAAAAAAA", teacher.code[:-1], teacher.code + "A", "'; DROP TABLE x; --"):
        with refused("no_room"):
            classroom.join(code)


def test_secrets_and_codes_are_random_and_only_digests_are_stored(classroom):
    keys = [classroom.open_room() for _ in range(20)]
    assert len({k.code for k in keys}) == 20 and len({k.secret for k in keys}) == 20
    assert all(len(k.secret) >= 32 for k in keys)
    student = classroom.join(keys[0].code)
    with classroom.engine.connect() as conn:
        stored = " ".join(
            str(value)
            for table in (S.rooms, S.students)
            for row in conn.execute(sa.select(table))
            for value in row
        )
    assert not any(k.secret in stored for k in keys)
    assert student.token not in stored


def test_joining_is_rate_limited_per_room(classroom, clock):
    busy, other = classroom.open_room(), classroom.open_room()
    for _ in range(LIMITS.joins_per_window):
        classroom.join(busy.code)
    with refused("rate_limited"):
        classroom.join(busy.code)
    classroom.join(other.code)  # another room is not slowed down
    clock.advance(LIMITS.join_window_seconds + 1)
    classroom.join(busy.code)


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "**bold** [link](javascript:alert(1)) ![i](http://x/i.png)",
    "$\\frac{1}{0}$ :material/warning: {name} {0}",
    "Robert'); DROP TABLE classroom_answers;--",
    "\u202eevil\u200b\u0000zero\x1b[31m",
    "line\nbreak\r\ttab",
    "한국어 별명🙂" * 10,
    "x" * 100_000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_nicknames_and_answers_are_kept_as_short_inert_text(classroom, text):
    teacher = classroom.open_room()
    student = classroom.join(teacher.code, text)
    classroom.answer(student.token, "q", text)
    (pooled,) = classroom.teacher_answers(teacher.secret, "q")
    for value, limit in ((pooled.nickname, S.MAX_NICKNAME), (pooled.answer, S.MAX_ANSWER)):
        assert len(value) <= limit
        assert not any(ch in value for ch in "\n\r\t\x00\x1b\u202e\u200b")
        assert value == S.clean_text(text, limit), "stored as cleaned, nothing else changed"
    assert S.clean_text("<b>x</b>", 40) == "<b>x</b>", "escaping is the page's job, at display"
    with classroom.engine.connect() as conn:  # the tables are all still there
        assert sa.inspect(conn).has_table("classroom_answers")


def test_empty_or_non_finite_answers_are_refused(classroom):
    teacher = classroom.open_room()
    student = classroom.join(teacher.code)
    for answer, value in (("", None), ("   ", None), ("\x00", None), ("a", float("nan"))):
        with refused("empty_answer"):
            classroom.answer(student.token, "q", answer, value=value)
    assert classroom.teacher_answers(teacher.secret) == []


def test_two_rooms_never_see_each_other(classroom):
    a, b = classroom.open_room(), classroom.open_room()
    sa_, sb = classroom.join(a.code, "in A"), classroom.join(b.code, "in B")
    classroom.answer(sa_.token, "q", "from A")
    classroom.answer(sb.token, "q", "from B")
    classroom.reveal(a.secret, "q")
    classroom.set_question(a.secret, "q")
    assert [x.answer for x in classroom.teacher_answers(a.secret)] == ["from A"]
    assert [x.answer for x in classroom.teacher_answers(b.secret)] == ["from B"]
    assert [x.answer for x in classroom.revealed_answers(sa_.token, "q")] == ["from A"]
    assert classroom.revealed_answers(sb.token, "q") is None, "A's reveal is not B's"
    assert classroom.student_room(sb.token).question is None
    assert classroom.clear(b.secret, "q") == 1
    assert len(classroom.teacher_answers(a.secret)) == 1, "clearing B leaves A"
    classroom.close(a.secret)
    classroom.answer(sb.token, "q", "still open")
    assert classroom.student_count(a.secret) == classroom.student_count(b.secret) == 1


def test_the_schema_is_created_on_start_and_a_second_process_shares_it(classroom):
    again = S.Classroom(str(classroom.engine.url.render_as_string(hide_password=False)))
    teacher = again.open_room()
    student = classroom.join(teacher.code)
    again.answer(student.token, "q", "a")
    assert len(classroom.teacher_answers(teacher.secret)) == 1
    again.engine.dispose()


def test_the_default_database_is_a_sqlite_file_in_the_app_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(S.ENV_URL, raising=False)
    monkeypatch.setenv(S.ENV_DIR, str(tmp_path / "data"))
    assert S.default_url() == f"sqlite:///{tmp_path / 'data' / 'classroom.sqlite3'}"
    monkeypatch.setenv(S.ENV_URL, "postgresql+psycopg://u@h/db")
    assert S.default_url() == "postgresql+psycopg://u@h/db"
