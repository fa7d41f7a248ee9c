"""Feature maps and Grad-CAM (core.feature_maps.explain) against hook-free forwards and captum."""

from __future__ import annotations

import dataclasses
import gc
import threading

import numpy as np
import pytest
import torch
from torch import nn

from core.common import backbones
from core.common.backbones import BackboneSpec, Preprocess, StageDecl
from core.common.errors import UserFacingError
from core.common.handover import FineTunedModel
from core.common.i18n import TABLE
from core.common.samples import load_sample
from core.feature_maps import explain

LITE0 = "efficientnet_lite0"


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def lite0():
    """The bundled backbone as the app shares it: ImageNet weights, frozen, eval mode."""
    model = backbones.build_model(LITE0).requires_grad_(False).eval()
    return explain.backbone_network(model, backbones.get_spec(LITE0), pretrained=True)


@pytest.fixture(scope="module")
def cat():
    return load_sample("cat").image


@pytest.fixture(scope="module")
def x_cat(lite0, cat):
    return explain.model_input(lite0, cat)


class BookNet(nn.Module):
    """A small VGG-like net in the book's style: conv layers followed by in-place ReLUs."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(8, 8, 3, padding=1),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1),
            nn.BatchNorm2d(16),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(2),
        )
        self.classifier = nn.Linear(16, 10)


BOOK_SPEC = BackboneSpec(
    name="booknet",
    label="BookNet",
    family="vgg",
    preprocess=Preprocess(32, 36, (0.5,) * 3, (0.5,) * 3, "bilinear"),
    num_params=0,
    download_mb=0.0,
    offline=True,
    weights_url=None,
    stage_decls=(
        StageDecl("conv_block1", "stem", tuple(f"features.{i}" for i in range(5))),
        StageDecl("conv_block2", "block", tuple(f"features.{i}" for i in range(5, 9))),
        StageDecl("pool", "pool", ("<avgpool>", "<flatten>")),
        StageDecl("fc", "head", ("classifier",)),
    ),
    build_fn=BookNet,
)


@pytest.fixture
def booknet():
    torch.manual_seed(0)
    model = BookNet().eval().requires_grad_(False)
    return explain.Network(
        spec=BOOK_SPEC,
        stages=tuple(backbones.stages(model, BOOK_SPEC)),
        class_names=tuple(f"c{i}" for i in range(10)),
        resolution=32,
        weights=explain.WEIGHTS_RANDOM,
        label="BookNet",
    ), model


def random_network(name: str, resolution: int | None = None) -> explain.Network:
    torch.manual_seed(0)
    model = backbones.build_model(name, pretrained=False).requires_grad_(False)
    net = explain.backbone_network(model, backbones.get_spec(name), pretrained=False)
    return dataclasses.replace(net, resolution=resolution) if resolution else net


def finetuned_lite0(lite0: explain.Network, train_from: int | None = None) -> FineTunedModel:
    """A transfer-lab run: Lite0's stages shared and frozen, a new 2-class head."""
    torch.manual_seed(1)
    stage_list = list(lite0.stages)
    if train_from is not None:  # a fine-tuned copy of the later groups, nudged
        import copy

        for i in range(train_from, len(stage_list) - 1):
            module = copy.deepcopy(stage_list[i].module).requires_grad_(True)
            with torch.no_grad():
                for p in module.parameters():
                    p.add_(0.01 * torch.randn_like(p))
            stage_list[i] = dataclasses.replace(stage_list[i], module=module)
    head = nn.Linear(1280, 2)
    stage_list[-1] = dataclasses.replace(stage_list[-1], module=head)
    return FineTunedModel(
        backbone=LITE0, stages=stage_list, class_names=("Cat", "Dog"), resolution=160, label="run 1"
    )


# ---------------------------------------------------------------- hooks left behind


def all_hooks() -> list[str]:
    """Every hook on every live module, plus torch's global module hooks."""
    import warnings

    found = []
    with warnings.catch_warnings():  # isinstance() touches deprecated torch.distributed aliases
        warnings.simplefilter("ignore")
        modules = [obj for obj in gc.get_objects() if isinstance(obj, nn.Module)]
    for obj in modules:
        if True:
            for attr in (
                "_forward_hooks",
                "_forward_pre_hooks",
                "_backward_hooks",
                "_backward_pre_hooks",
                "_state_dict_hooks",
                "_load_state_dict_pre_hooks",
            ):
                if getattr(obj, attr, None):
                    found.append(f"{type(obj).__name__}.{attr}")
    from torch.nn.modules import module as m

    for attr in (
        "_global_forward_hooks",
        "_global_forward_pre_hooks",
        "_global_backward_hooks",
        "_global_backward_pre_hooks",
        "_global_module_registration_hooks",
    ):
        if getattr(m, attr, None):
            found.append(attr)
    return found


