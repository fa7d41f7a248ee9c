"""The GCN lab's common mistake in a real browser, in Korean projector mode: one switch
stacks the layers on the un-normalised adjacency matrix; the section photographed."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SHOTS, assert_no_error, open_page, wait_idle, widget

pytestmark = pytest.mark.e2e


def test_the_switch_shows_the_blow_up(server_url, page):
    open_page(page, f"{server_url}/gcn?lang=ko&projector=1")
    assert_no_error(page)
    section = widget(page, "gcn_mistakes")
    expect(section).to_contain_text("흔한 실수: 정규화하지 않은 인접 행렬")
    widget(page, "gcn_mistake").locator("label").click()
    wait_idle(page)
    assert_no_error(page)
    expect(section).to_contain_text("증상:")
    assert section.locator(".js-plotly-plot").count() == 1
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": page.viewport_size["width"], "height": min(height + 40, 8000)})
    page.wait_for_timeout(800)
    page.mouse.move(1, 1)
    section.screenshot(path=str(SHOTS / "gcn-ko-projector-mistake.png"))
