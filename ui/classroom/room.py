"""The class room page: a teacher opens a room and watches the class's answers live; a
student joins with the code and answers the question the teacher asks.

Who is the teacher is decided by the link alone (``room_key``, the secret), checked by the
store on every action. Everything a student typed is shown escaped (``core.common.markdown``)
or as plotly text escaped for its HTML subset.
"""

from __future__ import annotations

import html

import streamlit as st

from core.classroom import questions as Q
from core.classroom.figures import answer_histogram, results_by_strategy
from core.classroom.store import Answer, Classroom, Room, RoomError, StudentKey
from core.common.lesson import Step
from core.common.markdown import literal, table
from ui.classroom.presentation import apply_teacher_link, presenting
from ui.classroom.state import (
    link_code,
    room_session,
    set_teacher_secret,
    teacher_secret,
)
from ui.common.frame import theme, tr
from ui.common.state import widget_value

TEACHER_REFRESH_S = 1.0  # the projector follows answers within about a second
STUDENT_REFRESH_S = 2.0  # students see a new question or a reveal within two


@st.cache_resource(show_spinner=False)
def classroom() -> Classroom:
    """The process's one store (its engine pools connections for every session)."""
    return Classroom()


def room_page() -> None:
    apply_teacher_link()
    try:
        store = classroom()
    except Exception:  # a wrong CLASSROOM_DB_URL or an unreachable server: say so, no traceback
        st.error(tr("classroom.error.database"), icon=":material/database:")
        return
    secret = teacher_secret()
    if secret:
        teacher_view(store, secret)
    elif room_session().student is not None:
        student_view(store, room_session().student)
    else:
        join_form(store)
        st.divider()
        st.button(
            tr("classroom.open"),
            key="room_open",
            help=tr("classroom.open_help"),
            on_click=_open_room,
            args=(store,),
            icon=":material/co_present:",
        )


# ---------------------------------------------------------------- teacher


def _open_room(store: Classroom) -> None:
    set_teacher_secret(store.open_room().secret)


def teacher_view(store: Classroom, secret: str) -> None:
    try:
        room = store.teacher_room(secret)
    except RoomError as err:
        st.error(tr(err.key), icon=":material/lock:")
        return
    if room.closed or room.expired:
        st.warning(tr("classroom.error.closed" if room.closed else "classroom.error.expired"))
        return
    code_cell, question_cell = st.columns([1, 2], vertical_alignment="center")
    with code_cell:
        st.metric(tr("classroom.code_title"), room.code)
        st.caption(tr("classroom.code_hint"))
    with question_cell:
        question = _question_select(store, secret, room)
    if not presenting():  # never on the projector: the secret stays with the teacher
        with st.expander(tr("classroom.teacher_link")):
            st.code(f"/classroom?room_key={secret}", language=None)
            st.caption(tr("classroom.projector_link"))
            st.code(f"/classroom?room_key={secret}&present=1&projector=1", language=None)
    _teacher_actions(store, secret, room, question)
    teacher_live(store, secret, question)


def _question_select(store: Classroom, secret: str, room: Room) -> str | None:
    options = ["", *Q.question_ids()]
    return (
        st.selectbox(
            tr("classroom.question"),
            options,
            index=options.index(room.question) if room.question in options else 0,
            format_func={q: _question_label(q) for q in options}.__getitem__,  # fixed language
            key="room_question",
            on_change=_set_question,
            args=(store, secret),
        )
        or None
    )


def _set_question(store: Classroom, secret: str) -> None:
    try:
        store.set_question(secret, widget_value("room_question") or None)
    except RoomError:
        pass  # the view shows the room's state on this run


def _question_text(question: str) -> str:
    return tr(Q.RESULTS[question] if Q.is_result(question) else Q.steps()[question].question)


def _question_label(question: str) -> str:
    if not question:
        return tr("classroom.no_question")
    if Q.is_result(question):
        return tr(Q.RESULTS[question])
    lab = question.split(".")[0]
    text = tr(Q.steps()[question].question)
    return f"{tr(f'common.page.{lab}')} · {text[:70]}{'…' if len(text) > 70 else ''}"


