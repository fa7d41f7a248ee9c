"""Teacher links (TensorFlow-Playground style): a lab's link with its values fixed, chosen
controls hidden (``hide=aug_scale,aug_ratio``) and a presentation layout (``present=1``:
no sidebar, no Streamlit chrome, projector type).

The values are the lab's own link parameters: a hidden control keeps the value the link
gives it, and nobody can change it. Hiding works by the CSS class Streamlit gives every
keyed element's container (``st-key-<key>``); keys are checked against the lab's declared
controls, so a link cannot inject CSS.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from urllib.parse import urlencode

from core.common.labs import LABS
from core.common.params import Control

HIDE_PARAM = "hide"
PRESENT_PARAM = "present"
MAX_HIDDEN = 40

PRESENTATION_CSS = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stExpandSidebarButton"], footer { display: none !important; }
.stMainBlockContainer, .block-container {
  padding-top: 1.5rem !important; max-width: 100% !important;
}
"""


@cache
def lab_controls(lab: str) -> dict[str, Control]:
    """Every control ``core/<lab>`` declares, by key (modules, tuples and dicts of them).
    It imports all the lab's core modules (torch among them): call it only when asked."""
    package = importlib.import_module(f"core.{lab}")
    found: dict[str, Control] = {}
    for info in pkgutil.iter_modules(package.__path__):
        if info.name == "lesson":
            continue
        for value in vars(importlib.import_module(f"core.{lab}.{info.name}")).values():
            for control in _controls_in(value):
                found.setdefault(control.key, control)
    return dict(sorted(found.items()))


def _controls_in(value, depth: int = 0):
    """The controls in a module-level value: a control, or tuples, lists and dicts of them
    (nested: the computation graph's inputs are a tuple per preset)."""
    if isinstance(value, Control):
        yield value
    elif depth < 3 and isinstance(value, (tuple, list, dict)):
        for item in value.values() if isinstance(value, dict) else value:
            yield from _controls_in(item, depth + 1)


def all_control_keys() -> frozenset[str]:
    return frozenset(key for lab in LABS for key in lab_controls(lab.name))


def parse_hidden(text: str | None) -> tuple[str, ...]:
    """The declared control keys a link hides; anything else in it is dropped."""
    if not text:
        return ()
    known = all_control_keys()
    keys = [k.strip() for k in str(text)[:2000].split(",")]
    return tuple(dict.fromkeys(k for k in keys if k in known))[:MAX_HIDDEN]


def hiding_css(keys: tuple[str, ...]) -> str:
    """CSS hiding the widgets of ``keys`` (already checked: letters, digits and _ only)."""
    if not keys:
        return ""
    selectors = ", ".join(f".st-key-{k}" for k in keys if k.replace("_", "").isalnum())
    return f"{selectors} {{ display: none !important; }}"


def teacher_link(lab: str, values: dict[str, str], hidden: tuple[str, ...], present: bool) -> str:
    """The relative link of ``lab`` with ``values`` (link texts), ``hidden`` controls and
    the presentation layout (with projector mode) when ``present``."""
    query = {k: v for k, v in values.items() if v is not None}
    if hidden:
        query[HIDE_PARAM] = ",".join(hidden)
    if present:
        query[PRESENT_PARAM] = "1"
        query["projector"] = "1"
    return f"/{lab}?{urlencode(query, safe=',')}"
