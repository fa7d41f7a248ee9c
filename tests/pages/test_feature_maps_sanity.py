"""The feature-map page's sanity checks and CAM variants in AppTest, driven by key and link."""

from __future__ import annotations

import pytest

from core.common import backbones
from core.common.class_names import korean_imagenet_names
from core.common.samples import load_sample
from core.feature_maps import sanity, words
from core.feature_maps.network import backbone_network, model_input
from tests.conftest import make_app
from tests.files import stand_in_weights

PAGE = "pages/feature_maps.py"
SLOW_RUN_S = 600  # a whole cascade per run, on a shared 2-core machine


@pytest.fixture(autouse=True)
def fresh_caches():
    import streamlit as st

    st.cache_data.clear()
    yield


def run(at):
    at.run(timeout=SLOW_RUN_S)
    assert not at.exception, [e.value for e in at.exception]
    return at


def markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_cascade_from_a_link_shows_the_core_numbers_and_passes_grad_cam():
    at = run(make_app(PAGE, fm_sanity="1", fm_cam_class="281"))
    assert at.toggle(key="fm_sanity").value is True
    assert at.segmented_control(key="fm_sanity_method").value == "gradcam"
    assert [s.value for s in at.success][0].startswith("**Passes**")
    spec = backbones.get_spec("efficientnet_lite0")
    net = backbone_network(backbones.build_model(spec.name).requires_grad_(False), spec, True)
    x = model_input(net, load_sample("cat").image)
    expected = sanity.cascade(net, "bn2", x, "gradcam", 281)
    assert words.cascade_table(expected, net.class_names, "en") in markdown(at)
    assert f"{expected.mean_rank_correlation:.2f} < 0.7" in at.success[0].value


def test_the_broken_explanation_fails_in_korean_projector_mode_and_stays_in_the_link():
    at = run(make_app(PAGE, lang="ko", projector=True, fm_cam_class="281"))
    assert not at.success and not at.warning
    at.toggle(key="fm_sanity").set_value(True)
    at.segmented_control(key="fm_sanity_method").set_value("edges")
    run(at)
    assert at.warning[0].value.startswith("**실패**")
    assert "1.00 ≥ 0.7" in at.warning[0].value
    text = markdown(at)
    assert "학습된 모델" in text and "+ classifier 무작위" in text
    # the top-1 column names ImageNet classes in Korean
    top1 = [row.split(" | ")[1] for row in text.splitlines() if row.startswith("| 학습된 모델")]
    assert top1 and top1[0].replace("\\", "") in korean_imagenet_names(), top1
    assert at.query_params["fm_sanity_method"] in ("edges", ["edges"])
    assert at.query_params["fm_sanity"] in ("1", ["1"], "true", ["true"])


def test_grad_cam_plus_plus_counterfactual_and_every_group_from_widgets():
    at = run(make_app(PAGE))
    at.segmented_control(key="fm_cam_method").set_value("gradcampp")
    at.toggle(key="fm_counterfactual").set_value(True)
    at.toggle(key="fm_cam_groups").set_value(True)
    run(at)
    assert any(r"\mathrm{ReLU}(g^{kc}_{ij})" in x.value for x in at.latex)
    assert any("explained at each layer group's output" in c.value for c in at.caption)
    for key, value in (("fm_cam_method", "gradcampp"), ("fm_counterfactual", "1")):
        assert at.query_params[key] in (value, [value], "true", ["true"]), key


def test_xception_with_cached_weights_in_the_lab(tmp_path, monkeypatch):
    """A locally made state dict in torch's cache stands for the downloaded weights."""
    import torch

    monkeypatch.setattr(torch.hub, "get_dir", lambda: str(tmp_path))
    spec = backbones.get_spec("xception")
    with backbones.seeded_global_rng(3):
        stand_in_weights(spec, spec.build_fn().state_dict(), monkeypatch)
    at = run(make_app(PAGE, fm_model="xception"))
    assert not any(b.key == "fm_load_download" for b in at.button)
    assert "16 channels of act2 · 64×147×147" in [c.value for c in at.caption]
    assert at.selectbox(key="fm_cam_layer").value == "act4"
