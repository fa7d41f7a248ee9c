"""The GCN lab in a real browser: walk every step, select a node on the drawing, edit a
table cell, play, and train the karate club. Screenshots go to artifacts/screenshots."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_error, open_page, screenshot, wait_idle, widget

pytestmark = pytest.mark.e2e

STEP_NAMES_EN = [
    "① A",
    "② A+I",
    "③ D̂",
    "④ normalised Â",
    "⑤ X",
    "⑥ XW",
    "⑦ ÂXW",
    "⑧ +b, ReLU → H",
    "⑨ layer 2",
    "⑩ readout",
]
SHOOT_AT = {0: "A", 3: "A_norm", 6: "AXW", 9: "readout"}


def settle(tab, ms=1200):
    """Plotly figures draw after the script run ends: give them a moment before a screenshot."""
    wait_idle(tab)
    tab.wait_for_timeout(ms)


def current_step(tab):
    return (
        widget(tab, "gcn_step").locator("button[aria-checked='true'], button[kind*='Active']").first
    )


@pytest.mark.parametrize(
    "lang,projector", [("en", False), ("ko", False), ("en", True), ("ko", True)]
)
def test_walk_every_step(server_url, page, lang, projector):
    page.set_viewport_size({"width": 1600 if projector else 1400, "height": 2600})
    open_page(
        page,
        f"{server_url}/gcn?lang={lang}&projector={int(projector)}&gcn_preset=acetic_acid&gcn_node=1",
    )
    assert_no_error(page)
    mode = "projector" if projector else "normal"
    for k in range(10):
        if k in SHOOT_AT:
            settle(page)
            screenshot(page, f"gcn-step-{SHOOT_AT[k]}-{lang}-{mode}")
        if k < 9:
            widget(page, "gcn_next").locator("button").click()
            wait_idle(page)
            assert_no_error(page)
            assert "gcn_step=" in page.url
    assert "gcn_step=readout" in page.url
    expect(widget(page, "gcn_next").locator("button")).to_be_disabled()
    # the readout's numbers are on the page (h_G row and the sentence)
    expect(
        page.locator("[data-testid='stMarkdownContainer']", has_text="h_G").first
    ).to_be_visible()


def test_clicking_a_node_selects_and_follows_it(server_url, page):
    page.set_viewport_size({"width": 1400, "height": 1800})
    open_page(page, f"{server_url}/gcn?lang=en&gcn_preset=path&gcn_size=4")
    settle(page)
    points = widget(page, "gcn_drawing").locator(
        ".scatterlayer path.point"
    )  # only the node trace has markers
    expect(points).to_have_count(4)
    points.nth(2).click(
        force=True
    )  # a click selects (the drawing has no drag mode, see graph_figure)
    wait_idle(page)
    assert_no_error(page)
    expect(widget(page, "gcn_selected")).to_contain_text("2")
    assert "gcn_node=2" in page.url, "a single clicked node becomes the followed node"
    widget(page, "gcn_add").locator("button").click()
    wait_idle(page)
    expect(page.get_by_text("5 nodes (feature matrix X)")).to_be_visible()
    assert "gcn_graph=" in page.url, "the edited graph is in the link"
    settle(page)
    screenshot(page, "gcn-selected-node-en")


def test_editing_a_node_label_in_the_table(server_url, page):
    page.set_viewport_size({"width": 1400, "height": 1800})
    open_page(page, f"{server_url}/gcn?lang=en&gcn_preset=ethanol&gcn_hydrogens=0")
    grid = widget(page, "gcn_nodes").locator("[data-testid='stDataFrameResizable']")
    expect(grid).to_be_visible(timeout=30_000)  # drawn after the workspace fragment
    settle(page, 2500)  # the grid draws on a canvas after the run ends
    grid.scroll_into_view_if_needed()  # the click goes to screen coordinates
    box = grid.bounding_box()
    # third data row (node 2, the O), label column: select the cell and type over it
    page.mouse.click(box["x"] + 110, box["y"] + 35 * 3 + 20)
    page.wait_for_timeout(400)
    page.keyboard.type("N")
    page.wait_for_timeout(400)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => location.search.includes('gcn_graph=')", timeout=20_000
    )  # graph and link
    wait_idle(page)
    assert_no_error(page)
    expect(widget(page, "gcn_drawing")).to_contain_text("N")  # the drawing shows the renamed atom
    settle(page)
    screenshot(page, "gcn-table-edit-en")


def test_play_moves_through_the_steps(server_url, page):
    open_page(page, f"{server_url}/gcn?lang=en&gcn_step=X")
    widget(page, "gcn_play").locator("button").first.click()
    page.wait_for_function("() => location.search.includes('gcn_step=XW')", timeout=20_000)
    page.wait_for_function("() => location.search.includes('gcn_step=AXW')", timeout=20_000)
    widget(page, "gcn_play").locator("button").first.click()  # pause
    wait_idle(page)
    assert_no_error(page)


@pytest.mark.parametrize("lang,projector", [("en", False), ("ko", True)])
def test_karate_club_trains_live(server_url, page, lang, projector):
    page.set_viewport_size({"width": 1600 if projector else 1400, "height": 2400})
    open_page(page, f"{server_url}/gcn?lang={lang}&projector={int(projector)}&gcn_view=karate")
    settle(page)
    mode = "projector" if projector else "normal"
    screenshot(page, f"gcn-karate-untrained-{lang}-{mode}")
    widget(page, "gcn_train").locator("button").click()
    epoch = page.locator("[data-testid='stMetricValue']").first
    expect(epoch).not_to_have_text(re.compile(r"^0 /"), timeout=20_000)
    expect(epoch).to_have_text(re.compile(r"^300 / 300"), timeout=120_000)
    settle(page)
    accuracy = page.locator("[data-testid='stMetricValue']").nth(2).inner_text()
    assert int(accuracy.rstrip("%")) >= 90
    assert_no_error(page)
    screenshot(page, f"gcn-karate-trained-{lang}-{mode}")


def test_directed_citation_graph_and_permutation_view(server_url, page):
    page.set_viewport_size({"width": 1400, "height": 3200})
    open_page(page, f"{server_url}/gcn?lang=en&gcn_preset=citation&gcn_step=A&gcn_node=4")
    settle(page)
    expect(
        page.get_by_text("Directed: Aᵢⱼ ≠ 0 when there is an arrow j → i", exact=False)
    ).to_be_visible()
    screenshot(page, "gcn-citation-en")
    widget(page, "gcn_view").get_by_role("radio", name=re.compile("Renumber")).click()
    wait_idle(page)
    assert_no_error(page)
    expect(page.get_by_text("Largest difference", exact=False)).to_be_visible()
    settle(page)
    screenshot(page, "gcn-permutation-en")


# ---------------------------------------------------------------- every choice, in sequence


def every_ordered_pair(items: tuple[str, ...]) -> list[str]:
    """A walk through ``items`` that goes from each item to each other item once (an Euler
    circuit of the complete directed graph): len(items) * (len(items) - 1) moves."""
    left = {a: [b for b in items if b != a] for a in items}
    walk, stack = [], [items[0]]
    while stack:
        if left[stack[-1]]:
            stack.append(left[stack[-1]].pop())
        else:
            walk.append(stack.pop())
    return walk[::-1]


def choose(tab, key: str, label: str) -> None:
    """Pick ``label`` in the selectbox ``key`` and wait for the run it starts."""
    box = widget(tab, key).get_by_role("combobox")
    box.click()
    box.fill(label)  # the list draws only the options in view; typing brings this one there
    tab.get_by_role("option", name=label, exact=True).click()
    wait_idle(tab)
    assert_no_error(tab)


def press(tab, key: str, label: str) -> None:
    """Pick ``label`` in the segmented control ``key`` and wait for the run it starts."""
    widget(tab, key).get_by_role("radio", name=label, exact=True).click()
    wait_idle(tab)
    assert_no_error(tab)


def test_every_pair_of_presets_in_a_row(server_url, page):
    """From every preset to every other (the follow control's options change each time):
    no traceback, no error box."""
    from core.common.i18n import t
    from core.gcn.graph import PRESETS

    walk = every_ordered_pair(PRESETS)
    assert len(walk) == len(PRESETS) * (len(PRESETS) - 1) + 1
    open_page(page, f"{server_url}/gcn?lang=ko&gcn_preset={walk[0]}&gcn_node=3")
    assert_no_error(page)
    for preset in walk[1:]:
        choose(page, "gcn_preset", t(f"gcn.preset.{preset}", "ko"))
        assert f"gcn_preset={preset}" in page.url


def test_every_choice_control_in_sequence(server_url, page):
    """Presets from the bug report, then each option of every other choice control."""
    from core.common.i18n import t
    from core.gcn import controls as C

    def en(key: str) -> str:
        return t(key, "en")

    page.set_viewport_size({"width": 1400, "height": 1800})
    open_page(page, f"{server_url}/gcn?lang=en&gcn_preset=path&gcn_node=3")
    for preset in ("cycle", "karate", "citation", "path"):
        choose(page, "gcn_preset", en(f"gcn.preset.{preset}"))
    choose(page, "gcn_node", "4")
    for option in C.FEATURES.param.options[1:] + C.FEATURES.param.options[:1]:
        choose(page, "gcn_features", en(f"gcn.features.{option}"))
    for option in C.READOUT.param.options[1:] + C.READOUT.param.options[:1]:
        choose(page, "gcn_readout", en(f"gcn.readout.{option}"))
    for step in C.STEP.param.options[1:]:
        press(page, "gcn_step", en(f"gcn.step.{step}.name"))
    for view in C.VIEW.param.options[1:] + C.VIEW.param.options[:1]:
        press(page, "gcn_view", en(f"gcn.view.{view}"))
    choose(page, "gcn_preset", en("gcn.preset.cycle"))
    assert "gcn_node=4" in page.url and "gcn_preset=cycle" in page.url
    settle(page)
    screenshot(page, "gcn-after-every-choice-en")


@pytest.mark.parametrize("lang,projector", [("en", False), ("ko", False), ("ko", True)])
def test_graph_classification_trains_live_and_compares_readouts(server_url, page, lang, projector):
    page.set_viewport_size({"width": 1600 if projector else 1400, "height": 2400})
    open_page(
        page,
        f"{server_url}/gcn?lang={lang}&projector={int(projector)}&gcn_view=classify"
        "&gcn_cls_data=motif&gcn_cls_readout=max",
    )
    assert_no_error(page)
    widget(page, "gcn_cls_train").locator("button").click()
    epoch = page.locator("[data-testid='stMetricValue']").first
    expect(epoch).to_have_text(re.compile(r"^50 / 50"), timeout=240_000)
    settle(page)
    accuracy = page.locator("[data-testid='stMetricValue']").nth(3).inner_text()
    assert int(accuracy.rstrip("%")) >= 90
    assert_no_error(page)
    if not projector and lang == "en":
        widget(page, "gcn_cls_compare").locator("button").first.click()
        expect(widget(page, "gcn_cls_compared")).to_be_visible(timeout=300_000)
        expect(page.get_by_text("The max picks the signal")).to_be_visible()
    settle(page, 2000)
    mode = "projector" if projector else "normal"
    screenshot(page, f"gcn-classify-trained-{lang}-{mode}")
    widget(page, "gcn_cls_follow").locator("button").click()
    wait_idle(page)
    screenshot(page, f"gcn-classify-after-follow-{lang}-{mode}")
    expect(widget(page, "gcn_untrained")).to_be_visible(timeout=30_000)
    assert "gcn_view=steps" in page.url
    assert_no_error(page)
    settle(page)
    screenshot(page, f"gcn-classify-followed-{lang}-{mode}")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_step_buttons_show_their_whole_labels_on_a_laptop(server_url, page, lang):
    page.set_viewport_size({"width": 1400, "height": 1000})
    open_page(page, f"{server_url}/gcn?lang={lang}")
    for key in ("gcn_prev", "gcn_next", "gcn_play"):
        label = widget(page, key).locator("button [data-testid='stMarkdownContainer']").first
        cut = label.evaluate("el => el.scrollWidth > el.clientWidth + 1")
        assert not cut, f"{key}: {label.inner_text()!r} is cut off"
