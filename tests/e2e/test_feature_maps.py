"""The feature-map lab in a real browser: the layer picker changes the grid, a click enlarges."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import open_page, screenshot, wait_idle, widget

pytestmark = pytest.mark.e2e


def grid_image(tab, index: int = 0):
    """The PNG of the feature-map grid (plotly draws it as an SVG <image>)."""
    image = widget(tab, f"fm_grid_{index}").locator("svg image").first
    expect(image).to_be_attached(timeout=90_000)
    return image.get_attribute("href")


def choose(tab, key: str, text: str) -> None:
    widget(tab, key).get_by_role("combobox").click()
    tab.get_by_role("option").filter(has_text=text).first.click()
    wait_idle(tab)


def caption_texts(tab) -> str:
    return " ".join(tab.locator("[data-testid='stCaptionContainer']").all_inner_texts())


def test_changing_the_layer_changes_the_grid(server_url, page):
    open_page(page, f"{server_url}/feature_maps?lang=en")
    before = grid_image(page)
    assert "16 channels of bn1 · 32×112×112" in caption_texts(page)
    screenshot(page, "features-en")

    choose(page, "fm_layer", "conv_stem")
    assert "layer=conv_stem" in page.url.replace("fm_layer", "layer")
    expect(page.get_by_text("16 channels of conv_stem · 32×112×112")).to_be_visible()
    after = grid_image(page)
    assert after != before

    choose(page, "fm_group", "blocks3")
    expect(page.get_by_text("16 channels of blocks.2 · 40×28×28")).to_be_visible()
    assert grid_image(page) not in (before, after)
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, "features-en-blocks3")


def test_clicking_a_map_enlarges_it(server_url, page):
    open_page(page, f"{server_url}/feature_maps?lang=en&fm_order=first&fm_topk=8")
    focus = widget(page, "fm_focus").get_by_role("combobox")
    expect(focus).to_have_value("#0")
    grid_image(page)
    widget(page, "fm_grid_0").scroll_into_view_if_needed()
    box = widget(page, "fm_grid_0").locator("svg image").first.bounding_box()
    # 8 maps in one row of 8: the centre of the fourth tile is channel 3
    x, y = box["x"] + box["width"] * 3.5 / 8, box["y"] + box["height"] / 2
    page.mouse.move(x, y)  # plotly finds the point under the mouse on hover
    expect(widget(page, "fm_grid_0").locator(".hoverlayer")).to_contain_text("channel 3")
    page.mouse.click(x, y)
    wait_idle(page)
    expect(focus).to_have_value("#3")
    assert page.locator("[data-testid='stException']").count() == 0


@pytest.mark.parametrize(
    "query,name",
    [
        ("lang=ko&projector=1", "features-ko-projector"),
        ("lang=ko&fm_weights=compare&fm_layer=blocks.1.0.bn1", "features-ko-compare"),
        (
            "lang=en&projector=1&fm_weights=compare&fm_overlay=1&fm_layer=blocks.2",
            "features-en-projector-compare",
        ),
    ],
)
def test_views_render_without_error(server_url, page, query, name):
    open_page(page, f"{server_url}/feature_maps?{query}")
    grid_image(page)
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, name)
    page.get_by_role("tab").nth(2).click()  # Grad-CAM
    expect(widget(page, "fm_cam_fig_0").locator("svg image").first).to_be_attached(timeout=90_000)
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, name + "-gradcam")
