"""The feature-map page in AppTest: widgets by key, links, caching, fine-tuned models, hooks."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import torch
from torch import nn

from core.common import backbones
from core.common.handover import FineTunedModel
from core.common.samples import load_sample
from core.feature_maps import gradcam, maps
from core.feature_maps.controls import PREDICTED
from core.feature_maps.gradcam import grad_cam
from core.feature_maps.layers import list_layers
from core.feature_maps.maps import feature_maps, map_statistics
from core.feature_maps.network import backbone_network, model_input
from tests.conftest import make_app
from tests.core.feature_maps.support import all_hooks
from ui.common.handover import FINETUNED_KEY

PAGE = "pages/feature_maps.py"
KEYS = ("fm_model", "fm_weights", "fm_layer", "fm_topk", "fm_scale", "fm_cam_class")


@pytest.fixture(autouse=True)
def fresh_caches():
    import streamlit as st

    st.cache_data.clear()
    yield


def run(**params):
    at = make_app(PAGE, **params)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def captions(at) -> list[str]:
    return [c.value for c in at.caption]


def test_default_view_and_its_link():
    at = run()
    assert at.title[0].value == "Feature-map lab"
    for key in KEYS:
        assert key in at.session_state, key
    assert at.selectbox(key="fm_model").value == "efficientnet_lite0"
    assert at.segmented_control(key="fm_weights").value == "imagenet"
    assert at.selectbox(key="fm_layer").value == "bn1"  # the stem's output
    assert at.selectbox(key="fm_cam_layer").value == "bn2"  # the last conv block
    assert at.slider(key="fm_topk").value == 16
    assert at.segmented_control(key="fm_scale").value == "map"
    assert at.selectbox(key="fm_cam_class").value == PREDICTED
    assert "16 channels of bn1 · 32×112×112" in captions(at)
    assert at.query_params["fm_layer"] == ["bn1"] or at.query_params["fm_layer"] == "bn1"
    text = " ".join(m.value for m in at.markdown)
    assert "ReLU6" in text and "BatchNormAct2d" in text


def test_link_round_trip():
    at = run(
        fm_weights="random",
        fm_layer="blocks.2.0.conv_dw",
        fm_topk="5",
        fm_scale="layer",
        fm_cam_class="281",
        fm_cam_layer="blocks.5",
        fm_order="first",
    )
    state = at.session_state
    assert (
        state["fm_weights"],
        state["fm_layer"],
        state["fm_topk"],
        state["fm_scale"],
        state["fm_cam_class"],
        state["fm_cam_layer"],
    ) == ("random", "blocks.2.0.conv_dw", 5, "layer", 281, "blocks.5")
    assert state["fm_group"] == 3  # blocks3
    assert "5 channels of blocks.2.0.conv_dw · 144×28×28" in captions(at)
    assert not at.warning


def test_bad_link_values_fall_back_with_a_message():
    at = run(fm_layer="blocks.99", fm_topk="999", fm_weights="bogus", fm_cam_class="abc")
    assert at.session_state["fm_layer"] == "bn1"
    assert at.session_state["fm_topk"] == 16
    assert at.session_state["fm_weights"] == "imagenet"
    assert at.session_state["fm_cam_class"] == PREDICTED
    warned = " ".join(w.value for w in at.warning)
    for name in ("fm_layer", "fm_topk", "fm_weights", "fm_cam_class"):
        assert name in warned


def test_display_settings_reuse_the_computed_maps(monkeypatch):
    calls = {"maps": 0, "cam": 0}
    real_maps, real_cam = feature_maps, grad_cam

    def counted_maps(*args, **kwargs):
        calls["maps"] += 1
        return real_maps(*args, **kwargs)

    def counted_cam(*args, **kwargs):
        calls["cam"] += 1
        return real_cam(*args, **kwargs)

    monkeypatch.setattr(maps, "feature_maps", counted_maps)
    monkeypatch.setattr(gradcam, "grad_cam", counted_cam)
    at = run()
    assert calls == {"maps": 1, "cam": 1}
    at.slider(key="fm_topk").set_value(9).run()
    at.segmented_control(key="fm_scale").set_value("layer").run()
    at.toggle(key="fm_overlay").set_value(True).run()
    at.segmented_control(key="fm_order").set_value("first").run()
    assert not at.exception
    assert calls == {"maps": 1, "cam": 1}, "display-only changes must not run the network"
    assert "9 channels of bn1 · 32×112×112" in captions(at)
    at.selectbox(key="fm_layer").set_value("conv_stem").run()
    assert calls == {"maps": 2, "cam": 1}
    at.selectbox(key="fm_cam_class").set_value(281).run()
    assert calls == {"maps": 2, "cam": 2}
    assert at.query_params["fm_layer"] in (["conv_stem"], "conv_stem")


def test_group_picker_moves_the_layer_to_the_group_output():
    at = run()
    at.selectbox(key="fm_group").set_value(4).run()  # blocks4
    assert at.session_state["fm_layer"] == "blocks.3"
    assert "16 channels of blocks.3 · 80×14×14" in captions(at)
    at.selectbox(key="fm_layer").set_value("blocks.3.1.conv_dw").run()
    assert at.session_state["fm_group"] == 4
    assert not at.exception


def test_chosen_channels_and_a_clear_message_for_bad_ones():
    at = run(fm_order="chosen", fm_channels="3, 5-7")
    assert "4 channels of bn1 · 32×112×112" in captions(at)
    at.text_input(key="fm_channels").set_value("3, 99").run()
    assert not at.exception
    assert any("32 channels" in e.value and "99" in e.value for e in at.error)
    at.text_input(key="fm_channels").set_value("three").run()
    assert any("three" in e.value for e in at.error)


def test_enlarged_map_statistics_are_the_real_ones():
    at = run(fm_order="first", fm_topk="8", fm_layer="blocks.1.0.conv_pw")
    at.session_state["fm_focus"] = 5  # what a click on tile #5 does
    at.run()
    assert at.selectbox(key="fm_focus").value == 5
    model = backbones.build_model("efficientnet_lite0").requires_grad_(False)
    net = backbone_network(model, backbones.get_spec("efficientnet_lite0"), True)
    maps = feature_maps(net, "blocks.1.0.conv_pw", model_input(net, load_sample("cat").image))
    stats = map_statistics(maps[5].numpy())
    table = next(m.value for m in at.markdown if m.value.startswith("| Mean"))
    assert f"| {stats.mean:.3f} | {stats.max:.3f} | {stats.min:.3f} |" in table
    assert f"{stats.negative_share:.1%}" in table and stats.negative_share > 0
    assert any("linear" in m.value and "raw convolution" in m.value for m in at.markdown)


def test_side_by_side_with_random_weights_in_korean_projector_mode():
    at = run(lang="ko", projector=True, fm_weights="compare", fm_layer="blocks.0")
    assert at.session_state["fm_topk"] == 8  # projector mode: fewer, larger maps
    assert sum("blocks.0 · 16×112×112 중 8개 채널" in c for c in captions(at)) == 2
    assert any("무작위 가중치는" in c for c in captions(at))
    assert any("같은 '" in c and "클래스를 설명합니다" in c for c in captions(at))  # one class


def finetuned(train_later_groups: bool) -> FineTunedModel:
    torch.manual_seed(0)
    model = backbones.build_model("efficientnet_lite0").requires_grad_(False)
    spec = backbones.get_spec("efficientnet_lite0")
    stage_list = backbones.stages(model, spec)
    if train_later_groups:
        import copy

        module = copy.deepcopy(stage_list[8].module)
        with torch.no_grad():
            for p in module.parameters():
                p.mul_(1.05)
        stage_list[8] = dataclasses.replace(stage_list[8], module=module)
    stage_list[-1] = dataclasses.replace(stage_list[-1], module=nn.Linear(1280, 2))
    return FineTunedModel(
        backbone="efficientnet_lite0",
        stages=stage_list,
        class_names=("Cat", "Dog"),
        resolution=160,
        label="run 1",
    )


def test_a_finetuned_model_beside_its_starting_point():
    at = make_app(PAGE, fm_cam_class="281")
    at.session_state[FINETUNED_KEY] = {"run 1": finetuned(train_later_groups=True)}
    at.session_state["fm_model"] = "ft:run 1"
    at.session_state["fm_weights"] = "compare"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["fm_cam_class"] == PREDICTED  # no class 281 among 2
    assert any("no class 281" in c for c in captions(at))
    shown = captions(at)
    assert any("identical to the starting point" in c for c in shown)  # stem frozen
    assert "16 channels of bn1 · 32×80×80" in shown  # the run's 160 px input
    at.selectbox(key="fm_group").set_value(8).run()  # conv_head, trained in this run
    assert at.session_state["fm_layer"] == "bn2"
    assert any("differ from the starting point" in c for c in captions(at))
    options = at.selectbox(key="fm_cam_class").options
    assert options == ["Predicted class (top-1)", "0 · Cat", "1 · Dog"]
    assert any("its own predicted class" in c for c in captions(at))


@pytest.mark.slow
def test_hundred_renders_leave_no_hooks_and_the_shared_model_unchanged():
    at = run(fm_weights="compare")
    model = backbones.build_model("efficientnet_lite0", pretrained=False)
    layers = list_layers(backbone_network(model, backbones.get_spec("efficientnet_lite0"), False))
    import gc
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        shared = [
            m
            for m in gc.get_objects()
            if isinstance(m, nn.Module) and type(m).__name__ == "EfficientNet"
        ]
    assert shared
    before = [
        (
            {k: v.detach().clone() for k, v in m.state_dict().items()},
            [p.requires_grad for p in m.parameters()],
            [x.training for x in m.modules()],
        )
        for m in shared
    ]
    for i in range(100):  # every render computes new maps and a new Grad-CAM, twice
        layer = layers[(i * 3) % len(layers)]
        at.selectbox(key="fm_cam_layer").set_value(layers[(i * 7 + 3) % len(layers)].path)
        if layer.stage_index != at.session_state["fm_group"]:
            at.selectbox(key="fm_group").set_value(layer.stage_index)
        else:
            at.selectbox(key="fm_layer").set_value(layer.path)
        at.run()
        assert not at.exception, (layer.path, [e.value for e in at.exception])
    assert all_hooks() == []
    for m, (state, flags, modes) in zip(shared, before):
        after = m.state_dict()
        assert all(torch.equal(after[k], v) for k, v in state.items())
        assert [p.requires_grad for p in m.parameters()] == flags
        assert all(p.grad is None for p in m.parameters())
        assert [x.training for x in m.modules()] == modes


def test_a_model_whose_weights_must_be_downloaded_waits_for_the_user(tmp_path, monkeypatch):
    monkeypatch.setattr(torch.hub, "get_dir", lambda: str(tmp_path))  # nothing cached
    at = run(fm_model="resnet18")
    assert any(b.key == "fm_load_download" for b in at.button)  # a button, not a download
    assert any("appear here once the model is loaded" in i.value for i in at.info)
    at.segmented_control(key="fm_weights").set_value("random").run()  # no weights needed
    assert not at.exception
    assert "16 channels of maxpool · 64×56×56" in captions(at)
    assert at.selectbox(key="fm_cam_layer").value == "layer4"


def test_comparing_a_large_model_asks_once(monkeypatch):
    """Side by side loads the model twice (ImageNet and random weights): one answer to
    "load anyway" is enough."""
    monkeypatch.setattr(backbones.BackboneSpec, "large", property(lambda spec: True))
    at = run(fm_weights="compare")
    assert [c.key for c in at.checkbox] == ["fm_load_large_ok"]
    assert len(at.warning) == 1 and not any("channels of" in c for c in captions(at))
    at.checkbox(key="fm_load_large_ok").check().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [c.key for c in at.checkbox] == ["fm_load_large_ok"]  # not asked a second time
    assert len(at.warning) == 1
    assert sum("16 channels of bn1" in c for c in captions(at)) == 2  # both columns drawn
    at.segmented_control(key="fm_weights").set_value("random").run()  # the same answer holds
    assert [c.key for c in at.checkbox] == ["fm_load_large_ok"]
    assert "16 channels of bn1 · 32×112×112" in captions(at)


def test_a_damaged_cached_weights_file_is_said_and_offered_again(tmp_path, monkeypatch):
    from core.common.i18n import t

    monkeypatch.setattr(torch.hub, "get_dir", lambda: str(tmp_path))
    cached = backbones.weights_cache_path(backbones.REGISTRY["resnet18"])
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b"the first 300 kB of a download that stopped")
    at = run(fm_model="resnet18", lang="ko")
    warning = t("common.model.damaged", "ko", model="ResNet-18")
    assert warning in [w.value for w in at.warning]
    assert not cached.exists()
    assert any(b.key == "fm_load_download" for b in at.button)


def test_the_notebook_download_is_offered():
    at = run()
    buttons = [b for b in at.get("download_button") if b.proto.id.endswith("fm_notebook")]
    assert [b.proto.label for b in buttons] == ["Download as a notebook (.ipynb)"]


def test_vgg_asks_before_anything_is_downloaded_or_loaded(tmp_path, monkeypatch):
    from core.common.i18n import t

    monkeypatch.setattr(torch.hub, "get_dir", lambda: str(tmp_path))  # nothing cached
    spec = backbones.REGISTRY["vgg16"]
    assert spec.large
    at = run(fm_model="vgg16")
    warning = t(
        "common.model.too_large", "en", model=spec.label, mb=spec.download_mb, ram=spec.memory_mb
    )
    assert warning in [w.value for w in at.warning]
    assert not any(b.key == "fm_load_download" for b in at.button), "no download offered yet"
    at.checkbox(key="fm_load_large_ok").check().run()
    assert not at.exception
    assert any(b.key == "fm_load_download" for b in at.button), "now the download is offered"
    assert list(tmp_path.rglob("*.pth")) == [], "and nothing was downloaded without a click"


def _reference_top5(name: str, image) -> list[tuple[str, float]]:
    """Top-5 of the model on ``image`` through torchvision's own v2 preprocessing."""
    from torchvision.transforms import InterpolationMode, v2

    spec = backbones.get_spec(name)
    p = spec.preprocess
    pipeline = v2.Compose(
        [
            v2.PILToTensor(),
            v2.Resize(p.resize_size, interpolation=InterpolationMode(p.interpolation)),
            v2.CenterCrop(p.input_size),
            v2.ToDtype(torch.float32, scale=True),
            v2.Normalize(p.mean, p.std),
        ]
    )
    model = backbones.build_model(name).eval()
    with torch.no_grad():
        probs = model(pipeline(image.convert("RGB"))[None]).softmax(1)[0]
    top = probs.topk(5)
    names = backbones.imagenet_categories()
    return [(names[i], float(v)) for v, i in zip(top.values, top.indices)]


