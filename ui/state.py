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

from core.params import parse_or_default

_SHADOW = "_url_"
BAD_PARAMS = "_bad_url_params"


def url_bound(key: str, param: Any) -> Any:
    """Seed ``st.session_state[key]`` from the URL once, then mirror it into the URL."""
    state = st.session_state
    if key not in state:
        if _SHADOW + key in state:
            state[key] = state[_SHADOW + key]
        else:
            text = st.query_params.get(key)
            value, ok = parse_or_default(param, text)
            if not ok:
                state.setdefault(BAD_PARAMS, []).append((key, text))
            state[key] = value
    value = state[key]
    state[_SHADOW + key] = value
    st.query_params[key] = param.format(value)
    return value


def pop_bad_params() -> list[tuple[str, str]]:
    """URL parameters that were rejected since the last call (shown once as a warning)."""
    return st.session_state.pop(BAD_PARAMS, [])
