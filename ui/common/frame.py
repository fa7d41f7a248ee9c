"""The shared frame every page lives in: language, projector mode, messages.

``streamlit_app.py`` calls ``language_from_session()`` before it builds the navigation
(page titles are translated) and ``draw_sidebar()`` after; pages use ``tr``,
``theme`` and ``show_error``.
"""

from __future__ import annotations

import gc
import sys

import streamlit as st

from core.common import i18n
from core.common.background import foreground_threads
from core.common.errors import UserFacingError
from core.common.memory import release_free_heap, use_one_heap
from core.common.params import BoolParam, ChoiceParam
from core.common.theme import Theme, theme_for
from ui.common import state
from ui.common.state import url_bound

use_one_heap()  # every page imports this module first: see core.common.memory
# Streamlit draws each page and fragment on a thread of this name: background work (runs
# training, frozen passes) yields to them, see core.common.background.
foreground_threads("ScriptRunner.scriptThread")

LANG_KEY = "lang"
PROJECTOR_KEY = "projector"
LANGUAGE_NAMES = {"ko": "한국어", "en": "English"}

# Always: option pills and segmented controls wrap in narrow columns instead of clipping
# their last options (long Korean labels in a side column). Single-choice pills are a
# radiogroup, multi-choice pills a toolbar. Korean breaks lines between words only
# (keep-all, over Streamlit's own break-word rules); a word longer than its line may still break.
BASE_CSS = """
<style>
.stApp * { word-break: keep-all !important; overflow-wrap: break-word; }
[data-testid="stButtonGroup"] [role="radiogroup"],
[data-testid="stButtonGroup"] [role="toolbar"] {
  flex-wrap: wrap; overflow: visible; row-gap: 0.4rem;
}
[data-testid="stNavSectionHeader"] .stMarkdownEllipsis p { white-space: normal; overflow: visible; }
/* The clone / detach table shares the first screen with the graph: tighter rows. */
.st-key-cg_copy_table th, .st-key-cg_copy_table td { padding-top: 0.3rem; padding-bottom: 0.3rem; }
.st-key-cg_copy_table td:nth-child(2) { white-space: nowrap; }  /* the notes' words, one line */
</style>
"""

# Projector mode: bigger type everywhere (Streamlit sizes text in rem) and thicker controls.
PROJECTOR_CSS = """
<style>
html { font-size: 22px; }
.stApp p, .stApp li, .stApp label, .stApp td, .stApp th { font-size: 1.1rem; line-height: 1.5; }
.stApp [data-testid="stMetricValue"], .stApp [data-testid="stMetricValue"] p {
  font-size: 2.2rem; line-height: 1.2;
}
.stApp h1 { font-size: 2.6rem; } .stApp h2 { font-size: 2.0rem; } .stApp h3 { font-size: 1.6rem; }
[data-testid="stSidebarNav"] span { font-size: 1.05rem; }
[data-testid="stSidebar"] { min-width: 22rem; max-width: 22rem; }  /* each item on one line */
[data-testid="stSelectbox"] input, [data-testid="stMultiSelect"] input,
[data-testid="stNumberInput"] input, [data-testid="stTextInput"] input { font-size: 1.0rem; }
[data-baseweb="slider"] [role="slider"] { width: 1.3rem; height: 1.3rem; }
.stApp code { font-size: 1.0rem; }
/* the clone / detach table stands beside the graph: its notes wrap so its last column shows */
.st-key-cg_copy_table td:nth-child(2) { white-space: normal; }
</style>
"""


def language_from_session() -> str:
    """Resolve the UI language: session > URL ``?lang=`` > browser locale."""
    default = i18n.language_from_locale(st.context.locale)
    return url_bound(LANG_KEY, ChoiceParam(default, i18n.LANGUAGES))


def lang() -> str:
    return state.language()


def tr(key: str, **params: object) -> str:
    """Translate an i18n key into the session's language."""
    return i18n.t(key, lang(), **params)


def projector() -> bool:
    return bool(state.widget_value(PROJECTOR_KEY, False))


def theme() -> Theme:
    return theme_for(projector())


def draw_sidebar() -> None:
    """Language switch and projector toggle, both kept in the URL."""
    with st.sidebar:
        st.segmented_control(
            tr("common.language"),
            options=list(i18n.LANGUAGES),
            format_func=LANGUAGE_NAMES.__getitem__,
            key=LANG_KEY,
            required=True,
        )
        url_bound(PROJECTOR_KEY, BoolParam(False))
        st.toggle(tr("common.projector"), key=PROJECTOR_KEY, help=tr("common.projector_help"))
        st.caption(tr("common.share_hint"))
    st.html(BASE_CSS + (PROJECTOR_CSS if projector() else ""))


def show_error(err: UserFacingError) -> None:
    st.error(tr(err.key, **err.params), icon=":material/error:")


def _leave_legacy_pages_mode() -> None:
    """Rerun through ``streamlit_app.py`` when Streamlit ran a page file on its own.

    A fresh server treats ``pages/`` the old (MPA v1) way until ``st.navigation`` has run
    once in the process, so a first visitor arriving on a deep link (``/gcn``) would get
    the bare page without our navigation or sidebar. ``st.navigation`` clears this flag;
    clearing it here and rerunning makes that first run go through the entry script too.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def page_header(title_key: str, teaches_key: str | None = None) -> None:
    """The first call of every page: its title and what it teaches."""
    _leave_legacy_pages_mode()
    release_free_heap()  # what earlier runs of any session freed (figures, activations)
    st.title(tr(title_key))
    if teaches_key:
        st.markdown(tr(teaches_key))


def after_run() -> None:
    """The end of every script run (``streamlit_app.py``): later collections stay cheap and
    what the run freed, cycles included, goes back to the OS before the next run allocates.
    (Streamlit's own collection comes after the script; with the long-lived objects
    frozen, this one walks only what the run created: a few milliseconds.)"""
    freeze_after_imports()
    gc.collect()
    release_free_heap()


_frozen_modules = 0  # len(sys.modules) at the last gc.freeze()


def freeze_after_imports() -> None:
    """Keep Streamlit's garbage collection after every run cheap (call at the end of a run).

    Streamlit runs ``gc.collect(2)`` after each script and fragment run
    (``runner.postScriptGC``). With torch, timm and plotly loaded that walks about half a
    million long-lived objects: 0.2 s of the one core Python code gets, on every widget
    change and every tick of a live panel, more than most pages' own work. After a run
    that imported modules, this collects once and moves everything alive into gc's
    permanent generation (``gc.freeze``), so later collections walk only what later runs
    create. That happens a few times per process (the first visits of each page); objects
    alive then and later dropped are still freed by reference counting, just never by
    the cycle collector.
    """
    global _frozen_modules
    if len(sys.modules) != _frozen_modules:
        _frozen_modules = len(sys.modules)
        gc.collect()
        gc.freeze()
