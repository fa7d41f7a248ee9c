"""Projector-aware columns: the one helper every lab lays out side-by-side content with.

On a projector a quarter of the page cuts labels short, so columns wrap: into rows of
``projector_per_row`` cells, or (``projector_per_row=1``) into full-width panels one below
the other.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from ui.common.frame import projector


def columns(
    spec: int | Sequence[float],
    projector_per_row: int = 2,
    gap: str = "small",
    vertical_alignment: str = "top",
) -> list:
    """``st.columns(spec)`` normally; in projector mode rows of ``projector_per_row`` equal cells
    (stacked full-width containers when it is 1)."""
    weights = [1] * spec if isinstance(spec, int) else list(spec)
    if not projector() or len(weights) <= projector_per_row:
        return list(st.columns(weights, gap=gap, vertical_alignment=vertical_alignment))
    if projector_per_row == 1:
        return [st.container() for _ in weights]
    cells: list = []
    for _ in range(0, len(weights), projector_per_row):
        cells += st.columns(projector_per_row, gap=gap, vertical_alignment=vertical_alignment)
    return cells[: len(weights)]


def metric_columns(n: int = 4) -> list:
    """Columns for ``n`` metrics: one row, or rows of two in projector mode."""
    return columns(n, projector_per_row=2)
