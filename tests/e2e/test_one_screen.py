"""Each lab's main result is on the first screen, after its controls, at a projector's
1920x1080 (normal and projector mode) and at a laptop's 1400x1000.

Every lab wraps its main result in a container keyed ``<prefix>_result``. The container's
top is not enough (its first lines can be controls or captions): the first chart, image
or table inside it must itself show, at least half of it, without scrolling.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    FIRST_SCREEN_SHARE,
    assert_no_error,
    open_page,
    result_top,
    screenshot,
    wait_idle,
    widget,
)

pytestmark = pytest.mark.e2e

RESULTS = {
    "augmentation": "aug_result",  # the crop grid with its boxes
    "transfer_learning": "tl_result",  # the training curves and results
    "computation_graph": "cg_result",  # the graph and the clone/detach table
    "feature_maps": "fm_result",  # the maps / Grad-CAM
    "gcn": "gcn_result",  # the current step of the convolution
}
WINDOWS = {"projector": (1920, 1080, "&projector=1"), "laptop": (1400, 1000, "")}

# What a student reads in a result: a chart, a picture or a table.
SHOWN_ITEMS = (
    ".js-plotly-plot, [data-testid='stImage'] img, table, [data-testid='stDataFrame'], "
    "[data-testid='stGraphVizChart']"
)
# The first such item with a size (a hidden tab's items have none) in document order, inside
# the element ``selector`` (and containing ``text`` where given), measured from the window's top.
FIRST_SHOWN = """([selector, items, text]) => {
  document.querySelector('[data-testid="stMain"]').scrollTo(0, 0);
  for (const box of document.querySelectorAll(selector)) {
    for (const el of box.querySelectorAll(items)) {
      const r = el.getBoundingClientRect();
      if (r.width < 2 || r.height < 2) continue;
      if (text && !text.every(t => el.innerText.includes(t))) continue;
      return {top: r.top, bottom: r.bottom, height: r.height,
              what: el.tagName.toLowerCase() + '.' + (el.className || '')};
    }
  }
  return null;
}"""
VISIBLE_SHARE = 0.5  # of the item, or of the window for an item taller than that


def first_shown(tab, selector: str, text: tuple[str, ...] = ()) -> dict:
    """Where the first shown chart/picture/table inside ``selector`` lies, once it has
    settled (charts draw, pictures load and push what follows down)."""
    args = [selector, SHOWN_ITEMS, list(text)]
    tab.wait_for_function(f"({FIRST_SHOWN})({args!r}) !== null", timeout=90_000)
    place = tab.evaluate(FIRST_SHOWN, args)
    for _ in range(10):
        tab.wait_for_timeout(500)
        again = tab.evaluate(FIRST_SHOWN, args)
        if again == place:
            break
        place = again
    return place


def assert_on_first_screen(place: dict, height: int, what: str) -> None:
    visible = min(place["bottom"], height) - max(place["top"], 0)
    wanted = min(VISIBLE_SHARE * place["height"], VISIBLE_SHARE * height)
    assert visible >= wanted, (
        f"{what}: its {place['what']} spans {place['top']:.0f}-{place['bottom']:.0f} px, "
        f"{max(visible, 0):.0f} px of it above the fold at {height} px (wanted {wanted:.0f})"
    )


def open_lab(tab, server_url: str, path: str, window: str, lang: str, extra: str = "") -> int:
    width, height, mode = WINDOWS[window]
    tab.set_viewport_size({"width": width, "height": height})
    open_page(tab, f"{server_url}/{path}?lang={lang}{mode}{extra}")
    assert_no_error(tab)
    return height


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("window", WINDOWS)
@pytest.mark.parametrize("path", RESULTS)
def test_main_result_is_on_the_first_screen(server_url, page, path, window, lang):
    height = open_lab(page, server_url, path, window, lang)
    top = result_top(page, RESULTS[path])
    assert top < FIRST_SCREEN_SHARE * height, f"{path} result starts at {top:.0f} px of {height}"


def train_one_epoch(tab) -> None:
    """Start a one-epoch run and wait until it has finished and the page has redrawn."""
    widget(tab, "tl_start").get_by_role("button").click()
    expect(tab.locator(".st-key-tl_curves .js-plotly-plot")).to_be_visible(timeout=180_000)
    expect(tab.locator("[data-testid='stProgress']")).to_have_count(0, timeout=180_000)
    wait_idle(tab)
    assert_no_error(tab)


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("window", WINDOWS)
@pytest.mark.parametrize("path", RESULTS)
def test_the_results_first_chart_or_table_is_on_the_first_screen(
    server_url, page, path, window, lang
):
    """The result itself, not only its container: the transfer lab's curves after a short
    run, the crops, the graph, the feature maps, the GCN step's matrices."""
    extra = "&tl_epochs=1" if path == "transfer_learning" else ""
    height = open_lab(page, server_url, path, window, lang, extra)
    if path == "transfer_learning":
        train_one_epoch(page)
    place = first_shown(page, f".st-key-{RESULTS[path]}")
    screenshot(page, f"first_screen_{path}_{window}_{lang}", whole_page=False)
    assert_on_first_screen(place, height, f"{path} ({window}, {lang})")
    if path == "gcn" and window == "projector":  # the step's whole matrix, to its last row
        assert place["bottom"] <= height, place