def snapshot(network: explain.Network):
    params = {}
    for i, stage in enumerate(network.stages):
        for name, t in stage.module.state_dict(keep_vars=True).items():
            params[f"{i}.{name}"] = (t.detach().clone(), t.requires_grad, t.grad)
    modes = [m.training for s in network.stages for m in s.module.modules()]
    return params, modes


def assert_unchanged(before, network):
    params, modes = snapshot(network)
    assert params.keys() == before[0].keys()
    for key, (value, flag, grad) in params.items():
        old_value, old_flag, old_grad = before[0][key]
        assert torch.equal(value, old_value), key
        assert flag == old_flag, key
        assert grad is None and old_grad is None, key
    assert modes == before[1]


# ---------------------------------------------------------------- layer listing


@pytest.mark.parametrize(
    "name,resolution",
    [
        (LITE0, None),
        ("resnet18", 96),
        ("mobilenet_v2", 96),
        ("mobilenet_v3_small", 96),
        ("inception_v3", 160),
        ("resnet50", 96),
    ],
)
def test_layer_list_follows_the_groups_and_every_conv(name, resolution):
    net = random_network(name, resolution)
    layers = explain.list_layers(net)
    paths = [layer.path for layer in layers]
    assert len(paths) == len(set(paths))
    # groups in the registry's order, each group's output first
    groups = explain.group_outputs(layers)
    assert [g.stage_index for g in groups] == sorted({g.stage_index for g in groups})
    spatial_groups = []
    with torch.no_grad():
        h = torch.zeros(1, 3, net.resolution, net.resolution)
        for stage in net.stages:
            h = stage.module(h)
            if stage.kind not in ("pool", "head") and h.dim() == 4 and h.shape[-1] > 1:
                spatial_groups.append(stage.name)
    assert [g.stage for g in groups] == spatial_groups
    for g in groups:
        first_of_group = next(layer for layer in layers if layer.stage_index == g.stage_index)
        assert first_of_group is g
    # every convolution with a spatial output is listed
    model = net.model
    listed = set(paths)
    x = torch.zeros(1, 3, net.resolution, net.resolution)
    shapes = {}

    def record(name):
        def hook(module, inputs, output):
            shapes.setdefault(name, output.shape)

        return hook

    hooks = [
        m.register_forward_hook(record(n))
        for n, m in model.named_modules()
        if isinstance(m, nn.Conv2d)
    ]
    try:
        with torch.no_grad():
            backbones.run_stages(list(net.stages), x)
    finally:
        for h in hooks:
            h.remove()
    spatial = {n for n, s in shapes.items() if s[-1] * s[-2] > 1}
    assert spatial <= listed, sorted(spatial - listed)[:5]
    for layer in layers:
        if layer.path in shapes:
            assert tuple(shapes[layer.path][1:]) == layer.shape
        assert layer.activation != "unknown", layer
        assert f"feature_maps.where.{layer.where}" in TABLE
    assert not all_hooks()


def test_default_layers(lite0):
    layers = explain.list_layers(lite0)
    stem = explain.default_map_layer(layers)
    assert (stem.path, stem.stage, stem.shape) == ("bn1", "stem", (32, 112, 112))
    last = explain.default_cam_layer(layers)
    assert (last.path, last.stage, last.shape) == ("bn2", "conv_head", (1280, 7, 7))
    assert last.activation == "relu6" and last.where == "bnact"
    dw = explain.find_layer(layers, "blocks.2.0.conv_dw")
    assert dw.depthwise and dw.kernel == (5, 5) and dw.stride == (2, 2)
    assert explain.find_layer(layers, "blocks.2.0.conv_pw").activation == "linear"
    assert explain.find_layer(layers, "blocks.2").kind == "block"
    with pytest.raises(UserFacingError):
        explain.find_layer(layers, "blocks.99")
    resnet = explain.list_layers(random_network("resnet18", 64))
    assert explain.default_cam_layer(resnet).path == "layer4"
    # ResNet reuses one ReLU module twice per block: it is not offered as a layer
    assert "layer1.0.relu" not in {layer.path for layer in resnet}


