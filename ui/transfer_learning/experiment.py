"""Transfer lab, the strategy experiment: the notes' table (5.3.2) tested, predict first.

The student picks the two datasets and the sample sizes, guesses each cell's winner (kept in
the link), starts; a fragment advances the experiment a little per tick (through the lab's
process-wide queue, like a training run) and draws each cell's progress. A finished cell is
revealed in the 2x2 grid, beside the notes' table, with a sentence per cell. Finished
experiments are kept process-wide by their settings: the next student asking for the same
one gets it at once.
"""

from __future__ import annotations

import uuid

import streamlit as st

from core.common import backbones
from core.common.errors import UserFacingError
from core.common.markdown import table
from core.transfer_learning import experiment_controls as xc
from core.transfer_learning.datasets import LabeledImages
from core.transfer_learning.experiment import (
    CELLS,
    DONE,
    FAILED,
    FEATURES,
    STOPPED,
    ExperimentSettings,
    StrategyExperiment,
    make_side,
    shapes_with_test,
)
from core.transfer_learning.experiment_figures import (
    cell_label,
    cell_sentence,
    comparison_table,
    grid_figure,
    guess_sentence,
    summary_sentence,
)
from ui.classroom.results import send_experiment_cell
from ui.common.controls import control
from ui.common.frame import lang, theme, tr
from ui.common.layout import columns
from ui.common.models import require_model
from ui.transfer_learning.dataset_input import dataset_input
from ui.transfer_learning.state import lab_state
from ui.transfer_learning.training import activation_cache, run_slots, tick_work

TICK_S = 0.5
BUDGET_S = 0.6  # seconds of work per tick
WORKERS = 2  # runs side by side when the queue grants two places
KEPT_EXPERIMENTS = 8  # finished experiments kept for every session (oldest dropped)


@st.cache_resource(show_spinner=False)
def finished_experiments() -> dict:
    """Finished experiments by their settings and datasets, shared by every session (read
    only: only their numbers are shown)."""
    return {}


@st.cache_resource(max_entries=4, show_spinner=False)
def _shapes(per_class: int, test_per_class: int) -> LabeledImages:
    return shapes_with_test(per_class, test_per_class)


# ---------------------------------------------------------------- choices


def _settings() -> ExperimentSettings:
    cols = columns(5, projector_per_row=3)
    with cols[0]:
        small = int(control(xc.SMALL))
    with cols[1]:
        large = int(control(xc.LARGE, allowed=range(small + 1, xc.LARGE.param.high + 1)))
    with cols[2]:
        seeds = int(control(xc.SEEDS))
    with cols[3]:
        steps = int(control(xc.STEPS))
    with cols[4]:
        test = int(control(xc.TEST))
    return ExperimentSettings(
        small_per_class=small,
        large_per_class=large,
        seeds=seeds,
        steps=steps,
        test_per_class=test,
        resolution=ExperimentSettings().resolution,
    )


def _side(side: str, source: str, lab_data: LabeledImages | None, settings):
    """The dataset on one side (drawn in that side's column), or None."""
    if source == "shapes":
        return _shapes(settings.large_per_class, settings.test_per_class)
    if source == "own":
        with st.container(border=True, key=f"tl_x_{side}_own"):
            return dataset_input(f"tl_x_{side}_data")
    if side == "close" and (lab_data is None or lab_data.source == "shapes"):
        st.info(tr("transfer_learning.experiment.close_missing"), icon=":material/photo:")
        if lab_data is not None:
            st.caption(tr("transfer_learning.experiment.lab_is_shapes"))
    return lab_data


def _datasets(lab_data: LabeledImages | None, settings: ExperimentSettings) -> dict | None:
    """The two sides as the experiment sees them, or None (the reason is on screen)."""
    chosen = {}
    for side, column in zip(("close", "far"), columns(2)):
        with column:
            source = control(xc.CLOSE if side == "close" else xc.FAR)
            chosen[side] = _side(side, source, lab_data, settings)
    if any(d is None for d in chosen.values()):
        return None
    try:
        return {sim: make_side(d, sim, settings) for sim, d in chosen.items()}
    except UserFacingError as err:  # the lab's own data is fine; only this section cannot run
        st.warning(tr(err.key, **err.params), icon=":material/photo_library:")
        return None


