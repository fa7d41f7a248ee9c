"""AppTest of the class room: a teacher's session and students' sessions side by side, on
the app's real SQLite store (in a folder of this test run)."""

from __future__ import annotations

import re

import pytest

from core.classroom.questions import lessons
from core.common.labs import LABS
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


# ---------------------------------------------------------------- lesson mode in every lab


def _answer_step(at, prefix, index, step, right=True):
    from core.common.lesson import format_answer

    key = f"{prefix}_lesson_{index}"
    if step.choices:
        wrong = next(c for c in step.choices if c != step.correct)
        at.radio(key=key).set_value(step.correct if right else wrong)
    else:
        low, high = step.number
        wrong = high if abs(high - step.correct) > step.tolerance else low
        at.number_input(key=key).set_value(float(step.correct if right else wrong))
    run(at.button(key=f"{prefix}_lesson_answer").click())
    return format_answer(step.correct if step.choices or not right else float(step.correct))


@pytest.mark.parametrize("lab", LABS, ids=lambda lab: lab.name)
def test_each_labs_lesson_driven_to_the_end(lab):
    lesson, prefix, lab = lessons()[lab.name], lab.prefix, lab.name
    at = run(make_app(f"pages/{lab}.py"))
    assert lesson.key not in at.query_params, "no lesson parameter before a first answer"
    for index, step in enumerate(lesson.steps):
        right = index != 0  # the first answer wrong, to see the correction
        _answer_step(at, prefix, index, step, right)
        shown = [s.value for s in at.success] + [w.value for w in at.warning]
        assert any(("Right!" if right else "Not quite") in text for text in shown), shown
        assert at.query_params[lesson.key].startswith(f"{index}:")
        assert any(i.icon == ":material/science:" for i in at.info), "the live result"
        run(at.button(key=f"{prefix}_lesson_next").click())
    total = len(lesson.steps)
    assert any(f"Lesson done: {total - 1} of {total} right." in s.value for s in at.success)
    assert at.query_params[lesson.key].startswith(f"{total}:")

    again = run(make_app(f"pages/{lab}.py", **{lesson.key: at.query_params[lesson.key]}))
    assert any("Lesson done" in s.value for s in again.success), "the link keeps the progress"
    run(again.button(key=f"{prefix}_lesson_restart").click())
    assert lesson.key not in again.query_params


def test_a_hand_edited_lesson_link_starts_over_with_a_message():
    at = run(make_app("pages/gcn.py", gcn_lesson="7:zzz"))
    assert any("gcn_lesson" in w.value for w in at.warning)
    assert at.get("number_input") or at.get("radio")


def test_a_students_lesson_answer_reaches_the_room():
    teacher, _, code = open_room()
    ask(teacher, "gcn.norm")
    student = join(code, "Kim")
    student.switch_page("pages/gcn.py")
    run(student)
    student.number_input(key="gcn_lesson_0").set_value(0.5)
    run(student.button(key="gcn_lesson_answer").click())
    run(teacher)
    assert teacher.metric[2].value == "1"
    assert "Kim" in markdown(teacher)


def test_a_finished_karate_run_reaches_the_room_as_a_result(monkeypatch):
    import ui.gcn.karate as karate

    monkeypatch.setattr(karate, "EPOCHS_PER_TICK", 400)  # the whole run in one tick
    teacher, _, code = open_room()
    ask(teacher, "gcn.karate_result")
    student = join(code, "Lee")
    student.default_timeout = 300  # 300 epochs in one run: slow on a busy machine
    student.switch_page("pages/gcn.py")
    student.query_params["gcn_view"] = "karate"
    run(student)
    run(student.button(key="gcn_train").click())
    accuracy = student.session_state["_gcn_state"].karate.states[-1].accuracy
    run(teacher.toggle(key="room_reveal_gcn.karate_result").set_value(True))
    (chart,) = teacher.get("plotly_chart")
    row = f"| Lee | GCN | {accuracy:.3f} |".replace(".", "\\.")
    assert row in markdown(teacher), "the run's accuracy, in the table"
    assert '"GCN"' in chart.proto.spec and str(round(accuracy, 6))[:5] in chart.proto.spec


def test_a_finished_strategy_experiment_sends_each_cell_to_the_room():
    from core.common.i18n import t
    from core.common.markdown import table as markdown_table

    teacher, _, code = open_room()
    question = "transfer_learning.experiment.large_far"
    ask(teacher, question)
    student = join(code, "Park")
    student.default_timeout = 300
    student.switch_page("pages/transfer_learning.py")
    tiny = dict(tl_data_per_class="6", tl_x_small="1", tl_x_large="2", tl_x_seeds="1")
    for key, value in {**tiny, "tl_x_steps": "1", "tl_x_test": "2"}.items():
        student.query_params[key] = value
    run(student)
    run(student.button(key="tl_x_start").click())
    for _ in range(200):
        experiment = student.session_state["tl_state"].experiment.experiment
        if experiment.finished:
            break
        run(student)  # one tick of the live panel
    run(student)  # the page's full run reveals the cells and sends them
    cell = next(c for c in experiment.cells() if (c.size, c.similarity) == ("large", "far"))
    run(teacher.toggle(key=f"room_reveal_{question}").set_value(True))
    table = markdown(teacher)
    for name, result in cell.strategies.items():
        label = t(f"transfer_learning.preset.{name}.short", "en")  # as the lab names it
        assert (
            markdown_table(
                ["Student", "Strategy", "Value"], [["Park", label, f"{result.acc_mean:.3f}"]]
            ).splitlines()[-1]
            in table
        ), name
    assert teacher.metric[2].value == "4"  # one per strategy


def test_the_teacher_link_builder_keeps_values_and_hides_chosen_controls():
    at = run(make_app("pages/gcn.py", gcn_preset="path", gcn_size="5"))
    assert not [m for m in at.get("multiselect") if m.key == "gcn_link_hide"], "folded at first"
    run(at.toggle(key="gcn_link_make").set_value(True))
    at.multiselect(key="gcn_link_hide").set_value(["gcn_preset", "gcn_size"])
    run(at.toggle(key="gcn_link_present").set_value(True))
    (link,) = [c.value for c in at.code if c.value.startswith("/gcn?")]
    for part in ("gcn_preset=path", "gcn_size=5", "hide=gcn_preset,gcn_size", "present=1"):
        assert part in link, link
    hidden = run(make_app("pages/gcn.py", **dict(p.split("=") for p in link[5:].split("&"))))
    assert hidden.session_state["gcn_preset"] == "path", "the link's values hold"
