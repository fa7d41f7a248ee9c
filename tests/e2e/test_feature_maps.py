"""The feature-map lab in a real browser: the layer picker changes the grid, a click enlarges,
every choice control can be gone through in sequence."""

import shutil

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


def grid_image(tab, index: int = 0):
    """The PNG of the feature-map grid (plotly draws it as an SVG <image>)."""
    image = widget(tab, f"fm_grid_{index}").locator("svg image").first
    expect(image).to_be_attached(timeout=90_000)
    return image.get_attribute("href")


def choose(tab, key: str, text: str) -> None:
    widget(tab, key).get_by_role("combobox").click()
    tab.get_by_role("option").filter(has_text=text).first.click()
    wait_idle(tab)


def type_and_choose(tab, key: str, text: str) -> None:
    """Choose in a long selectbox, whose list shows only the options that match the typing."""
    widget(tab, key).get_by_role("combobox").click()
    tab.keyboard.type(text)
    tab.get_by_role("option").filter(has_text=text).first.click()
    wait_idle(tab)


def choose_all(tab, key: str) -> int:
    """Choose every option of the selectbox ``key`` in turn, failing on any error box."""
    widget(tab, key).get_by_role("combobox").click()
    tab.get_by_role("option").first.wait_for()
    texts = tab.get_by_role("option").all_inner_texts()
    tab.keyboard.press("Escape")
    for text in texts:
        choose(tab, key, text.strip("\u2003 "))
        assert_no_error(tab, f"{key}: {text}")
    return len(texts)


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
    assert_no_error(page)
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
    assert_no_error(page)


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
    assert_no_error(page)
    screenshot(page, name)
    page.get_by_role("tab").nth(2).click()  # Grad-CAM
    expect(widget(page, "fm_cam_fig_0").locator("svg image").first).to_be_attached(timeout=90_000)
    assert_no_error(page)
    screenshot(page, name + "-gradcam")


def test_every_choice_control_in_sequence(server_url, page):
    """Each choice in turn (a control drawn from a value another control just changed is
    where a rerun can break), on the bundled model; no traceback, no error box."""
    open_page(page, f"{server_url}/feature_maps?lang=en&fm_channels=0,5")
    grid_image(page)
    for key in ("fm_weights", "fm_order", "fm_scale"):
        assert choose_each(page, key) >= 2, key
    assert choose_all(page, "fm_group") >= 2
    widget(page, "fm_weights").get_by_text("ImageNet", exact=True).click()
    wait_idle(page)
    assert choose_all(page, "fm_layer") >= 1
    page.get_by_role("tab").nth(2).click()  # Grad-CAM
    type_and_choose(page, "fm_cam_class", "281 · tabby")  # a thousand classes
    type_and_choose(page, "fm_cam_layer", "conv_stem")
    assert_no_error(page, "Grad-CAM class and layer")
    page.get_by_role("tab").nth(0).click()
    assert choose_all(page, "fm_model") >= 2  # other models wait for a download: no error
    choose(page, "fm_model", "EfficientNet-Lite0")
    grid_image(page)
    assert_no_error(page, "back to the bundled model")
    shutil.copy(screenshot(page, "features-en-choices"), "/tmp/fm_shot.png")


def open_tab(tab, name: str) -> None:
    tab.get_by_role("tab", name=name).click()
    wait_idle(tab)


def test_sanity_checks_in_english_and_in_korean_projector_mode(server_url, page):
    open_page(page, f"{server_url}/feature_maps?lang=en&fm_sanity=1&fm_cam_class=281")
    open_tab(page, "Sanity checks")
    expect(page.get_by_text("Passes", exact=False).first).to_be_visible(timeout=300_000)
    expect(widget(page, "fm_sanity_similarity").locator("svg").first).to_be_visible()
    assert_no_error(page, "sanity, en")
    screenshot(page, "feature_maps_sanity_en")
    page.set_viewport_size({"width": 1400, "height": 1000})
    open_page(
        page,
        f"{server_url}/feature_maps?lang=ko&projector=1&fm_sanity=1&fm_sanity_method=edges"
        "&fm_cam_class=281",
    )
    open_tab(page, "설명 점검")
    expect(page.get_by_text("실패", exact=False).first).to_be_visible(timeout=300_000)
    assert_no_error(page, "sanity, ko projector")
    screenshot(page, "feature_maps_sanity_ko_projector")


def test_grad_cam_variants_and_every_group(server_url, page):
    open_page(
        page,
        f"{server_url}/feature_maps?lang=en&fm_cam_method=gradcampp&fm_counterfactual=1"
        "&fm_cam_groups=1",
    )
    open_tab(page, "Grad-CAM: why this class")
    expect(widget(page, "fm_cam_groups_fig").locator("svg image").first).to_be_attached(
        timeout=300_000
    )
    assert_no_error(page, "grad-cam variants")
    screenshot(page, "feature_maps_cam_variants_en")


def test_a_korean_page_names_imagenet_classes_in_korean_with_the_english_on_hover(server_url, page):
    """The top-5 bars read in Korean; the English name shows on hover; the Grad-CAM class
    picker finds a class by either name. The English page still reads in English."""
    open_page(page, f"{server_url}/feature_maps?lang=ko")
    chart = widget(page, "fm_pred_0")
    expect(chart.locator(".ytick")).to_have_count(5, timeout=90_000)
    ticks = chart.locator(".ytick").all_text_contents()
    assert "얼룩무늬 고양이" in ticks, ticks  # the sample cat: tabby among its top 5
    chart.scroll_into_view_if_needed()
    box = chart.locator(".point").last.bounding_box()  # the most probable, drawn on top
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    hover = chart.locator(".hoverlayer")
    expect(hover).to_contain_text("(", timeout=10_000)
    english = hover.text_content()
    assert any(name in english for name in ("tabby", "tiger cat", "Egyptian cat")), english
    screenshot(page, "features-ko-class-names")
    page.get_by_role("tab").nth(2).click()  # Grad-CAM
    type_and_choose(page, "fm_cam_class", "tabby")
    combobox = widget(page, "fm_cam_class").get_by_role("combobox")
    expect(combobox).to_have_value("281 · 얼룩무늬 고양이 (tabby)")
    assert_no_error(page, "a class chosen by its English name")

    open_page(page, f"{server_url}/feature_maps?lang=en")
    chart = widget(page, "fm_pred_0")
    expect(chart.locator(".ytick")).to_have_count(5, timeout=90_000)
    assert "tabby" in chart.locator(".ytick").all_text_contents()


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("projector", [0, 1])
def test_the_grid_settings_labels_are_whole(server_url, page, lang, projector):
    """The grid panel's three narrow columns: no label cut short by an ellipsis, on a laptop
    and on a projector's 1920 px."""
    page.set_viewport_size(
        {"width": 1920, "height": 1080} if projector else {"width": 1400, "height": 1000}
    )
    open_page(page, f"{server_url}/feature_maps?lang={lang}&projector={projector}")
    assert_no_error(page)
    settings = widget(page, "fm_grid_settings").first
    if settings.locator("details:not([open])").count():  # folded on a projector
        settings.locator("summary").first.click()
    expect(widget(page, "fm_overlay").first).to_be_visible()
    assert settings.evaluate(CUT_OFF) == []
