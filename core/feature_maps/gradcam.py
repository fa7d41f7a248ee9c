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

Two variants share that gradient. The counterfactual map (Selvaraju et al., section 5)
negates it: the places whose activation *lowers* the class's score, what speaks against the
class. Grad-CAM++ (Chattopadhay et al., 2018, eq. 19) weights each position's positive
gradient by ``α = g² / (2g² + Σ_ab A_k[a,b]·g³)`` instead of averaging all gradients, so a
few small strong places count as much as one large one (tested against pytorch-grad-cam).
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

GRAD_CAM, GRAD_CAM_PP = "gradcam", "gradcampp"
CAM_METHODS = (GRAD_CAM, GRAD_CAM_PP)
_PP_EPS = 1e-6  # keeps α finite where g² and g³ vanish together


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
    method: str = GRAD_CAM
    probabilities: np.ndarray | None = None  # softmax over every class, from the same pass
    counterfactual: bool = False  # the gradient was negated: what lowers the class's score

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


def channel_weights(method: str, grad: torch.Tensor, activation: torch.Tensor) -> torch.Tensor:
    """N×K×1×1 weights of the K maps: Grad-CAM's mean gradient, or Grad-CAM++'s."""
    if method == GRAD_CAM:
        return grad.mean(dim=(2, 3), keepdim=True)
    if method != GRAD_CAM_PP:
        raise ValueError(method)
    g2 = grad.pow(2)
    denominator = 2 * g2 + activation.sum(dim=(2, 3), keepdim=True) * g2 * grad + _PP_EPS
    alpha = torch.where(grad != 0, g2 / denominator, torch.zeros_like(grad))
    return (alpha * F.relu(grad)).sum(dim=(2, 3), keepdim=True)


def grad_cam(
    network: Network,
    layer: Layer | str,
    x: torch.Tensor,
    target: int | None = None,
    method: str = GRAD_CAM,
    counterfactual: bool = False,
) -> GradCam:
    """Grad-CAM (or ``method``) for class ``target`` (None: the predicted class) at ``layer``;
    ``counterfactual`` negates the gradient.

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
    (grad,) = torch.autograd.grad(-score if counterfactual else score, activation)
    with torch.no_grad():
        alpha = channel_weights(method, grad, activation)
        cam = F.relu((alpha * activation).sum(dim=1, keepdim=True))
        up = F.interpolate(cam, size=x.shape[-2:], mode="bilinear", align_corners=False)[0, 0]
        peak = float(up.max())
        heatmap = (up / peak) if peak > 0 else torch.zeros_like(up)
        probs = logits[0].softmax(0)
        prob = float(probs[c])
    cam, heatmap, alpha, probs = (t.cpu() for t in (cam, heatmap, alpha, probs))
    return GradCam(
        target=c,
        target_label=network.class_names[c],
        probability=prob,
        predicted=predicted,
        cam=cam[0, 0].numpy().astype(np.float32),
        heatmap=heatmap.numpy().astype(np.float32),
        weights=alpha.reshape(-1).numpy().astype(np.float32),
        score=float(score.detach()),
        method=method,
        probabilities=probs.numpy().astype(np.float32),
        counterfactual=counterfactual,
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


def group_cams(
    network: Network, layers: list[Layer], x: torch.Tensor, target: int | None = None
) -> list[tuple[Layer, GradCam]]:
    """Grad-CAM at each given layer (the page passes every group's output) for one class:
    the class the model predicts unless ``target`` is given, the same at every layer."""
    if not layers:
        return []
    first = grad_cam(network, layers[0], x, target)
    rest = [(layer, grad_cam(network, layer, x, first.target)) for layer in layers[1:]]
    return [(layers[0], first), *rest]
