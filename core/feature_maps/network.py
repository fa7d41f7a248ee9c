"""A model as the lab sees it: ordered layer groups, its input, its predictions, its filters.

A ``Network`` is a model seen as the registry's ordered layer groups
(``core.common.backbones.stages``) plus its preprocessing and class names, so a registry
backbone (ImageNet or random weights) and a model fine-tuned in the transfer lab are
explained the same way.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn
from torchvision.transforms.v2.functional import to_pil_image

from core.common import backbones
from core.common.backbones import BackboneSpec, Prediction, Stage
from core.common.errors import UserFacingError
from core.feature_maps.hooks import eval_mode

WEIGHTS_IMAGENET, WEIGHTS_RANDOM, WEIGHTS_FINETUNED = "imagenet", "random", "finetuned"


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


def stage_children(stage: Stage, decl) -> list[tuple[str, nn.Module]]:
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
        for prefix, top in stage_children(stage, decl):
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
            digest.update(sample.to(torch.float64).cpu().numpy().tobytes())
    return digest.hexdigest()


def model_input(network: Network, image) -> torch.Tensor:
    """The image as this network's 1×3×S×S input (resize, centre crop, normalise)."""
    return backbones.eval_transform(network.spec, network.resolution)(image)[None]


def model_view(network: Network, image):
    """The centre crop the network sees, as a PIL image (for overlays)."""
    return to_pil_image(backbones.eval_pixels(image, network.spec, network.resolution))


def first_conv(network: Network) -> tuple[str, nn.Conv2d]:
    """The first convolution that sees the RGB image, and its path."""
    for path, (_, module) in network.modules().items():
        if isinstance(module, nn.Conv2d) and module.in_channels == 3:
            return path, module
    raise UserFacingError("feature_maps.no_rgb_conv")


def filter_images(weight: torch.Tensor) -> np.ndarray:
    """out×3×kh×kw filters -> out×kh×kw×3 in [0, 1]: grey is 0, each filter scaled by its
    max |w|."""
    w = weight.detach().to(torch.float64)
    peak = w.abs().amax(dim=(1, 2, 3), keepdim=True).clamp_min(1e-12)
    return (0.5 + 0.5 * w / peak).permute(0, 2, 3, 1).cpu().numpy()


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
    """Top-k classes with names at the network's input size: ImageNet through
    ``backbones.classify``, else the run's classes."""
    if network.model is not None and network.imagenet:
        return backbones.classify(network.model, network.spec, image, k, network.resolution)
    x = model_input(network, image)
    with torch.inference_mode(), eval_mode(network.stages):
        probs = backbones.run_stages(list(network.stages), x).softmax(1)[0]
    values, indices = probs.topk(min(k, probs.numel()))
    return [
        Prediction(int(i), network.class_names[int(i)], float(v)) for v, i in zip(values, indices)
    ]
