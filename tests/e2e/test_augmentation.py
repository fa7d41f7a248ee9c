"""The augmentation lab in a real browser: moving a control redraws the grid; links reopen it."""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_error, open_page, screenshot, wait_idle, widget

pytestmark = pytest.mark.e2e

IMAGES = "[data-testid='stImage'] img"


def _grid_src(tab) -> str:
    """The grid is the second image of the page (the first is the photo with its boxes)."""
    return tab.locator(IMAGES).nth(1).get_attribute("src")


def _no_error(tab) -> None:
    assert_no_error(tab)


def _whole_page_screenshot(tab, name: str) -> None:
    """The histograms opened and drawn, then a screenshot of the whole page."""
    charts = tab.locator("[data-testid='stPlotlyChart']")
    if not charts.count():
        widget(tab, "aug_hist_open").locator("summary").click()
        wait_idle(tab)
    expect(charts).to_have_count(2)
    screenshot(tab, name)


def test_moving_the_scale_slider_redraws_the_grid_and_the_link(server_url, page):
    open_page(page, f"{server_url}/augmentation?lang=en")
    _no_error(page)
    expect(page.locator(IMAGES)).to_have_count(2)
    # the histograms wait for a click: no chart, so plotly.js is not even loaded yet
    expect(page.locator("[data-testid='stPlotlyChart']")).to_have_count(0)
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


def _settled(tab) -> None:
    """Wait for the run the last action started; then no traceback and no error box."""
    wait_idle(tab)
    assert_no_error(tab)


def _pick(tab, key: str, label: str) -> None:
    """Pick the option ``label`` of the choice control ``key`` (a select box or a segmented
    control)."""
    box = widget(tab, key)
    box.locator("[role='combobox'], [role='radio']").first.wait_for()  # drawn, after a rerun
    combo = box.get_by_role("combobox")
    if combo.count():
        # by text: an option's accessible name need not be its label (e.g. with a "·")
        option = tab.get_by_role("option").filter(has_text=label).first
        for _ in range(3):  # a click while the page still reflows can miss the opening
            combo.click()
            try:
                option.wait_for(state="visible", timeout=3000)
                break
            except PlaywrightTimeout:
                tab.keyboard.press("Escape")
        option.click()
    else:
        box.get_by_role("radio", name=label, exact=True).click()
    _settled(tab)


def _flip(tab, key: str, on: bool) -> None:
    """Switch the toggle ``key`` on or off."""
    box = widget(tab, key)
    if box.locator("input[type='checkbox']").is_checked() != on:
        box.locator("label").first.click()
        _settled(tab)


def test_every_choice_control_in_sequence_korean_projector(server_url, page):
    """Each photo, the picker's sources, each interpolation, each transform on, crops only,
    then each transform off: the page never shows a traceback or an error box."""
    from core.augmentation.controls import INTERPOLATION
    from core.augmentation.extras import EXTRAS
    from core.common.i18n import t
    from core.common.samples import DEFAULT_SAMPLE, SAMPLE_IMAGES

    def ko(key: str) -> str:
        return t(key, "ko")

    open_page(page, f"{server_url}/augmentation?lang=ko&projector=1")
    _settled(page)
    photos = [n for n in SAMPLE_IMAGES if n != DEFAULT_SAMPLE] + [DEFAULT_SAMPLE]
    for name in photos:
        _pick(page, "aug_image_sample", ko(f"common.sample.{name}"))
    for source in ("upload", "sample"):
        _pick(page, "aug_image_source", ko(f"common.image.{source}"))
    modes = INTERPOLATION.param.options
    for mode in modes[1:] + modes[:1]:
        _pick(page, INTERPOLATION.key, ko(f"{INTERPOLATION.options_label}{mode}"))
    for spec in EXTRAS.values():
        _flip(page, spec.toggle.key, True)
        assert f"{spec.toggle.key}=1" in page.url
    _flip(page, "aug_crops_only", True)
    _whole_page_screenshot(page, "augmentation-every-choice-ko-projector")
    _flip(page, "aug_crops_only", False)
    for spec in EXTRAS.values():
        _flip(page, spec.toggle.key, False)
    assert "aug_interpolation=bilinear" in page.url and "aug_image_sample=cat" in page.url
