"""The transfer-learning lab in a real browser: a run's curve grows live, Stop keeps it."""

import pytest
from playwright.sync_api import expect

from core.common.i18n import t
from tests.e2e.conftest import (
    assert_no_error,
    choose_each,
    open_page,
    open_select,
    screenshot,
    wait_idle,
    widget,
)

pytestmark = pytest.mark.e2e

CURVE_POINTS = """() => {
  const el = document.querySelector('.st-key-tl_curves .js-plotly-plot');
  return el && el.data && el.data.length ? el.data[0].x.length : 0;
}"""


def _no_error(tab) -> None:
    assert_no_error(tab)


def open_results(tab, lang: str = "en") -> None:
    """The results sit in the tab beside the training's (the live curves stay in theirs)."""
    tab.get_by_role("tab", name=t("transfer_learning.section.results", lang)).click()


def test_a_run_draws_its_curve_live_and_stop_keeps_it(server_url, page):
    # a slow enough run to watch: half the network retrains for up to 30 epochs
    open_page(
        page,
        f"{server_url}/transfer_learning?lang=en&tl_preset=last_half&tl_epochs=30&tl_lr=0.0001",
    )
    _no_error(page)
    assert page.locator("[role='dialog']").count() == 0, "no 'Page not found' on a deep link"
    widget(page, "tl_start").get_by_role("button").click()
    page.wait_for_function(f"({CURVE_POINTS})() >= 1", timeout=120_000)
    first = page.evaluate(CURVE_POINTS)
    page.wait_for_function(f"({CURVE_POINTS})() > {first}", timeout=120_000)
    grown = page.evaluate(CURVE_POINTS)
    assert grown > first, "the curve grows while the run trains"
    expect(page.locator("[data-testid='stProgress']")).to_be_visible()
    screenshot(page, "transfer-en-training", whole_page=False)
    widget(page, "tl_stop").get_by_role("button").click()
    expect(page.get_by_text("The weights learned so far are kept")).to_be_visible(timeout=60_000)
    wait_idle(page)
    _no_error(page)
    expect(page.get_by_text("Per-class accuracy, the confusion matrix")).to_be_visible()
    kept = page.evaluate(CURVE_POINTS)
    assert kept >= grown, "stopping keeps the epochs learned so far"
    assert kept < 30
    open_results(page)
    expect(page.get_by_text("Latest run: #1")).to_be_visible()
    expect(widget(page, "tl_download_weights")).to_be_visible()
    screenshot(page, "transfer-en-stopped")


def test_korean_projector_mode_head_only_run(server_url, page):
    open_page(page, f"{server_url}/transfer_learning?lang=ko&projector=1&tl_epochs=5")
    _no_error(page)
    expect(page.locator("h1").first).to_contain_text("전이 학습")
    widget(page, "tl_start").get_by_role("button").click()
    expect(page.get_by_text("5 에포크 학습 완료")).to_be_visible(timeout=120_000)
    wait_idle(page)
    _no_error(page)
    assert page.evaluate(CURVE_POINTS) == 5
    screenshot(page, "transfer-ko-projector-done", whole_page=False)
    open_results(page, "ko")
    expect(widget(page, "tl_confusion")).to_be_visible()
    screenshot(page, "transfer-ko-projector-results")


def test_the_strategy_advisor_applies_a_row_of_the_notes_table(server_url, page):
    open_page(page, f"{server_url}/transfer_learning?lang=en&projector=1")
    page.get_by_text("Strategy advisor").click()
    widget(page, "tl_adv_size").get_by_text("large", exact=True).click()
    wait_idle(page)
    widget(page, "tl_adv_similar").get_by_text("high (similar)", exact=True).click()
    wait_idle(page)
    expect(page.get_by_text("The notes' table, row 2")).to_be_visible()
    widget(page, "tl_adv_apply").get_by_role("button").click()
    wait_idle(page)
    _no_error(page)
    assert "tl_preset=last_half" in page.url
    expect(
        widget(page, "tl_preset").get_by_role("radio", name="Fine-tune the last half")
    ).to_be_checked()
    screenshot(page, "transfer-en-projector-advisor")


def test_every_choice_in_sequence_shows_no_error(server_url, page):
    """Data sources, backbones, strategies and optimizers, one after another in one session."""
    open_page(page, f"{server_url}/transfer_learning?lang=en")
    assert choose_each(page, "tl_data_source") >= 5
    assert choose_each(page, "tl_backbone") >= 2
    # The last backbone waits for its download; the strategies need a model, so go back to
    # the first, bundled one.
    open_select(page, widget(page, "tl_backbone")).first.click()
    wait_idle(page)
    assert choose_each(page, "tl_preset") >= 3
    assert choose_each(page, "tl_optimizer") >= 2
    screenshot(page, "transfer-en-choices")


def test_switching_the_language_keeps_every_choice(server_url, page):
    """Streamlit's choice widgets keep their value in the browser as its label; after the
    language switch the next interaction must not send the old label back (it raised a
    traceback in the preset's callback, found by the browser monkey)."""
    open_page(page, f"{server_url}/transfer_learning?lang=en&tl_preset=custom")
    widget(page, "lang").locator("button").first.click()  # 한국어
    wait_idle(page)
    thumb = widget(page, "tl_lr").get_by_role("slider").first
    thumb.focus()
    thumb.press("PageUp")
    wait_idle(page)
    _no_error(page)
    assert "tl_preset=custom" in page.url and "lang=ko" in page.url
