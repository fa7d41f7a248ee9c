"""A class in real browsers: a teacher's context opens a room and asks a question, a
student context's tabs join and answer, and the teacher's projector view (the presentation
layout of the teacher link) shows the class's answers. Screenshots in both languages:
``artifacts/screenshots/classroom_projector_<lang>.png``."""

from __future__ import annotations

import re

import pytest

from core.classroom.questions import question_ids
from tests.e2e.conftest import assert_no_error, open_page, screenshot, wait_idle, widget

pytestmark = pytest.mark.e2e

QUESTION = "gcn.readout"
ANSWERS = {"Ann": 0, "Ben": 1, "Cho": 0, "민지": 0}  # nickname -> index of the choice


def _css_key(key: str) -> str:
    return re.sub(r"[^a-zA-Z0-9_-]", "-", key)  # as Streamlit writes st-key-<key>


def _click(tab, key: str) -> None:
    widget(tab, key).locator("[data-testid^='stBaseButton']").first.click()  # (with help: two)


def _open_room(tab, url: str, lang: str) -> tuple[str, str]:
    open_page(tab, f"{url}/classroom?lang={lang}")
    _click(tab, "room_open")
    wait_idle(tab)
    code = tab.locator("[data-testid='stMetricValue']").first.inner_text().strip()
    secret = re.search(r"room_key=([\w-]+)", tab.url).group(1)
    box = widget(tab, "room_question")
    box.click()
    for _ in range(1 + question_ids().index(QUESTION)):  # from "(no question)" down the list
        tab.keyboard.press("ArrowDown")
    tab.keyboard.press("Enter")
    wait_idle(tab)
    return code, secret


def _student_answers(tab, url: str, lang: str, code: str, name: str, choice: int) -> None:
    open_page(tab, f"{url}/classroom?lang={lang}&room_code={code}")
    nickname = widget(tab, "room_nickname").locator("input")
    nickname.fill(name)
    nickname.press("Enter")
    wait_idle(tab)
    _click(tab, "room_join")
    wait_idle(tab)
    radio = tab.locator(f".st-key-{_css_key('room_answer_' + QUESTION)}")
    radio.wait_for(timeout=30_000)
    radio.locator("[role='radiogroup'] label").nth(choice).click()
    wait_idle(tab)
    _click(tab, "room_send")
    wait_idle(tab)
    assert_no_error(tab, name)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_teachers_projector_shows_the_class_answers(browser, server_url, lang):
    locale = "ko-KR" if lang == "ko" else "en-US"
    teacher = browser.new_context(viewport={"width": 1920, "height": 1080}, locale=locale)
    students = browser.new_context(viewport={"width": 800, "height": 900}, locale=locale)
    try:
        tab = teacher.new_page()
        tab.set_default_timeout(60_000)
        code, secret = _open_room(tab, server_url, lang)
        for name, choice in ANSWERS.items():
            student_tab = students.new_page()
            student_tab.set_default_timeout(60_000)
            _student_answers(student_tab, server_url, lang, code, name, choice)

        projector = f"{server_url}/classroom?lang={lang}&room_key={secret}&present=1&projector=1"
        open_page_bare(tab, projector)
        reveal = tab.locator(f".st-key-{_css_key('room_reveal_' + QUESTION)}")
        reveal.locator("label").first.click()
        wait_idle(tab)
        tab.locator("[data-testid='stPlotlyChart']").wait_for(timeout=30_000)
        tab.wait_for_timeout(2500)  # a live tick or two, the chart drawn
        assert_no_error(tab, "teacher")
        metrics = tab.locator("[data-testid='stMetricValue']").all_inner_texts()
        assert metrics[1:] == [str(len(ANSWERS))] * 2, metrics
        assert not tab.locator("[data-testid='stSidebar']").is_visible(), "presentation layout"
        assert secret not in tab.locator("[data-testid='stMain']").inner_text()
        screenshot(tab, f"classroom_projector_{lang}", whole_page=False)

        student_tab.wait_for_timeout(2500)  # the student's view refreshes on its own
        student_tab.locator("[data-testid='stPlotlyChart']").wait_for(timeout=30_000)
        screenshot(student_tab, f"classroom_student_{lang}")
    finally:
        teacher.close()
        students.close()


def open_page_bare(tab, url: str) -> None:
    """Open a presentation-layout page (no sidebar to wait for): wait for its first run."""
    tab.goto(url)
    tab.wait_for_selector("[data-testid='stMetricValue']", timeout=90_000)
    wait_idle(tab)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_lesson_step_answered_on_the_projector(page, server_url, lang):
    """The GCN lab's first lesson step answered wrongly (0.4): the correction, the live
    result and why, in projector mode, from the link alone."""
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_page(page, f"{server_url}/gcn?lang={lang}&projector=1&gcn_lesson=0:0.4")
    assert_no_error(page)
    panel = page.locator("[data-testid='stExpander']").first
    text = panel.inner_text()
    assert ("0.500" in text) and ("0.333" in text), text[:300]
    screenshot(page, f"classroom_lesson_gcn_{lang}", whole_page=False)


def test_a_teacher_link_hides_controls_and_chrome(page, server_url):
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{server_url}/gcn?lang=en&gcn_preset=path&hide=gcn_preset&present=1&projector=1")
    page.wait_for_selector(".st-key-gcn_result", timeout=90_000)
    wait_idle(page)
    assert_no_error(page)
    assert not widget(page, "gcn_preset").is_visible(), "a hidden control"
    assert widget(page, "gcn_size").is_visible(), "the others stay"
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    assert "path" in page.url and "hide=gcn_preset" in page.url, "the link keeps its values"
    screenshot(page, "classroom_teacher_link_gcn", whole_page=False)
