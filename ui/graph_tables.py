"""Small layout helpers of the computation-graph lab: tables that scale in projector mode."""

from __future__ import annotations

from typing import Any, Sequence

import streamlit as st

from core.params import ChoiceParam
from ui.state import url_bound


def _cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A plain markdown table (its text follows the projector CSS, unlike a dataframe)."""
    lines = ["| " + " | ".join(_cell(h) for h in headers) + " |",
             "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    st.markdown("\n".join(lines))


def bound_choice(key: str, param: ChoiceParam, options: Sequence[str], fallback: str) -> str:
    """url_bound for a choice whose valid options depend on another control (the preset)."""
    value = url_bound(key, param)
    if value not in options:
        st.session_state[key] = fallback
        value = url_bound(key, param)
    return value
