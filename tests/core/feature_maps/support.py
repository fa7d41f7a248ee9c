"""Helpers shared by the feature-map tests: small networks, a fine-tuned run, hook probes."""

from __future__ import annotations

import dataclasses
import gc

import torch
from torch import nn

from core.common import backbones
from core.common.backbones import BackboneSpec, Preprocess, StageDecl
from core.common.handover import FineTunedModel
from core.feature_maps.network import (
    Network,
    backbone_network,
)

LITE0 = "efficientnet_lite0"


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


def random_network(name: str, resolution: int | None = None) -> Network:
    torch.manual_seed(0)
    model = backbones.build_model(name, pretrained=False).requires_grad_(False)
    net = backbone_network(model, backbones.get_spec(name), pretrained=False)
    return dataclasses.replace(net, resolution=resolution) if resolution else net


def finetuned_lite0(lite0: Network, train_from: int | None = None) -> FineTunedModel:
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


def snapshot(network: Network):
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
