"""Teacher links on the page: apply a link's hidden controls and presentation layout, and
build such a link from the lab's current values (``core.classroom.teacher_link``)."""

from __future__ import annotations

import streamlit as st

from core.classroom.teacher_link import (
    HIDE_PARAM,
    PRESENT_PARAM,
    PRESENTATION_CSS,
    hiding_css,
    lab_controls,
    parse_hidden,
    teacher_link,
)
from ui.common.frame import LANG_KEY, lang, tr
from ui.common.state import link_value


def presenting() -> bool:
    return link_value(PRESENT_PARAM) == "1"


def apply_teacher_link() -> None:
    """Hide the controls the link names and, with ``present=1``, the sidebar and chrome."""
    css = hiding_css(parse_hidden(link_value(HIDE_PARAM)))
    if presenting():
        css += PRESENTATION_CSS
    if css:
        st.html(f"<style>{css}</style>")


def link_builder(lab: str, prefix: str) -> None:
    """For teachers: this lab's link with its current values, chosen controls hidden. Drawn
    only when switched on: listing the lab's controls imports all its core modules."""
    if not st.toggle(tr("classroom.link.title"), key=f"{prefix}_link_make"):
        return
    controls = lab_controls(lab)
    labels = {key: f"{_label(c.label)} ({key})" for key, c in controls.items()}
    st.caption(tr("classroom.link.help"))
    hidden = st.multiselect(
        tr("classroom.link.hide"),
        list(controls),
        format_func=labels.__getitem__,
        key=f"{prefix}_link_hide",
    )
    present = st.toggle(tr("classroom.link.present"), key=f"{prefix}_link_present")
    values = {key: link_value(key) for key in controls}
    values[LANG_KEY] = lang()
    st.code(teacher_link(lab, values, tuple(hidden), present), language=None, wrap_lines=True)


def _label(key: str) -> str:
    try:
        return tr(key)
    except (KeyError, IndexError):  # a label with placeholders: its key says enough
        return key
