"""One "download as notebook" button for every lab."""

from __future__ import annotations

from collections.abc import Callable

import nbformat
import streamlit as st

from core.common.notebook import notebook_bytes
from ui.common.frame import lang, tr


def notebook_button(prefix: str, lab: str, build: Callable[[str], nbformat.NotebookNode]) -> None:
    """The button (key ``<prefix>_notebook``). ``build(language)`` runs only when it is
    clicked, on Streamlit's download thread: it must use values captured now, not session
    state."""
    language = lang()
    st.download_button(
        tr("common.notebook.download"),
        data=lambda: notebook_bytes(build(language)),
        file_name=f"{lab}.ipynb",
        mime="application/x-ipynb+json",
        key=f"{prefix}_notebook",
        help=tr("common.notebook.help"),
        icon=":material/download:",
    )