def _teacher_actions(store: Classroom, secret: str, room: Room, question: str | None) -> None:
    reveal_cell, clear_cell, close_cell = st.columns(3, vertical_alignment="center")
    if question:
        reveal_cell.toggle(
            tr("classroom.reveal"),
            value=question in room.revealed,
            key=f"room_reveal_{question}",
            on_change=_reveal,
            args=(store, secret, question),
        )
        clear_cell.button(
            tr("classroom.clear"),
            key="room_clear",
            on_click=_clear,
            args=(store, secret, question),
            icon=":material/delete_sweep:",
        )
    close_cell.button(
        tr("classroom.close"),
        key="room_close",
        on_click=_close,
        args=(store, secret),
        icon=":material/door_front:",
    )


def _reveal(store: Classroom, secret: str, question: str) -> None:
    store.reveal(secret, question, bool(widget_value(f"room_reveal_{question}")))


def _clear(store: Classroom, secret: str, question: str) -> None:
    count = store.clear(secret, question)
    room_session().notice = ("classroom.cleared", {"count": count})


def _close(store: Classroom, secret: str) -> None:
    store.close(secret)


@st.fragment(run_every=TEACHER_REFRESH_S)
def teacher_live(store: Classroom, secret: str, question: str | None) -> None:
    """The projector's live part, re-read every second: counts always; the chart, the
    correct answer and the answers by student once the teacher reveals the question."""
    session = room_session()
    if session.notice:
        key, params = session.notice
        session.notice = None
        st.toast(tr(key, **params))
    try:
        room = store.teacher_room(secret)
        students = store.student_count(secret)
        pooled = store.teacher_answers(secret, question) if question else []
    except RoomError as err:
        st.error(tr(err.key))
        return
    if room.closed or room.expired:
        st.warning(tr("classroom.error.closed" if room.closed else "classroom.error.expired"))
        return
    counts, main = st.columns([1, 4])
    counts.metric(tr("classroom.students"), students)
    counts.metric(tr("classroom.answers_count"), len(pooled))
    with main:
        if question:  # the question in full, in large type, for the class to read
            st.markdown(f"#### {_question_text(question)}")
        if question and question in room.revealed:
            show_pooled(question, pooled)
        elif question:
            st.caption(tr("classroom.hidden_teacher"))
    if pooled:  # folded: the projector shows names only when the teacher opens it
        with st.expander(tr("classroom.table"), expanded=False):
            st.markdown(answers_table(question, pooled))


def show_pooled(question: str, pooled: list[Answer]) -> None:
    """A revealed question: the chart of its pooled answers and the correct answer (results
    by strategy for a run result)."""
    if not pooled:
        st.info(tr("classroom.no_answers"))
        return
    if Q.is_result(question):
        fig = results_by_strategy(
            pooled, theme(), tr(Q.RESULTS[question]), tr("classroom.value"), _strategy_label
        )
    else:
        step = Q.steps()[question]
        fig = answer_histogram(
            pooled,
            theme(),
            tr("classroom.histogram"),
            step.choices,
            lambda a: _plain(answer_label(step, a)),
            step.correct if step.choices else None,
        )
        st.markdown(tr("classroom.correct_is", answer=literal(answer_label(step, step.correct))))
    st.plotly_chart(fig, theme=None, config={"displayModeBar": False}, key=f"room_chart_{question}")


def answer_label(step: Step, answer: str | float) -> str:
    if step.choices and answer in step.choices:
        return tr(step.choice_label(answer))
    return f"{answer:g}" if isinstance(answer, float) else str(answer)


def strategy_name(strategy: str) -> str:
    """A transfer run's preset by its name in the lab; any other strategy as it is."""
    try:
        return tr(f"transfer_learning.preset.{strategy}.short")
    except KeyError:
        return strategy


def _strategy_label(strategy: str) -> str:
    return _plain(strategy_name(strategy))


def _plain(text: str) -> str:
    """Plotly draws a subset of HTML in labels (links, bold): a label is text, so escape it."""
    return html.escape(str(text))


def student_name(answer: Answer) -> str:
    return answer.nickname or tr("classroom.anonymous", number=answer.student)


