"""A real server and a real headless Chromium (Debian's) for end-to-end tests.

Screenshots go to ``artifacts/screenshots`` (git-ignored): open them and look.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.harness import CHROMIUM, CHROMIUM_ARGS, running_server
from tests.conftest import ROOT, unavailable

SHOTS = ROOT / "artifacts" / "screenshots"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
# The texts inside an element that an ellipsis cuts short (call with the element).
CUT_OFF = """el => [...el.querySelectorAll('*')]
  .filter(e => getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1)
  .map(e => e.textContent)"""


@pytest.fixture(scope="session")
def server_url():
    with running_server() as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        unavailable("Debian's chromium is not on PATH (scripts/ensure_chromium.sh installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    yield tab
    context.close()


def wait_idle(tab) -> None:
    """Wait until the script run triggered by the last action has finished."""
    tab.wait_for_timeout(300)  # let the rerun start before waiting for it to end
    tab.wait_for_selector(IDLE, timeout=90_000)


def open_page(tab, url: str) -> None:
    """Go to ``url`` and wait for the app's first full run (the frame's sidebar is drawn).

    Right after loading, the client briefly shows an idle app before the script starts,
    so waiting for idle alone can catch that empty state.
    """
    tab.goto(url)
    tab.wait_for_selector(  # attached, not visible: a presentation link hides the sidebar
        "[data-testid='stSidebarUserContent'] [data-testid='stCaptionContainer']",
        state="attached",
        timeout=90_000,
    )
    wait_idle(tab)


def screenshot(tab, name: str, whole_page: bool = True) -> Path:
    """Save a PNG; ``whole_page`` grows the window to the content first, because Streamlit
    scrolls inside its main block, which a plain full-page screenshot does not capture."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    if whole_page:
        width = tab.viewport_size["width"]
        for _ in range(2):  # a taller window can reflow the content once more
            height = tab.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
            tab.set_viewport_size({"width": width, "height": min(int(height) + 40, 8000)})
            tab.wait_for_timeout(500)
    tab.mouse.move(1, 1)  # no tooltip over the picture
    tab.screenshot(path=str(path))
    return path


def widget(tab, key: str):
    """The element container of the widget with this ``key`` (Streamlit adds ``st-key-<key>``)."""
    return tab.locator(f".st-key-{key}")


ERROR_BOXES = "[data-testid='stException'], [data-testid='stAlertContentError']"


def assert_no_error(tab, context: str = "") -> None:
    """No traceback and no error alert on the page (a deliberate message is a warning/info)."""
    boxes = tab.locator(ERROR_BOXES)
    texts = [boxes.nth(i).inner_text()[:300] for i in range(boxes.count())]
    assert not texts, f"{context}: {texts}"


SELECT_OPENER = "button[aria-haspopup='listbox'], [data-baseweb='select']"


def open_select(tab, box, tries: int = 3):
    """Open the select box in ``box`` (Streamlit's combobox); returns its options. A list
    that closes again at once (a rerun redrawing the box) is opened again."""
    options = tab.locator("[role='option']")
    for attempt in range(tries):
        box.locator(SELECT_OPENER).first.click()
        try:
            options.first.wait_for(timeout=5_000)
            return options
        except Exception:
            if attempt == tries - 1:
                raise
            tab.keyboard.press("Escape")
            wait_idle(tab)
    return options


def choose_each(tab, key: str) -> int:
    """Choose every option of the choice widget ``key`` in turn (segmented control, pills,
    radio or selectbox), waiting for each rerun and failing on any error box; returns how
    many options it chose."""
    box = widget(tab, key)
    box.wait_for()
    if box.locator(SELECT_OPENER).count():
        count = open_select(tab, box).count()
        tab.keyboard.press("Escape")
        for i in range(count):
            open_select(tab, box).nth(i).click()
            wait_idle(tab)
            assert_no_error(tab, f"{key} option {i}")
        return count
    options = (
        box.locator("label:has(input[type='radio'])")
        if box.locator("input[type='radio']").count()
        else box.locator("button")
    )
    options.first.wait_for()
    count = options.count()
    for i in range(count):
        options.nth(i).click()
        wait_idle(tab)
        assert_no_error(tab, f"{key} option {i}")
    return count


# Where the first screen ends for a result: its top must be above this fraction of the
# window, so a meaningful part of it shows without scrolling.
FIRST_SCREEN_SHARE = 0.6


def result_top(tab, key: str) -> float:
    """The top of the container keyed ``key``, in pixels from the top of the window, with the
    page scrolled to its start (Streamlit scrolls inside its main block)."""
    tab.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")
    box = widget(tab, key).first
    box.wait_for()
    return box.bounding_box()["y"]
