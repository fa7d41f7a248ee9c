"""Transfer lab, part 3: training controls, Start/Stop and the live panel.

The live panel is a fragment that reruns every ``TICK_S`` seconds while a run is active;
each tick advances the run kept in session state by about ``BUDGET_S`` seconds of work
and redraws the progress bar and the curves. In AppTest a fragment
timer never fires, so every ``run()`` is exactly one tick.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from typing import NamedTuple

import streamlit as st

from core.common.background import in_background
from core.transfer_learning import controls, strategy
from core.transfer_learning.datasets import LabeledImages, display_class_names
from core.transfer_learning.engines import ENGINE_LABELS
from core.transfer_learning.figures import curves_figure, format_seconds
from core.transfer_learning.frozen_pass import ActivationCache, ActivationKey
from core.transfer_learning.plan import ImageSet, RunSettings, evicted, memory_check
from core.transfer_learning.results import summarize
from core.transfer_learning.speed import PROBE_BATCH, SpeedEstimate, measure_speed
from core.transfer_learning.strategy import param_totals
from core.transfer_learning.training import (
    DIVERGED,
    FAILED,
    FEATURES,
    NAN,
    STOPPED,
    RunSlots,
    TrainingRun,
)
from ui.classroom.results import send_transfer_result
from ui.common import handover
from ui.common.controls import control
from ui.common.figures import shared_figure
from ui.common.frame import lang, projector, theme, tr
from ui.common.layout import metric_columns
from ui.common.models import device_caption
from ui.common.state import link_value, set_link_text
from ui.transfer_learning.model import ModelSetup
from ui.transfer_learning.state import lab_state

TICK_S = 0.5  # the live panel's refresh interval while a run is active
QUEUED_TICK_S = 2.0  # while it waits in line: a class's waiting runs would rerun many panels
BUDGET_S = 0.6  # seconds of work per tick: the page stays responsive, the curve moves
MAX_PARALLEL_RUNS = max(1, int(os.environ.get("TL_MAX_PARALLEL_RUNS", "2")))
RUN_LINK_KEY = "tl_run"  # in the link while a run trains: a reopened link can say it was lost
MAX_KEPT_MODELS = 4  # fine-tuned models kept per session for the feature-map lab
LONG_RUN_S = 300
# Memory one training step may take: every visitor shares < 2.7 GB on Community Cloud.
MAX_TRAIN_MB = int(os.environ.get("TL_MAX_TRAIN_MB", "1200"))


@st.cache_resource(show_spinner=False)
def activation_cache() -> ActivationCache:
    """The frozen part's outputs, shared by every session of this process."""
    return ActivationCache()


@st.cache_resource(show_spinner=False)
def run_slots() -> RunSlots:
    return RunSlots(MAX_PARALLEL_RUNS)


def tick_work(advance, *args) -> None:
    """A live panel's step of training, on a background worker below the pages' priority
    (core.common.background): a class's clicks and page loads are answered first."""
    in_background(advance, *args, workers=MAX_PARALLEL_RUNS)


@st.cache_data(max_entries=64, ttl=600, show_spinner=False)  # re-measured as the load changes
def speed_estimate(
    backbone: str, trainable: tuple[str, ...], num_classes: int, resolution: int, _setup: ModelSetup
) -> SpeedEstimate:
    """Per image, so the batch slider does not re-measure (the probe's batch is fixed)."""
    return measure_speed(
        _setup.stage_list, _setup.spec, trainable, num_classes, resolution, PROBE_BATCH
    )


# ---------------------------------------------------------------- controls


def _controls(preset: str | None) -> dict:
    """Two per row: they sit in the page's narrower controls column."""
    first, second = st.columns(2)
    with first:
        epochs = control(controls.EPOCHS)
    with second:
        lr = control(controls.LR, format_func=lambda v: f"{v:g}")
        _lr_note(preset, float(lr))
    first, second = st.columns(2)
    with first:
        batch = control(controls.BATCH)
    with second:
        res = control(controls.RESOLUTION, format_func=lambda v: f"{v} px")
    optimizer = control(controls.OPTIMIZER)
    return dict(
        epochs=int(epochs),
        lr=float(lr),
        batch_size=int(batch),
        resolution=int(res),
        optimizer=optimizer or "adam",
    )


def _lr_note(preset: str | None, lr: float) -> None:
    """Choosing a strategy sets its usual learning rate: say so, and what it is."""
    recommended = strategy.RECOMMENDED_LR.get(preset)
    if recommended is None:
        return
    if lr == recommended:
        st.caption(tr("transfer_learning.train.lr_usual"))
    else:
        st.caption(tr("transfer_learning.train.lr_usual_is", lr=recommended))


