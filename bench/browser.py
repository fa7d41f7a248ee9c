"""Bench: what a student waits for in a real browser.

    python -m bench.browser [--repeats 5] [--url http://...] [--labs augmentation,gcn]

Starts the real server on loopback (``bench.harness.running_server``) unless ``--url``
names a running one, drives Debian's headless Chromium with Playwright (as the e2e tests
do) and prints one JSON object:

- ``first_render_s``: per lab, the median over ``--repeats`` fresh tabs (each a new app
  session, in a browser that has Streamlit's scripts cached) of the time from navigation
  start until the lab's main result (``<prefix>_result``) is painted: its last script run
  has finished, every chart in it has drawn its SVG and every image in it has loaded
  (two animation frames after the last of these). Each page is opened once before, to warm
  the server (imports, caches), as the teacher's tab does before class.
- ``script_done_s``: the same tabs' median time to the last script run's end alone. Charts
  paint later: the browser loads plotly.js when a page's first chart arrives.
- ``latency``: per lab, per control (its widget key), ``p50_s`` and ``p95_s`` of the time
  from the user's input (the key release on a slider moved by one arrow step, the click on
  a select option, a segment or a toggle) to the app idle again with the updated view
  drawn (two animation frames after the run's end), over ``--repeats`` changes;
  ``missed`` counts inputs no run followed within ``MISSED_S`` (the widget did not take
  them), which are left out of the times. Beside them, per control: ``run_p50_s``, the
  median time the app showed as running (from the run's start to its end: the server's
  script time plus the transfer), and ``received_kb``, the median bytes the page received
  over the app's websocket for one change (what the rerun re-sent). A section drawn on
  request (``OPENED``: the augmentation lab's histograms) is then opened and its page's
  controls timed again, as ``"<key> with <section> open"``.

Times are taken inside the page (``performance.now()``), from a listener on the input
event to a MutationObserver on the app's script state, so Playwright's own round trips
do not count. No timing assertions anywhere: the numbers are for the note.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
from typing import NamedTuple

from bench.harness import CHROMIUM, CHROMIUM_ARGS, running_server
from bench.load import summary

LABS = ("augmentation", "transfer_learning", "computation_graph", "feature_maps", "gcn")
PREFIX = {
    "augmentation": "aug",
    "transfer_learning": "tl",
    "computation_graph": "cg",
    "feature_maps": "fm",
    "gcn": "gcn",
}
# 2-3 representative controls per interactive lab, by widget key
CONTROLS = {
    "augmentation": ("aug_scale", "aug_cols", "aug_interpolation"),
    "computation_graph": ("cg_change", "cg_path", "cg_backward"),
    "gcn": ("gcn_step", "gcn_node"),
}
# sections drawn on request, opened after the controls above and their controls timed again
# (reported as "<control> with <section> open"): the charts they add redraw on each change
OPENED = {"augmentation": ("aug_hist_open", ("aug_scale",))}
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
SIDEBAR_READY = "[data-testid='stSidebarUserContent'] [data-testid='stCaptionContainer']"
MISSED_S = 20
SELECT_OPENER = "button[aria-haspopup='listbox'], [data-baseweb='select']"

# Installed in every page before its scripts: the script state's transitions and the last
# user input, on the page's own clock.
PROBE = """
(() => {
  window.__bench = {input: null, log: []};
  const mark = () => { window.__bench.input = performance.now(); };
  document.addEventListener('keyup', mark, true);
  document.addEventListener('click', mark, true);
  let last = null;
  const watch = () => {
    const app = document.querySelector("[data-testid='stApp']");
    if (!app) return;
    const state = app.getAttribute('data-test-script-state');
    if (state === last) return;
    last = state;
    const t = performance.now();
    if (state === 'notRunning') {
      requestAnimationFrame(() => requestAnimationFrame(() =>
        window.__bench.log.push(['drawn', t, performance.now()])));
    } else {
      window.__bench.log.push([state, t, t]);
    }
  };
  new MutationObserver(watch).observe(document, {
    subtree: true, attributes: true, childList: true,
    attributeFilter: ['data-test-script-state'],
  });
  // the main result's paints: a chart's SVG added, an image loaded (two frames later)
  window.__bench.painted = null;
  window.__bench.pending = 0;  // paints whose two frames have not come yet
  const painted = () => {
    window.__bench.pending += 1;
    requestAnimationFrame(() => requestAnimationFrame(() => {
      window.__bench.painted = performance.now();
      window.__bench.pending -= 1;
    }));
  };
  const inResult = (node) => node.closest && node.closest(RESULT);
  const isChart = (n) => n.matches('.main-svg') || n.querySelector('.main-svg');
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) {
      if (n.nodeType === 1 && inResult(n) && isChart(n)) painted();
    }
  }).observe(document, {subtree: true, childList: true});
  document.addEventListener('load', (e) => {
    if (e.target.tagName === 'IMG' && inResult(e.target)) painted();
  }, true);
})();
"""
RESULT = "[class*='st-key-'][class*='_result']"  # every lab's main result: <prefix>_result
PROBE = PROBE.replace("RESULT", json.dumps(RESULT))

# The result is whole: each chart in it has its SVG, each image has loaded, and the frames
# after the last of these have come.
RESULT_PAINTED = """
(selector) => {
  const box = document.querySelector(selector);
  if (!box) return true;
  const charts = [...box.querySelectorAll('.js-plotly-plot')];
  const images = [...box.querySelectorAll('img')];
  return charts.every(c => c.querySelector('.main-svg')) && images.every(i => i.complete)
    && window.__bench.pending === 0;
}
"""

# After the input: a run started, then the app became idle and drew two frames.
SETTLED_AFTER_INPUT = """
() => {
  const b = window.__bench;
  if (b.input === null) return null;
  const log = b.log.filter(e => e[1] >= b.input - 5);
  const started = log.findIndex(e => e[0] === 'running');
  if (started < 0) return null;
  const done = log.slice(started).filter(e => e[0] === 'drawn');
  const app = document.querySelector("[data-testid='stApp']");
  if (!done.length || app.getAttribute('data-test-script-state') !== 'notRunning') return null;
  return (done[done.length - 1][2] - b.input) / 1000;
}
"""


# bytes received over each tab's app websocket (the rerun's deltas, images, figures)
RECEIVED: dict = {}


def _count_frames(page) -> None:
    RECEIVED[page] = 0

    def on_socket(ws) -> None:
        def add(payload) -> None:
            RECEIVED[page] = RECEIVED.get(page, 0) + len(payload)

        ws.on("framereceived", add)

    page.on("websocket", on_socket)


# The last run after the input: from its start to its end (both seen by the page).
RUN_SECONDS = """
() => {
  const b = window.__bench;
  const log = b.log.filter(e => e[1] >= b.input - 5);
  const starts = log.filter(e => e[0] === 'running');
  const ends = log.filter(e => e[0] === 'drawn');
  if (!starts.length || !ends.length) return null;
  return (ends[ends.length - 1][1] - starts[starts.length - 1][1]) / 1000;
}
"""


def _last_drawn(tab) -> float | None:
    """Seconds from navigation start to the last run's end (drawn), or None if none ended."""
    return tab.evaluate(
        "() => { const d = window.__bench.log.filter(e => e[0] === 'drawn');"
        " return d.length ? d[d.length - 1][2] / 1000 : null; }"
    )


