"""Widgets of the augmentation lab, drawn from core.augmentation.transforms's declarations.

A knob becomes a URL-bound widget with its key, range, step, label and help; a
transform declaration becomes a toggle plus its knobs. Adding a transform to
``core.augmentation.transforms.EXTRAS`` adds its controls here without new layout code.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

import streamlit as st

from core.augmentation import transforms as A
from core.augmentation.views import crop_color, sample_rows
from core.common.errors import UserFacingError
from core.common.theme import Theme
from ui.common.frame import lang, show_error, tr
from ui.common.state import url_bound


def knob_widget(knob: A.Knob) -> Any:
    """Draw the widget of ``knob`` (value from the session, seeded from the link) and return it."""
    url_bound(knob.key, knob.param)
    label, help_text = tr(knob.label_key), tr(knob.help_key)
    if knob.widget == "select":
        return st.selectbox(
            label,
            knob.options,
            key=knob.key,
            help=help_text,
            format_func=lambda o: tr(f"augmentation.interp.{o}"),
        )
    if knob.widget == "number":
        return st.number_input(
            label,
            min_value=int(knob.low),
            max_value=int(knob.high),
            step=int(knob.step),
            key=knob.key,
            help=help_text,
        )
    if knob.kind == "int":
        return st.slider(
            label,
            min_value=int(knob.low),
            max_value=int(knob.high),
            step=int(knob.step),
            key=knob.key,
            help=help_text,
        )
    return st.slider(
        label,
        min_value=float(knob.low),
        max_value=float(knob.high),
        step=float(knob.step),
        key=knob.key,
        help=help_text,
        format="%.2f" if knob.step < 1 else "%.0f",
    )


def transform_controls(spec: A.TransformSpec) -> A.TransformStep | None:
    """A toggle for an optional transform and, when it is on, its knobs."""
    url_bound(spec.toggle_key, spec.toggle_param)
    if not st.toggle(
        tr(spec.label_key),
        key=spec.toggle_key,
        help=tr("augmentation.transform_help", name=spec.torch_class),
    ):
        return None
    values = {knob.arg: knob_widget(knob) for knob in spec.knobs}
    return A.TransformStep.of(spec.name, **values)


def _reroll() -> None:
    old = st.session_state.get(A.SEED.key)
    new = old
    while new == old:
        new = random.randrange(int(A.SEED.high) + 1)
    st.session_state[A.SEED.key] = new


def _use_notes_settings() -> None:
    for key, value in A.NOTES_SETTINGS.items():
        st.session_state[key] = value


def explain_reversed_link_ranges() -> None:
    """Say why a link's ``min,max`` range with min > max was not applied (first visit only)."""
    for knob in (A.SCALE, A.RATIO):
        if knob.key in st.session_state or f"_url_{knob.key}" in st.session_state:
            continue
        bad = A.reversed_range(st.query_params.get(knob.key))
        if bad:
            show_error(
                UserFacingError(
                    "augmentation.error.range_reversed",
                    name=tr(knob.label_key),
                    low=f"{bad[0]:g}",
                    high=f"{bad[1]:g}",
                )
            )


def crop_controls() -> dict[str, Any]:
    """Output size, scale, ratio, interpolation, grid and seed; returns their values by argument."""
    h_col, w_col = st.columns(2)
    with h_col:
        h = knob_widget(A.SIZE_H)
    with w_col:
        w = knob_widget(A.SIZE_W)
    values: dict[str, Any] = {"size": (int(h), int(w))}
    for knob in A.RRC_KNOBS:
        values[knob.arg] = knob_widget(knob)
    r_col, c_col = st.columns(2)
    with r_col:
        values["rows"] = knob_widget(A.ROWS)
    with c_col:
        values["cols"] = knob_widget(A.COLS)
    s_col, b_col = st.columns([2, 3], vertical_alignment="bottom")
    with s_col:
        values["seed"] = knob_widget(A.SEED)
    with b_col:
        st.button(
            tr("augmentation.reroll"),
            key="aug_reroll",
            on_click=_reroll,
            icon=":material/casino:",
            help=tr("augmentation.reroll_help"),
            width="stretch",
        )
    st.button(
        tr("augmentation.notes_button"),
        key="aug_notes",
        on_click=_use_notes_settings,
        icon=":material/menu_book:",
        help=tr("augmentation.notes_button_help"),
    )
    return values


def extras_controls() -> tuple[A.TransformStep, ...]:
    st.subheader(tr("augmentation.extras_title"))
    st.caption(tr("augmentation.extras_caption"))
    steps = []
    for spec in A.EXTRAS.values():
        step = transform_controls(spec)
        if step is not None:
            steps.append(step)
    return tuple(steps)


def _ink(hex_color: str) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#FFFFFF"


def sample_table(samples: Sequence[A.CropSample], theme: Theme) -> None:
    """Each sample's parameters; the number cell wears its box's colour."""
    import pandas as pd

    frame = pd.DataFrame(sample_rows(samples, lang()))
    number = frame.columns[0]
    colours = [crop_color(theme, s.index) for s in samples]
    styled = (
        frame.style.apply(
            lambda _: [
                f"background-color: {c}; color: {_ink(c)}; font-weight: bold" for c in colours
            ],
            subset=[number],
        )
        .format(precision=3)
        .hide(axis="index")
    )
    st.table(styled)  # HTML, so projector mode's bigger type applies
