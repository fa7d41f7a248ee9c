"""Explainable CNN: what each layer sees (feature maps) and why the model decided (Grad-CAM).

A ``Network`` is a model seen as the registry's ordered layer groups (``core.common.backbones.stages``)
plus its preprocessing and class names, so a registry backbone (ImageNet or random weights)
and a model fine-tuned in the transfer lab are explained the same way.

Feature maps are read with forward hooks, the book's technique (``register_forward_hook``).
The models are shared by every visitor of the app, so every hook here

- only acts in the thread that registered it (another session running the same model at the
  same moment is neither observed nor changed),
- is removed in a ``finally`` block, even when the forward pass fails,
- never touches parameters or their ``requires_grad`` flags.

Grad-CAM (Selvaraju et al., 2017) at a layer with activation A (channels k) for class c:
``α_k = mean_{i,j} ∂y_c/∂A_k[i,j]`` and ``CAM = ReLU(Σ_k α_k A_k)`` at the layer's resolution,
where y_c is the class score before softmax. The page shows it bilinearly upsampled
(``align_corners=False``) to the model's input and divided by its maximum. This equals
captum's ``LayerGradCam(...).attribute(x, c, relu_attributions=True)`` followed by
``LayerAttribution.interpolate(..., "bilinear")`` (tested). The gradient with respect to A is
obtained although every parameter is frozen: the hook hands the rest of the network a copy
of A that starts a fresh autograd graph (``A.detach().requires_grad_()``), and
``torch.autograd.grad`` differentiates the class score with respect to it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torchvision.transforms.v2.functional import to_pil_image

from core.common import backbones
from core.common.backbones import BackboneSpec, Prediction, Stage
from core.common.errors import UserFacingError
from core.common.params import ChoiceParam, IntParam

# ---------------------------------------------------------------- widget parameters

WEIGHTS_IMAGENET, WEIGHTS_RANDOM, WEIGHTS_FINETUNED, WEIGHTS_COMPARE = (
    "imagenet",
    "random",
    "finetuned",
    "compare",
)
BACKBONE_WEIGHTS = (WEIGHTS_IMAGENET, WEIGHTS_RANDOM, WEIGHTS_COMPARE)
FINETUNED_WEIGHTS = (WEIGHTS_FINETUNED, WEIGHTS_IMAGENET, WEIGHTS_COMPARE)
ORDERS = ("top", "first", "chosen")  # most active channels, the first k, channel numbers
SCALES = ("map", "layer")  # colour scale per map, or one scale for the whole layer
MAX_MAPS = 64
FINETUNED_PREFIX = "ft:"
PREDICTED = -1  # fm_cam_class value: explain the class the model predicts

PARAM_WEIGHTS = ChoiceParam(
    WEIGHTS_IMAGENET, (WEIGHTS_IMAGENET, WEIGHTS_RANDOM, WEIGHTS_FINETUNED, WEIGHTS_COMPARE)
)
PARAM_ORDER = ChoiceParam("top", ORDERS)
PARAM_SCALE = ChoiceParam("map", SCALES)
PARAM_CAM_CLASS = IntParam(PREDICTED, PREDICTED, 9999)


def param_topk(projector: bool) -> IntParam:
    """How many maps: projector mode defaults to fewer, larger maps."""
    return IntParam(8 if projector else 16, 1, MAX_MAPS)


def param_model(finetuned_labels: tuple[str, ...] = ()) -> ChoiceParam:
    """Registry backbones, then this session's fine-tuned models as ``ft:<label>``."""
    options = tuple(backbones.REGISTRY) + tuple(FINETUNED_PREFIX + x for x in finetuned_labels)
    return ChoiceParam(backbones.DEFAULT_BACKBONE, options)


def param_layer(layers: list[Layer], default: str) -> ChoiceParam:
    return ChoiceParam(default, tuple(layer.path for layer in layers))


@dataclass(frozen=True)
class ChannelListParam:
    """Channel numbers typed by the user, e.g. ``3, 17, 40-43`` (kept as the typed text)."""

    default: str = ""

    def parse(self, text: str) -> str:
        parse_channel_list(text)  # raises ValueError on syntax errors
        return text.strip()

    def format(self, value: str) -> str:
        return str(value)


