"""Small layout helpers of the GCN lab: control rows that wrap in projector mode, translated labels."""

from __future__ import annotations

import re

import streamlit as st

from ui.common.frame import projector, tr


def control_row(weights: list[float], projector_per_row: int = 2) -> list:
    """Columns for a row of controls; in projector mode, lines of ``projector_per_row`` cells."""
    if not projector() or len(weights) <= projector_per_row:
        return list(st.columns(weights, vertical_alignment="bottom"))
    cells = []
    for start in range(0, len(weights), projector_per_row):
        cells += st.columns(projector_per_row, vertical_alignment="bottom")
    return cells[: len(weights)]


def beside(weights: list[float] = (1, 1), gap: str = "medium") -> list:
    """Two panels side by side, stacked in projector mode so each gets the full width."""
    if projector():
        return [st.container() for _ in weights]
    return list(st.columns(list(weights), gap=gap))


def labels(prefix: str, options, suffix: str = ""):
    """A format_func for translated option labels, fixed in the current language.

    A lookup table instead of ``lambda o: tr(...)``: the labels do not depend on the session
    at the time the function is called (AppTest calls it outside a script run).
    """
    table = {o: tr(f"{prefix}{o}{suffix}") for o in options}
    return table.__getitem__


_MARKDOWN_SIGNS = re.compile(r"([\\`*_{}\[\]<>|$~])")  # emphasis, code, links/images, HTML, maths


def literal(text: str) -> str:
    """Text a user typed (a node label, a table cell, a link's graph) as it reads inside markdown:
    no images, links, emphasis or maths made of it."""
    return _MARKDOWN_SIGNS.sub(r"\\\1", text)


def literal_params(params: dict) -> dict:
    return {k: literal(v) if isinstance(v, str) else v for k, v in params.items()}
