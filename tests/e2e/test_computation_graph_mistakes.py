"""The computation-graph lab's common mistake in a real browser, Korean projector mode: one
switch runs the training with detach(); the section photographed."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SHOTS, assert_no_error, open_page, wait_idle, widget

pytestmark = pytest.mark.e2e


def test_the_switch_shows_the_weight_that_never_changes(server_url, page):
    open_page(page, f"{server_url}/computation_graph?lang=ko&projector=1")
    assert_no_error(page)
    section = widget(page, "cg_mistakes")
    expect(section).to_contain_text("흔한 실수: 기울기가 필요한 곳에서 detach()")
    widget(page, "cg_detach_mistake").locator("label").click()
    wait_idle(page)
    assert_no_error(page)
    expect(section).to_contain_text("증상:")
    expect(section).to_contain_text("None")
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": page.viewport_size["width"], "height": min(height + 40, 8000)})
    page.wait_for_timeout(800)
    page.mouse.move(1, 1)
    section.screenshot(path=str(SHOTS / "computation-graph-ko-projector-mistake.png"))
