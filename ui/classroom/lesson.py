"""Lesson mode's panel, the same for every lab: one call under the page title
(``lesson_panel("gcn")``) draws a folded panel with the current step's question, the
student's answer, then the live result and why. A student in a room sends each answer
there too (the step's id is the room's question)."""

from __future__ import annotations

import streamlit as st

from core.classroom import questions as Q
from core.classroom.store import RoomError
from core.common.lesson import Lesson, Progress, Step, format_answer
from core.common.markdown import literal_params
from ui.classroom.presentation import apply_teacher_link, link_builder, presenting
from ui.classroom.room import answer_label, classroom
from ui.classroom.state import lesson_progress, room_session, set_lesson_progress
from ui.common.frame import tr
from ui.common.state import link_value, shown_link_value, widget_value


@st.cache_data(show_spinner=False, max_entries=64)
def step_result(step_id: str) -> tuple[str, dict]:
    """A step's live result: computed by the lab's core once per process (it is the same
    for every student: a fixed experiment, run for real)."""
    return Q.steps()[step_id].result()


def lesson_panel(lab: str) -> None:
    apply_teacher_link()
    lesson = Q.lessons()[lab]
    progress, ok = lesson_progress(lesson)
    if not ok:
        st.warning(
            tr(
                "common.bad_url_param",
                name=lesson.key,
                value=shown_link_value(link_value(lesson.key)),
            )
        )
    started = progress != Progress()
    with st.expander(tr("classroom.lesson.toggle"), expanded=started, icon=":material/school:"):
        st.caption(tr("classroom.lesson.toggle_help"))
        if progress.done(lesson):
            st.success(
                tr(
                    "classroom.lesson.done",
                    score=progress.score(lesson),
                    total=len(lesson.steps),
                )
            )
        else:
            _step(lesson, progress)
        if started:
            st.button(
                tr("classroom.lesson.restart"),
                key=f"{lesson.prefix}_lesson_restart",
                on_click=set_lesson_progress,
                args=(lesson, Progress()),
                icon=":material/restart_alt:",
            )
        if not presenting():
            st.divider()
            link_builder(lab, lesson.prefix)


def _step(lesson: Lesson, progress: Progress) -> None:
    step = lesson.steps[progress.step]
    st.markdown(
        f"**{tr('classroom.lesson.step', step=progress.step + 1, total=len(lesson.steps))}** · "
        + tr(step.question)
    )
    given = progress.current_answer()
    if given is None:
        _answer_widget(step, f"{lesson.prefix}_lesson_{progress.step}")
        st.button(
            tr("classroom.lesson.answer"),
            key=f"{lesson.prefix}_lesson_answer",
            on_click=_answer,
            args=(lesson, progress),
            type="primary",
        )
        return
    answer = step.parse(given)
    if step.is_right(answer):
        st.success(tr("classroom.lesson.right"), icon=":material/check_circle:")
    else:
        correct = answer_label(step, step.correct)
        st.warning(tr("classroom.lesson.wrong", **literal_params({"answer": correct})))
    key, params = step_result(step.id)
    st.info(tr(key, **params), icon=":material/science:")
    st.markdown(tr(step.why))
    st.button(
        tr("classroom.lesson.next"),
        key=f"{lesson.prefix}_lesson_next",
        on_click=set_lesson_progress,
        args=(lesson, progress.next(lesson)),
        type="primary",
    )


def _answer_widget(step: Step, key: str) -> None:
    if step.choices:
        labels = {c: tr(step.choice_label(c)) for c in step.choices}
        st.radio(
            tr("classroom.your_answer"),
            step.choices,
            format_func=labels.__getitem__,
            key=key,
            index=None,
        )
    else:
        low, high = step.number
        st.number_input(
            tr("classroom.lesson.number"),
            min_value=float(low),
            max_value=float(high),
            value=None,
            key=key,
        )


def _answer(lesson: Lesson, progress: Progress) -> None:
    step = lesson.steps[progress.step]
    value = widget_value(f"{lesson.prefix}_lesson_{progress.step}")
    if value is None:
        return  # nothing chosen: the question stays
    text = format_answer(value if isinstance(value, str) else float(value))
    set_lesson_progress(lesson, progress.answered(lesson, text))
    session = room_session()
    if session.student is not None:
        try:
            classroom().answer(session.student.token, step.id, text)
            st.toast(tr("classroom.lesson.sent_to_room"))
        except RoomError as err:
            st.toast(tr(err.key))