def test_activation_kinds_match_the_values(lite0, x_cat):
    """What the page says about zeros is true: ReLU/ReLU6 outputs are >= 0 (ReLU6 <= 6),
    linear outputs have negative values, Hardswish never goes below -0.375."""
    cases = [(lite0, x_cat)]
    for name in ("resnet18", "mobilenet_v3_small"):
        net = random_network(name, 96)
        cases.append((net, explain.model_input(net, load_sample("coffee").image)))
    for net, x in cases:
        for layer in explain.list_layers(net):
            values = explain.feature_maps(net, layer, x)
            assert tuple(values.shape) == layer.shape
            if layer.activation in ("relu", "relu6"):
                assert float(values.min()) >= 0, layer.path
                if layer.activation == "relu6":
                    assert float(values.max()) <= 6, layer.path
            elif layer.activation == "linear":
                assert float(values.min()) < 0, layer.path
            elif layer.activation == "hardswish":
                assert float(values.min()) >= -0.375 - 1e-6, layer.path


# ---------------------------------------------------------------- feature maps


def test_maps_equal_the_layer_output_without_hooks(lite0, x_cat):
    stage_list = list(lite0.stages)
    run = backbones.run_stages
    with torch.no_grad():
        for index, group in enumerate(
            (
                "bn1",
                "blocks.0",
                "blocks.1",
                "blocks.2",
                "blocks.3",
                "blocks.4",
                "blocks.5",
                "blocks.6",
                "bn2",
            )
        ):
            expected = run(stage_list, x_cat, stop=index + 1)[0]
            torch.testing.assert_close(
                explain.feature_maps(lite0, group, x_cat), expected, rtol=0, atol=0
            )
        # layers inside a block: run the network up to the block, then the block's modules
        model = lite0.model
        block = model.blocks[2][0]
        before = run(stage_list, x_cat, stop=3)
        pw = block.conv_pw(before)
        act = block.bn1(pw)
        dw = block.conv_dw(act)
        for path, expected in (
            ("blocks.2.0.conv_pw", pw),
            ("blocks.2.0.bn1", act),
            ("blocks.2.0.conv_dw", dw),
            ("conv_stem", model.conv_stem(x_cat)),
        ):
            torch.testing.assert_close(
                explain.feature_maps(lite0, path, x_cat), expected[0], rtol=0, atol=0
            )


def test_a_conv_followed_by_an_inplace_relu_keeps_its_negative_values(booknet):
    net, model = booknet
    x = torch.randn(1, 3, 32, 32)
    with torch.no_grad():
        conv0 = model.features[0](x)
        relu1 = torch.relu(conv0)
        block1 = model.features[:5](x)
        conv5 = model.features[5](block1)
    maps = explain.feature_maps(net, "features.0", x)
    torch.testing.assert_close(maps, conv0[0], rtol=0, atol=0)
    assert float(maps.min()) < 0  # not overwritten by the in-place ReLU that follows
    torch.testing.assert_close(explain.feature_maps(net, "features.1", x), relu1[0])
    torch.testing.assert_close(explain.feature_maps(net, "features.4", x), block1[0])
    torch.testing.assert_close(explain.feature_maps(net, "features.5", x), conv5[0])
    layers = explain.list_layers(net)
    groups = explain.group_outputs(layers)
    assert [(g.path, g.kind, g.activation, g.where) for g in groups] == [
        ("features.4", "pool", "relu", "pooled"),
        ("features.8", "pool", "relu", "pooled"),
    ]


def test_channel_selection():
    rng = np.random.default_rng(0)
    maps = rng.normal(size=(40, 5, 6)).astype(np.float32)
    means = maps.reshape(40, -1).mean(axis=1)
    assert explain.select_channels(maps, "top", 7) == list(np.argsort(-means)[:7])
    assert explain.select_channels(maps, "first", 7) == list(range(7))
    assert explain.select_channels(maps, "first", 100) == list(range(40))
    assert explain.select_channels(maps, "chosen", 7, (3, 39, 41)) == [3, 39]
    assert explain.parse_channel_list(" 3, 17 ,40-43; 5") == (3, 17, 40, 41, 42, 43, 5)
    assert explain.parse_channel_list("3 4  5") == (3, 4, 5)
    assert explain.parse_channel_list("7, 7, 6 - 8") == (7, 6, 8)
    for bad in ("3, x", "-1", "5-2", "1.5", "0-200", ",".join(map(str, range(70)))):
        with pytest.raises(ValueError):
            explain.parse_channel_list(bad)
    with pytest.raises(UserFacingError) as info:
        explain.chosen_channels("0, 50", 40)
    assert info.value.key == "feature_maps.channels_range" and info.value.params["channel"] == 50
    for text, key in (("", "feature_maps.channels_empty"), ("a", "feature_maps.channels_bad")):
        with pytest.raises(UserFacingError) as info:
            explain.chosen_channels(text, 40)
        assert info.value.key == key and key in TABLE


