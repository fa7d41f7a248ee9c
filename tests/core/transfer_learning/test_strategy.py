"""Transfer lab core: layer groups, presets, the notes' table, freezing, BN modes, export."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from core.common import backbones
from core.common.params import parse_or_default
from core.transfer_learning import controls
from core.transfer_learning import strategy as transfer
from core.transfer_learning.network import TransferNetwork, trained_state_dict


@pytest.fixture(scope="module")
def lite0():
    spec = backbones.get_spec("efficientnet_lite0")
    model = backbones.build_model("efficientnet_lite0").requires_grad_(False).eval()
    return spec, model, backbones.stages(model, spec)


def _random(name: str):
    spec = backbones.get_spec(name)
    torch.manual_seed(0)
    model = backbones.build_model(name, pretrained=False).requires_grad_(False).eval()
    return spec, model, backbones.stages(model, spec)


# ---------------------------------------------------------------- groups and presets


def test_group_infos_count_the_new_head(lite0):
    spec, model, stage_list = lite0
    infos = transfer.group_infos(stage_list, num_classes=3)
    assert [g.name for g in infos] == [d.name for d in spec.stage_decls]
    assert infos[-1].num_params == 1280 * 3 + 3  # Linear(1280, 3)
    assert sum(g.num_params for g in infos[:-1]) == spec.num_params - (1280 * 1000 + 1000)
    assert [g.name for g in infos if not g.has_params] == ["pool"]
    totals = transfer.param_totals(infos, ["classifier"])
    assert totals.trainable == 1280 * 3 + 3 and totals.total == sum(g.num_params for g in infos)


def test_presets_on_lite0(lite0):
    infos = transfer.group_infos(lite0[2], 2)
    assert transfer.trainable_names(infos, "head") == ("classifier",)
    assert transfer.trainable_names(infos, "last_block") == ("blocks7", "conv_head", "classifier")
    assert transfer.trainable_names(infos, "last_half") == (
        "blocks4",
        "blocks5",
        "blocks6",
        "blocks7",
        "conv_head",
        "classifier",
    )
    assert transfer.trainable_names(infos, "all") == tuple(g.name for g in infos if g.has_params)
    for preset in transfer.PRESETS:
        names = transfer.trainable_names(infos, preset)
        assert transfer.preset_of(infos, names) == preset
    assert transfer.preset_of(infos, ["stem", "classifier"]) == transfer.CUSTOM
    assert transfer.boundary_index(infos, ["classifier"]) == len(infos) - 1
    assert transfer.boundary_index(infos, ["blocks7"]) == 7


@pytest.mark.parametrize(
    "name, last_block, last_half",
    [
        ("resnet18", ("layer4", "fc"), ("layer3", "layer4", "fc")),
        (
            "mobilenet_v3_small",
            ("blocks5", "conv_head", "neck_fc", "classifier"),
            ("blocks3", "blocks4", "blocks5", "conv_head", "neck_fc", "classifier"),
        ),
    ],
)
def test_presets_on_other_backbones(name, last_block, last_half):
    infos = transfer.group_infos(_random(name)[2], 2)
    assert transfer.trainable_names(infos, "last_block") == last_block
    assert transfer.trainable_names(infos, "last_half") == last_half


def test_the_new_classifier_always_trains_and_unknown_groups_are_dropped(lite0):
    infos = transfer.group_infos(lite0[2], 2)
    assert transfer.normalize_trainable(infos, []) == ("classifier",)
    assert transfer.normalize_trainable(infos, ["blocks2", "pool", "nope", "stem"]) == (
        "stem",
        "blocks2",
        "classifier",
    )


def test_one_boundary_for_the_cache_the_network_and_the_run(lite0):
    """A group without parameters (the pooling) named as trainable changes nothing: the
    network, the run and the page's cache key all start training at the classifier."""
    from core.transfer_learning.plan import ImageSet, RunSettings
    from core.transfer_learning.training import TrainingRun

    spec, _, stage_list = lite0
    infos = transfer.group_infos(stage_list)
    names = ("pool", "classifier")
    net = TransferNetwork(stage_list, names, num_classes=2)
    assert [net.stages[i].name for i in net.trained] == ["classifier"]
    images = ImageSet((), "none", (), ())
    run = TrainingRun(
        stage_list,
        spec,
        RunSettings(spec.name, names, "custom", 1, 1e-3, 4, "adam", 96),
        images,
        images,
        ("a", "b"),
    )
    boundary = transfer.boundary_index(infos, names)
    assert net.boundary == run.plan.boundary == boundary == len(infos) - 1