PARAM_CHANNELS = ChannelListParam()
_TOKEN = re.compile(r"^(\d{1,5})(?:-(\d{1,5}))?$")


def parse_channel_list(text: str) -> tuple[int, ...]:
    """``"3, 17, 40-43"`` -> (3, 17, 40, 41, 42, 43); ValueError naming the bad part."""
    if len(text) > 400:
        raise ValueError(text[:20] + "…")
    channels: list[int] = []
    for token in re.split(r"[,;\s]+", re.sub(r"\s*-\s*", "-", text.strip())):
        if not token:
            continue
        match = _TOKEN.match(token)
        if not match:
            raise ValueError(token)
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else first
        if last < first or last - first >= MAX_MAPS:
            raise ValueError(token)
        channels.extend(c for c in range(first, last + 1) if c not in channels)
        if len(channels) > MAX_MAPS:
            raise ValueError(token)
    return tuple(channels)


def chosen_channels(text: str, n_channels: int) -> tuple[int, ...]:
    """The typed channel numbers, checked against this layer; UserFacingError otherwise."""
    try:
        channels = parse_channel_list(text)
    except ValueError as err:
        raise UserFacingError("feature_maps.channels_bad", part=str(err), limit=MAX_MAPS) from None
    if not channels:
        raise UserFacingError("feature_maps.channels_empty")
    too_big = [c for c in channels if c >= n_channels]
    if too_big:
        raise UserFacingError(
            "feature_maps.channels_range", channel=too_big[0], count=n_channels, last=n_channels - 1
        )
    return channels


# ---------------------------------------------------------------- networks


@dataclass(frozen=True, eq=False)
class Network:
    """A model as ordered layer groups, with how its input is made and what its outputs mean."""

    spec: BackboneSpec  # the registry entry it comes from (preprocessing, group declarations)
    stages: tuple[Stage, ...]
    class_names: tuple[str, ...]
    resolution: int
    weights: str  # WEIGHTS_IMAGENET, WEIGHTS_RANDOM or WEIGHTS_FINETUNED
    label: str
    model: nn.Module | None = None  # the full registry model (for backbones.classify)
    _paths: dict = field(default_factory=dict, repr=False)

    @property
    def imagenet(self) -> bool:
        return self.weights != WEIGHTS_FINETUNED

    @functools.cached_property
    def fingerprint(self) -> str:
        """``weights_fingerprint``, once per object (a page asks for it at every cache lookup)."""
        return weights_fingerprint(self)

    def modules(self) -> dict[str, tuple[int, nn.Module]]:
        """Module path in the full model -> (index of its layer group, module)."""
        if not self._paths:
            self._paths.update(_module_paths(self.stages, self.spec))
        return self._paths

    def module(self, path: str) -> tuple[int, nn.Module]:
        try:
            return self.modules()[path]
        except KeyError:
            raise UserFacingError("feature_maps.unknown_layer", layer=path) from None


def backbone_network(model: nn.Module, spec: BackboneSpec, pretrained: bool) -> Network:
    return Network(
        spec=spec,
        stages=tuple(backbones.stages(model, spec)),
        class_names=backbones.imagenet_categories(),
        resolution=spec.preprocess.input_size,
        weights=WEIGHTS_IMAGENET if pretrained else WEIGHTS_RANDOM,
        label=spec.label,
        model=model,
    )


def finetuned_network(ft) -> Network:
    """A ``core.common.handover.FineTunedModel`` from the transfer lab."""
    return Network(
        spec=backbones.get_spec(ft.backbone),
        stages=tuple(ft.stages),
        class_names=tuple(ft.class_names),
        resolution=int(ft.resolution),
        weights=WEIGHTS_FINETUNED,
        label=ft.label or ft.backbone,
    )


def _stage_children(stage: Stage, decl) -> list[tuple[str, nn.Module]]:
    """(full-model path, module) of a group's top-level modules, glue excluded."""
    if decl is None or decl.name != stage.name:
        return [(stage.name, stage.module)]
    if len(decl.paths) == 1:
        return [(decl.paths[0], stage.module)]
    children = list(stage.module.children())
    if len(children) != len(decl.paths):
        return [(stage.name, stage.module)]
    return [(p, m) for p, m in zip(decl.paths, children) if not p.startswith("<")]


