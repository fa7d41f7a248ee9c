"""Transfer lab, part 2: the backbone, its layer groups (frozen / trained), presets and the
notes' strategy advisor. Returns what the training part needs."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from core.common import backbones
from core.common.markdown import table
from core.common.params import parse_or_default
from core.transfer_learning import controls, strategy
from core.transfer_learning.datasets import LabeledImages
from core.transfer_learning.figures import format_count, layer_groups_figure
from ui.common.controls import control
from ui.common.figures import shared_figure
from ui.common.frame import lang, theme, tr
from ui.common.layout import metric_columns
from ui.common.models import require_model, weights_status
from ui.common.state import (
    link_value,
    seen_before,
    set_widget_value,
    warn_bad_link_value,
    widget_value,
)


@dataclass(frozen=True)
class ModelSetup:
    spec: backbones.BackboneSpec
    stage_list: list[backbones.Stage]
    infos: list[strategy.GroupInfo]
    trainable: tuple[str, ...]
    preset: str

    @property
    def boundary(self) -> int:
        return strategy.boundary_index(self.infos, self.trainable)


# ---------------------------------------------------------------- callbacks


def _apply_preset(infos: list[strategy.GroupInfo], preset: str) -> None:
    set_widget_value(controls.PRESET.key, preset)
    if preset != strategy.CUSTOM:
        set_widget_value(controls.GROUPS.key, list(strategy.trainable_names(infos, preset)))
        set_widget_value(controls.LR.key, strategy.RECOMMENDED_LR[preset])


def _preset_changed(infos: list[strategy.GroupInfo]) -> None:
    _apply_preset(infos, widget_value(controls.PRESET.key) or strategy.CUSTOM)


def _groups_changed(infos: list[strategy.GroupInfo]) -> None:
    chosen = strategy.normalize_trainable(infos, widget_value(controls.GROUPS.key) or [])
    set_widget_value(controls.GROUPS.key, list(chosen))
    set_widget_value(controls.PRESET.key, strategy.preset_of(infos, chosen))


# ---------------------------------------------------------------- drawing


def _backbone_picker() -> backbones.BackboneSpec:
    name = control(
        controls.BACKBONE,
        format_func=lambda n: (
            f"{backbones.REGISTRY[n].label} · {weights_status(backbones.REGISTRY[n])}"
        ),
    )
    return backbones.get_spec(name)


def _sync_groups(infos: list[strategy.GroupInfo], preset: str) -> None:
    """Before the toggles are drawn: keep them valid for this backbone and preset (a link, or
    a new backbone with other groups). A link naming groups this backbone lacks gets a
    message, once (they would be dropped silently otherwise)."""
    key = controls.GROUPS.key
    current = widget_value(key)
    if current is None:
        if seen_before(key):
            return  # kept from another page, for this backbone: valid
        text = link_value(key)
        current, ok = parse_or_default(controls.GROUPS.param, text)
        known = {g.name for g in infos if g.has_params}
        if text is not None and (not ok or any(name not in known for name in current)):
            warn_bad_link_value(key, text)
    if preset != strategy.CUSTOM:
        wanted = list(strategy.trainable_names(infos, preset))
    else:
        wanted = list(strategy.normalize_trainable(infos, current or []))
    if list(current or []) != wanted or widget_value(key) is None:
        set_widget_value(key, wanted)


def _strategy_table(chosen: strategy.StrategyRow) -> str:
    """The notes' strategy table with the chosen row in bold (every cell is the lab's text)."""
    headers = ["", *(tr(f"transfer_learning.advisor.col_{c}") for c in ("size", "similar"))]
    headers.append(tr("transfer_learning.advisor.col_strategy"))
    rows = []
    for r in strategy.STRATEGY_TABLE:
        cells = [
            str(r.number),
            tr(
                "transfer_learning.advisor.big"
                if r.large_dataset
                else "transfer_learning.advisor.little"
            ),
            tr("transfer_learning.advisor.high" if r.similar else "transfer_learning.advisor.low"),
            tr(f"{r.key}.short"),
        ]
        if r == chosen:
            cells = [f"**{c}**" for c in cells[:3]] + [f"**▶ {cells[3]}**"]
        rows.append(cells)
    return table(headers, rows, escape=False)


def _advisor(infos: list[strategy.GroupInfo], data: LabeledImages | None) -> None:
    with st.expander(tr("transfer_learning.advisor.title"), icon=":material/lightbulb:"):
        st.markdown(tr("transfer_learning.advisor.intro"))
        if data is not None:
            st.caption(
                tr("transfer_learning.advisor.your_data", n=len(data), k=len(data.class_names))
            )
        questions, table_cell = st.columns([1, 2], gap="large")
        with questions:  # what-if questions, not settings: they stay out of the link
            size = st.radio(
                tr("transfer_learning.advisor.q_size"),
                ["small", "large"],
                key="tl_adv_size",
                format_func=lambda v: tr(f"transfer_learning.advisor.{v}"),
            )
            similar = st.radio(
                tr("transfer_learning.advisor.q_similar"),
                ["similar", "different"],
                key="tl_adv_similar",
                format_func=lambda v: tr(f"transfer_learning.advisor.{v}"),
            )
        row = strategy.advise(size == "large", similar == "similar")
        table_cell.markdown(_strategy_table(row))
        st.info(
            tr("transfer_learning.advisor.quote", n=row.number, text=tr(f"{row.key}.quote")),
            icon=":material/format_quote:",
        )
        st.button(
            tr(
                "transfer_learning.advisor.apply",
                n=row.number,
                preset=tr(f"transfer_learning.preset.{row.preset}"),
            ),
            key="tl_adv_apply",
            on_click=_apply_preset,
            args=(infos, row.preset),
            icon=":material/check:",
            type="primary",
        )


def _group_controls(infos: list[strategy.GroupInfo], right) -> tuple[str, tuple[str, ...]]:
    """The preset (here) and the layer-group toggles (in ``right``): (preset, trainable)."""
    options = controls.PRESET.param.options
    preset = control(
        controls.PRESET,
        on_change=_preset_changed,
        args=(infos,),
        captions=[tr(f"transfer_learning.preset.{p}.short") for p in options],
    )
    _sync_groups(infos, preset or strategy.CUSTOM)
    with right:
        groups = control(
            controls.GROUPS,
            allowed=[g.name for g in infos if g.has_params],
            on_change=_groups_changed,
            args=(infos,),
        )
        preset = widget_value(controls.PRESET.key) or strategy.CUSTOM
        st.caption(tr(f"transfer_learning.preset.{preset}.about"))
    return preset, strategy.normalize_trainable(infos, groups or [])


def _totals(infos: list[strategy.GroupInfo], trainable: tuple[str, ...], num_classes: int) -> None:
    totals = strategy.param_totals(infos, trainable)
    cols = metric_columns(2)
    cols[0].metric(
        tr("transfer_learning.totals.trainable"),
        format_count(totals.trainable),
        help=f"{totals.trainable:,}",
    )
    cols[1].metric(
        tr("transfer_learning.totals.frozen"),
        format_count(totals.frozen),
        help=f"{totals.frozen:,}",
    )
    st.caption(
        tr(
            "transfer_learning.totals.caption",
            share=totals.trainable_share * 100,
            classes=num_classes,
        )
    )


def model_section(data: LabeledImages | None) -> ModelSetup | None:
    """Draw part 2 and return the chosen network and trainable groups (None while loading)."""
    left, right = st.container(), st.container()  # stacked: the page's controls column is narrow
    with left:
        spec = _backbone_picker()
        model = require_model(spec.name, "tl_model")
        if model is None:
            return None
        stage_list = backbones.stages(model, spec)
        num_classes = len(data.class_names) if data is not None else 2
        infos = strategy.group_infos(stage_list, num_classes)
        preset, trainable = _group_controls(infos, right)
    _advisor(infos, data)
    st.plotly_chart(
        shared_figure(
            (tuple(infos), tuple(trainable)), layer_groups_figure, infos, trainable, theme(), lang()
        ),
        width="stretch",
        key="tl_layers_chart",
        config={"displayModeBar": False},
        theme=None,
    )
    _totals(infos, trainable, num_classes)
    return ModelSetup(spec, stage_list, infos, trainable, preset)