def test_statistics_and_colour_scaling():
    a = np.array([[0.0, 0.0, 6.0], [-1.0, 2.0, 3.0]], dtype=np.float32)
    s = explain.map_statistics(a)
    assert s.mean == pytest.approx(10 / 6) and s.max == 6 and s.min == -1
    assert s.zero_share == pytest.approx(2 / 6) and s.negative_share == pytest.approx(1 / 6)
    assert s.ceiling_share == pytest.approx(1 / 6) and (s.height, s.width) == (2, 3)
    maps = np.stack([a, 2 * a, np.zeros_like(a)])
    per_map = explain.normalise_maps(maps, "map")
    assert per_map[0].min() == 0 and per_map[0].max() == 1 and per_map[1].max() == 1
    np.testing.assert_allclose(per_map[0], per_map[1])
    assert not per_map[2].any()  # a constant map is not stretched into noise
    shared = explain.normalise_maps(maps, "layer")
    assert shared.min() == 0 and shared.max() == 1
    assert shared[0].max() < 1  # the weaker map stays darker on the shared scale
    np.testing.assert_allclose(shared, (maps + 2) / 14, rtol=1e-6)


def test_first_conv_filters_as_images(lite0):
    path, conv = explain.first_conv(lite0)
    assert path == "conv_stem" and tuple(conv.weight.shape) == (32, 3, 3, 3)
    images = explain.filter_images(conv.weight)
    assert images.shape == (32, 3, 3, 3) and images.min() >= 0 and images.max() <= 1
    w = conv.weight.detach().double()
    peak = w.abs().amax(dim=(1, 2, 3))
    for i in range(32):  # each filter's largest |weight| reaches black or white
        extreme = np.abs(images[i] - 0.5).max()
        assert extreme == pytest.approx(0.5)
        np.testing.assert_allclose(images[i], (0.5 + 0.5 * w[i] / peak[i]).permute(1, 2, 0))


# ---------------------------------------------------------------- Grad-CAM vs captum


def captum_cam(model: nn.Module, module: nn.Module, x: torch.Tensor, target: int):
    """captum's LayerGradCam: raw (ReLU'd) map and its bilinear upsampling to the input."""
    from captum.attr import LayerAttribution, LayerGradCam

    x = x.clone().requires_grad_(True)  # the frozen model needs a differentiable input
    raw = LayerGradCam(model, module).attribute(x, target=target, relu_attributions=True)
    up = LayerAttribution.interpolate(raw, tuple(x.shape[-2:]), interpolate_mode="bilinear")
    return raw.detach()[0, 0], up.detach()[0, 0]


@pytest.mark.parametrize(
    "path,target",
    [
        ("bn2", None),
        ("bn2", 285),
        ("blocks.4", None),
        ("blocks.2.0.conv_dw", 281),
        ("blocks.5.1.bn2", 7),
    ],
)
def test_grad_cam_equals_captum(lite0, x_cat, path, target):
    before = snapshot(lite0)
    cam = explain.grad_cam(lite0, path, x_cat, target)
    with torch.no_grad():
        logits = lite0.model(x_cat)[0]
    expected_target = int(logits.argmax()) if target is None else target
    assert cam.target == expected_target and cam.predicted == int(logits.argmax())
    assert cam.target_label == backbones.imagenet_categories()[expected_target]
    assert cam.probability == pytest.approx(float(logits.softmax(0)[expected_target]), rel=1e-5)
    assert cam.score == pytest.approx(float(logits[expected_target]), rel=1e-5)
    raw, up = captum_cam(lite0.model, lite0.model.get_submodule(path), x_cat, expected_target)
    assert_unchanged(before, lite0)  # captum itself must not have changed the model either
    np.testing.assert_allclose(cam.cam, raw.numpy(), rtol=1e-4, atol=1e-6 * float(raw.max()))
    expected_heatmap = (up / up.max()).numpy() if float(up.max()) > 0 else up.numpy()
    np.testing.assert_allclose(cam.heatmap, expected_heatmap, atol=1e-5)
    assert cam.heatmap.shape == (224, 224) and cam.heatmap.max() == pytest.approx(1.0)


