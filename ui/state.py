"""Widget state that round-trips through the URL (TensorFlow-Playground style).

Call ``url_bound(key, param)`` just before drawing the widget with the same ``key``
(and no ``value=``): the first time a session meets the key it takes the value from
the link (or the default when the link's value is invalid, with a message), and from
then on every change is written back to the URL. A shadow copy outlives Streamlit's
clean-up of widgets on other pages, so switching pages keeps the settings.
"""

from __future__ import annotations

from typing import Any, Collection

import streamlit as st

from core import i18n
from core.params import parse_or_default

_SHADOW = "_url_"


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


def warn_bad_link_value(key: str, text: str) -> None:
    """Say that the link's ``key=text`` was refused, where the control is, in the UI language."""
    lang = st.session_state.get("lang", i18n.DEFAULT_LANGUAGE)
    st.warning(i18n.t("common.bad_url_param", lang, name=key, value=shown_link_value(text)))


def shown_link_value(text: str) -> str:
    """A link's value as the message quotes it (in a code span): short, one line, and unable to
    close the code span, so a crafted link cannot put images or links into the page."""
    return " ".join(str(text).split())[:80].replace("`", "'")