def _augmentation(setup: ModelSetup, resolution: int):
    """The augmentation lab's pipeline, if the student made one and wants it: (fn, id, views)."""
    pipeline = handover.augmentation_pipeline()
    if pipeline is None:
        st.caption(tr("transfer_learning.augment.missing"))
        st.page_link(
            "pages/augmentation.py",
            label=tr("transfer_learning.augment.link"),
            icon=":material/crop:",
        )
        return None, "", 0
    use = control(controls.AUGMENT)
    if not use:
        return None, "", 0
    try:
        pipeline.to_transform(resolution)
    except Exception:  # a pipeline the augmentation lab would refuse: say so, train without
        st.warning(tr("transfer_learning.augment.broken"))
        return None, "", 0
    augment_id = hashlib.sha256(repr(pipeline).encode()).hexdigest()[:16]
    if setup.boundary == 0:
        st.caption(tr("transfer_learning.augment.fresh"))
        return pipeline.to_transform, augment_id, 0
    views = control(controls.VIEWS)
    st.caption(tr("transfer_learning.augment.cached", views=views))
    return pipeline.to_transform, augment_id, int(views)


def _estimate(
    setup: ModelSetup, data: LabeledImages, cfg: dict, views: int, notes
) -> tuple[SpeedEstimate, bool]:
    """Show the measured time per epoch and for the run, with how it was measured in
    ``notes`` (below the curves, which it must not push off the first screen); and whether
    the measured training memory fits this host."""
    n_classes = len(data.class_names)
    train_rows, val_rows = data.split()
    est = speed_estimate(setup.spec.name, setup.trainable, n_classes, cfg["resolution"], setup)
    epoch_s = est.epoch_seconds(len(train_rows), len(val_rows))
    key = ActivationKey(data.fingerprint, setup.spec.name, cfg["resolution"], setup.boundary)
    cached = key in activation_cache()
    n_images = len(data) + (len(data.test) if data.test is not None else 0)
    first, total = est.run_seconds(
        n_images, len(train_rows), len(val_rows), cfg["epochs"], views, cached
    )
    epoch_cell, total_cell = metric_columns(2)
    epoch_cell.metric(
        tr("transfer_learning.speed.epoch"), format_seconds(epoch_s, lang(), about=True)
    )
    total_cell.metric(
        tr("transfer_learning.speed.total", epochs=cfg["epochs"]),
        format_seconds(total, lang(), about=True),
    )
    with notes:
        _speed_caption(setup, est, cached, n_images, first)
        device_caption()
        st.caption(tr("transfer_learning.speed.live"))
    if total > LONG_RUN_S:
        st.warning(tr("transfer_learning.speed.long", minutes=total / 60))
    trainable = param_totals(setup.infos, setup.trainable).trainable
    memory = memory_check(est, cfg["batch_size"], trainable, MAX_TRAIN_MB)
    if not memory.fits:
        st.error(
            tr(
                "transfer_learning.train.too_much_memory",
                mb=memory.megabytes,
                max=MAX_TRAIN_MB,
                batch=cfg["batch_size"],
                res=cfg["resolution"],
            ),
            icon=":material/memory:",
        )
    return est, memory.fits


def _speed_caption(
    setup: ModelSetup, est: SpeedEstimate, cached: bool, n_images: int, first: float
) -> None:
    rate = est.train_rate
    if setup.boundary == 0:
        st.caption(tr("transfer_learning.speed.nothing_frozen", rate=rate))
    elif cached:
        st.caption(tr("transfer_learning.speed.cached", rate=rate))
    else:
        st.caption(
            tr(
                "transfer_learning.speed.first",
                rate=rate,
                n=n_images,
                time=format_seconds(first, lang(), about=True),
                frozen_rate=est.frozen_rate,
            )
        )


# ---------------------------------------------------------------- start / stop / finish


def _label(n: int, settings: RunSettings) -> str:
    return tr(
        "transfer_learning.run.label",
        n=n,
        preset=tr(f"transfer_learning.preset.{settings.preset}"),
        optimizer=tr(f"transfer_learning.train.optimizer.{settings.optimizer}"),
        lr=settings.lr,
        res=settings.resolution,
        epochs=settings.epochs,
    )