# Tabs whose label the tab strip cuts or scrolls away (a strip wider than its column).
CUT_TABS = """() => [...document.querySelectorAll("[role='tablist']")].flatMap(strip => {
  const box = strip.getBoundingClientRect();
  if (box.width < 2) return [];
  return [...strip.querySelectorAll("[role='tab']")]
    .filter(tab => { const r = tab.getBoundingClientRect();
                     return r.left < box.left - 1 || r.right > box.right + 1; })
    .map(tab => tab.innerText);
})"""


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("path", RESULTS)
def test_every_tab_label_shows_whole_on_a_projector(server_url, page, path, lang):
    """A tab strip that scrolls hides its last tabs from the back of the room."""
    open_lab(page, server_url, path, "projector", lang)
    wait_idle(page)
    assert page.evaluate(CUT_TABS) == []


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("window", WINDOWS)
def test_cg_clone_table_on_first_screen(server_url, page, window, lang):
    """The computation-graph lab's second main result: the clone/detach table (the notes'
    or torch's, whichever comes first), found by its rows wherever the lab puts it."""
    height = open_lab(page, server_url, "computation_graph", window, lang)
    place = first_shown(page, "[data-testid='stMain']", text=("clone()", "detach()"))
    assert place["what"].startswith("table"), place
    assert_on_first_screen(place, height, f"clone/detach table ({window}, {lang})")
    box = page.locator(".st-key-cg_copy_table table").first.bounding_box()
    width = WINDOWS[window][0]
    assert box["x"] + box["width"] <= width, f"the table ends at {box['x'] + box['width']:.0f} px"


@pytest.mark.parametrize("path", RESULTS)
def test_a_teachers_presentation_link_shows_the_result_on_the_first_screen(server_url, page, path):
    """``present=1`` (a teacher link's presentation layout): no sidebar, no chrome, projector
    type, and the lab's result on the first screen of a 1920x1080 projector."""
    extra = "&present=1" + ("&tl_epochs=1" if path == "transfer_learning" else "")
    height = open_lab(page, server_url, path, "projector", "ko", extra)
    expect(page.locator("[data-testid='stSidebar']")).to_be_hidden(timeout=20_000)
    if path == "transfer_learning":
        train_one_epoch(page)
    place = first_shown(page, f".st-key-{RESULTS[path]}")
    screenshot(page, f"presentation_{path}_ko", whole_page=False)
    assert_on_first_screen(place, height, f"{path} (presentation)")
    if path == "gcn":  # the step's whole matrix, down to its last row
        assert place["bottom"] <= height, place
    if path == "transfer_learning":  # the curves' legend (train / validation) shows too
        legend = page.locator(".st-key-tl_curves g.legend").first.bounding_box()
        assert legend and legend["y"] + legend["height"] <= height, legend
