"""The one owner of session state and of the link: widget values, lab state, the URL.

Every read or write of ``st.session_state`` outside a lab's own ``ui/<lab>/state.py`` (its
typed state) and ``ui/common/handover.py`` goes through this module; a test enforces it.

Widget values round-trip through the URL (TensorFlow-Playground style): ``url_bound`` seeds
a widget's session value from the link the first time a session meets its key (or the
default, with a message, when the link's value is invalid) and from then on mirrors every
change into the URL. A shadow copy outlives Streamlit's clean-up of widgets on other pages,
so switching pages keeps the settings. Widgets are drawn by ``ui.common.controls``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any, TypeVar

import streamlit as st

from core.common import i18n
from core.common.params import parse_or_default

_SHADOW = "_url_"
_LABEL = "_label_"  # the label a choice widget's value had at its last drawing
T = TypeVar("T")


def url_bound(key: str, param: Any, allowed: Collection | None = None, fallback: Any = None) -> Any:
    """Seed ``st.session_state[key]`` from the URL once (warning about an invalid value), then
    mirror it into the URL.

    ``allowed``: the values possible now, when they depend on another control (the preset's
    inputs, the graph's nodes, the chosen model's layers); a choice's own options otherwise.
    Any other value (left from before, or brought by the link) becomes ``fallback`` (by
    default the param's default, else the first allowed value); a link value that is valid in
    general but impossible here is reported like an invalid one.
    """
    state = st.session_state
    link_text = None  # the link's value, when it is read now and parses
    if key not in state:
        if _SHADOW + key in state:
            state[key] = state[_SHADOW + key]
        else:
            text = st.query_params.get(key)
            value, ok = parse_or_default(param, text)
            if ok:
                link_text = text
            else:
                warn_bad_link_value(key, text)
            state[key] = value
    value = state[key]
    if allowed is None:
        allowed = getattr(param, "options", None)
    if allowed is not None and value not in allowed:
        if link_text is not None:
            warn_bad_link_value(key, link_text)  # valid words, impossible here
        if fallback is None:
            fallback = param.default if param.default in allowed else next(iter(allowed))
        value = state[key] = fallback
    state[_SHADOW + key] = value
    st.query_params[key] = param.format(value)
    return value


def keep_label_current(key: str, label_of: Callable[[Any], str]) -> None:
    """Streamlit's choice widgets hold their value in the browser as its label. When the
    label of the value changes (the language switched, the weights got downloaded), the
    value is set again, so the browser holds the new label: the old one would no longer
    match any option at the next interaction. Call before drawing the widget."""
    state = st.session_state
    if key not in state:
        return
    value = state[key]
    try:
        label = tuple(map(label_of, value)) if isinstance(value, list) else label_of(value)
    except (KeyError, IndexError, TypeError, ValueError):
        return  # not an option now: url_bound replaces it
    if state.get(_LABEL + key, label) != label:
        state[key] = value
    state[_LABEL + key] = label


def seen_before(key: str) -> bool:
    """Whether this session already has a value for the control ``key`` (any page)."""
    return key in st.session_state or _SHADOW + key in st.session_state


def link_value(key: str) -> str | None:
    """The link's raw text for ``key`` (for messages about a link a session just opened)."""
    return st.query_params.get(key)


def set_link_text(key: str, text: str | None) -> None:
    """Write ``key``'s raw text into the link, or remove it (``None``): for state a link
    carries that no widget holds (the GCN lab's edited graph)."""
    if text is not None:
        st.query_params[key] = text
    elif key in st.query_params:
        del st.query_params[key]


def widget_value(key: str, default: Any = None) -> Any:
    """The current value of the widget ``key`` (its last drawn value, or ``default``)."""
    return st.session_state.get(key, default)


def set_widget_value(key: str, value: Any, param: Any = None) -> None:
    """Set the widget ``key`` before it is drawn (callbacks, presets), and its link with
    ``param`` when given."""
    st.session_state[key] = value
    st.session_state[_SHADOW + key] = value
    if param is not None:
        st.query_params[key] = param.format(value)


def session_object(key: str, factory: Callable[[], T]) -> T:
    """The session's one object stored under ``key``, made by ``factory`` on first use.
    Each lab's typed state lives in one such object (``ui/<lab>/state.py``)."""
    state = st.session_state
    if key not in state:
        state[key] = factory()
    return state[key]


def language() -> str:
    return st.session_state.get("lang", i18n.DEFAULT_LANGUAGE)


def warn_bad_link_value(key: str, text: str) -> None:
    """Say that the link's ``key=text`` was refused, where the control is, in the UI language."""
    st.warning(i18n.t("common.bad_url_param", language(), name=key, value=shown_link_value(text)))


def shown_link_value(text: str) -> str:
    """A link's value as the message quotes it (in a code span): short, one line, and unable to
    close the code span, so a crafted link cannot put images or links into the page."""
    return " ".join(str(text).split())[:80].replace("`", "'")