def test_grad_cam_against_a_plain_autograd_reference(lite0, x_cat):
    """Independent of captum: differentiate through a copy whose input requires grad."""
    stage_list = list(lite0.stages)
    with torch.enable_grad():
        a = backbones.run_stages(stage_list, x_cat, stop=9).detach().requires_grad_(True)
        score = backbones.run_stages(stage_list, a, start=9)[0, 281]
        (grad,) = torch.autograd.grad(score, a)
    expected = torch.relu((grad.mean(dim=(2, 3), keepdim=True) * a).sum(1))[0].detach()
    cam = explain.grad_cam(lite0, "bn2", x_cat, 281)
    np.testing.assert_allclose(cam.cam, expected.numpy(), rtol=1e-4, atol=1e-7)


def test_grad_cam_on_other_architectures_and_a_finetuned_model(lite0, cat):
    net = random_network("resnet18", 96)
    x = explain.model_input(net, cat)
    for path in ("layer4", "layer2.0.conv1", "maxpool"):
        cam = explain.grad_cam(net, path, x, 3)
        raw, _ = captum_cam(net.model, net.model.get_submodule(path), x, 3)
        np.testing.assert_allclose(cam.cam, raw.numpy(), rtol=1e-4, atol=1e-6 * float(raw.max()))
    ft = finetuned_lite0(lite0, train_from=7)
    fnet = explain.finetuned_network(ft)
    assert fnet.resolution == 160 and fnet.class_names == ("Cat", "Dog")
    xf = explain.model_input(fnet, cat)
    assert tuple(xf.shape) == (1, 3, 160, 160)
    whole = ft.model  # (the hand-over's .model sets eval mode on its new Sequential wrappers)
    before = snapshot(fnet)
    cam = explain.grad_cam(fnet, "bn2", xf, 1)
    assert cam.target_label == "Dog"
    raw, _ = captum_cam(whole, fnet.module("bn2")[1], xf, 1)
    np.testing.assert_allclose(cam.cam, raw.numpy(), rtol=1e-4, atol=1e-6 * float(raw.max()))
    assert_unchanged(before, fnet)
    with pytest.raises(UserFacingError) as info:
        explain.grad_cam(fnet, "bn2", xf, 2)
    assert info.value.key == "feature_maps.cam_class_range"


# ---------------------------------------------------------------- the shared model stays as it was


def test_hundred_uses_leave_no_hook_and_no_change(lite0, x_cat, booknet):
    net, _ = booknet
    assert not all_hooks()
    before = snapshot(lite0)
    layers = explain.list_layers(lite0)
    x_bad = torch.zeros(1, 4, 224, 224)  # the wrong channel count: fails inside the forward
    for i in range(100):
        layer = layers[(7 * i) % len(layers)]
        explain.feature_maps(lite0, layer, x_cat)
        if i % 4 == 0:
            explain.grad_cam(lite0, layer, x_cat, None if i % 8 else 281)
        if i % 10 == 0:
            explain.list_layers(net)
            with pytest.raises(RuntimeError):
                explain.feature_maps(lite0, "bn2", x_bad)
            with pytest.raises(RuntimeError):
                explain.grad_cam(lite0, "bn2", x_bad)
            with pytest.raises(UserFacingError):
                explain.grad_cam(lite0, "bn2", x_cat, 1000)
    assert all_hooks() == []
    assert_unchanged(before, lite0)
    assert all(not p.requires_grad for p in lite0.model.parameters())
    assert not lite0.model.training


def test_a_model_left_in_training_mode_is_run_in_eval_mode_and_left_as_it_was(lite0, cat):
    ft = finetuned_lite0(lite0)
    fnet = explain.finetuned_network(ft)
    head = fnet.stages[-1].module
    head.train()
    before = snapshot(fnet)
    x = explain.model_input(fnet, cat)
    explain.grad_cam(fnet, "blocks.6", x)
    explain.predict(fnet, cat)
    assert head.training
    assert_unchanged(before, fnet)


