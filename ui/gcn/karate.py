"""Kipf & Welling's karate-club demo: the untrained embedding, then live training.

A fragment with ``run_every`` advances the training generator kept in the lab's state a
few epochs per tick while a run is active; Start/Pause/Reset buttons flip the flag.
Training runs on torch (``core.gcn.karate_training``), imported on the first run.
"""

from __future__ import annotations

import streamlit as st

from core.gcn import controls as C
from core.gcn import karate_training as kt
from core.gcn.figures import embedding_figure, training_curves_figure
from ui.classroom.results import send_result
from ui.common.controls import control
from ui.common.frame import theme, tr
from ui.common.layout import columns
from ui.common.state import widget_value
from ui.gcn.state import KarateRun, lab_state

EPOCHS_PER_TICK = 5
TICK_SECONDS = 0.3


@st.cache_data(show_spinner=False, max_entries=1)
def _problem() -> kt.KarateProblem:
    return kt.karate_problem()


def _fresh(seed: int) -> KarateRun:
    steps = kt.train_karate(seed=seed, problem=_problem())
    return KarateRun(seed, steps, [next(steps)])


def _run() -> KarateRun:
    """The session's run, started afresh when the seed changed."""
    state = lab_state()
    seed = int(widget_value(C.TRAIN_SEED.key, C.TRAIN_SEED.default))
    if state.karate is None or state.karate.seed != seed:
        state.karate = _fresh(seed)
    return state.karate


def _start_pause() -> None:
    run = _run()
    if run.done:
        run = _fresh(run.seed)
        lab_state().karate = run
    run.running = not run.running


def _reset() -> None:
    lab_state().karate = _fresh(_run().seed)


def advance(run: KarateRun) -> None:
    """A few Adam steps; marks the run done at the last epoch."""
    for _ in range(EPOCHS_PER_TICK):
        try:
            run.states.append(next(run.steps))
        except StopIteration:
            run.running, run.done = False, True
            send_result("gcn.karate_result", run.states[-1].accuracy, "GCN")  # a joined room
            break


def karate_view() -> None:
    st.markdown(tr("gcn.karate.intro"))
    cols = columns([1, 1, 1, 2], projector_per_row=3, vertical_alignment="bottom")
    with cols[0]:
        control(C.TRAIN_SEED)
    run = _run()
    with cols[1]:
        label = (
            "gcn.karate.pause"
            if run.running
            else ("gcn.karate.again" if run.done else "gcn.karate.train")
        )
        st.button(
            tr(label),
            key="gcn_train",
            on_click=_start_pause,
            type="primary",
            width="stretch",
            icon=":material/pause:" if run.running else ":material/play_arrow:",
        )
    with cols[2]:
        st.button(
            tr("gcn.karate.reset"),
            key="gcn_train_reset",
            on_click=_reset,
            width="stretch",
            icon=":material/restart_alt:",
        )
    st.fragment(_live, run_every=TICK_SECONDS if run.running else None)()


def _live() -> None:
    run = _run()
    was_running = run.running
    if was_running:
        advance(run)
    states = run.states
    current, first = states[-1], states[0]
    problem = _problem()
    t = theme()
    grouping = kt.nearest_label_accuracy(first.embedding, problem)
    m = st.columns(4)
    m[0].metric(tr("gcn.karate.epoch"), f"{current.epoch} / {kt.EPOCHS}")
    m[1].metric(tr("gcn.karate.loss"), f"{current.loss:.3f}")
    gain = 100 * (current.accuracy - first.accuracy)
    m[2].metric(
        tr("gcn.karate.accuracy"),
        f"{current.accuracy:.0%}",
        delta=tr("gcn.karate.gain", points=gain) if current.epoch else None,
    )
    m[3].metric(tr("gcn.karate.grouping"), f"{grouping:.0%}", help=tr("gcn.karate.grouping_help"))
    st.caption(tr("gcn.karate.grouping_note", grouping=grouping, untrained=first.accuracy))
    left, right = st.columns(2)
    factions = [tr("gcn.karate.faction0"), tr("gcn.karate.faction1")]
    title = (
        tr("gcn.karate.untrained")
        if current.epoch == 0
        else tr("gcn.karate.after", epoch=current.epoch)
    )
    with left:
        st.plotly_chart(
            embedding_figure(
                current.embedding,
                problem.y,
                problem.labelled,
                t,
                faction_names=factions,
                labelled_name=tr("gcn.karate.labelled"),
                title=title,
                predictions=current.predictions if current.epoch else None,
                wrong_name=tr("gcn.karate.wrong"),
            ),
            key="gcn_karate_embedding",
            theme=None,
            config={"displaylogo": False},
        )
    with right:
        st.plotly_chart(
            training_curves_figure(
                [s.epoch for s in states],
                [s.loss for s in states],
                [s.accuracy for s in states],
                t,
                loss_name=tr("gcn.karate.loss"),
                accuracy_name=tr("gcn.karate.accuracy"),
                epoch_name=tr("gcn.karate.epoch"),
                total_epochs=kt.EPOCHS,
            ),
            key="gcn_karate_curves",
            theme=None,
            config={"displaylogo": False},
        )
    st.caption(
        tr(
            "gcn.karate.caption",
            labelled=", ".join(str(i) for i in problem.labelled),
            unlabelled=len(problem.unlabelled),
        )
    )
    if was_running and not run.running:
        st.rerun()  # training finished: a full rerun switches the timer off and relabels the button
