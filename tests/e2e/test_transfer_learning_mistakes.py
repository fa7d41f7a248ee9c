"""The transfer lab's common mistakes in a real browser, in Korean projector mode: every
mistake chosen in turn without an error, and the section photographed."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SHOTS, assert_no_error, choose_each, open_page, wait_idle, widget

pytestmark = pytest.mark.e2e


def _shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    section = widget(page, "tl_mistakes")
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": page.viewport_size["width"], "height": min(height + 40, 8000)})
    page.wait_for_timeout(500)  # let the taller window reflow
    section.scroll_into_view_if_needed()
    page.mouse.move(1, 1)  # no tooltip over the picture
    section.screenshot(path=str(SHOTS / f"{name}.png"))


def test_every_mistake_in_korean_projector_mode(server_url, page):
    open_page(page, f"{server_url}/transfer_learning?lang=ko&projector=1")
    assert_no_error(page)
    expect(widget(page, "tl_mistakes")).to_contain_text("⑤ 흔한 실수")
    assert choose_each(page, "tl_mistake") == 8  # "none" and the seven mistakes
    expect(widget(page, "tl_mistakes")).to_contain_text("증상: 섞인 라벨로도 훈련 정확도는 100%")
    _shoot(page, "transfer-ko-projector-mistake-shuffled-labels")
    for label, name in (
        ("테스트 데이터 누수", "test-leak"),
        ("잘못된 정규화", "normalization"),
        ("추론 때 train()", "train-mode"),
        ("테스트 때 무작위 자르기", "test-crops"),
        ("가중치 고정을 잊음", "freeze"),
        ("너무 큰 학습률", "learning-rate"),
    ):
        widget(page, "tl_mistake").locator("button", has_text=label).click()
        wait_idle(page)
        assert_no_error(page, name)
        expect(widget(page, "tl_mistakes")).to_contain_text("증상:")
        _shoot(page, f"transfer-ko-projector-mistake-{name}")
