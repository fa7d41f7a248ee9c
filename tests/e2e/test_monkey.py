"""A browser monkey: seeded random sequences of real widget actions in each lab.

Every step picks one of the widgets on the screen (choices, sliders, toggles, numbers, the
language and projector switches, the sidebar's links to the other labs and back) and acts on
it like a student would, then waits for the rerun to finish and fails on a traceback, an
error alert or a rerun that does not end. A failure names its seed and step:
``MONKEY_SEED=<seed> pytest tests/e2e/test_monkey.py`` replays it (every lab then uses
that seed).
``MONKEY_ACTIONS`` sets the number of actions per lab (150 by default, as in CI).

Left out on purpose: buttons that start a training or a download and the GCN player (they
start long live updates, driven by their own tests), file uploads and free text (the
hostile-input corpus drives those), and the GCN's table editors (a canvas grid). Error alerts
that are deliberate messages (``DELIBERATE_KEYS``) are allowed; tracebacks never are.
"""

from __future__ import annotations

import os
import random
import re
import zlib

import pytest

from core.common.i18n import TABLE
from core.common.labs import LABS
from tests.e2e.conftest import ERROR_BOXES, IDLE, open_page, open_select, wait_idle

pytestmark = pytest.mark.e2e

ACTIONS = int(os.environ.get("MONKEY_ACTIONS", "150"))
SKIPPED_KEYS = re.compile(r"(start|download|upload|camera|play|train|_text|folder|_graph$)")
KINDS = {  # Streamlit's test id of a widget -> how the monkey acts on it
    "stButtonGroup": "buttons",
    "stRadio": "radio",
    "stSelectbox": "select",
    "stMultiSelect": "select",
    "stSlider": "slider",
    "stCheckbox": "toggle",
    "stNumberInput": "number",
    "stButton": "button",
}
EXPANDERS = "[data-testid='stExpander'] summary"
WIDGETS_JS = """(kinds) => Array.from(document.querySelectorAll("[class*='st-key-']"))
  .filter(e => e.dataset.testid === 'stElementContainer')  // a widget, not a keyed container
  .filter(e => e.offsetParent !== null && !e.closest('details:not([open])'))
  .map(e => {
    const key = Array.from(e.classList).find(c => c.startsWith('st-key-')).slice(7);
    const kind = Object.keys(kinds).find(k => e.querySelector(`[data-testid='${k}']`));
    const disabled = !!e.querySelector('[disabled], [aria-disabled="true"]');
    return {key, kind: kind ? kinds[kind] : null, disabled};
  })
  .filter(w => w.kind && !w.disabled)"""


# Error alerts the app shows on purpose: a refusal it explains (a run that would not fit in
# memory), every user-facing error (core.common.errors) and the class room's refusals (a
# wrong join code, a closed room).
DELIBERATE_KEYS = re.compile(
    r"^(errors\.|classroom\.error\.|transfer_learning\.train\.too_much_memory$)"
)


def _template_pattern(template: str) -> re.Pattern:
    parts = re.split(r"{[^}]*}", template)
    return re.compile(".+?".join(re.escape(p) for p in parts), re.S)


DELIBERATE = [
    _template_pattern(text)
    for key, texts in TABLE.items()
    if DELIBERATE_KEYS.match(key)
    for text in texts.values()
]


def unexpected(texts: list[str]) -> list[str]:
    """The alerts that are not one of the app's deliberate messages."""
    return [text for text in texts if not any(p.search(text) for p in DELIBERATE)]


def seed_of(lab: str) -> int:
    return int(os.environ.get("MONKEY_SEED", zlib.crc32(lab.encode()) % 10_000))


def widgets(tab) -> list[dict]:
    found = tab.evaluate(WIDGETS_JS, KINDS)
    seen, unique = set(), []
    for w in found:  # a container holds its own widget only, but keep one entry per key
        if w["key"] not in seen and not SKIPPED_KEYS.search(w["key"]):
            seen.add(w["key"])
            unique.append(w)
    expanders = tab.locator(EXPANDERS).count()
    return unique + [{"key": f"expander {i}", "kind": "expander"} for i in range(expanders)]