def _module_paths(stage_list, spec: BackboneSpec) -> dict[str, tuple[int, nn.Module]]:
    decls = spec.stage_decls
    paths: dict[str, tuple[int, nn.Module]] = {}
    for index, stage in enumerate(stage_list):
        decl = decls[index] if index < len(decls) else None
        for prefix, top in _stage_children(stage, decl):
            for name, module in top.named_modules():
                paths.setdefault(f"{prefix}.{name}" if name else prefix, (index, module))
    return paths


def weights_fingerprint(network: Network) -> str:
    """A short digest of the weights (strided samples of every parameter and buffer).

    Cache keys use it: a random-weight model rebuilt after a cache eviction, or a fine-tuned
    model from another run, never reuses maps computed for other weights.
    """
    digest = hashlib.blake2b(digest_size=12)
    digest.update(f"{network.spec.name}|{network.resolution}|{network.weights}".encode())
    for stage in network.stages:
        digest.update(stage.name.encode())
        for tensor in (*stage.module.parameters(), *stage.module.buffers()):
            flat = tensor.detach().reshape(-1)
            sample = flat[:: max(1, flat.numel() // 2048)]
            digest.update(str(tuple(tensor.shape)).encode())
            digest.update(sample.to(torch.float64).numpy().tobytes())
    return digest.hexdigest()


def model_input(network: Network, image) -> torch.Tensor:
    """The image as this network's 1×3×S×S input (resize, centre crop, normalise)."""
    return backbones.eval_transform(network.spec, network.resolution)(image)[None]


def model_view(network: Network, image):
    """The centre crop the network sees, as a PIL image (for overlays)."""
    return to_pil_image(backbones.eval_pixels(image, network.spec, network.resolution))


# ---------------------------------------------------------------- hooks


@contextlib.contextmanager
def _eval_mode(stage_list) -> Iterator[None]:
    """Run in eval mode; a module left in training mode is switched back afterwards."""
    training = [m for s in stage_list for m in s.module.modules() if m.training]
    for m in training:
        m.training = False
    try:
        yield
    finally:
        for m in training:
            m.training = True


@contextlib.contextmanager
def capture_outputs(modules: Mapping[str, nn.Module]) -> Iterator[dict[str, list[torch.Tensor]]]:
    """Record (copies of) each module's outputs during forward passes run by this thread.

    Copies, because an in-place activation that follows a layer (VGG's and ResNet's
    ``ReLU(inplace=True)``) would otherwise overwrite the recorded output. The hooks are
    removed on exit, also after an exception.
    """
    owner = threading.get_ident()
    captured: dict[str, list[torch.Tensor]] = {name: [] for name in modules}
    handles = []

    def make_hook(name: str):
        def hook(module, inputs, output):
            if threading.get_ident() == owner:
                captured[name].append(
                    output.detach().clone() if torch.is_tensor(output) else output
                )

        return hook

    try:
        for name, module in modules.items():
            handles.append(module.register_forward_hook(make_hook(name)))
        yield captured
    finally:
        for handle in handles:
            handle.remove()


@contextlib.contextmanager
def _call_order(modules: Mapping[str, nn.Module]) -> Iterator[list[tuple[str, str]]]:
    """("start"|"end", name) events in the order modules start and finish running."""
    owner = threading.get_ident()
    events: list[tuple[str, str]] = []
    handles = []

    def record(event: str, name: str) -> None:
        if threading.get_ident() == owner:
            events.append((event, name))

    try:
        for name, module in modules.items():
            handles.append(
                module.register_forward_pre_hook(lambda m, args, name=name: record("start", name))
            )
            handles.append(
                module.register_forward_hook(lambda m, args, out, name=name: record("end", name))
            )
        yield events
    finally:
        for handle in handles:
            handle.remove()


# ---------------------------------------------------------------- layers

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
    unit), ``block_relu`` (residual block: ReLU after adding the shortcut), ``block_linear``
    (inverted-residual block: linear bottleneck, plus the shortcut), ``pooled`` (max-pooling
    after an activation), ``concat`` (Inception: branches that each end in ReLU).
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
    children = _stage_children(stage, decl)
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


@torch.inference_mode()
def list_layers(network: Network) -> list[Layer]:
    """Every layer group with spatial output, down to its individual conv layers.

    Per group: its output, the blocks inside it, every Conv2d and every activation output;
    each with its output shape, found by one forward pass of a blank image (hooks removed
    after). Outputs that are not 2-D maps (pooling, classifier) or are 1×1 (squeeze-and-
    excitation) are left out, as are modules called more than once per pass (ResNet reuses
    one ReLU module per block: its block output is listed instead).
    """
    decls = network.spec.stage_decls
    candidates = {}
    for index, stage in enumerate(network.stages):
        if stage.kind in ("pool", "head"):  # VGG's adaptive pool keeps 7×7, but is no layer
            continue
        decl = decls[index] if index < len(decls) else None
        for path, module, kind, is_output, depth in _group_candidates(index, stage, decl):
            candidates.setdefault(path, (index, module, kind, is_output, depth))

    modules = {path: c[1] for path, c in candidates.items()}
    x = torch.zeros(1, 3, network.resolution, network.resolution)
    with (
        _eval_mode(network.stages),
        _call_order(modules) as order,
        capture_outputs(modules) as outputs,
    ):
        backbones.run_stages(list(network.stages), x)

    # data-flow order: a block where it starts, a conv or activation when its output exists
    when = {}
    for i, (event, name) in enumerate(order):
        wanted = "start" if candidates[name][2] == "block" else "end"
        if event == wanted:
            when.setdefault(name, i)
    layers = []
    for path in sorted(
        candidates, key=lambda p: (candidates[p][0], not candidates[p][3], when.get(p, 1 << 30))
    ):
        index, module, kind, is_output, depth = candidates[path]
        outs = outputs[path]
        if len(outs) != 1 or not torch.is_tensor(outs[0]) or outs[0].dim() != 4:
            continue
        _, c, h, w = outs[0].shape
        if h * w <= 1:
            continue
        # a group's output: described by the whole group (e.g. ReLU then max-pooling)
        act, where = output_activation(network.stages[index].module if is_output else module)
        conv = module if isinstance(module, nn.Conv2d) else None
        layers.append(
            Layer(
                path=path,
                stage_index=index,
                stage=network.stages[index].name,
                kind=kind,
                group_output=is_output,
                depth=depth,
                module_type=type(module).__name__,
                shape=(int(c), int(h), int(w)),
                activation=act,
                where=where,
                kernel=tuple(conv.kernel_size) if conv is not None else None,
                stride=tuple(conv.stride) if conv is not None else None,
                groups=int(conv.groups) if conv is not None else 1,
                in_channels=int(conv.in_channels) if conv is not None else None,
            )
        )
    return layers


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


# ---------------------------------------------------------------- feature maps


def feature_maps(network: Network, layer: Layer | str, x: torch.Tensor) -> torch.Tensor:
    """The layer's output for input x (1×3×S×S) as a C×H×W tensor.

    Runs only the layer groups up to the one that contains the layer, with a forward hook on
    the layer's module that is removed before this returns.
    """
    path = layer if isinstance(layer, str) else layer.path
    index, module = network.module(path)
    with (
        torch.inference_mode(),
        _eval_mode(network.stages),
        capture_outputs({path: module}) as outputs,
    ):
        backbones.run_stages(list(network.stages), x, stop=index + 1)
    if len(outputs[path]) != 1:
        raise UserFacingError("feature_maps.unknown_layer", layer=path)
    return outputs[path][0][0]


def select_channels(
    maps: torch.Tensor | np.ndarray, order: str, k: int, chosen: tuple[int, ...] = ()
) -> list[int]:
    """Which channels to show: ``top`` k by mean activation, the ``first`` k, or ``chosen``."""
    n = int(maps.shape[0])
    k = max(1, min(int(k), n, MAX_MAPS))
    if order == "first":
        return list(range(k))
    if order == "chosen":
        return [c for c in chosen if 0 <= c < n][:MAX_MAPS]
    means = np.asarray(maps, dtype=np.float64).reshape(n, -1).mean(axis=1)
    return [int(c) for c in np.argsort(-means, kind="stable")[:k]]


@dataclass(frozen=True)
class MapStats:
    mean: float
    max: float
    min: float
    zero_share: float  # exactly 0
    negative_share: float  # below 0
    ceiling_share: float  # exactly 6 (ReLU6's upper clip)
    height: int
    width: int


def map_statistics(fmap) -> MapStats:
    a = np.asarray(fmap, dtype=np.float64)
    return MapStats(
        mean=float(a.mean()),
        max=float(a.max()),
        min=float(a.min()),
        zero_share=float((a == 0).mean()),
        negative_share=float((a < 0).mean()),
        ceiling_share=float((a == 6).mean()),
        height=a.shape[-2],
        width=a.shape[-1],
    )


def normalise_maps(maps: np.ndarray, scale: str) -> np.ndarray:
    """Values -> [0, 1] for colouring: each map by its own min..max, or by the layer's."""
    a = np.asarray(maps, dtype=np.float32)
    if scale == "layer":
        lo, hi = float(a.min()), float(a.max())
        return np.clip((a - lo) / (hi - lo), 0, 1) if hi > lo else np.zeros_like(a)
    lo = a.reshape(a.shape[0], -1).min(axis=1)[:, None, None]
    hi = a.reshape(a.shape[0], -1).max(axis=1)[:, None, None]
    span = np.where(hi > lo, hi - lo, 1.0)
    return np.clip((a - lo) / span, 0, 1) * (hi > lo)


def first_conv(network: Network) -> tuple[str, nn.Conv2d]:
    """The first convolution that sees the RGB image, and its path."""
    for path, (_, module) in network.modules().items():
        if isinstance(module, nn.Conv2d) and module.in_channels == 3:
            return path, module
    raise UserFacingError("feature_maps.no_rgb_conv")


def filter_images(weight: torch.Tensor) -> np.ndarray:
    """out×3×kh×kw filters -> out×kh×kw×3 in [0, 1]: grey is 0, each filter scaled by its max |w|."""
    w = weight.detach().to(torch.float64)
    peak = w.abs().amax(dim=(1, 2, 3), keepdim=True).clamp_min(1e-12)
    return (0.5 + 0.5 * w / peak).permute(0, 2, 3, 1).numpy()


def stages_unchanged(a: Network, b: Network, through: int) -> bool:
    """True when groups 0..through have identical weights in both networks (frozen groups)."""
    for sa, sb in zip(a.stages[: through + 1], b.stages[: through + 1]):
        if sa.module is sb.module:
            continue
        ta = dict(sa.module.state_dict())
        tb = dict(sb.module.state_dict())
        if ta.keys() != tb.keys() or any(not torch.equal(ta[k], tb[k]) for k in ta):
            return False
    return True


# ---------------------------------------------------------------- predictions


def predict(network: Network, image, k: int = 5) -> list[Prediction]:
    """Top-k classes with names: ImageNet through ``backbones.classify``, else the run's classes."""
    if network.model is not None and network.imagenet:
        return backbones.classify(network.model, network.spec, image, k=k)
    x = model_input(network, image)
    with torch.inference_mode(), _eval_mode(network.stages):
        probs = backbones.run_stages(list(network.stages), x).softmax(1)[0]
    values, indices = probs.topk(min(k, probs.numel()))
    return [
        Prediction(int(i), network.class_names[int(i)], float(v)) for v, i in zip(values, indices)
    ]


# ---------------------------------------------------------------- Grad-CAM


@dataclass(frozen=True)
class GradCam:
    target: int
    target_label: str
    probability: float  # softmax probability of the target class
    predicted: int  # the model's top-1 class
    cam: np.ndarray  # h×w: ReLU(Σ_k α_k A_k) at the layer's resolution
    heatmap: np.ndarray  # S×S: cam bilinearly upsampled to the input, divided by its max
    weights: np.ndarray  # α_k, one per channel
    score: float  # y_c, the class score (logit) that was differentiated


def grad_cam(
    network: Network, layer: Layer | str, x: torch.Tensor, target: int | None = None
) -> GradCam:
    """Grad-CAM for class ``target`` (None: the predicted class) at ``layer``.

    Parameters stay frozen and untouched; the one forward hook is removed before returning.
    """
    path = layer if isinstance(layer, str) else layer.path
    _, module = network.module(path)
    n_classes = len(network.class_names)
    if target is not None and not 0 <= target < n_classes:
        raise UserFacingError("feature_maps.cam_class_range", target=target, last=n_classes - 1)
    owner = threading.get_ident()
    store: dict[str, torch.Tensor] = {}

    def hook(mod, inputs, output):
        if threading.get_ident() != owner or "a" in store:
            return None
        leaf = output.detach().requires_grad_(True)
        store["a"] = leaf
        return leaf.clone()  # downstream in-place ops act on the copy, never on the leaf

    handle = module.register_forward_hook(hook)
    try:
        with torch.inference_mode(False), torch.enable_grad(), _eval_mode(network.stages):
            logits = backbones.run_stages(list(network.stages), x.clone())
    finally:
        handle.remove()
    if "a" not in store:
        raise UserFacingError("feature_maps.unknown_layer", layer=path)
    activation = store["a"]
    predicted = int(logits[0].argmax())
    c = predicted if target is None else int(target)
    score = logits[0, c]
    (grad,) = torch.autograd.grad(score, activation)
    with torch.no_grad():
        alpha = grad.mean(dim=(2, 3), keepdim=True)
        cam = F.relu((alpha * activation).sum(dim=1, keepdim=True))
        up = F.interpolate(cam, size=x.shape[-2:], mode="bilinear", align_corners=False)[0, 0]
        peak = float(up.max())
        heatmap = (up / peak) if peak > 0 else torch.zeros_like(up)
        prob = float(logits[0].softmax(0)[c])
    return GradCam(
        target=c,
        target_label=network.class_names[c],
        probability=prob,
        predicted=predicted,
        cam=cam[0, 0].numpy().astype(np.float32),
        heatmap=heatmap.numpy().astype(np.float32),
        weights=alpha.reshape(-1).numpy().astype(np.float32),
        score=float(score.detach()),
    )


# ---------------------------------------------------------------- words for the page


def shape_text(shape) -> str:
    return "×".join(str(int(s)) for s in shape)


def layer_label(layer: Layer, lang: str) -> str:
    """One line of the layer picker: marker, module path, what it is, output shape."""
    from core.common import i18n

    marker = "■ " if layer.group_output else ("▸ " if layer.kind == "block" else "↳ ")
    indent = "\u2003" * (0 if layer.group_output else layer.depth)
    what = layer.module_type
    if layer.kernel is not None:
        what += f" {layer.kernel[0]}×{layer.kernel[1]}"
        if layer.depthwise:
            what += ", " + i18n.t("feature_maps.label.depthwise", lang)
        if layer.stride and max(layer.stride) > 1:
            what += ", " + i18n.t("feature_maps.label.stride", lang, stride=layer.stride[0])
    elif layer.activation not in ("linear", "unknown"):
        what += f" ({ACTIVATION_NAMES.get(layer.activation, layer.activation)})"
    return f"{indent}{marker}{layer.path} · {what} → {shape_text(layer.shape)}"


def group_label(layer: Layer) -> str:
    return f"{layer.stage} → {shape_text(layer.shape)}"


ACTIVATION_NAMES = {
    "relu": "ReLU",
    "relu6": "ReLU6",
    "hardswish": "Hardswish",
    "silu": "SiLU",
    "gelu": "GELU",
    "sigmoid": "Sigmoid",
    "hardsigmoid": "Hardsigmoid",
    "tanh": "Tanh",
}


def activation_sentence(layer: Layer, stats: MapStats, lang: str) -> str:
    """What the share of zeros means for this layer: after ReLU/ReLU6, linear, or Hardswish."""
    from core.common import i18n

    where = i18n.t(f"feature_maps.where.{layer.where}", lang)
    zero, negative = f"{stats.zero_share:.1%}", f"{stats.negative_share:.1%}"
    if layer.activation in ZERO_MAKING:
        text = i18n.t(
            "feature_maps.act.zero",
            lang,
            act=ACTIVATION_NAMES[layer.activation],
            where=where,
            zero=zero,
        )
        if layer.activation == "relu6":
            text += " " + i18n.t(
                "feature_maps.act.relu6_ceiling", lang, ceiling=f"{stats.ceiling_share:.1%}"
            )
        return text
    if layer.activation == "linear":
        return i18n.t("feature_maps.act.linear", lang, where=where, negative=negative, zero=zero)
    if layer.activation == "hardswish":
        return i18n.t("feature_maps.act.hardswish", lang, where=where, zero=zero, negative=negative)
    return i18n.t(
        "feature_maps.act.other",
        lang,
        act=ACTIVATION_NAMES.get(layer.activation, layer.activation),
        where=where,
        zero=zero,
        negative=negative,
    )
