"""Helpers of the GCN page tests: open the page, read its typed state and its texts."""

from __future__ import annotations

import re

from core.gcn import graph as g
from tests.conftest import make_app

PAGE = "pages/gcn.py"


def run(**params):
    lang = params.pop("lang", "en")
    projector = params.pop("projector", False)
    at = make_app(PAGE, lang=lang, projector=projector, **params)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def rerun(target):
    """Run the app again; ``target`` is the AppTest or a widget just changed (``.run()``
    returns the app)."""
    at = target.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def lab(at):
    """The lab's typed session state (``ui.gcn.state.GcnState``)."""
    return at.session_state["_gcn_state"]


def graph(at) -> g.Graph:
    return lab(at).editor.graph


def shown(text: str) -> str:
    """Markdown as it reads on the page: the escaper's backslashes gone."""
    return re.sub(r"\\(.)", r"\1", text)


def texts(at) -> str:
    return shown(
        "\n".join(
            [m.value for m in at.markdown]
            + [i.value for i in at.info]
            + [w.value for w in at.warning]
            + [c.value for c in at.caption]
        )
    )