def test_the_notes_strategy_table():
    assert transfer.advise(large_dataset=True, similar=False).preset == "all"
    assert transfer.advise(large_dataset=True, similar=True).preset == "last_half"
    assert transfer.advise(large_dataset=False, similar=False).preset == "last_block"
    assert transfer.advise(large_dataset=False, similar=True).preset == "head"
    assert [r.number for r in transfer.STRATEGY_TABLE] == [1, 2, 3, 4]
    from core.common.i18n import TABLE

    # row 4 of the notes (small and similar: the classifier only), OCR fixed: 작음 / 큼
    assert "데이터 분류기만 학습" in TABLE["transfer_learning.strategy.row4.quote"]["ko"]
    assert "吾" not in "".join(v["ko"] for k, v in TABLE.items() if k.startswith("transfer."))


def test_url_params_parse_and_refuse():
    p = {k: c.param for k, c in controls.CONTROLS.items()}
    assert parse_or_default(p["tl_lr"], "0.0003") == (3e-4, True)
    assert parse_or_default(p["tl_lr"], "0.0002") == (1e-3, False)  # not on the grid
    assert parse_or_default(p["tl_res"], "160") == (160, True)
    assert parse_or_default(p["tl_res"], "nan") == (160, False)
    assert parse_or_default(p["tl_batch"], "1e9") == (16, False)
    assert parse_or_default(p["tl_groups"], "blocks7,classifier") == (
        ["blocks7", "classifier"],
        True,
    )
    assert parse_or_default(p["tl_groups"], "<script>") == ((), False)
    assert parse_or_default(p["tl_preset"], "last_half") == ("last_half", True)
    assert parse_or_default(p["tl_backbone"], "gpt") == (backbones.DEFAULT_BACKBONE, False)
    for key, param in p.items():
        assert parse_or_default(param, param.format(param.default))[1], key
    assert set(transfer.RECOMMENDED_LR) == set(transfer.PRESETS)
    assert all(lr in transfer.LEARNING_RATES for lr in transfer.RECOMMENDED_LR.values())


# ---------------------------------------------------------------- freezing


def _flags(stage_list):
    return [(id(p), p.requires_grad) for s in stage_list for p in s.module.parameters()]


@pytest.mark.parametrize("preset", ["head", "last_block", "last_half", "all"])
def test_freezing_sets_requires_grad_exactly_per_group(lite0, preset):
    spec, model, stage_list = lite0
    infos = transfer.group_infos(stage_list, 3)
    names = transfer.trainable_names(infos, preset)
    before = _flags(stage_list)
    net = TransferNetwork(stage_list, names, num_classes=3)
    for shared, stage in zip(stage_list, net.stages):
        params = list(stage.module.parameters())
        if stage.name in names:
            assert stage.module is not shared.module, "a trained group is the run's own copy"
            assert params and all(p.requires_grad for p in params), stage.name
            shared_ids = {id(p) for p in shared.module.parameters()}
            assert not shared_ids & {id(p) for p in params}, "no parameter is shared"
        else:
            assert stage.module is shared.module, "a frozen group is the shared module itself"
            assert not any(p.requires_grad for p in params), stage.name
    assert _flags(stage_list) == before, "the shared model's flags are untouched"
    assert {id(p) for p in net.parameters()} == {
        id(p) for s in net.stages if s.name in names for p in s.module.parameters()
    }
    assert net.boundary == transfer.boundary_index(infos, names)
    head = [m for m in net.stages[-1].module.modules() if isinstance(m, nn.Linear)][-1]
    assert head.out_features == 3


def test_batchnorm_stays_in_eval_and_only_copies_switch_modes():
    spec, model, stage_list = _random("mobilenet_v3_small")  # has Dropout in its neck
    infos = transfer.group_infos(stage_list, 2)
    names = transfer.trainable_names(infos, "last_half")
    net = TransferNetwork(stage_list, names, num_classes=2)
    net.set_training(True)
    for stage in net.stages:
        for m in stage.module.modules():
            if isinstance(m, nn.modules.batchnorm._BatchNorm):
                assert not m.training, f"BN in {stage.name} must stay in eval mode"
            elif isinstance(m, nn.Dropout) and stage.name in names:
                assert m.training, "dropout of a trained group is active while training"
    assert not model.training and not any(m.training for m in model.modules()), (
        "the shared model stays in eval mode"
    )
    net.set_training(False)
    mode_dependent = (nn.Dropout, nn.modules.batchnorm._BatchNorm)
    assert not any(
        m.training for s in net.stages for m in s.module.modules() if isinstance(m, mode_dependent)
    )


