"""The computation-graph lab's common mistake in AppTest: one toggle (by key) runs the same
training with detach() beside the correct run."""

from core.computation_graph import mistakes as M
from tests.conftest import run_app

PAGE = "pages/computation_graph.py"


def _md(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_off_shows_the_correct_run_only():
    at = run_app(PAGE)
    assert at.toggle(key="cg_detach_mistake").value is False
    text = _md(at)
    assert "| parameter | correct |" in text and "detach() (mistake)" not in text
    assert not any(w.value.startswith("Symptom") for w in at.warning)


def test_the_toggle_shows_the_weight_that_never_changes():
    at = run_app(PAGE)
    at.toggle(key="cg_detach_mistake").set_value(True).run()
    assert not at.exception
    text = _md(at)
    assert "| parameter | correct | detach() (mistake) |" in text
    correct = M.detach_run(False).fate("layer1.weight")
    # layer1.weight: a gradient and a change when correct, None and 0 with detach()
    assert (
        f"| `layer1.weight`: size of .grad after backward() | `{correct.grad_norm:.3g}` | `None` |"
        in text
    )
    assert f"| `layer1.weight`: largest change after one step | {correct.change:.3g} | 0 |" in text
    assert any(w.value.startswith("Symptom: layer1.weight's `.grad` is None") for w in at.warning)
    assert any(".detach()  # ← the mistake: the gradient stops here" in c.value for c in at.code)


def test_korean_link_opens_the_mistake():
    at = run_app(PAGE, lang="ko", cg_detach_mistake="1")
    assert at.toggle(key="cg_detach_mistake").value is True
    assert any(w.value.startswith("증상:") for w in at.warning)