def _settle(tab, quiet_ms: int = 800) -> None:
    """Wait until the app is idle and no new run starts for ``quiet_ms``."""
    while True:
        tab.wait_for_selector(IDLE, timeout=90_000)
        count = tab.evaluate("() => window.__bench.log.length")
        tab.wait_for_timeout(quiet_ms)
        if tab.evaluate("() => window.__bench.log.length") == count and tab.locator(IDLE).count():
            return


class FirstRender(NamedTuple):
    painted: float  # the main result whole on screen
    script_done: float  # the last script run's end


def open_lab(tab, url: str, lab: str) -> FirstRender:
    """Load ``lab`` in ``tab`` and wait until it has settled and its result is painted."""
    tab.goto(f"{url}/{lab}?lang=en")
    tab.wait_for_selector(SIDEBAR_READY, timeout=90_000)
    selector = f".st-key-{PREFIX[lab]}_result"
    result = tab.locator(selector)
    with contextlib.suppress(Exception):  # a lab without a result container yet
        result.first.wait_for(timeout=2_000)
    _settle(tab)
    tab.wait_for_function(RESULT_PAINTED, arg=selector, timeout=60_000, polling=50)
    done = _last_drawn(tab)
    if done is None:
        raise RuntimeError(f"{lab}: no script run was seen to finish")
    painted = tab.evaluate("() => window.__bench.painted") or 0
    return FirstRender(max(done, painted / 1000), done)


