"""Sanity checks for explanations (Adebayo et al., 2018): does the map depend on the model?

Cascading randomisation re-initialises the network's layer groups one at a time, from the
head down to the stem, on a deep copy (the shared model is never touched), and recomputes
the explanation and the top-5 after each step. An explanation of the model must change as
its weights are destroyed; one that survives explains the image, not the model. The input's
edge map is the deliberately broken control: it never looks at the weights, so it passes
every step unchanged and the check flags it.

Similarity to the original map: Spearman's rank correlation and SSIM
(``core.common.similarity``).
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from core.common import backbones
from core.common.backbones import Prediction
from core.common.device import module_device
from core.common.similarity import spearman, ssim
from core.feature_maps.gradcam import CAM_METHODS, grad_cam
from core.feature_maps.hooks import eval_mode
from core.feature_maps.network import Network

EDGES = "edges"  # the broken "explanation": the input's Sobel edge magnitude
SANITY_METHODS = (*CAM_METHODS, EDGES)
STILL_ALIKE = 0.7  # mean rank correlation from which a map survived randomisation
RESET_SEED = 0


@dataclass(frozen=True)
class CascadeStep:
    randomised: tuple[str, ...]  # layer groups re-initialised so far, head first
    heatmap: np.ndarray  # S×S in [0, 1]
    top5: tuple[Prediction, ...]
    spearman: float  # rank correlation with the original map (nan: a map is constant)
    ssim: float


@dataclass(frozen=True)
class Cascade:
    method: str
    layer: str
    target: int  # the class every step explains (the original's)
    steps: tuple[CascadeStep, ...]  # steps[0]: the trained model

    @property
    def mean_rank_correlation(self) -> float:
        """Mean rank correlation with the original over the randomised steps; a map that
        vanished (constant, so no rank correlation) counts as 0: nothing of it is left."""
        values = [0.0 if np.isnan(s.spearman) else s.spearman for s in self.steps[1:]]
        return float(np.mean(values))

    @property
    def depends_on_weights(self) -> bool:
        """Passes the check: on average the randomised maps no longer rank places alike."""
        return self.mean_rank_correlation < STILL_ALIKE


def cascade_order(network: Network) -> list[int]:
    """Indices of the layer groups that have weights, head first (the cascade's order)."""
    with_weights = [i for i, s in enumerate(network.stages) if s.num_params > 0]
    return with_weights[::-1]


def deep_copy(network: Network) -> Network:
    """A copy whose weights can change; the original's modules are never touched."""
    model, stage_list = copy.deepcopy((network.model, network.stages))
    return dataclasses.replace(network, model=model, stages=stage_list, _paths={})


@torch.no_grad()
def reinitialise(network: Network, index: int, seed: int = RESET_SEED) -> None:
    """Draw fresh initial weights for layer group ``index`` (each layer's own initialiser;
    BatchNorm back to γ = 1, β = 0 and fresh running statistics). In place: use a copy.
    Drawn on the CPU, so a GPU host shows the same random weights as any other."""
    group = network.stages[index].module
    where = module_device(group)
    group.cpu()
    with backbones.seeded_global_rng(seed + index):
        for module in group.modules():
            if hasattr(module, "reset_parameters"):
                module.reset_parameters()
    group.to(where)


def randomised(network: Network, names: tuple[str, ...], seed: int = RESET_SEED) -> Network:
    """A copy of ``network`` with the named layer groups re-initialised."""
    copied = deep_copy(network)
    for i, stage in enumerate(copied.stages):
        if stage.name in names:
            reinitialise(copied, i, seed)
    return copied


def edge_map(x: torch.Tensor) -> np.ndarray:
    """Sobel gradient magnitude of the input's grey level, divided by its maximum.

    Edge pixels are repeated outward (scipy's ``reflect`` for a 3×3 kernel)."""
    grey = x[0].to(torch.float64).mean(dim=0)[None, None]
    padded = F.pad(grey, (1, 1, 1, 1), mode="replicate")
    kernel = torch.tensor([[1.0, 2.0, 1.0], [0.0, 0.0, 0.0], [-1.0, -2.0, -1.0]], dtype=grey.dtype)
    gy = F.conv2d(padded, kernel[None, None])
    gx = F.conv2d(padded, kernel.T.contiguous()[None, None])
    magnitude = torch.sqrt(gx**2 + gy**2)[0, 0]
    peak = float(magnitude.max())
    return (magnitude / peak if peak > 0 else magnitude).numpy().astype(np.float32)


def _top5(network: Network, probs: np.ndarray | None, x: torch.Tensor) -> tuple[Prediction, ...]:
    """The five most probable classes; ``probs`` from the explanation's own pass if it made one."""
    if probs is None:
        with torch.inference_mode(), eval_mode(network.stages):
            probs = backbones.run_stages(list(network.stages), x).softmax(1)[0].numpy()
    top = np.argsort(-probs, kind="stable")[:5]
    names = network.class_names
    return tuple(Prediction(int(i), names[int(i)], float(probs[i])) for i in top)


def _explain(network: Network, method: str, layer: str, x: torch.Tensor, target: int):
    """(heatmap, top-5) of one step."""
    if method == EDGES:
        return edge_map(x), _top5(network, None, x)
    cam = grad_cam(network, layer, x, target, method=method)
    return cam.heatmap, _top5(network, cam.probabilities, x)


def cascade(
    network: Network,
    layer: str,
    x: torch.Tensor,
    method: str,
    target: int | None = None,
    seed: int = RESET_SEED,
) -> Cascade:
    """The explanation and top-5 of the trained model, then after re-initialising each
    layer group in turn, head first, cumulatively (on one deep copy)."""
    if method not in SANITY_METHODS:
        raise ValueError(method)
    if target is None:
        target = grad_cam(network, layer, x).target
    original, top5 = _explain(network, method, layer, x, target)
    same = (spearman(original, original), ssim(original, original))
    steps = [CascadeStep((), original, top5, *same)]
    copied = deep_copy(network)
    done: list[str] = []
    for index in cascade_order(copied):
        reinitialise(copied, index, seed)
        done.append(copied.stages[index].name)
        heatmap, top5 = _explain(copied, method, layer, x, target)
        steps.append(
            CascadeStep(
                tuple(done),
                heatmap,
                top5,
                spearman(original, heatmap),
                ssim(original, heatmap),
            )
        )
    return Cascade(method, layer, int(target), tuple(steps))
