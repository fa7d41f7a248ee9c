"""The computation-graph lab in a real browser: edit an input, watch the graph and the values
update; every choice in sequence."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    CUT_OFF,
    assert_no_error,
    choose_each,
    open_page,
    screenshot,
    wait_idle,
    widget,
)

pytestmark = pytest.mark.e2e


def _set_number(tab, key: str, value: str) -> None:
    box = widget(tab, key).locator("input")
    box.fill(value)
    box.press("Enter")
    wait_idle(tab)


def test_changing_z_recomputes_only_f_and_updates_the_figure(page, server_url):
    open_page(page, f"{server_url}/computation_graph?lang=en&projector=0")
    chart = page.locator("[data-testid='stPlotlyChart']").first
    expect(chart).to_be_visible()
    expect(chart.get_by_text("= 20", exact=True)).to_be_visible()  # F = A·Z = 5 · 4
    expect(page.get_by_text("When Z changes, recompute: F (1 of 2 operations)")).to_be_visible()
    screenshot(page, "graph_en")

    _set_number(page, "cg_z", "5")
    expect(page.get_by_text("only 1 of 2 operations were re-run", exact=False)).to_be_visible()
    expect(chart.get_by_text("= 25", exact=True)).to_be_visible()  # F = 5 · 5
    expect(
        page.get_by_text("The locally updated values equal a full recomputation")
    ).to_be_visible()
    assert "cg_z=5" in page.url
    assert_no_error(page)
    screenshot(page, "graph_en_after_z")

    _set_number(page, "cg_x", "1")  # X changes: A and F are recomputed
    expect(page.get_by_text("When X changes, recompute: A, F (2 of 2 operations)")).to_be_visible()
    expect(chart.get_by_text("= 4", exact=True)).to_be_visible()  # A = 1 + 3


def test_korean_projector_two_layer_and_network(page, server_url):
    open_page(
        page,
        f"{server_url}/computation_graph?lang=ko&projector=1&cg_preset=two_layer&cg_net_mode=full",
    )
    expect(page.get_by_text("경로가 여러 개면 더합니다", exact=False)).to_be_visible()
    assert_no_error(page)
    screenshot(page, "graph_ko_projector_two_layer")


def test_feature_extraction_network_view(page, server_url):
    open_page(
        page,
        f"{server_url}/computation_graph?lang=en&cg_preset=neuron&cg_net=efficientnet_lite0"
        "&cg_net_mode=feature_extraction",
    )
    expect(
        page.get_by_text("only the new fully connected layer and the loss remain", exact=False)
    ).to_be_visible()
    assert_no_error(page)
    screenshot(page, "graph_en_neuron_lite0_feature_extraction")


def test_every_choice_in_sequence_shows_no_error(page, server_url):
    """Each preset, and on each its changed input and its chain-rule start, then the network's
    choices: a real browser's reruns, not AppTest's."""
    open_page(page, f"{server_url}/computation_graph?lang=ko")
    for i in range(widget(page, "cg_preset").locator("button").count()):
        widget(page, "cg_preset").locator("button").nth(i).click()
        wait_idle(page)
        assert_no_error(page, f"preset {i}")
        assert choose_each(page, "cg_change") >= 2
        assert choose_each(page, "cg_path") >= 1
    for key in ("cg_backward", "cg_source_grad"):
        widget(page, key).locator("label").click()
        wait_idle(page)
        assert_no_error(page, key)
    assert choose_each(page, "cg_net") >= 2
    assert choose_each(page, "cg_net_mode") >= 2


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(
    "width,height,mode", [(1920, 1080, "projector"), (1400, 1000, "normal")], ids=["wall", "laptop"]
)
def test_clone_table_is_whole_on_the_first_screen_beside_or_under_the_graph(
    page, server_url, lang, width, height, mode
):
    """The clone / detach table, every row of it, without scrolling: under the graph on a
    laptop, beside it on a projector (whose controls fold above the graph)."""
    page.set_viewport_size({"width": width, "height": height})
    projector = int(mode == "projector")
    open_page(page, f"{server_url}/computation_graph?lang={lang}&projector={projector}")
    assert_no_error(page)
    page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")
    graph = widget(page, "cg_result").first.bounding_box()
    table = widget(page, "cg_copy_table").first.bounding_box()
    rows = widget(page, "cg_copy_table").locator("tbody tr")
    screenshot(page, f"graph_first_screen_{mode}_{lang}", whole_page=False)  # also when it fails
    assert rows.count() == 3
    assert table["y"] + table["height"] <= height, (
        f"the table ends at {table['y'] + table['height']}"
    )
    cut = widget(page, "cg_source_grad").evaluate(CUT_OFF)
    assert not cut, f"the toggle's label is cut off: {cut}"
    if projector:
        assert table["x"] >= graph["x"] + graph["width"] - 1  # beside the graph
    else:
        assert table["y"] >= graph["y"] + graph["height"] - 1  # under it
