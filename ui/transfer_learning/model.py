"""Transfer lab, part 2: the backbone, its layer groups (frozen / trained), presets and the
notes' strategy advisor. Returns what the training part needs."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from core.common import backbones
from core.common.params import parse_or_default
from core.transfer_learning import strategy as transfer
from core.transfer_learning.datasets import LabeledImages
from core.transfer_learning.figures import format_count, layer_groups_figure
from ui.common.frame import lang, theme, tr
from ui.common.layout import metric_columns
from ui.common.models import require_model, weights_status
from ui.common.state import url_bound, warn_bad_link_value

LINK_GROUPS_CHECKED = "_tl_groups_link_checked"


@dataclass(frozen=True)
class ModelSetup:
    spec: backbones.BackboneSpec
    stage_list: list[backbones.Stage]
    infos: list[transfer.GroupInfo]
    trainable: tuple[str, ...]
    preset: str
    speed_slot: tuple  # (epoch metric, total metric, caption) placeholders for the estimate

    @property
    def boundary(self) -> int:
        return transfer.boundary_index(self.infos, self.trainable)


# ---------------------------------------------------------------- callbacks


def _apply_preset(infos: list[transfer.GroupInfo], preset: str) -> None:
    state = st.session_state
    state["tl_preset"] = preset
    if preset != transfer.CUSTOM:
        state["tl_groups"] = list(transfer.trainable_names(infos, preset))
        state["tl_lr"] = transfer.RECOMMENDED_LR[preset]


def _preset_changed(infos: list[transfer.GroupInfo]) -> None:
    _apply_preset(infos, st.session_state["tl_preset"] or transfer.CUSTOM)


def _groups_changed(infos: list[transfer.GroupInfo]) -> None:
    state = st.session_state
    chosen = transfer.normalize_trainable(infos, state.get("tl_groups") or [])
    state["tl_groups"] = list(chosen)
    state["tl_preset"] = transfer.preset_of(infos, chosen)


def _advice_applied(infos: list[transfer.GroupInfo], preset: str) -> None:
    _apply_preset(infos, preset)


# ---------------------------------------------------------------- drawing


def _backbone_picker() -> backbones.BackboneSpec:
    url_bound("tl_backbone", transfer.PARAMS["tl_backbone"])
    name = st.selectbox(
        tr("transfer_learning.backbone"),
        list(backbones.REGISTRY),
        key="tl_backbone",
        format_func=lambda n: (
            f"{backbones.REGISTRY[n].label} · {weights_status(backbones.REGISTRY[n])}"
        ),
        help=tr("transfer_learning.backbone_help"),
    )
    return backbones.get_spec(name)


def _warn_unknown_link_groups(infos: list[transfer.GroupInfo]) -> None:
    """Once per session: a link naming layer groups this backbone lacks gets a message
    (they would be dropped silently otherwise)."""
    state = st.session_state
    if LINK_GROUPS_CHECKED in state:
        return
    state[LINK_GROUPS_CHECKED] = True
    text = st.query_params.get("tl_groups")
    names, ok = parse_or_default(transfer.PARAMS["tl_groups"], text)
    known = {g.name for g in infos if g.has_params}
    if text is not None and ok and any(name not in known for name in names):
        warn_bad_link_value("tl_groups", text)


def _sync_groups(infos: list[transfer.GroupInfo]) -> None:
    """Keep the toggles valid for this backbone (a link, or a new backbone with other groups)."""
    state = st.session_state
    _warn_unknown_link_groups(infos)
    url_bound("tl_preset", transfer.PARAMS["tl_preset"])
    url_bound("tl_groups", transfer.PARAMS["tl_groups"])
    preset = state.get("tl_preset") or transfer.CUSTOM
    if preset != transfer.CUSTOM:
        wanted = list(transfer.trainable_names(infos, preset))
    else:
        wanted = list(transfer.normalize_trainable(infos, state.get("tl_groups") or []))
    if list(state.get("tl_groups") or []) != wanted:
        state["tl_groups"] = wanted
    url_bound("tl_preset", transfer.PARAMS["tl_preset"])
    url_bound("tl_groups", transfer.PARAMS["tl_groups"])


def _advisor(infos: list[transfer.GroupInfo], data: LabeledImages | None) -> None:
    with st.expander(tr("transfer_learning.advisor.title"), icon=":material/lightbulb:"):
        st.markdown(tr("transfer_learning.advisor.intro"))
        if data is not None:
            st.caption(
                tr("transfer_learning.advisor.your_data", n=len(data), k=len(data.class_names))
            )
        questions, table = st.columns([1, 2], gap="large")
        with questions:
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
        row = transfer.advise(size == "large", similar == "similar")
        with table:
            lines = [
                f"| | {tr('transfer_learning.advisor.col_size')} | {tr('transfer_learning.advisor.col_similar')} "
                f"| {tr('transfer_learning.advisor.col_strategy')} |",
                "|---|---|---|---|",
            ]
            for r in transfer.STRATEGY_TABLE:
                cells = [
                    str(r.number),
                    tr(
                        "transfer_learning.advisor.big"
                        if r.large_dataset
                        else "transfer_learning.advisor.little"
                    ),
                    tr(
                        "transfer_learning.advisor.high"
                        if r.similar
                        else "transfer_learning.advisor.low"
                    ),
                    tr(f"{r.key}.short"),
                ]
                if r == row:
                    cells = [f"**{c}**" for c in cells[:3]] + [f"**▶ {cells[3]}**"]
                lines.append("| " + " | ".join(cells) + " |")
            st.markdown("\n".join(lines))
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
            on_click=_advice_applied,
            args=(infos, row.preset),
            icon=":material/check:",
            type="primary",
        )


def model_section(data: LabeledImages | None) -> ModelSetup | None:
    """Draw part 2 and return the chosen network and trainable groups (None while loading)."""
    left, right = st.columns(2, gap="large")
    with left:
        spec = _backbone_picker()
        model = require_model(spec.name, "tl_model")
        if model is None:
            return None
        stage_list = backbones.stages(model, spec)
        num_classes = len(data.class_names) if data is not None else 2
        infos = transfer.group_infos(stage_list, num_classes)
        _sync_groups(infos)
        options = list(transfer.PRESETS) + [transfer.CUSTOM]
        st.radio(
            tr("transfer_learning.preset"),
            options,
            key="tl_preset",
            format_func=lambda p: tr(f"transfer_learning.preset.{p}"),
            on_change=_preset_changed,
            args=(infos,),
            help=tr("transfer_learning.preset_help"),
            captions=[tr(f"transfer_learning.preset.{p}.short") for p in options],
        )
    with right:
        st.pills(
            tr("transfer_learning.groups"),
            [g.name for g in infos if g.has_params],
            key="tl_groups",
            selection_mode="multi",
            on_change=_groups_changed,
            args=(infos,),
            help=tr("transfer_learning.groups_help"),
        )
        preset = st.session_state.get("tl_preset") or transfer.CUSTOM
        st.caption(tr(f"transfer_learning.preset.{preset}.about"))
        trainable = transfer.normalize_trainable(infos, st.session_state.get("tl_groups") or [])
    _advisor(infos, data)
    st.plotly_chart(
        layer_groups_figure(infos, trainable, theme(), lang()),
        width="stretch",
        key="tl_layers_chart",
        config={"displayModeBar": False},
    )
    totals = transfer.param_totals(infos, trainable)
    cols = metric_columns(4)
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
    speed_slot = (cols[2].empty(), cols[3].empty(), st.empty())
    return ModelSetup(spec, stage_list, infos, trainable, preset, speed_slot)
