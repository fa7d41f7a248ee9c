"""Every page renders in a real browser with no error box, in both languages."""

import pytest
from playwright.sync_api import expect

from bench.harness import running_server
from tests.e2e.conftest import assert_no_error, open_page, screenshot, wait_idle, widget

pytestmark = pytest.mark.e2e

PAGES = ["", "augmentation", "transfer_learning", "computation_graph", "feature_maps", "gcn"]


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("path", PAGES)
def test_page_renders_without_error(server_url, page, path, lang):
    open_page(page, f"{server_url}/{path}?lang={lang}")
    expect(page.locator("h1").first).to_be_visible()
    assert_no_error(page)
    assert page.locator("[role='dialog']").count() == 0, "e.g. Streamlit's 'Page not found'"
    nav = page.locator("[data-testid='stSidebarNav']").inner_text()
    assert ("5.5" in nav) and ("GCN" in nav), "our sectioned navigation, not the pages/ fallback"
    screenshot(page, f"{path or 'home'}-{lang}")


def test_projector_mode_is_bigger(server_url, page):
    open_page(page, f"{server_url}/?lang=ko&projector=1")
    size = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    assert size == "22px"
    assert_no_error(page)
    screenshot(page, "home-ko-projector")


# How many lines the text of each matching element takes.
LINES_OF = """(selector) => [...document.querySelectorAll(selector)].map(el => {
  const range = document.createRange();
  range.selectNodeContents(el);
  return new Set([...range.getClientRects()].filter(r => r.width > 0)
                                           .map(r => Math.round(r.top))).size;
})"""


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_projector_sidebar_keeps_each_item_on_one_line(server_url, page, lang):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_page(page, f"{server_url}/gcn?lang={lang}&projector=1")
    headers = "[data-testid='stNavSectionHeader'] p"
    try:  # the sidebar widens when the page's style arrives: give it a moment
        page.wait_for_function(
            f"(s) => ({LINES_OF})(s).every(n => n === 1)", arg=headers, timeout=10_000
        )
    except Exception:
        pass
    sections = page.evaluate(LINES_OF, headers)
    assert sections and set(sections) == {1}, sections  # "5.5 Graph convolutional networks"
    buttons = widget(page, "lang").locator("button")
    buttons.nth(1).wait_for()
    tops = [round(buttons.nth(i).bounding_box()["y"]) for i in range(buttons.count())]
    assert len(tops) == 2 and len(set(tops)) == 1, tops  # 한국어 | English side by side


def test_language_switch_keeps_the_link(server_url, page):
    open_page(page, f"{server_url}/?lang=en")
    widget(page, "lang").get_by_role("radio", name="한국어").click()
    wait_idle(page)
    expect(page.locator("h1").first).to_contain_text("실습실")
    assert "lang=ko" in page.url


def test_first_visitor_of_a_fresh_server_can_arrive_on_a_deep_link(page):
    """A shared link is often the first request a woken-up cloud app gets."""
    with running_server("fresh-server.log") as url:
        open_page(page, f"{url}/feature_maps?lang=en")
        expect(page.locator("h1").first).to_contain_text("Feature-map lab")
        assert page.locator("[role='dialog']").count() == 0, "no 'Page not found'"
        nav = page.locator("[data-testid='stSidebarNav']").inner_text()
        assert "5.5" in nav, "our sectioned navigation, not the pages/ fallback"
