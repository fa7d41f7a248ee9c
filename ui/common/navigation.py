"""The sidebar navigation and the chapter map, both drawn from ``core.common.labs``."""

from __future__ import annotations

import streamlit as st

from core.common.labs import SECTIONS
from ui.common.frame import tr

HOME = "pages/home.py"
CLASSROOM = "pages/classroom.py"


def pages() -> dict[str, list]:
    """``st.navigation``'s groups: the chapter map, then each section's labs.

    ``url_path`` values are part of shareable links: they equal the page file names, because
    a freshly started server resolves a first visitor's deep link by file name (Streamlit's
    legacy pages/ mode, see ``ui.common.frame.page_header``) before ``st.navigation`` runs.
    """
    groups = {
        tr("common.nav.start"): [
            st.Page(
                HOME,
                title=tr("common.page.home"),
                icon=":material/map:",
                url_path="home",
                default=True,
            )
        ]
    }
    for section in SECTIONS:
        group = groups.setdefault(tr(f"common.nav.{section.nav}"), [])
        group += [
            st.Page(lab.page, title=tr(lab.title_key), icon=lab.icon, url_path=lab.name)
            for lab in section.labs
        ]
    groups[tr("classroom.nav")] = [  # the class room: not a lab, one page of its own
        st.Page(
            CLASSROOM, title=tr("classroom.page"), icon=":material/groups:", url_path="classroom"
        )
    ]
    return groups


def chapter_map() -> None:
    """One bordered box per section of the chapter: its heading, its text, links to its labs."""
    for section in SECTIONS:
        with st.container(border=True):
            if section.has_title:
                st.subheader(tr(f"home.section.{section.name}"))
            st.markdown(tr(f"home.section.{section.name}_text"))
            for column, lab in zip(st.columns(len(section.labs)), section.labs):
                column.page_link(lab.page, label=tr(lab.title_key), icon=lab.icon)