def test_hooks_ignore_other_threads_running_the_same_shared_model(lite0, cat):
    """Two visitors at once: each sees the maps of its own image."""
    images = [explain.model_input(lite0, load_sample(n).image) for n in ("cat", "coffee")]
    expected = [explain.feature_maps(lite0, "blocks.3", x) for x in images]
    cams = [explain.grad_cam(lite0, "blocks.5", x).cam for x in images]
    errors = []

    def worker(k: int) -> None:
        try:
            for _ in range(6):
                torch.testing.assert_close(
                    explain.feature_maps(lite0, "blocks.3", images[k]), expected[k], rtol=0, atol=0
                )
                np.testing.assert_allclose(
                    explain.grad_cam(lite0, "blocks.5", images[k]).cam,
                    cams[k],
                    rtol=1e-5,
                    atol=1e-7,
                )
        except Exception as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=worker, args=(k % 2,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert all_hooks() == []


# ---------------------------------------------------------------- predictions, comparisons


def test_predictions(lite0, cat):
    top = explain.predict(lite0, cat)
    assert top == backbones.classify(lite0.model, lite0.spec, cat)
    assert 281 <= top[0].index <= 285
    ft = finetuned_lite0(lite0)
    fnet = explain.finetuned_network(ft)
    top = explain.predict(fnet, cat)
    with torch.no_grad():
        probs = ft.model(explain.model_input(fnet, cat)).softmax(1)[0]
    assert [p.index for p in top] == probs.argsort(descending=True).tolist()
    assert top[0].probability == pytest.approx(float(probs.max()))
    assert {p.label for p in top} == {"Cat", "Dog"}


def test_frozen_groups_are_recognised_as_unchanged(lite0):
    start = dataclasses.replace(lite0, resolution=160)
    fnet = explain.finetuned_network(finetuned_lite0(lite0, train_from=7))
    assert explain.stages_unchanged(fnet, start, 6)  # blocks1..blocks7 shared
    assert not explain.stages_unchanged(fnet, start, 8)  # conv_head was trained
    frozen = explain.finetuned_network(finetuned_lite0(lite0))
    assert explain.stages_unchanged(frozen, start, 8)


def test_weights_fingerprint_tells_weights_apart(lite0):
    a = explain.weights_fingerprint(lite0)
    assert a == explain.weights_fingerprint(lite0)
    assert a != explain.weights_fingerprint(random_network(LITE0))
    assert a != explain.weights_fingerprint(dataclasses.replace(lite0, resolution=160))
    ft = finetuned_lite0(lite0)
    b = explain.weights_fingerprint(explain.finetuned_network(ft))
    with torch.no_grad():
        ft.stages[-1].module.weight[0, 0] += 1.0
    assert b != explain.weights_fingerprint(explain.finetuned_network(ft))


def test_url_parameters():
    assert explain.param_topk(True).default < explain.param_topk(False).default
    model = explain.param_model(("run 1",))
    assert model.default == LITE0 and "ft:run 1" in model.options and "resnet18" in model.options
    assert explain.PARAM_CHANNELS.parse(" 1, 2-4 ") == "1, 2-4"
    with pytest.raises(ValueError):
        explain.PARAM_CHANNELS.parse("1; drop table")
    assert explain.PARAM_CAM_CLASS.parse("-1") == explain.PREDICTED
    with pytest.raises(ValueError):
        explain.PARAM_CAM_CLASS.parse("-2")


def test_words_for_the_page(lite0):
    layers = explain.list_layers(lite0)
    by_path = {layer.path: layer for layer in layers}
    label = explain.layer_label(by_path["blocks.2.0.conv_dw"], "en")
    assert "blocks.2.0.conv_dw" in label and "5×5" in label and "depthwise" in label
    assert "stride 2" in label and label.endswith("144×28×28")
    assert "깊이별" in explain.layer_label(by_path["blocks.2.0.conv_dw"], "ko")
    assert explain.layer_label(by_path["bn1"], "en").startswith("■ bn1")
    relu6 = explain.map_statistics(np.array([[0.0, 6.0], [1.0, 0.0]]))
    text = explain.activation_sentence(by_path["bn1"], relu6, "en")
    assert "ReLU6" in text and "BatchNormAct2d" in text and "50.0%" in text and "25.0%" in text
    linear = explain.map_statistics(np.array([[-1.0, 2.0], [1.0, 0.0]]))
    text = explain.activation_sentence(by_path["blocks.2.0.conv_pw"], linear, "ko")
    assert "선형" in text and "25.0%" in text
    for layer in layers:
        for lang in ("ko", "en"):
            assert explain.activation_sentence(layer, relu6, lang)
