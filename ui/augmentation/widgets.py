"""Widgets of the augmentation lab, drawn from core.augmentation's control declarations.

Every control is a ``Control`` in ``core.augmentation.controls`` (the crop and the grid) or
in a transform of ``core.augmentation.extras.EXTRAS`` (its toggle and arguments), drawn by
``ui.common.controls.control``; adding a transform adds its controls here without new code.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

import streamlit as st

from core.augmentation import controls as C
from core.augmentation.checks import reversed_range
from core.augmentation.extras import EXTRAS, TransformSpec
from core.augmentation.pipeline import TransformStep
from core.augmentation.sampling import CropSample
from core.augmentation.views import number_cell_style, sample_rows
from core.common.errors import UserFacingError
from core.common.params import Control, FloatParam, RangeParam
from core.common.theme import Theme
from ui.common.controls import control
from ui.common.frame import lang, show_error, tr
from ui.common.state import link_value, seen_before, set_widget_value, widget_value


def draw(decl: Control, **widget_args: Any) -> Any:
    """Draw ``decl``; a float slider shows two decimals, or none for whole steps (degrees)."""
    if isinstance(decl.param, (FloatParam, RangeParam)) and decl.kind == "slider":
        widget_args.setdefault("format", "%.2f" if (decl.step or 0.01) < 1 else "%.0f")
    return control(decl, **widget_args)


def transform_controls(spec: TransformSpec) -> TransformStep | None:
    """A toggle for an optional transform and, when it is on, its arguments' sliders."""
    if not control(spec.toggle, help=tr("augmentation.transform_help", name=spec.torch_class)):
        return None
    return TransformStep.of(spec.name, **{arg: draw(decl) for arg, decl in spec.args.items()})


def _reroll() -> None:
    old = widget_value(C.SEED.key)
    new = old
    while new == old:
        new = random.randrange(C.SEED.param.high + 1)
    set_widget_value(C.SEED.key, new)


def _use_notes_settings() -> None:
    for decl, value in C.NOTES_SETTINGS.items():
        set_widget_value(decl.key, value)


def explain_reversed_link_ranges() -> None:
    """Say why a link's ``min,max`` range with min > max was not applied (first visit only)."""
    for decl in (C.SCALE, C.RATIO):
        if seen_before(decl.key):
            continue
        bad = reversed_range(link_value(decl.key))
        if bad:
            show_error(
                UserFacingError(
                    "augmentation.error.range_reversed",
                    name=tr(decl.label),
                    low=f"{bad[0]:g}",
                    high=f"{bad[1]:g}",
                )
            )


def crop_controls() -> dict[str, Any]:
    """Output size, scale, ratio, interpolation, grid and seed; returns their values by argument."""
    h_col, w_col = st.columns(2)
    with h_col:
        h = draw(C.SIZE_H)
    with w_col:
        w = draw(C.SIZE_W)
    values: dict[str, Any] = {"size": (int(h), int(w))}
    values.update({arg: draw(decl) for arg, decl in C.CROP_ARGS.items()})
    r_col, c_col = st.columns(2)
    with r_col:
        values["rows"] = draw(C.ROWS)
    with c_col:
        values["cols"] = draw(C.COLS)
    s_col, b_col = st.columns([2, 3], vertical_alignment="bottom")
    with s_col:
        values["seed"] = draw(C.SEED)
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


def extras_controls() -> tuple[TransformStep, ...]:
    st.subheader(tr("augmentation.extras_title"))
    st.caption(tr("augmentation.extras_caption"))
    steps = (transform_controls(spec) for spec in EXTRAS.values())
    return tuple(step for step in steps if step is not None)


def sample_table(samples: Sequence[CropSample], theme: Theme) -> None:
    """Each sample's parameters; the number cell wears its box's colour."""
    import pandas as pd

    frame = pd.DataFrame(sample_rows(samples, lang()))
    styles = [number_cell_style(theme, s.index) for s in samples]
    styled = (
        frame.style.apply(lambda _: styles, subset=[frame.columns[0]])
        .format(precision=3)
        .hide(axis="index")
    )
    st.table(styled)  # HTML, so projector mode's bigger type applies
