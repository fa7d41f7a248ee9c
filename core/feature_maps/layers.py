"""The layers whose output the lab can show, found by one forward pass, and what each
layer's last non-linearity is (which decides what a zero or a negative value means)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import torch
from torch import nn

from core.common import backbones
from core.common.backbones import Stage
from core.common.errors import UserFacingError
from core.feature_maps.hooks import call_order, capture_outputs, eval_mode
from core.feature_maps.network import Network, stage_children

_ACTIVATIONS = (
    (nn.ReLU6, "relu6"),
    (nn.ReLU, "relu"),
    (nn.Hardswish, "hardswish"),
    (nn.SiLU, "silu"),
    (nn.GELU, "gelu"),
    (nn.Sigmoid, "sigmoid"),
    (nn.Hardsigmoid, "hardsigmoid"),
    (nn.Tanh, "tanh"),
)
_PASS_THROUGH = (nn.MaxPool2d, nn.Identity, nn.Dropout, nn.Dropout2d)
ZERO_MAKING = ("relu", "relu6")  # activations whose output has exact zeros (x <= 0 -> 0)


def _activation_name(module: nn.Module) -> str | None:
    for cls, name in _ACTIVATIONS:
        if isinstance(module, cls):
            return name
    return None


def output_activation(module: nn.Module) -> tuple[str, str]:
    """(activation, where): the last non-linearity applied to this module's output.

    ``activation`` is ``relu``, ``relu6``, ``hardswish``, ... or ``linear`` (no activation
    after the last convolution/BatchNorm, so negative values are possible) or ``unknown``.
    ``where`` names the structure: ``conv`` (raw convolution output), ``bn`` (BatchNorm
    output), ``bnact`` (timm's BatchNormAct2d: BatchNorm and activation in one module),
    ``act_module`` (a separate activation module), ``conv_bn_act`` (a conv + BN + activation
    unit), ``block_relu`` (residual block: ReLU after adding the shortcut), ``block_sum``
    (Xception block: a linear branch plus the shortcut, the ReLU opening the next block),
    ``block_linear`` (inverted-residual block: linear bottleneck, plus the shortcut),
    ``pooled`` (max-pooling after an activation), ``concat`` (Inception: branches that each
    end in ReLU).
    """
    name = _activation_name(module)
    if name:
        return name, "act_module"
    cls = type(module).__name__
    if cls == "BatchNormAct2d":  # timm: Lite0's ReLU6 lives inside it
        act = _activation_name(getattr(module, "act", nn.Identity()))
        return (act, "bnact") if act else ("linear", "bn")
    if isinstance(module, nn.Conv2d):
        return "linear", "conv"
    if isinstance(module, nn.BatchNorm2d):
        return "linear", "bn"
    if cls == "BasicConv2d":  # torchvision Inception: conv, BN, then F.relu in forward
        return "relu", "conv_bn_act"
    if cls in ("BasicBlock", "Bottleneck"):  # torchvision ResNet: relu(bn(conv(x)) + shortcut)
        return "relu", "block_relu"
    if cls in ("InceptionA", "InceptionB", "InceptionC", "InceptionD", "InceptionE"):
        return "relu", "concat"
    if cls in ("InvertedResidual", "DepthwiseSeparableConv"):
        norms = [m for m in module.modules() if isinstance(m, nn.BatchNorm2d)]
        if norms:
            act, _ = output_activation(norms[-1])
            if act == "linear":
                return "linear", "block_linear"
        return "unknown", "unknown"
    if cls == "SeparableConv2d":  # Xception: depthwise then pointwise convolution, nothing after
        return "linear", "conv"
    if cls == "Block" and type(module).__module__.endswith("xception"):
        return "linear", "block_sum"  # BatchNorm (+ max pool) plus the shortcut; ReLU comes next
    if isinstance(module, nn.Sequential):
        pooled = False
        for child in reversed(list(module.children())):
            if isinstance(child, _PASS_THROUGH):
                pooled = pooled or isinstance(child, nn.MaxPool2d)
                continue
            act, where = output_activation(child)
            if cls == "Conv2dNormActivation" and where == "act_module":
                where = "conv_bn_act"
            if pooled and act != "linear":
                where = "pooled"
            return act, where
    return "unknown", "unknown"


@dataclass(frozen=True)
class Layer:
    """A place in the network whose output (a stack of feature maps) the lab can show."""

    path: str  # module path in the full model, e.g. "blocks.2.0.conv_pw"
    stage_index: int
    stage: str  # name of its layer group
    kind: str  # "conv", "act", "block", "pool" or "module"
    group_output: bool  # its output is the output of the whole layer group
    depth: int  # 0 group output, 1 inside the group, 2 inside a block
    module_type: str
    shape: tuple[int, int, int]  # channels, height, width at the network's resolution
    activation: str
    where: str
    kernel: tuple[int, int] | None = None
    stride: tuple[int, int] | None = None
    groups: int = 1
    in_channels: int | None = None

    @property
    def depthwise(self) -> bool:
        return self.kind == "conv" and self.groups > 1 and self.groups == self.in_channels


def _ends_in_activation(module: nn.Module) -> bool:
    """A conv/BN unit whose output is its activation's output (listed instead of the act)."""
    cls = type(module).__name__
    if cls == "BatchNormAct2d":
        return _activation_name(getattr(module, "act", nn.Identity())) is not None
    if cls == "Conv2dNormActivation":
        return _activation_name(list(module.children())[-1]) is not None
    return cls == "BasicConv2d"  # torchvision Inception: F.relu inside forward


def _is_candidate(module: nn.Module, parent: nn.Module | None) -> str | None:
    """``conv`` or ``act`` for an inner module whose output is worth showing, else None."""
    if isinstance(module, nn.Conv2d):
        return "conv"
    if _activation_name(module):
        return None if parent is not None and _ends_in_activation(parent) else "act"
    return "act" if _ends_in_activation(module) else None


def _is_block(module: nn.Module) -> bool:
    """A composite unit of convolutions (a residual, inverted-residual or Inception block)."""
    return (
        not isinstance(module, nn.Conv2d)
        and _is_candidate(module, None) is None
        and any(isinstance(m, nn.Conv2d) for m in module.modules())
    )


def _group_candidates(index: int, stage: Stage, decl):
    """(path, module, kind, group_output, depth) of one layer group's showable modules."""
    children = stage_children(stage, decl)
    if not children:  # a group made only of glue (global pooling, flatten)
        return []
    out_path, out_module = children[-1]
    if len(children) == 1:
        blocks = (
            [c for c in out_module.children() if _is_block(c)]
            if isinstance(out_module, nn.Sequential)
            else []
        )
    else:
        blocks = [m for _, m in children if _is_block(m)]
    block_ids = {id(b) for b in blocks}
    found = []
    block_paths: list[str] = []
    for prefix, top in children:
        parents: dict[int, nn.Module] = {}
        for name, module in top.named_modules():
            for child in module.children():
                parents[id(child)] = module
            path = f"{prefix}.{name}" if name else prefix
            if module is out_module:
                kind = _is_candidate(module, parents.get(id(module))) or (
                    "block"
                    if _is_block(module)
                    else "pool"
                    if isinstance(module, nn.MaxPool2d)
                    else "module"
                )
                found.append((path, module, kind, True, 0))
                if kind == "block":
                    block_paths.append(path)
            elif id(module) in block_ids:
                block_paths.append(path)
                found.append((path, module, "block", False, 1))
            else:
                kind = _is_candidate(module, parents.get(id(module)))
                if kind:
                    inside = any(path.startswith(p + ".") for p in block_paths)
                    found.append((path, module, kind, False, 2 if inside else 1))
    return found


class _Candidate(NamedTuple):
    index: int  # its layer group
    module: nn.Module
    kind: str
    is_output: bool
    depth: int


@torch.inference_mode()
def list_layers(network: Network) -> list[Layer]:
    """Every layer group with spatial output, down to its individual conv layers.

    Per group: its output, the blocks inside it, every Conv2d and every activation output;
    each with its output shape, found by one forward pass of a blank image (hooks removed
    after). Outputs that are not 2-D maps (pooling, classifier) or are 1×1 (squeeze-and-
    excitation) are left out, as are modules called more than once per pass (ResNet reuses
    one ReLU module per block: its block output is listed instead).
    """
    candidates = _candidates(network)
    modules = {path: c.module for path, c in candidates.items()}
    x = torch.zeros(1, 3, network.resolution, network.resolution)
    with (
        eval_mode(network.stages),
        call_order(modules) as order,
        capture_outputs(modules) as outputs,
    ):
        backbones.run_stages(list(network.stages), x)
    when = _flow_order(order, candidates)
    ranked = sorted(
        candidates, key=lambda p: (candidates[p].index, not candidates[p].is_output, when[p])
    )
    layers = (_layer(network, path, candidates[path], outputs[path]) for path in ranked)
    return [layer for layer in layers if layer is not None]


def _candidates(network: Network) -> dict[str, _Candidate]:
    decls = network.spec.stage_decls
    candidates: dict[str, _Candidate] = {}
    for index, stage in enumerate(network.stages):
        if stage.kind in ("pool", "head"):  # VGG's adaptive pool keeps 7×7, but is no layer
            continue
        decl = decls[index] if index < len(decls) else None
        for path, *rest in _group_candidates(index, stage, decl):
            candidates.setdefault(path, _Candidate(index, *rest))
    return candidates


def _flow_order(order: list[tuple[str, str]], candidates: dict[str, _Candidate]) -> dict:
    """Data-flow rank: a block where it starts, a conv or activation when its output exists
    (a module that never ran goes last)."""
    when = dict.fromkeys(candidates, 1 << 30)
    for i, (event, name) in enumerate(order):
        wanted = "start" if candidates[name].kind == "block" else "end"
        if event == wanted and when[name] == 1 << 30:
            when[name] = i
    return when


def _layer(network: Network, path: str, cand: _Candidate, outs: list) -> Layer | None:
    """The listed layer, or None when its output is no stack of 2-D maps seen once."""
    if len(outs) != 1 or not torch.is_tensor(outs[0]) or outs[0].dim() != 4:
        return None
    _, c, h, w = outs[0].shape
    if h * w <= 1:
        return None
    # a group's output: described by the whole group (e.g. ReLU then max-pooling)
    described = network.stages[cand.index].module if cand.is_output else cand.module
    act, where = output_activation(described)
    conv = cand.module if isinstance(cand.module, nn.Conv2d) else None
    return Layer(
        path=path,
        stage_index=cand.index,
        stage=network.stages[cand.index].name,
        kind=cand.kind,
        group_output=cand.is_output,
        depth=cand.depth,
        module_type=type(cand.module).__name__,
        shape=(int(c), int(h), int(w)),
        activation=act,
        where=where,
        kernel=tuple(conv.kernel_size) if conv is not None else None,
        stride=tuple(conv.stride) if conv is not None else None,
        groups=int(conv.groups) if conv is not None else 1,
        in_channels=int(conv.in_channels) if conv is not None else None,
    )


def group_outputs(layers: list[Layer]) -> list[Layer]:
    return [layer for layer in layers if layer.group_output]


def default_map_layer(layers: list[Layer]) -> Layer:
    """The first group's output (the stem): maps that still look like the photo."""
    return group_outputs(layers)[0]


def default_cam_layer(layers: list[Layer]) -> Layer:
    """The last convolutional group's output: Grad-CAM's usual layer."""
    return group_outputs(layers)[-1]


def find_layer(layers: list[Layer], path: str) -> Layer:
    for layer in layers:
        if layer.path == path:
            return layer
    raise UserFacingError("feature_maps.unknown_layer", layer=path)