def new_context(browser, width: int = 1400, height: int = 1000):
    """A browser profile whose every tab carries the probe."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US")
    context.add_init_script(PROBE)
    context.set_default_timeout(60_000)
    context.on("page", _count_frames)
    return context


# ---------------------------------------------------------------- one control change


def _change(tab, key: str, n: int) -> None:
    """Change the widget ``key`` once (the ``n``-th time: alternate directions / options);
    only the last input event (the one the change commits on) starts the clock."""
    box = tab.locator(f".st-key-{key}").first
    box.wait_for()
    # the box can be redrawn by a late run: wait for its control, whichever kind it is
    box.locator(
        f"[role='slider'], {SELECT_OPENER}, input[type='checkbox'], button"
    ).first.wait_for()
    thumb = box.get_by_role("slider")
    if thumb.count():
        thumb.first.focus()
        thumb.first.press("ArrowRight" if n % 2 == 0 else "ArrowLeft")
        return
    if box.locator(SELECT_OPENER).count():
        opener = box.locator(SELECT_OPENER).first
        current = opener.inner_text().strip()  # the chosen option's label
        options = tab.locator("[role='option']")
        for attempt in range(3):  # a list that a redraw closes at once is opened again
            opener.click()
            try:
                options.first.wait_for(timeout=5_000)
                break
            except Exception:
                if attempt == 2:
                    raise RuntimeError(f"{key}: its list of options did not open") from None
                tab.keyboard.press("Escape")
        labels = [o.inner_text().strip() for o in options.all()]
        others = [i for i, label in enumerate(labels) if label != current]
        options.nth(others[n % len(others)]).click()
        return
    toggle = box.locator("input[type='checkbox']")
    if toggle.count():
        box.locator("label").first.click()
        return
    buttons = box.locator("button")
    count = buttons.count()
    if not count:
        raise RuntimeError(f"{key}: no control found to change")
    buttons.nth((n + 1) % count).click()


def time_change(tab, key: str, n: int) -> tuple[float, float, int] | None:
    """Seconds from the input to the updated view, the run's own seconds and the bytes
    received; None when no run followed the input within ``MISSED_S`` (an input the
    widget did not take: counted as ``missed``, not timed)."""
    tab.evaluate("() => { window.__bench.input = null; window.__bench.log = []; }")
    RECEIVED[tab] = 0
    _change(tab, key, n)
    try:
        handle = tab.wait_for_function(SETTLED_AFTER_INPUT, timeout=MISSED_S * 1000, polling=20)
    except Exception:
        if tab.evaluate("() => window.__bench.log.length"):
            raise RuntimeError(f"{key} (change {n}): a run started but never finished") from None
        tab.keyboard.press("Escape")  # a list left open
        return None
    seconds = handle.json_value()
    run = tab.evaluate(RUN_SECONDS)
    received = RECEIVED.get(tab, 0)
    _settle(tab, quiet_ms=300)  # a late second run must not leak into the next change
    return seconds, run, received


# ---------------------------------------------------------------- the bench


def _median(values: list[float], digits: int) -> float | None:
    return round(statistics.median(values), digits) if values else None


def _control_latency(tab, key: str, repeats: int) -> dict:
    _change(tab, key, 0)  # the first change of a control warms its path
    _settle(tab, quiet_ms=300)
    changes = [time_change(tab, key, n + 1) for n in range(repeats)]
    taken = [c for c in changes if c is not None]
    return {
        **summary([c[0] for c in taken]),
        "missed": len(changes) - len(taken),
        "run_p50_s": _median([c[1] for c in taken if c[1] is not None], 3),
        "received_kb": _median([c[2] / 1024 for c in taken], 1),
    }


def measure(url: str, browser, labs, repeats: int) -> dict:
    # one browser profile throughout: a fresh tab is a new app session, but the browser
    # has Streamlit's scripts cached, as for a student who has opened the app before
    context = new_context(browser)
    warm = context.new_page()
    for lab in labs:  # the teacher's tab: every page once, before class
        open_lab(warm, url, lab)
    warm.close()
    first_render: dict[str, float] = {}
    script_done: dict[str, float] = {}
    for lab in labs:
        times = []
        for _ in range(repeats):
            tab = context.new_page()
            times.append(open_lab(tab, url, lab))
            tab.close()
        first_render[lab] = round(statistics.median(t.painted for t in times), 3)
        script_done[lab] = round(statistics.median(t.script_done for t in times), 3)

    latency: dict[str, dict] = {}
    for lab in labs:
        if lab not in CONTROLS:
            continue
        tab = context.new_page()
        open_lab(tab, url, lab)
        latency[lab] = {key: _control_latency(tab, key, repeats) for key in CONTROLS[lab]}
        if lab in OPENED:
            section, keys = OPENED[lab]
            tab.locator(f".st-key-{section} summary").first.click()
            _settle(tab)
            for key in keys:
                latency[lab][f"{key} with {section} open"] = _control_latency(tab, key, repeats)
        tab.close()
    context.close()
    return {
        "repeats": repeats,
        "first_render_s": first_render,
        "script_done_s": script_done,
        "latency": latency,
    }


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5, help="changes per control, tabs per lab")
    parser.add_argument("--url", help="a running server (default: start one)")
    parser.add_argument("--labs", default=",".join(LABS), help="comma-separated lab pages")
    args = parser.parse_args(argv)
    args.labs = [lab for lab in args.labs.split(",") if lab]
    unknown = set(args.labs) - set(LABS)
    if unknown or args.repeats < 1:
        parser.error(f"unknown labs {sorted(unknown)}" if unknown else "--repeats must be >= 1")
    return args


def main(argv=None) -> dict:
    from playwright.sync_api import sync_playwright

    args = parse_args(argv)
    if CHROMIUM is None:
        sys.exit("Debian's chromium is not on PATH (scripts/ensure_chromium.sh installs it)")
    server = contextlib.nullcontext(args.url) if args.url else running_server("bench-browser.log")
    with server as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            result = measure(url, browser, args.labs, args.repeats)
        finally:
            browser.close()
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
