"""In a real browser: a shared link with non-default values for every URL-bound key
of a lab opens that lab with those values on screen, and the address bar keeps the link.

The links are those of ``tests/robustness/links.py`` (Korean, projector mode). On screen:
every control of the link is there; sliders, number and text fields, toggles show their
values; choices show the chosen option highlighted (its translated label).
"""

import re
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from playwright.sync_api import expect

from core.common.i18n import t
from tests.e2e.conftest import assert_no_error, open_page, screenshot, widget
from tests.robustness.links import LINKS

pytestmark = pytest.mark.e2e

PATHS = {
    "pages/home.py": "",
    "pages/augmentation.py": "augmentation",
    "pages/transfer_learning.py": "transfer_learning",
    "pages/computation_graph.py": "computation_graph",
    "pages/feature_maps.py": "feature_maps",
    "pages/gcn.py": "gcn",
}
ONE_PER_LAB = [
    "home",
    "augmentation",
    "transfer",
    "graph_neuron",
    "feature_maps",
    "gcn_steps",
    "gcn_karate",
]


def _label(key: str, value):
    """What a chosen option looks like on screen (its translated label), where known."""
    from core.common import backbones

    ko = {
        "aug_image_sample": "common.sample.{}",
        "aug_interpolation": "augmentation.interp.{}",
        "tl_data_source": "transfer_learning.datasets.source.{}",
        "tl_preset": "transfer_learning.preset.{}",
        "tl_optimizer": "transfer_learning.train.optimizer.{}",
        "cg_preset": "computation_graph.preset.{}",
        "fm_weights": "feature_maps.weights.{}",
        "fm_order": "feature_maps.order.{}",
        "fm_scale": "feature_maps.scale.{}",
        "fm_cam_method": "feature_maps.method.{}",
        "fm_sanity_method": "feature_maps.method.{}",
        "gcn_preset": "gcn.preset.{}",
        "gcn_view": "gcn.view.{}",
        "gcn_step": "gcn.step.{}.name",
        "gcn_features": "gcn.features.{}",
        "gcn_readout": "gcn.readout.{}",
    }
    if key in ko:
        return t(ko[key].format(value), "ko")
    if key in ("tl_backbone", "fm_model"):
        return backbones.REGISTRY[value].label
    if key in ("tl_groups", "cg_change", "cg_path"):
        return value  # shown as named
    return None


def _numbers(text: str) -> list[float]:
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", text)]


IN_TAB = {
    "fm_cam_layer": "feature_maps.tab.cam",
    "fm_cam_class": "feature_maps.tab.cam",
    "fm_cam_method": "feature_maps.tab.cam",
    "fm_counterfactual": "feature_maps.tab.cam",
    "fm_cam_groups": "feature_maps.tab.cam",
    "fm_sanity": "feature_maps.tab.sanity",
    "fm_sanity_method": "feature_maps.tab.sanity",
}  # not the first tab


def _unfold(tab, box) -> None:
    """Open the folded panel (expander) a control sits in, as a student would."""
    folded = tab.locator("[data-testid='stExpander'] details:not([open])").filter(has=box)
    if folded.count():
        folded.first.locator("summary").first.click()


def _shows(tab, key: str, value, label) -> None:
    box = widget(tab, key)
    if key in IN_TAB:
        tab.get_by_role("tab", name=t(IN_TAB[key], "ko")).click()
    _unfold(tab, box)
    expect(box).to_be_visible()
    sliders = box.get_by_role("slider")
    if sliders.count():
        shown = [
            _numbers(sliders.nth(i).get_attribute("aria-valuetext") or "")[0]
            for i in range(sliders.count())
        ]
        wanted = list(value) if isinstance(value, (tuple, list)) else [value]
        assert shown == pytest.approx([float(v) for v in wanted]), (key, shown, wanted)
        return
    check = box.locator("input[type='checkbox']")
    if check.count() and isinstance(value, bool):
        assert check.first.is_checked() is value, key
        return
    field = box.locator("input[type='number'], input[type='text']:not([role]), textarea")
    if field.count() and label is None:
        text = field.first.input_value()
        if isinstance(value, str):
            assert text == value, (key, text)
        else:
            assert _numbers(text)[0] == pytest.approx(float(value)), (key, text)
        return
    if label is None:
        return  # a choice without a label table entry: on screen is enough
    # A choice re-renders after the link's values are applied: wait until one of its three
    # shapes (pressed option, checked radio, select box) is on screen before telling them apart.
    expect(
        box.locator(
            "[aria-checked='true'], [aria-pressed='true'], "
            "input[type='radio']:checked, [role='combobox']"
        ).first
    ).to_be_attached()
    chosen = box.locator("[aria-checked='true'], [aria-pressed='true']")
    if chosen.count():
        texts = [chosen.nth(i).inner_text().strip() for i in range(chosen.count())]
        assert texts == (label if isinstance(label, list) else [label]), (key, texts)
        return
    radio = box.locator("label:has(input[type='radio']:checked)")
    if radio.count():
        assert label in radio.first.inner_text(), key
        return
    combo = box.get_by_role("combobox")  # a select box shows its chosen option
    assert label in (combo.input_value() or combo.get_attribute("aria-label") or ""), key


@pytest.mark.parametrize("name", ONE_PER_LAB)
def test_a_shared_link_shows_the_same_state(server_url, page, name):
    link = next(link for link in LINKS if link.name == name)
    query = link.query()
    if name == "transfer":  # a fresh browser brings no augmentation pipeline: those two stay out
        query = {k: v for k, v in query.items() if k not in ("tl_augment", "tl_views")}
    page.set_viewport_size({"width": 1600, "height": 1400})
    open_page(page, f"{server_url}/{PATHS[link.page]}?{urlencode(query)}")
    assert_no_error(page)
    assert (
        page.locator("[data-testid='stAlertContentWarning']")
        .filter(has_text=re.compile(r"`\w+="))
        .count()
        == 0
    ), "no link value refused"
    written = {
        k: v[-1] for k, v in parse_qs(urlparse(page.url).query, keep_blank_values=True).items()
    }
    assert written == query, "the address bar keeps the link"
    expect(page.locator("html")).to_have_css("font-size", "22px")  # projector mode
    for key, (_, value) in link.params.items():
        if (
            key in query
            and key not in ("lang", "projector", "gcn_graph")
            and key not in link.no_widget
        ):
            _shows(page, key, value, _label(key, value))
    screenshot(page, f"shared-link-{name}")