def _guesses(disabled: bool) -> dict:
    st.markdown(f"**{tr('transfer_learning.experiment.predict_title')}**")
    st.caption(tr("transfer_learning.experiment.predict_intro"))
    cols = columns(2)
    guesses = {}
    for i, cell in enumerate(CELLS):
        with cols[i % 2]:
            guesses[cell] = control(
                xc.GUESSES[cell], label=cell_label(*cell, lang()), disabled=disabled
            )
    return guesses


# ---------------------------------------------------------------- start / stop


def _start(sides: dict, settings: ExperimentSettings, stage_list: list) -> None:
    part = lab_state().experiment
    _stop()
    key = (settings, sides["close"].fingerprint, sides["far"].fingerprint)
    part.key, part.from_cache, part.revealed = key, False, 0
    part.sent_cells = set()
    shared = finished_experiments().get(key)
    if shared is not None:
        part.experiment, part.from_cache = shared, True
        return
    spec = backbones.get_spec(settings.backbone)
    part.experiment = StrategyExperiment(stage_list, spec, sides, settings, activation_cache())
    part.run_id = uuid.uuid4().hex


def _keep(key: tuple, experiment: StrategyExperiment) -> None:
    kept = finished_experiments()
    kept[key] = experiment
    for old in list(kept)[: max(len(kept) - KEPT_EXPERIMENTS, 0)]:
        kept.pop(old, None)


def _release(part) -> None:
    for i in range(WORKERS):
        run_slots().release(f"{part.run_id}-{i}")


def _stop() -> None:
    part = lab_state().experiment
    if part.experiment is not None and not part.experiment.finished:
        part.experiment.stop()
        _release(part)


def _buttons(sides: dict | None, settings: ExperimentSettings, active: bool, stage_list) -> None:
    left, right = columns(2, projector_per_row=2)
    left.button(
        tr("transfer_learning.experiment.start"),
        key="tl_x_start",
        type="primary",
        icon=":material/science:",
        disabled=sides is None or stage_list is None or active,
        on_click=_start,
        args=(sides, settings, stage_list),
        width="stretch",
    )
    right.button(
        tr("transfer_learning.experiment.stop"),
        key="tl_x_stop",
        icon=":material/stop:",
        disabled=not active,
        on_click=_stop,
        width="stretch",
    )
    if sides is None:
        st.caption(tr("transfer_learning.experiment.not_ready"))


# ---------------------------------------------------------------- live progress


def _tick(experiment: StrategyExperiment) -> None:
    part = lab_state().experiment
    places = [run_slots().request(f"{part.run_id}-0")]
    if places[0] == 0:
        places.append(run_slots().request(f"{part.run_id}-1"))
    workers = sum(p == 0 for p in places)
    if not workers:
        st.info(
            tr("transfer_learning.experiment.queued", place=places[0]),
            icon=":material/hourglass_top:",
        )
        return
    tick_work(experiment.advance, BUDGET_S, workers)
    if experiment.finished:
        _release(part)
        if experiment.status == DONE:
            _keep(part.key, experiment)
        st.rerun()  # the whole page: results, buttons, no more ticking
    complete = sum(c.complete for c in experiment.cells())
    if complete > part.revealed:
        part.revealed = complete
        st.rerun()  # a cell finished: reveal it


def _progress(experiment: StrategyExperiment) -> None:
    if experiment.status == FEATURES:
        st.progress(
            experiment.features_done / max(experiment.features_total, 1),
            text=tr(
                "transfer_learning.experiment.phase_features",
                done=experiment.features_done,
                total=experiment.features_total,
            ),
        )
    cols = columns(2)
    for i, cell in enumerate(CELLS):
        trials = [t for t in experiment.trials if (t.size, t.similarity) == cell]
        done = sum(t.accuracy is not None for t in trials)
        with cols[i % 2], st.container(key=f"tl_x_progress_{'_'.join(cell)}"):
            st.progress(
                experiment.cell_progress(*cell),
                text=tr(
                    "transfer_learning.experiment.cell_progress",
                    cell=cell_label(*cell, lang()),
                    done=done,
                    total=len(trials),
                ),
            )


