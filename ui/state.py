"""Widget state that round-trips through the URL (TensorFlow-Playground style).

Call ``url_bound(key, param)`` just before drawing the widget with the same ``key``
(and no ``value=``): the first time a session meets the key it takes the value from
the link (or the default when the link's value is invalid, with a message), and from
then on every change is written back to the URL. A shadow copy outlives Streamlit's
clean-up of widgets on other pages, so switching pages keeps the settings.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from core import i18n
from core.params import parse_or_default

_SHADOW = "_url_"


def url_bound(key: str, param: Any) -> Any:
    """Seed ``st.session_state[key]`` from the URL once (warning about an invalid value), then
    mirror it into the URL."""
    state = st.session_state
    if key not in state:
        if _SHADOW + key in state:
            state[key] = state[_SHADOW + key]
        else:
            text = st.query_params.get(key)
            value, ok = parse_or_default(param, text)
            if not ok:
                warn_bad_link_value(key, text)
            state[key] = value
    value = state[key]
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