def _figure(at, key: str) -> dict:
    import json

    return next(
        json.loads(e.proto.spec) for e in at.get("plotly_chart") if e.proto.id.endswith(key)
    )


def test_top5_and_the_grad_cam_class_on_the_page_are_the_models(monkeypatch):
    from core.common.samples import DEFAULT_SAMPLE

    expected = _reference_top5("efficientnet_lite0", load_sample(DEFAULT_SAMPLE).image)
    at = run(fm_model="efficientnet_lite0")
    bars = _figure(at, "fm_pred_0")["data"][0]
    labels, percents = list(reversed(bars["y"])), list(reversed(bars["x"]))
    assert [label.lower() for label in labels] == [n.lower() for n, _ in expected]
    assert "customdata" not in bars  # the English page: no translation, nothing to hover
    np.testing.assert_allclose(percents, [100 * p for _, p in expected], atol=0.5)
    top1, p1 = expected[0]
    cam_title = _figure(at, "fm_cam_fig_0")["layout"]["title"]["text"].lower()
    assert top1.lower() in cam_title and f"{100 * p1:.1f}" in cam_title, cam_title
    # a chosen class: Grad-CAM explains that class, with its probability
    third, p3 = expected[2]
    index = backbones.imagenet_categories().index(third)
    at.selectbox(key="fm_cam_class").set_value(index).run()
    cam_title = _figure(at, "fm_cam_fig_0")["layout"]["title"]["text"].lower()
    assert third.lower() in cam_title and f"{100 * p3:.1f}" in cam_title, cam_title


