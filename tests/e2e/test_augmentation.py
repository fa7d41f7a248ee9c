"""The augmentation lab in a real browser: moving a control redraws the grid; links reopen it."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import open_page, screenshot, wait_idle, widget

pytestmark = pytest.mark.e2e

IMAGES = "[data-testid='stImage'] img"


def _grid_src(tab) -> str:
    """The grid is the second image of the page (the first is the photo with its boxes)."""
    return tab.locator(IMAGES).nth(1).get_attribute("src")


def _no_error(tab) -> None:
    assert tab.locator("[data-testid='stException']").count() == 0


def _whole_page_screenshot(tab, name: str) -> None:
    """Once both histograms are drawn, a screenshot of the whole page."""
    expect(tab.locator("[data-testid='stPlotlyChart']")).to_have_count(2)
    screenshot(tab, name)


def test_moving_the_scale_slider_redraws_the_grid_and_the_link(server_url, page):
    open_page(page, f"{server_url}/augmentation?lang=en")
    _no_error(page)
    expect(page.locator(IMAGES)).to_have_count(2)
    before = _grid_src(page)

    low_thumb = widget(page, "aug_scale").get_by_role("slider").first
    low_thumb.focus()
    for _ in range(20):  # 0.10 -> 0.30 in steps of 0.01
        low_thumb.press("ArrowRight")
    wait_idle(page)
    _no_error(page)
    assert "aug_scale=0.3%2C1" in page.url or "aug_scale=0.3,1" in page.url, page.url
    after = _grid_src(page)
    assert after != before, "the grid must change when the scale range changes"
    expect(page.locator("[data-testid='stTable']")).to_be_visible()
    _whole_page_screenshot(page, "augmentation-en")


def test_seed_and_shared_link_give_the_same_grid(server_url, page, browser):
    open_page(page, f"{server_url}/augmentation?lang=en")
    seed = widget(page, "aug_seed").locator("input")
    seed.fill("42")
    seed.press("Enter")
    wait_idle(page)
    _no_error(page)
    assert "aug_seed=42" in page.url
    grid = _grid_src(page)
    shared = page.url

    other = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US").new_page()
    other.set_default_timeout(60_000)
    open_page(other, shared)
    assert _grid_src(other) == grid, "a shared link reopens the same grid"
    other.context.close()

    widget(page, "aug_reroll").get_by_role("button", name="Reroll").click()
    wait_idle(page)
    assert _grid_src(page) != grid


def test_extras_and_korean_projector_mode(server_url, page):
    open_page(page, f"{server_url}/augmentation?lang=ko&projector=1&aug_hflip=1&aug_jitter=1")
    _no_error(page)
    expect(page.locator("h1").first).to_contain_text("데이터 확장")
    code = page.locator("[data-testid='stCode']").first
    expect(code).to_contain_text("RandomHorizontalFlip")  # auto-retries while the run settles
    expect(code).to_contain_text("ColorJitter")
    _whole_page_screenshot(page, "augmentation-ko-projector")


def test_notes_button_and_korean(server_url, page):
    open_page(page, f"{server_url}/augmentation?lang=ko")
    widget(page, "aug_notes").get_by_role("button", name="노트의 설정으로").click()
    wait_idle(page)
    _no_error(page)
    assert "aug_size_h=100" in page.url and "aug_size_w=200" in page.url
    _whole_page_screenshot(page, "augmentation-ko-notes")