def act(tab, rng: random.Random, w: dict) -> str:
    """Do one thing to widget ``w``; returns what was done (for the failure message)."""
    kind = w["kind"]
    if kind == "expander":  # open or close it
        tab.locator(EXPANDERS).nth(int(w["key"].split()[1])).click()
        return f"{w['key']}: clicked"
    box = tab.locator(f".st-key-{w['key']}").first
    if kind in ("buttons", "radio"):
        options = box.locator("label" if kind == "radio" else "button")
        i = rng.randrange(options.count())
        options.nth(i).click()
        return f"{w['key']}: option {i}"
    if kind == "select":
        options = open_select(tab, box)
        i = rng.randrange(options.count())
        options.nth(i).click()
        if tab.locator("[role='listbox']").count():
            tab.keyboard.press("Escape")  # a multiselect stays open
        return f"{w['key']}: option {i}"
    if kind == "slider":
        thumbs = box.get_by_role("slider")
        thumb = thumbs.nth(rng.randrange(thumbs.count()))
        thumb.focus()
        key = rng.choice(["ArrowLeft", "ArrowRight", "PageUp", "PageDown", "Home", "End"])
        presses = rng.randint(1, 4) if key.startswith("Arrow") else 1
        for _ in range(presses):
            thumb.press(key)
        return f"{w['key']}: {key} x{presses}"
    if kind == "toggle":
        box.locator("label").first.click()
        return f"{w['key']}: toggled"
    if kind == "number":
        field = box.locator("input").first
        value = rng.choice([rng.randint(-5, 60), rng.uniform(-1, 2), 10**6])
        field.fill(f"{value:.3g}" if isinstance(value, float) else str(value))
        field.press("Enter")
        return f"{w['key']}: typed {value}"
    box.locator("button").first.click()
    return f"{w['key']}: clicked"


def visit_another_lab(tab, rng: random.Random, lab: str) -> str:
    """Go to another lab through the sidebar, then back to ``lab`` the same way."""
    other = rng.choice([x.name for x in LABS if x.name != lab])
    for name in (other, lab):
        tab.locator(f"[data-testid='stSidebarNav'] a[href$='/{name}']").first.click()
        wait_idle(tab)
    return f"sidebar: {other} and back"


class Monkey:
    """One lab's seeded sequence of actions, in its own browser session."""

    def __init__(self, browser, server_url: str, lab: str) -> None:
        self.lab, self.seed = lab, seed_of(lab)
        self.rng = random.Random(self.seed)
        self.context = browser.new_context(viewport={"width": 1400, "height": 1800})
        self.tab = self.context.new_page()
        self.tab.set_default_timeout(20_000)
        self.tab.goto(f"{server_url}/{lab}?lang={self.rng.choice(['ko', 'en'])}")
        self.done: list[str] = []

    def where(self) -> str:
        return f"MONKEY_SEED={self.seed} ({self.lab}), step {len(self.done)}, last {self.done[-5:]}"

    def act(self) -> None:
        if self.rng.random() < 0.03:
            self.done.append(visit_another_lab(self.tab, self.rng, self.lab))
            return
        choices = widgets(self.tab)
        assert choices, f"{self.where()}: no widget to act on"
        chosen = self.rng.choice(choices)
        try:
            self.done.append(act(self.tab, self.rng, chosen))
        except Exception as err:
            raise AssertionError(f"{self.where()}: acting on {chosen}: {err}") from None

    def check(self) -> None:
        try:
            self.tab.wait_for_selector(IDLE, timeout=90_000)
        except Exception as err:  # the rerun never ended
            raise AssertionError(f"{self.where()}: {err}") from None
        boxes = self.tab.locator(ERROR_BOXES)
        texts = [boxes.nth(i).inner_text()[:300] for i in range(boxes.count())]
        assert not unexpected(texts), f"{self.where()}: {texts}"


def test_random_actions_never_break_a_lab(server_url, browser):
    """All five labs at once, one session each (so the server also serves five students):
    each round acts in every lab, then waits for every rerun and checks every page."""
    monkeys = [Monkey(browser, server_url, lab.name) for lab in LABS]
    try:
        for monkey in monkeys:
            open_page(monkey.tab, monkey.tab.url)
        for _ in range(ACTIONS):
            for monkey in monkeys:
                monkey.act()
            monkeys[0].tab.wait_for_timeout(300)  # let the reruns start
            for monkey in monkeys:
                monkey.check()
    finally:
        for monkey in monkeys:
            monkey.context.close()
    for monkey in monkeys:
        touched = {a.split(":")[0] for a in monkey.done}
        actions = len(monkey.done)
        print(f"{monkey.lab}: {actions} actions on {len(touched)} widgets, seed {monkey.seed}")
