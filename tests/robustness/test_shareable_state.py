"""A shared link reopens the same view. Every lab's main controls round-trip
through the URL query parameters.

For each lab, links with a non-default value for every URL-bound key (in configurations
that show the conditional controls too): the session state and the rendered widgets hold
the values, the page writes back exactly that query string, and opening the written-back
link gives the same state again. Each configuration also fails when the page writes a key
the table here does not cover, so a new URL-bound control needs a round-trip value here.
The browser test is ``tests/e2e/test_shareable_links.py``.
"""

from __future__ import annotations

import pytest

from core.common.i18n import t
from tests.conftest import make_app
from tests.robustness.links import LINKS, Link, decoded_graph
from ui.common.state import shown_link_value


def open_link(link: Link, query: dict[str, str], speak):
    speak(query.get("lang", "en"))
    at = make_app(link.page, lang=query.get("lang", "en"))
    for key, text in query.items():
        at.query_params[key] = text
    for key, make in link.state.items():
        at.session_state[key] = make()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    lang = at.session_state["lang"]
    warnings = [w.value for w in at.warning]
    for key, text in query.items():  # no link value refused
        assert (
            t("common.bad_url_param", lang, name=key, value=shown_link_value(text)) not in warnings
        ), key
    return at


def _same(a, b) -> bool:
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) or isinstance(b, float):
        return abs(float(a) - float(b)) < 1e-9
    return a == b


def held(at, link: Link) -> None:
    """The session and the widgets hold the link's values."""
    for key, (text, value) in link.params.items():
        if key == "gcn_graph":
            assert at.session_state["_gcn_state"].editor.graph == decoded_graph(text)
            continue
        assert _same(at.session_state[key], value), (key, at.session_state[key], value)
        if key in link.no_widget or key in ("lang",):
            continue
        widget = at.get_by_key(key)
        assert _same(widget.value, value), (key, widget.value, value)
    assert at.session_state["lang"] == "ko" and at.title[0].value  # the page is in Korean


@pytest.mark.parametrize("link", LINKS, ids=[link.name for link in LINKS])
def test_a_link_opens_that_state_and_is_written_back(link, speak):
    at = open_link(link, link.query(), speak)
    held(at, link)
    written = dict(at.query_params)
    assert written == link.query(), {
        k: (written.get(k), link.query().get(k))
        for k in set(written) | set(link.query())
        if written.get(k) != link.query().get(k)
    }
    again = open_link(link, written, speak)  # the link the page wrote reopens the same view
    held(again, link)
    assert dict(again.query_params) == written


def test_changing_a_control_changes_the_link_and_back(speak):
    """The link follows the controls (not only the first visit), and back again."""
    speak("en")
    at = make_app("pages/augmentation.py", aug_rows="3")
    at.run()
    at.slider(key="aug_cols").set_value(6).run()
    assert at.query_params["aug_cols"] == "6" and at.query_params["aug_rows"] == "3"
    at.slider(key="aug_cols").set_value(4).run()
    assert at.query_params["aug_cols"] == "4"
    at.switch_page("pages/gcn.py")
    at.run()
    at.switch_page("pages/augmentation.py")
    at.run()
    assert at.session_state["aug_rows"] == 3, "settings survive a visit to another lab"
    assert at.query_params["aug_rows"] == "3"


@pytest.mark.parametrize(
    "page, query, key, fallback",
    [
        ("pages/computation_graph.py", {"cg_preset": "notes", "cg_change": "w1"}, "cg_change", "Z"),
        ("pages/computation_graph.py", {"cg_preset": "neuron", "cg_path": "X"}, "cg_path", "w"),
        (
            "pages/gcn.py",
            {"gcn_preset": "path", "gcn_size": "4", "gcn_view": "steps", "gcn_node": "9"},
            "gcn_node",
            0,
        ),
        ("pages/feature_maps.py", {"fm_weights": "finetuned"}, "fm_weights", "imagenet"),
    ],
    ids=["change_not_in_preset", "path_not_in_preset", "node_not_in_graph", "no_finetuned_model"],
)
def test_a_link_value_impossible_here_falls_back_with_a_message(page, query, key, fallback, speak):
    """Valid words, but not for this preset, graph or session: the fallback, the link
    rewritten, and the student told which parameter was refused."""
    speak("en")
    at = make_app(page, **query)
    at.run()
    assert not at.exception
    assert at.session_state[key] == fallback
    assert at.query_params[key] in (str(fallback), [str(fallback)])
    message = t("common.bad_url_param", "en", name=key, value=shown_link_value(query[key]))
    assert [w.value for w in at.warning].count(message) == 1