def test_a_training_step_changes_only_the_copies(lite0):
    spec, model, stage_list = lite0
    reference = {k: v.clone() for k, v in model.state_dict().items()}
    names = ("blocks7", "conv_head", "classifier")
    net = TransferNetwork(stage_list, names, num_classes=2)
    x = torch.randn(4, 192, 5, 5)  # the input of blocks7 at 160 px
    before = [p.detach().clone() for p in net.parameters()]
    net.set_training(True)
    loss = nn.functional.cross_entropy(net(x), torch.tensor([0, 1, 0, 1]))
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    loss.backward()
    opt.step()
    assert any(not torch.equal(a, b) for a, b in zip(before, net.parameters()))
    for k, v in model.state_dict().items():
        assert torch.equal(v, reference[k]), k
    assert all(p.grad is None for p in model.parameters())


def _step_gradients(net: TransferNetwork, x, y, split: bool) -> list[torch.Tensor]:
    """One training step's gradients: the split step, or one backward on the whole batch."""
    for p in net.parameters():
        p.grad = None
    if split:
        logits, backward = net.training_forward(x, seed=5)
    else:
        with backbones.seeded_global_rng(5):
            logits, backward = net(x), torch.Tensor.backward
    backward(nn.functional.cross_entropy(logits, y))
    return [p.grad.clone() for p in net.parameters()]


@pytest.mark.parametrize(
    ("name", "preset"),
    [
        ("efficientnet_lite0", "last_block"),
        ("efficientnet_lite0", "all"),
        ("mobilenet_v3_small", "last_half"),  # dropout in the neck: it runs on the whole batch
    ],
)
def test_a_split_training_step_gives_the_whole_batchs_gradients(name, preset):
    spec, model, stage_list = _random(name)
    names = transfer.trainable_names(transfer.group_infos(stage_list, 2), preset)
    net = TransferNetwork(stage_list, names, num_classes=2)
    net.set_training(True)
    with torch.no_grad():
        x = backbones.run_stages(stage_list, torch.randn(6, 3, 64, 64), 0, net.boundary)
    # in float64: the split changes the order of sums, and in float32 that can move an
    # activation lying on ReLU6's clamp to its other side, which changes a gradient a lot
    for stage in net.stages[net.boundary :]:
        stage.module.double()
    x = x.double()
    y = torch.tensor([0, 1, 1, 0, 1, 0])
    split_part = net.stages[net.boundary : net.random_from]
    assert split_part, "the groups before the first random one run on parts"
    assert not any(isinstance(m, nn.Dropout) for s in split_part for m in s.module.modules())

    whole = _step_gradients(net, x, y, split=False)
    split = _step_gradients(net, x, y, split=True)
    for a, b in zip(whole, split, strict=True):
        torch.testing.assert_close(b, a, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("name", ["efficientnet_lite0", "resnet18", "mobilenet_v2"])
def test_exported_weights_rebuild_the_same_model(name):
    if name == "efficientnet_lite0":
        spec = backbones.get_spec(name)
        model = backbones.build_model(name).requires_grad_(False).eval()
        stage_list = backbones.stages(model, spec)
    else:
        spec, model, stage_list = _random(name)
    infos = transfer.group_infos(stage_list, 3)
    names = transfer.trainable_names(infos, "last_block")
    net = TransferNetwork(stage_list, names, num_classes=3, seed=5)
    with torch.no_grad():
        for p in net.parameters():
            p.add_(torch.randn_like(p) * 0.01)  # as if trained
    tensors = trained_state_dict(net, spec)
    assert set(tensors) <= set(model.state_dict()) | {
        k for k in tensors if k.startswith(spec.stage_decls[-1].paths[-1])
    }
    # rebuild: a fresh model, its last Linear replaced, the exported tensors loaded on top
    fresh = backbones.build_model(name, pretrained=False).eval()
    fresh.load_state_dict(model.state_dict())
    path, linear = backbones.head_linear(fresh, spec)
    parent, _, attr = path.rpartition(".")
    setattr(
        fresh.get_submodule(parent) if parent else fresh, attr, nn.Linear(linear.in_features, 3)
    )
    missing, unexpected = fresh.load_state_dict(tensors, strict=False)
    assert not unexpected and not set(missing) & set(tensors)
    x = torch.randn(2, 3, 64, 64)
    with torch.no_grad():
        torch.testing.assert_close(
            fresh(x), net(backbones.run_stages(stage_list, x, 0, net.boundary))
        )