def test_a_korean_page_names_imagenet_classes_in_korean_with_the_english_on_hover():
    from core.common.class_names import korean_imagenet_names
    from core.common.samples import DEFAULT_SAMPLE

    expected = _reference_top5("efficientnet_lite0", load_sample(DEFAULT_SAMPLE).image)
    english = backbones.imagenet_categories()
    top = [english.index(name) for name, _ in expected]
    korean = [korean_imagenet_names()[i] for i in top]
    at = run(fm_model="efficientnet_lite0", lang="ko")
    bars = _figure(at, "fm_pred_0")["data"][0]
    assert list(reversed(bars["y"])) == korean
    assert list(reversed(bars["customdata"])) == [english[i] for i in top]
    cam = _figure(at, "fm_cam_fig_0")
    assert korean[0] in cam["layout"]["title"]["text"]
    assert english[top[0]] not in cam["layout"]["title"]["text"]
    assert cam["data"][0]["hovertemplate"] == f"{english[top[0]]}<extra></extra>"
    assert "281 · 얼룩무늬 고양이 (tabby)" in at.selectbox(key="fm_cam_class").options


def test_a_download_shows_its_progress_then_the_model(tmp_path, monkeypatch):
    """The weights come from a loopback server (no internet in tests): the bar moves to the
    end with megabytes in its text, and the page then explains with the downloaded model."""
    import functools
    import hashlib
    import http.server
    import io
    import threading

    from streamlit.delta_generator import DeltaGenerator

    buffer = io.BytesIO()
    torch.save(backbones.build_model("resnet18", pretrained=False).state_dict(), buffer)
    payload = buffer.getvalue()
    name = f"resnet18-{hashlib.sha256(payload).hexdigest()[:8]}.pth"
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / name).write_bytes(payload)
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(tmp_path / "www")
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/{name}"
    spec = dataclasses.replace(backbones.REGISTRY["resnet18"], weights_url=url)
    monkeypatch.setitem(backbones.REGISTRY, "resnet18", spec)
    monkeypatch.setattr(torch.hub, "get_dir", lambda: str(tmp_path / "hub"))
    bars = []
    real = DeltaGenerator.progress

    def recording(self, value, text=None):
        bars.append((value, text))
        return real(self, value, text=text)

    monkeypatch.setattr(DeltaGenerator, "progress", recording)
    try:
        at = run(fm_model="resnet18")
        at.button(key="fm_load_download").click().run()
    finally:
        server.shutdown()
        from ui.common.models import shared_model

        shared_model.clear()  # the process-wide cache must not keep these stand-in weights
    assert not at.exception, [e.value for e in at.exception]
    values = [v for v, _ in bars]
    assert values == sorted(values) and values[-1] == 1.0 and len(values) > 2
    assert f"ResNet-18: {len(payload) / 1e6:.1f} MB" == bars[-1][1]
    assert (tmp_path / "hub" / "checkpoints" / name).read_bytes() == payload
    assert any(c.startswith("16 channels of") for c in captions(at)), "the maps of that model"


