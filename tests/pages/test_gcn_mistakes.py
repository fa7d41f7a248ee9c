"""The GCN lab's common-mistake section in AppTest: one toggle (by key) stacks the layers on
the un-normalised adjacency matrix beside the normalised one."""

from core.common.markdown import literal
from core.gcn import mistakes as M
from tests.conftest import make_app

PAGE = "pages/gcn.py"


def _run(lang="en", **params):
    at = make_app(PAGE, lang=lang, **params)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _md(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_off_shows_only_the_normalised_stack():
    at = _run()
    assert at.toggle(key="gcn_mistake").value is False
    assert "normalised adjacency \\(correct\\)" in _md(at)
    assert "un\\-normalised" not in _md(at)
    assert any("Switch it on" in i.value for i in at.info)


def test_the_toggle_makes_the_mistake_and_shows_the_blow_up():
    at = _run()
    at.toggle(key="gcn_mistake").set_value(True).run()
    assert not at.exception
    assert at.query_params["gcn_mistake"] in ("1", ["1"], "true", ["true"])
    r = M.depth_scales()
    symptom = [w.value for w in at.warning if w.value.startswith("Symptom")]
    assert symptom and f"{r.growth('raw'):.1f}× per layer" in symptom[0]
    assert literal(f"{r.scales['raw'][-1]:.3g}") in _md(at)
    assert any(i.value.startswith("Spot it in your code") for i in at.info)


def test_korean_link_opens_the_mistake():
    at = _run("ko", gcn_mistake="1")
    assert at.toggle(key="gcn_mistake").value is True
    assert any(w.value.startswith("증상:") for w in at.warning)
    assert "정규화하지 않은 Â \\(실수\\)" in _md(at)
