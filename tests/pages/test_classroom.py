"""AppTest of the class room: a teacher's session and students' sessions side by side, on
the app's real SQLite store (in a folder of this test run)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import make_app

PAGE = "pages/classroom.py"


@pytest.fixture(autouse=True)
def _room_database(tmp_path_factory, monkeypatch):
    monkeypatch.delenv("CLASSROOM_DB_URL", raising=False)
    monkeypatch.setenv("CLASSROOM_DATA_DIR", str(tmp_path_factory.getbasetemp() / "classroom"))


def run(at):
    """Run the app (``at``: an AppTest, or a widget just changed) and return the AppTest."""
    at = at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_room(lang="en", projector=False):
    teacher = run(make_app(PAGE, lang=lang, projector=projector))
    run(teacher.button(key="room_open").click())
    secret = teacher.query_params["room_key"]
    code = teacher.metric[0].value
    return teacher, secret, code


def join(code, nickname="", lang="en"):
    student = run(make_app(PAGE, lang=lang, room_code=code))
    assert student.text_input(key="room_code").value == code, "the student link fills the code"
    student.text_input(key="room_nickname").set_value(nickname)
    return run(student.button(key="room_join").click())


def ask(teacher, question):
    return run(teacher.selectbox(key="room_question").set_value(question))


def markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.mark.parametrize("lang,projector", [("en", False), ("ko", True)])
def test_a_lesson_in_a_room_from_opening_to_closing(lang, projector):
    teacher, secret, code = open_room(lang, projector)
    assert len(secret) >= 32 and len(code) == 8
    ask(teacher, "gcn.readout")
    students = [join(code, name, lang) for name in ("Ann", "Ben", "")]
    for student, choice in zip(students, ("mean", "sum", "mean")):
        assert student.success, "joined"
        student.radio(key="room_answer_gcn.readout").set_value(choice)
        run(student.button(key="room_send").click())
    run(teacher)
    assert [m.value for m in teacher.metric[1:]] == ["3", "3"]
    assert not teacher.get("plotly_chart"), "hidden: no chart, no correct answer on the projector"

    run(teacher.toggle(key="room_reveal_gcn.readout").set_value(True))
    (chart,) = teacher.get("plotly_chart")
    assert '"y":[2,1,0]' in chart.proto.spec.replace(" ", ""), "mean 2, sum 1, none 0"
    body = markdown(teacher)
    anonymous = "학생" if lang == "ko" else "Student"
    assert "Ann" in body and "Ben" in body and anonymous in body
    run(students[0])
    assert students[0].get("plotly_chart"), "revealed: the student sees the class's answers"

    run(teacher.button(key="room_clear").click())
    assert teacher.metric[2].value == "0"
    run(teacher.button(key="room_close").click())
    assert teacher.warning, "a closed room says so"
    run(students[1])
    assert students[1].warning and not students[1].get("radio")


def test_a_student_link_with_a_guessed_secret_gets_no_teacher_controls():
    _, secret, code = open_room()
    for guess in (secret[:-1] + ("A" if secret[-1] != "A" else "B"), code, "x" * 300):
        at = run(make_app(PAGE, room_key=guess))
        assert at.error and "not the secret teacher link" in at.error[0].value
        keys = {w.key for kind in ("selectbox", "toggle", "button") for w in at.get(kind)}
        assert not [k for k in keys if k and k.startswith("room_")], keys


def test_a_wrong_code_is_refused_with_a_message():
    open_room()
    at = join("NOPE2345")
    assert at.error and "No room has that join code" in at.error[0].value
    assert not at.success


def test_hostile_nicknames_reach_the_teacher_as_text():
    teacher, _, code = open_room()
    ask(teacher, "computation_graph.chain")
    nasty = "<img src=x>**b**[l](u)"  # within the 24 characters a nickname keeps
    student = join(code, nasty)
    student.number_input(key="room_answer_computation_graph.chain").set_value(4.0)
    run(student.button(key="room_send").click())
    run(teacher.toggle(key="room_reveal_computation_graph.chain").set_value(True))
    body = markdown(teacher)
    assert "\\<img src=x\\>\\*\\*b\\*\\*\\[l\\]\\(u\\)" in body
    assert not re.search(r"(?<!\\)[<*\[]", body.split("|---|")[-1]), "every sign escaped"


def test_sending_without_an_answer_asks_for_one():
    teacher, _, code = open_room()
    ask(teacher, "augmentation.ratio")
    student = join(code)
    run(student.button(key="room_send").click())
    assert student.error and "Choose or type an answer" in student.error[0].value
    run(teacher)
    assert teacher.metric[2].value == "0"


def test_a_database_that_cannot_be_reached_is_a_message(monkeypatch):
    from ui.classroom import room

    room.classroom.clear()
    monkeypatch.setenv("CLASSROOM_DB_URL", "postgresql+psycopg://nobody@/x?host=/nonexistent")
    try:
        at = run(make_app(PAGE))
        assert at.error and "CLASSROOM_DB_URL" in at.error[0].value
    finally:
        room.classroom.clear()