def answers_table(question: str, pooled: list[Answer]) -> str:
    """One row per answer, newest first: student and answer, or student, strategy and value
    for a run result."""
    if Q.is_result(question):
        columns = ("student", "strategy", "value")
        rows = [
            (
                student_name(a),
                strategy_name(a.strategy),
                "" if a.value is None else f"{a.value:.3f}",
            )
            for a in reversed(pooled)
        ]
    else:
        step = Q.steps()[question]
        columns = ("student", "answer")
        rows = [(student_name(a), answer_label(step, a.answer)) for a in reversed(pooled)]
    headers = [tr(f"classroom.col.{c}") for c in columns]
    return table(headers, rows)


# ---------------------------------------------------------------- students


def join_form(store: Classroom) -> None:
    st.subheader(tr("classroom.join_title"))
    code_cell, name_cell, button_cell = st.columns([1, 1, 0.6], vertical_alignment="bottom")
    code_cell.text_input(tr("classroom.code"), value=link_code(), key="room_code", max_chars=16)
    name_cell.text_input(
        tr("classroom.nickname"),
        key="room_nickname",
        max_chars=24,
        help=tr("classroom.nickname_help"),
    )
    button_cell.button(
        tr("classroom.join"), key="room_join", on_click=_join, args=(store,), type="primary"
    )
    session = room_session()
    if session.notice:
        key, params = session.notice
        session.notice = None
        st.error(tr(key, **params))


def _join(store: Classroom) -> None:
    session = room_session()
    try:
        session.student = store.join(
            widget_value("room_code", ""), widget_value("room_nickname", "")
        )
        session.code = store.student_room(session.student.token).code
    except RoomError as err:
        session.notice = (err.key, {})


def _leave() -> None:
    session = room_session()
    session.student, session.sent = None, {}


@st.fragment(run_every=STUDENT_REFRESH_S)
def student_view(store: Classroom, me: StudentKey) -> None:
    session = room_session()
    try:
        room = store.student_room(me.token)
    except RoomError as err:
        st.warning(tr(err.key), icon=":material/door_front:")
        st.button(tr("classroom.leave"), key="room_leave", on_click=_leave)
        return
    st.success(tr("classroom.joined", code=room.code))
    if not room.question:
        st.info(tr("classroom.wait"), icon=":material/hourglass_top:")
    else:
        _answer_form(store, me, room.question)
        if session.notice:
            key, params = session.notice
            session.notice = None
            st.error(tr(key, **params))
        shown = store.revealed_answers(me.token, room.question)
        if shown is None:
            st.caption(tr("classroom.hidden"))
        else:
            show_pooled(room.question, shown)
    st.button(tr("classroom.leave"), key="room_leave", on_click=_leave)


def _answer_form(store: Classroom, me: StudentKey, question: str) -> None:
    if Q.is_result(question):
        st.markdown(f"### {tr(Q.RESULTS[question])}")
        return  # results come from the labs' runs, not from a form
    step = Q.steps()[question]
    st.markdown(f"### {tr(step.question)}")
    if step.choices:
        st.radio(
            tr("classroom.your_answer"),
            step.choices,
            format_func=_choice_labels(step),
            key=f"room_answer_{question}",
            index=None,
        )
    else:
        low, high = step.number
        st.number_input(
            tr("classroom.your_answer"),
            min_value=float(low),
            max_value=float(high),
            value=None,
            key=f"room_answer_{question}",
        )
    st.button(
        tr("classroom.send"),
        key="room_send",
        on_click=_send,
        args=(store, me, question),
        type="primary",
        icon=":material/send:",
    )
    sent = room_session().sent.get(question)
    if sent is not None:
        st.caption(tr("classroom.sent", answer=literal(answer_label(step, _parsed(step, sent)))))


def _choice_labels(step: Step):
    table_ = {c: tr(step.choice_label(c)) for c in step.choices}
    return table_.__getitem__


def _parsed(step: Step, text: str):
    try:
        return step.parse(text)
    except ValueError:
        return text


def _send(store: Classroom, me: StudentKey, question: str) -> None:
    session = room_session()
    value = widget_value(f"room_answer_{question}")
    if value is None:
        session.notice = ("classroom.error.empty_answer", {})
        return
    text = value if isinstance(value, str) else f"{float(value):g}"
    try:
        store.answer(me.token, question, text)
        session.sent[question] = text
    except RoomError as err:
        session.notice = (err.key, {})
