"""Transfer lab, paired runs: the lab's training twice, changing one thing only (the
augmentation lab's pipeline off/on, or random/pretrained weights), curves overlaid."""

from __future__ import annotations

import hashlib
import uuid

import streamlit as st

from core.common import backbones
from core.transfer_learning import experiment_controls as xc
from core.transfer_learning.controls import VIEWS
from core.transfer_learning.datasets import LabeledImages
from core.transfer_learning.frozen_pass import ActivationCache
from core.transfer_learning.paired import (
    PairedRuns,
    augmentation_pair,
    gap,
    paired_figure,
    pretrained_pair,
)
from core.transfer_learning.plan import RunSettings
from ui.common import handover
from ui.common.controls import control
from ui.common.frame import lang, theme, tr
from ui.common.layout import columns
from ui.common.models import shared_model
from ui.transfer_learning.model import ModelSetup
from ui.transfer_learning.state import lab_state
from ui.transfer_learning.training import (
    TICK_S,
    TrainingChoice,
    activation_cache,
    image_sets,
    run_slots,
    tick_work,
)

BUDGET_S = 0.6


@st.cache_resource(show_spinner=False)
def random_weights_cache() -> ActivationCache:
    """Frozen outputs of random-weight models (the shared cache's keys do not name weights)."""
    return ActivationCache()


def _pipeline():
    """(transform factory, id) of the augmentation lab's pipeline, or None."""
    pipeline = handover.augmentation_pipeline()
    if pipeline is None:
        return None
    return pipeline.to_transform, hashlib.sha256(repr(pipeline).encode()).hexdigest()[:16]


def _start(kind: str, data: LabeledImages, setup: ModelSetup, choice: TrainingChoice) -> None:
    part = lab_state().experiment
    _stop()
    settings = RunSettings(
        backbone=setup.spec.name,
        trainable=setup.trainable,
        preset=setup.preset,
        views=choice.views or VIEWS.default,
        seed=0,
        **choice.cfg,
    )
    train, val, _ = image_sets(data)
    if kind == "augment":
        augment, augment_id = _pipeline()
        part.paired = augmentation_pair(
            setup.stage_list,
            setup.spec,
            settings,
            train,
            val,
            data.class_names,
            augment,
            augment_id,
            activation_cache(),
        )
    else:
        random_model = shared_model(setup.spec.name, pretrained=False)
        part.paired = pretrained_pair(
            backbones.stages(random_model, setup.spec),
            setup.stage_list,
            setup.spec,
            settings,
            train,
            val,
            data.class_names,
            random_weights_cache(),
            activation_cache(),
        )
    part.paired_id = uuid.uuid4().hex


def _stop() -> None:
    part = lab_state().experiment
    if part.paired is not None and not part.paired.finished:
        part.paired.stop()
        run_slots().release(part.paired_id)


def _panel() -> None:
    pair = lab_state().experiment.paired
    active = pair is not None and not pair.finished

    @st.fragment(run_every=TICK_S if active else None)
    def panel() -> None:
        part = lab_state().experiment
        pair: PairedRuns | None = part.paired
        if pair is None:
            return
        if not pair.finished:
            place = run_slots().request(part.paired_id)
            if place:
                st.info(tr("transfer_learning.experiment.queued", place=place))
                return
            tick_work(pair.advance, BUDGET_S)
            if pair.finished:
                run_slots().release(part.paired_id)
                st.rerun()
            st.progress(pair.progress())
        with st.container(key="tl_x_pair_curves"):
            st.plotly_chart(
                paired_figure(pair, theme(), lang()),
                width="stretch",
                config={"displayModeBar": False},
                theme=None,
            )
            for i, run in enumerate(pair.runs):
                if run.history:
                    name = tr(f"transfer_learning.paired.{pair.kind}.{'on' if i else 'off'}")
                    st.markdown(
                        tr(
                            "transfer_learning.paired.result",
                            name=name,
                            val=f"{run.history[-1].val_acc * 100:.0f}%",
                            gap=f"{gap(run.history) * 100:+.0f}%p",
                        )
                    )

    panel()


def paired_section(
    data: LabeledImages | None, setup: ModelSetup | None, choice: TrainingChoice
) -> None:
    st.markdown(f"**{tr('transfer_learning.paired.title')}**")
    st.caption(tr("transfer_learning.paired.intro"))
    kind = control(xc.PAIR_KIND)
    ready = data is not None and setup is not None
    if kind == "augment" and _pipeline() is None:
        st.info(tr("transfer_learning.paired.no_pipeline"), icon=":material/crop:")
        ready = False
    pair = lab_state().experiment.paired
    active = pair is not None and not pair.finished
    left, right = columns(2)
    left.button(
        tr("transfer_learning.paired.start"),
        key="tl_x_pair_start",
        icon=":material/compare:",
        disabled=not ready or active,
        on_click=_start,
        args=(kind, data, setup, choice),
        width="stretch",
    )
    right.button(
        tr("transfer_learning.stop"),
        key="tl_x_pair_stop",
        icon=":material/stop:",
        disabled=not active,
        on_click=_stop,
        width="stretch",
    )
    if data is None or setup is None:
        st.caption(tr("transfer_learning.paired.not_ready"))
    _panel()