def _live_panel() -> None:
    experiment = lab_state().experiment.experiment
    active = experiment is not None and not experiment.finished

    @st.fragment(run_every=TICK_S if active else None)
    def panel() -> None:
        experiment = lab_state().experiment.experiment
        if experiment is None:
            return
        if not experiment.finished:
            _tick(experiment)
        _progress(experiment)
        _ending(experiment)

    panel()


def _ending(experiment: StrategyExperiment) -> None:
    part = lab_state().experiment
    if part.from_cache:
        st.info(tr("transfer_learning.experiment.from_cache"), icon=":material/bolt:")
    if experiment.status == DONE:
        seconds = f"{experiment.wall_seconds:.0f}"
        st.success(tr("transfer_learning.experiment.done", seconds=seconds))
    elif experiment.status == STOPPED:
        n = sum(c.complete for c in experiment.cells())
        st.warning(tr("transfer_learning.experiment.stopped", n=n), icon=":material/stop_circle:")
    elif experiment.status == FAILED:
        st.error(tr("transfer_learning.experiment.failed", error=experiment.error))


# ---------------------------------------------------------------- results


def _send_to_room(cells: list) -> None:
    """Each finished cell once to the class room this session joined (if any)."""
    part = lab_state().experiment
    for cell in cells:
        if (cell.size, cell.similarity) not in part.sent_cells:
            send_experiment_cell(cell)
            part.sent_cells.add((cell.size, cell.similarity))


def _results(experiment: StrategyExperiment, guesses: dict) -> None:
    cells = [c for c in experiment.cells() if c.complete]  # only finished cells are revealed
    if not cells:
        return
    _send_to_room(cells)
    figure_column, table_column = columns([1, 1], projector_per_row=1, gap="medium")
    with figure_column, st.container(key="tl_x_grid"):
        st.plotly_chart(
            grid_figure(cells, theme(), lang()),
            width="stretch",
            key="tl_x_grid_chart",
            config={"displayModeBar": False},
            theme=None,
        )
        st.caption(tr("transfer_learning.experiment.grid.caption"))
    with table_column, st.container(key="tl_x_table"):
        look = control(xc.CELL)
        highlight = tuple(look.split("_")) if look else None
        headers, rows = comparison_table(cells, guesses, highlight, lang())
        st.markdown(table(headers, rows, escape=False))
        st.caption(tr("transfer_learning.experiment.table.legend"))
        summary = summary_sentence(cells, lang())
        if summary:
            st.markdown(summary)
    with st.container(key="tl_x_sentences"):
        for cell in cells:
            lines = [cell_sentence(cell, lang())]
            said = guess_sentence(cell, guesses.get((cell.size, cell.similarity)), lang())
            if said:
                lines.append(said)
            st.markdown(" ".join(lines))
    st.caption(tr("transfer_learning.experiment.caveat"))


# ---------------------------------------------------------------- the section


def experiment_section(lab_data: LabeledImages | None) -> None:
    """Draw the experiment: choices, guesses, Start/Stop, progress per cell, the reveal."""
    st.markdown(tr("transfer_learning.experiment.intro"))
    part = lab_state().experiment
    active = part.experiment is not None and not part.experiment.finished
    settings = _settings()
    sides = _datasets(lab_data, settings)
    st.caption(
        tr(
            "transfer_learning.experiment.plan",
            runs=4 * len(CELLS) * settings.seeds,
            seeds=settings.seeds,
            res=settings.resolution,
            batch=settings.batch_size,
        )
    )
    guesses = _guesses(disabled=active)  # predict first: no changing a guess mid-run
    model = require_model(settings.backbone, "tl_x_model")
    stage_list = None
    if model is not None:
        stage_list = backbones.stages(model, backbones.get_spec(settings.backbone))
    _buttons(sides, settings, active, stage_list)
    _live_panel()
    if part.experiment is not None:
        _results(part.experiment, guesses)