def test_the_notebook_says_when_it_explains_otherwise_than_the_page():
    from core.common.i18n import t

    note = t("feature_maps.notebook.plain_grad_cam", "en")
    assert note not in captions(run())
    assert note in captions(run(fm_cam_method="gradcampp"))
    assert note in captions(run(fm_counterfactual="1"))


def test_a_feature_extraction_run_is_not_called_fine_tuned():
    head = finetuned(False)
    head.settings, head.number = {"preset": "head"}, 1
    whole = finetuned(False)
    whole.settings, whole.number = {"preset": "all"}, 2
    at = make_app(PAGE)
    at.session_state[FINETUNED_KEY] = {"#1 a": head, "#2 b": whole}
    at.session_state["fm_model"] = "ft:#1 a"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    options = at.selectbox(key="fm_model").options
    assert "Transfer run #1 · feature extraction · EfficientNet-Lite0" in options
    assert "Transfer run #2 · fine-tuned (everything) · EfficientNet-Lite0" in options
    assert "This run: run 1" in captions(at)  # the run's own full label


def test_the_starting_point_at_the_runs_size_is_computed_at_that_size():
    """The ImageNet model at 224 px and the same weights as a 160 px run's starting point
    must not share cached results: the starting point's top-5 and its Grad-CAM agree."""
    run(fm_model="efficientnet_lite0")  # caches the 224 px top-5 and Grad-CAM
    at = make_app(PAGE)
    at.session_state[FINETUNED_KEY] = {"run 1": finetuned(False)}  # trained at 160 px
    at.session_state["fm_model"] = "ft:run 1"
    at.session_state["fm_weights"] = "compare"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    bars = _figure(at, "fm_pred_1")["data"][0]  # the starting point's top-5
    top1, p1 = bars["y"][-1], bars["x"][-1]
    cam_title = _figure(at, "fm_cam_fig_1")["layout"]["title"]["text"]
    assert top1.lower() in cam_title.lower() and f"{p1:.1f}" in cam_title, (top1, p1, cam_title)
    bn2 = [o for o in at.selectbox(key="fm_cam_layer").options if " bn2 ·" in o]
    assert bn2 and "1280×5×5" in bn2[0], bn2  # at 160 px
