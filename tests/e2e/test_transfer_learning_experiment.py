"""The strategy experiment in a real browser: run on tiny data, then the grid beside the notes'
table in English and Korean, normal and projector mode (screenshots to look at)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SHOTS, assert_no_error, open_page, screenshot, wait_idle, widget

pytestmark = pytest.mark.e2e

TINY = (
    "tl_data_per_class=6&tl_x_small=1&tl_x_large=2&tl_x_seeds=2&tl_x_steps=2&tl_x_test=3"
    "&tl_x_guess_small_close=head&tl_x_guess_large_far=all&tl_x_cell=small_far"
)
GRID = ".st-key-tl_x_grid .js-plotly-plot"
FINISHED = {"en": "Experiment finished", "ko": "실험 끝"}
FROM_CACHE = {"en": "already finished on this server", "ko": "같은 설정의 실험"}


def _run_and_shoot(page, server_url: str, lang: str, projector: bool) -> Path:
    page.set_viewport_size(
        {"width": 1920, "height": 1080} if projector else {"width": 1400, "height": 1000}
    )
    open_page(page, f"{server_url}/transfer_learning?lang={lang}&projector={int(projector)}&{TINY}")
    assert_no_error(page, "opened")
    widget(page, "tl_x_start").get_by_role("button").click()
    expect(page.locator(GRID)).to_be_visible(timeout=300_000)
    expect(
        page.get_by_text(FINISHED[lang]).or_(page.get_by_text(FROM_CACHE[lang])).first
    ).to_be_visible(timeout=300_000)
    wait_idle(page)
    assert_no_error(page, f"{lang} projector={projector}")
    traces = page.evaluate(f"document.querySelector('{GRID}').data.length")
    assert traces == 8, "four cells, each with its bars and its seeds' dots"
    table = widget(page, "tl_x_table").inner_text()
    assert "▶" in table and ("Measured winner" in table or "측정된 승자" in table)
    screenshot(page, f"experiment-{lang}{'-projector' if projector else ''}-page")
    name = f"experiment-{lang}{'-projector' if projector else ''}"
    path = SHOTS / f"{name}.png"
    widget(page, "tl_experiment").screenshot(path=str(path))
    return path


def test_the_experiment_grid_in_english_then_korean_and_projector_mode(server_url, page):
    shots = [
        _run_and_shoot(page, server_url, "en", projector=False),
        _run_and_shoot(page, server_url, "ko", projector=False),
        _run_and_shoot(page, server_url, "ko", projector=True),
        _run_and_shoot(page, server_url, "en", projector=True),
    ]
    assert all(p.stat().st_size > 20_000 for p in shots)
