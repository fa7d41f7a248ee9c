"""One way to draw a control: its declaration (``core.common.params.Control``) becomes its
widget and its link binding, with the declared key, range, step, options and labels.

Pages and lab UIs call ``control(declaration)`` and get the value back; nothing else pairs
a widget with ``url_bound`` or retypes a range.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

import streamlit as st

from core.common.params import BoolParam, ChoiceParam, Control, FloatParam, IntParam, RangeParam
from ui.common.frame import tr
from ui.common.state import keep_label_current, url_bound


def option_labels(prefix: str, options: Collection, suffix: str = "") -> Callable[[Any], str]:
    """A format_func for translated option labels, fixed in the current language.

    A lookup table instead of ``lambda o: tr(...)``: AppTest calls it outside a script run,
    where the session's language is not at hand."""
    table = {o: tr(f"{prefix}{o}{suffix}") for o in options}
    return table.__getitem__


def control(
    decl: Control,
    *,
    allowed: Collection | None = None,
    fallback: Any = None,
    label: str | None = None,
    format_func: Callable[[Any], str] | None = None,
    **widget_args: Any,
) -> Any:
    """Draw ``decl``'s widget (its value seeded from the link, then mirrored into it) and
    return the widget's value.

    ``allowed``: the values possible now when they depend on another control (a choice's
    options, or an integer range such as the graph's nodes); ``fallback`` replaces a value
    outside them. ``label`` overrides the declared label (already translated);
    ``widget_args`` go to the Streamlit widget (``on_change``, ``disabled``, ``width`` ...).
    """
    kind, param = decl.kind, decl.param
    # a multi-choice's value is a list: ``allowed`` are its items, not its possible values
    url_bound(decl.key, param, None if kind == "multi" else allowed, fallback)
    args = {"key": decl.key, "help": tr(decl.help) if decl.help else None, **widget_args}
    text = label if label is not None else tr(decl.label)
    if isinstance(param, ChoiceParam) or kind in _CHOICE_KINDS:
        options = list(allowed) if allowed is not None else list(param.options)
        if format_func is None and decl.options_label:
            format_func = option_labels(decl.options_label, options)
        if format_func is not None:
            args["format_func"] = format_func
            keep_label_current(decl.key, format_func)
        return _choice(kind, text, options, args)
    if isinstance(param, BoolParam):
        return (st.checkbox if kind == "checkbox" else st.toggle)(text, **args)
    if kind == "text":
        return st.text_input(text, **args)
    low, high = _bounds(param, allowed)
    if isinstance(param, (IntParam, FloatParam, RangeParam)):
        cast = int if isinstance(param, IntParam) else float
        step = cast(decl.step) if decl.step is not None else (1 if cast is int else None)
        if kind == "number":
            return st.number_input(
                text, min_value=cast(low), max_value=cast(high), step=step, **args
            )
        return st.slider(text, min_value=cast(low), max_value=cast(high), step=step, **args)
    raise ValueError(f"control {decl.key!r}: no widget for {type(param).__name__} as {kind!r}")


def control_value(decl: Control, allowed: Collection | None = None, fallback: Any = None) -> Any:
    """``decl``'s value before (or without) its widget in this run, bound to the link as
    ``control`` binds it: for a value needed above the place its widget is drawn, or kept
    while its widget is hidden."""
    return url_bound(decl.key, decl.param, allowed, fallback)


_CHOICE_KINDS = ("select", "radio", "segmented", "pills", "select_slider", "multi")


def _choice(kind: str, text: str, options: list, args: dict) -> Any:
    if kind == "select_slider":
        return st.select_slider(text, options, **args)
    if kind == "multi":
        return st.pills(text, options, selection_mode="multi", **args)
    if kind == "radio":
        return st.radio(text, options, **args)
    if kind == "segmented":
        return st.segmented_control(text, options, required=True, **args)
    if kind == "pills":
        return st.pills(text, options, required=True, **args)
    return st.selectbox(text, options, **args)


def _bounds(param: Any, allowed: Collection | None) -> tuple[float, float]:
    if isinstance(allowed, range) and len(allowed):
        return allowed[0], allowed[-1]
    return param.low, param.high
