"""Projector mode scales what students read in the GCN lab's grids too.

A data grid draws its text on a canvas at a fixed size that the projector's font rules do
not reach; the lab zooms its node and edge editors and shows the Â_ij terms as an HTML table.
The grid's text size is taken from the grid's own font setting and the zoom it is shown at.
"""

import pytest

from tests.e2e.conftest import assert_no_error, open_page, wait_idle, widget

pytestmark = pytest.mark.e2e

ETHANOL = "gcn_preset=ethanol&gcn_hydrogens=0"  # three atoms: C, C, O
BANDS = 5  # the header, three rows and the editor's empty row for a new node


def _grid(tab, projector: bool):
    tab.set_viewport_size({"width": 1920, "height": 1080})
    open_page(tab, f"{tab.server_url}/gcn?lang=en&projector={int(projector)}&{ETHANOL}")
    assert_no_error(tab)
    grid = widget(tab, "gcn_nodes").locator("[data-testid='stDataFrameResizable']")
    grid.scroll_into_view_if_needed()
    tab.wait_for_timeout(2500)  # the grid draws on its canvas after the run ends
    return grid


# The grid's text as drawn: the font size the grid gives its canvas (a CSS variable the grid
# sets on its own elements), times how much larger the canvas shows than its own CSS size.
GRID_TEXT_PX = """g => {
  const canvas = g.querySelector('canvas');
  const style = [...g.querySelectorAll('*')]
    .map(e => getComputedStyle(e).getPropertyValue('--gdg-base-font-style')).find(v => v);
  const px = parseFloat(style.match(/([0-9.]+)px/)[1]);
  return px * canvas.getBoundingClientRect().width / canvas.offsetWidth;
}"""


def _font_px(element) -> float:
    return float(element.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))


@pytest.fixture
def tab(page, server_url):
    page.server_url = server_url
    return page


def test_projector_mode_draws_the_node_editor_text_as_large_as_the_body_text(tab):
    normal = _grid(tab, projector=False).evaluate(GRID_TEXT_PX)
    grid = _grid(tab, projector=True)
    projected = grid.evaluate(GRID_TEXT_PX)
    body = _font_px(
        widget(tab, "gcn_result").locator("[data-testid='stMarkdownContainer'] p").first
    )
    assert projected >= 0.9 * body, f"grid text {normal:.1f} px -> {projected:.1f} px, body {body}"


def test_a_click_on_a_zoomed_editor_cell_edits_that_cell(tab):
    grid = _grid(tab, projector=True)
    box = grid.bounding_box()
    band = box["height"] / BANDS
    # node 2 (the O), label column (a quarter of the way across)
    tab.mouse.click(box["x"] + 0.25 * box["width"], box["y"] + 3.5 * band)
    tab.wait_for_timeout(400)
    tab.keyboard.type("N")
    tab.wait_for_timeout(400)
    tab.keyboard.press("Enter")
    tab.wait_for_function("() => location.search.includes('gcn_graph=')", timeout=20_000)
    wait_idle(tab)
    assert_no_error(tab)
    names = widget(tab, "gcn_drawing").locator("text").all_text_contents()
    assert "N" in names and "O" not in names, f"the O became an N: {names}"


def test_the_terms_table_is_html_on_a_projector(tab):
    tab.set_viewport_size({"width": 1920, "height": 1080})
    open_page(tab, f"{tab.server_url}/gcn?lang=en&projector=1&{ETHANOL}&gcn_step=AXW")
    assert_no_error(tab)
    result = widget(tab, "gcn_result")
    cell = result.locator("td").first
    size = float(cell.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    body = float(
        result.locator("p").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    )
    assert size >= 0.9 * body, f"term table {size} px, body {body} px"