def image_sets(data: LabeledImages) -> tuple[ImageSet, ImageSet, ImageSet | None]:
    """(train, validation, the source's own test split or None) of the dataset."""
    train_rows, val_rows = data.split()
    train, val = (
        ImageSet(data.images, data.fingerprint, tuple(rows), tuple(data.labels[i] for i in rows))
        for rows in (train_rows, val_rows)
    )
    test = None
    if data.test is not None and len(data.test):
        test = ImageSet(
            data.test.images,
            data.test.fingerprint,
            tuple(range(len(data.test))),
            tuple(data.test.labels),
        )
    return train, val, test


def _start(
    data: LabeledImages,
    setup: ModelSetup,
    cfg: dict,
    augment,
    augment_id: str,
    views: int,
    estimate: SpeedEstimate | None,
) -> None:
    part = lab_state().training
    _stop()  # at most one run per session
    part.count += 1
    settings = RunSettings(
        backbone=setup.spec.name,
        trainable=setup.trainable,
        preset=setup.preset,
        augment=augment is not None,
        views=views,
        seed=0,
        **cfg,
    )
    train, val, test = image_sets(data)
    part.run = TrainingRun(
        setup.stage_list,
        setup.spec,
        settings,
        train,
        val,
        data.class_names,
        cache=activation_cache(),
        augment=augment,
        augment_id=augment_id,
        estimate=estimate,
        label=_label(part.count, settings),
        test=test,
        display_names=display_class_names(data, lang()),
        number=part.count,
    )
    part.run_id = uuid.uuid4().hex
    part.answered = False
    set_link_text(RUN_LINK_KEY, str(part.count))


def _finish(run: TrainingRun) -> None:
    """Free the run's slot and keep what it learned (curves, metrics, the model)."""
    part = lab_state().training
    run_slots().release(part.run_id)
    set_link_text(RUN_LINK_KEY, None)
    summary = summarize(run)
    if summary is None:
        return
    part.runs.append(summary)
    send_transfer_result(summary)  # to a joined class room (ui.classroom.results)
    model = run.finetuned_model()
    if model is not None:
        handover.keep_finetuned(model)
        models = handover.finetuned_models()
        for label in evicted(list(models), MAX_KEPT_MODELS):
            models.pop(label)


def _stop() -> None:
    run = lab_state().training.run
    if _active(run):
        run.stop()
        _finish(run)


# ---------------------------------------------------------------- the live panel


def _progress_text(run: TrainingRun) -> str:
    eta = run.eta_seconds()
    eta_text = (
        tr("transfer_learning.run.eta", time=format_seconds(eta, lang(), about=True))
        if eta is not None
        else tr("transfer_learning.run.eta_unknown")
    )
    if run.status == FEATURES:
        done, total = run.counts.features_done, run.counts.features_total
        return tr("transfer_learning.run.phase_features", done=done, total=total) + " · " + eta_text
    return (
        tr(
            "transfer_learning.run.phase_training",
            epoch=min(run.epochs_done + 1, run.settings.epochs),
            epochs=run.settings.epochs,
        )
        + " · "
        + eta_text
    )


def _live_panel() -> None:
    part = lab_state().training
    active = _active(part.run)
    part.queued = active and run_slots().request(part.run_id) > 0
    tick = QUEUED_TICK_S if part.queued else TICK_S

    @st.fragment(run_every=tick if active else None)
    def panel() -> None:
        part = lab_state().training
        run = part.run
        if run is None:
            st.caption(tr("transfer_learning.run.idle"))
            return
        if not run.finished:
            if not _tick(part):
                return
        else:
            _ending_message(run)
        with st.container(key="tl_curves"):
            if run.finished and not run.history and run.evaluation is not None:
                st.caption(tr("transfer_learning.run.no_curve"))
            else:
                st.plotly_chart(
                    _curves(part, run),
                    width="stretch",
                    config={"displayModeBar": False},
                    theme=None,
                )
        if run.finished and run.evaluation is not None:
            st.caption(tr("transfer_learning.run.see_results"))
        _cache_notes(run)

    panel()


def _curves(part, run: TrainingRun):
    """The live curves, built again only when an epoch has ended (ticks are frequent);
    before the first epoch ends, one empty figure for every session."""
    if not run.history:
        epochs = run.settings.epochs
        return shared_figure((epochs,), curves_figure, [], epochs, theme(), lang())
    key = (run.number, len(run.history), projector(), lang())
    if not part.curves or part.curves[0] != key:
        part.curves = (key, curves_figure(run.history, run.settings.epochs, theme(), lang()))
    return part.curves[1]


