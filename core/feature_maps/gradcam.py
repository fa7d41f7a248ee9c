"""Grad-CAM (Selvaraju et al., 2017): which places of the image raised a class's score.

At a layer with activation A (channels k) for class c:
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

import threading
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from core.common import backbones
from core.common.errors import UserFacingError
from core.feature_maps.hooks import eval_mode
from core.feature_maps.layers import Layer
from core.feature_maps.network import Network


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

    @property
    def empty(self) -> bool:
        """No place raised the class's score: ReLU left nothing of the weighted sum."""
        return not bool(np.any(self.cam > 0))


def compared_target(
    first_classes: tuple[str, ...], classes: tuple[str, ...], first_target: int | None
) -> int | None:
    """The class a second model explains beside the first: the first's class when both
    models have the same classes (so the two maps answer one question), else its own
    prediction (None)."""
    return first_target if classes == first_classes else None


def grad_cam(
    network: Network, layer: Layer | str, x: torch.Tensor, target: int | None = None
) -> GradCam:
    """Grad-CAM for class ``target`` (None: the predicted class) at ``layer``.

    Parameters stay frozen and untouched; the one forward hook is removed before returning.
    """
    path = layer if isinstance(layer, str) else layer.path
    n_classes = len(network.class_names)
    if target is not None and not 0 <= target < n_classes:
        raise UserFacingError("feature_maps.cam_class_range", target=target, last=n_classes - 1)
    logits, activation = _forward_with_leaf(network, path, x)
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


def _forward_with_leaf(
    network: Network, path: str, x: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor]:
    """(logits, A): a forward pass in which the layer's output A is a fresh autograd leaf,
    so the score can be differentiated with respect to it while every parameter is frozen."""
    _, module = network.module(path)
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
        with torch.inference_mode(False), torch.enable_grad(), eval_mode(network.stages):
            logits = backbones.run_stages(list(network.stages), x.clone())
    finally:
        handle.remove()
    if "a" not in store:
        raise UserFacingError("feature_maps.unknown_layer", layer=path)
    return logits, store["a"]
