"""Small layout helpers of the computation-graph lab: tables that scale in projector mode."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st


def _cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A plain markdown table (its text follows the projector CSS, unlike a dataframe)."""
    lines = ["| " + " | ".join(_cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    st.markdown("\n".join(lines))