def _tick(part) -> bool:
    """Advance the run by one budget when it has a slot (False while it waits in line).
    The Start click's own answer does no work, so it comes at once however busy the
    server is; the timer's ticks do the work."""
    run = part.run
    answering_start, part.answered = not part.answered, True
    place = run_slots().request(part.run_id)
    if place:
        st.info(
            tr(
                "transfer_learning.run.queued",
                running=run_slots().running,
                cap=MAX_PARALLEL_RUNS,
                place=place,
            ),
            icon=":material/hourglass_top:",
        )
        return False
    if part.queued:  # its turn: the page again, with the running panel's quicker timer
        st.rerun()
    if not answering_start:
        tick_work(run.advance, BUDGET_S)
    if run.finished:
        _finish(run)
        st.rerun()  # the whole page: results, buttons, no more ticking
    st.progress(run.progress(), text=_progress_text(run))
    st.caption(tr("transfer_learning.run.keep_open"))
    return True


def _cache_notes(run: TrainingRun) -> None:
    if run.counts.cache_hits and run.status != FEATURES:
        st.caption(tr("transfer_learning.run.cache_hit"))
    if not run.counts.cached_ok:
        st.caption(tr("transfer_learning.run.not_cached", mb=activation_cache().max_bytes / 2**20))
    if run.counts.engine:  # the runtime that computed the frozen part this time
        st.caption(
            tr("transfer_learning.run.engine", engine=ENGINE_LABELS.get(run.counts.engine, "?"))
        )


def _ending_message(run: TrainingRun) -> None:
    text = tr(run.message_key, **run.message_params) if run.message_key else ""
    if run.status in (NAN, DIVERGED, FAILED):
        st.error(text, icon=":material/error:")
    elif run.status == STOPPED:
        st.warning(text, icon=":material/stop_circle:")
    else:
        st.success(text, icon=":material/check_circle:")


class TrainingChoice(NamedTuple):
    """The training settings chosen in the controls column."""

    cfg: dict
    augment: object  # the augmentation lab's transform factory, or None
    augment_id: str
    views: int


def training_settings(setup: ModelSetup | None) -> TrainingChoice:
    """Draw the training controls (epochs, learning rate, ..., augmentation)."""
    cfg = _controls(setup.preset if setup is not None else None)
    augment, augment_id, views = (None, "", 0)
    if setup is not None:
        augment, augment_id, views = _augmentation(setup, cfg["resolution"])
    st.caption(tr("transfer_learning.train.bn_note"))
    return TrainingChoice(cfg, augment, augment_id, views)


def training_section(
    data: LabeledImages | None, setup: ModelSetup | None, choice: TrainingChoice
) -> None:
    """Draw part 3's panel: the time estimate, Start/Stop and the live panel."""
    part = lab_state().training
    part.drawn = _drawn(part.run)
    marker = link_value(RUN_LINK_KEY)
    if marker is not None and (part.run is None or str(part.run.number) != marker):
        st.info(tr("transfer_learning.run.lost"), icon=":material/history:")  # another session's
        set_link_text(RUN_LINK_KEY, None)
    _training_panel(data, setup, choice)


def _active(run: TrainingRun | None) -> bool:
    return run is not None and not run.finished


def _drawn(run: TrainingRun | None) -> tuple:
    return (run.number, run.finished) if run is not None else ()


@st.fragment
def _training_panel(
    data: LabeledImages | None, setup: ModelSetup | None, choice: TrainingChoice
) -> None:
    """Start/Stop, the estimate and the live panel. A click here reruns only this panel,
    so Start is answered at once however busy the server is (a class pressing Start
    together); a run that has ended redraws the page (its results)."""
    cfg, augment, augment_id, views = choice
    estimate, fits = None, True
    part = lab_state().training
    active = _active(part.run)
    if not active and part.drawn != _drawn(part.run):  # stopped here: the results too
        st.rerun()
    # Start/Stop and the estimate, the live curves, then how the estimate was made: the
    # curves stay on the first screen (projector mode too)
    buttons, estimates = st.container(), st.container()
    _live_panel()
    notes = st.container()
    if setup is not None and data is not None and not active:
        with estimates:
            estimate, fits = _estimate(setup, data, cfg, views, notes)
    left, right = buttons.columns(2)
    ready = data is not None and setup is not None and fits
    left.button(
        tr("transfer_learning.start"),
        key="tl_start",
        type="primary",
        icon=":material/play_arrow:",
        disabled=not ready or active,
        on_click=_start,
        width="stretch",
        args=(data, setup, cfg, augment, augment_id, views, estimate),
    )
    right.button(
        tr("transfer_learning.stop"),
        key="tl_stop",
        icon=":material/stop:",
        disabled=not active,
        on_click=_stop,
        width="stretch",
        help=tr("transfer_learning.stop_help"),
    )
    if not ready:
        buttons.caption(tr("transfer_learning.train.not_ready"))
