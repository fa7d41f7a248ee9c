"""The feature-map lab's state as a notebook: the model (the bundled EfficientNet-Lite0, or a
torchvision model downloaded by the notebook), the photo, a forward hook on the chosen layer,
its maps, the top-5 classes and Grad-CAM for the chosen class (plain torch, timm, plotly)."""

from __future__ import annotations

import nbformat
from PIL import Image

from core.common import backbones
from core.common.i18n import t
from core.common.notebook import NotebookBuilder, data, image_data
from core.common.notebook_models import model_code
from core.feature_maps.maps import MAX_MAPS, ORDERS

IMPORTS = """\
import base64, io, json

import numpy as np
import plotly.express as px
import torch
import torch.nn.functional as F
import torchvision
from PIL import Image
from torchvision.transforms.v2 import functional as TF

CLASS_NAMES = torchvision.models.ResNet18_Weights.IMAGENET1K_V1.meta["categories"]  # offline
"""

INPUT = """\
image = Image.open(io.BytesIO(base64.b64decode(IMAGE_PNG))).convert("RGB")
mode = TF.InterpolationMode(INTERPOLATION)
pixels = TF.pil_to_tensor(image)
pixels = TF.resize(pixels, [RESIZE], interpolation=mode, antialias=True)  # shorter side
pixels = TF.center_crop(pixels, [RESOLUTION, RESOLUTION]).contiguous()
mean = torch.tensor(MEAN).view(3, 1, 1)
std = torch.tensor(STD).view(3, 1, 1)
x = ((pixels.to(torch.float32) / 255 - mean) / std)[None]  # 1×3×S×S
display(TF.to_pil_image(pixels))

with torch.inference_mode():
    probabilities = model(x).softmax(1)[0]
top = probabilities.topk(5)
top5 = [[int(i), float(p)] for p, i in zip(top.values, top.indices)]
for i, p in top5:
    print(f"{p:7.2%}  {i:4d} {CLASS_NAMES[i]}")
"""

MAPS = """\
captured = {}
layer = model.get_submodule(MAP_LAYER)
handle = layer.register_forward_hook(
    lambda module, inputs, output: captured.update(out=output.detach().clone())
)
try:
    with torch.inference_mode():
        model(x)
finally:
    handle.remove()  # never leave a hook behind
maps = captured["out"][0]  # C×h×w
print(MAP_LAYER, tuple(maps.shape))

n = maps.shape[0]
k = max(1, min(K, n, 64))
means = maps.double().reshape(n, -1).mean(dim=1).numpy()
if ORDER == "first":
    channels = list(range(k))
elif ORDER == "chosen":
    channels = [c for c in CHOSEN if 0 <= c < n][:64]
else:  # the k most active channels (highest mean)
    channels = [int(c) for c in np.argsort(-means, kind="stable")[:k]]
print("channels:", channels)
shown = maps[channels].numpy()
fig = px.imshow(shown, facet_col=0, facet_col_wrap=8, color_continuous_scale="gray")
fig.update_layout(height=180 * ((len(channels) + 7) // 8))
fig.show()
"""

GRAD_CAM = """\
store = {}


def keep_as_leaf(module, inputs, output):
    \"\"\"The layer's output A as a fresh leaf: the score can be differentiated by A.\"\"\"
    store["A"] = output.detach().requires_grad_(True)
    return store["A"].clone()  # later in-place operations change the copy, not A


handle = model.get_submodule(CAM_LAYER).register_forward_hook(keep_as_leaf)
try:
    with torch.enable_grad():
        logits = model(x.clone())
finally:
    handle.remove()
A = store["A"]
target = int(logits[0].argmax()) if TARGET is None else TARGET
score = logits[0, target]
(grad,) = torch.autograd.grad(score, A)
with torch.no_grad():
    alpha = grad.mean(dim=(2, 3), keepdim=True)  # α_k: the mean gradient of channel k
    cam = F.relu((alpha * A).sum(dim=1, keepdim=True))  # ReLU(Σ_k α_k A_k)
    up = F.interpolate(cam, size=x.shape[-2:], mode="bilinear", align_corners=False)[0, 0]
    heatmap = up / up.max() if float(up.max()) > 0 else torch.zeros_like(up)
    probability = float(logits[0].softmax(0)[target])
print(f"Grad-CAM for {target} {CLASS_NAMES[target]} (p = {probability:.2%}) at {CAM_LAYER}")
fig = px.imshow(np.asarray(TF.to_pil_image(pixels)))
fig.add_trace(px.imshow(heatmap.numpy(), color_continuous_scale="jet").data[0])
fig.data[1].update(opacity=0.45)
fig.show()
"""

NUMBERS = """\
{
    "top5": top5,
    "map_shape": list(maps.shape),
    "channels": channels,
    "channel_means": [float(means[c]) for c in channels],
    "cam_target": target,
    "cam_probability": probability,
    "cam_score": float(score),
    "cam": cam[0, 0].tolist(),
    "heatmap_sum": float(heatmap.sum()),
    "heatmap_argmax": int(heatmap.argmax()),
}"""


def feature_maps_notebook(
    image: Image.Image,
    model_name: str,
    pretrained: bool,
    map_layer: str,
    order: str,
    k: int,
    chosen: tuple[int, ...],
    cam_layer: str,
    cam_target: int | None,
    lang: str,
) -> nbformat.NotebookNode:
    """A notebook of a registry backbone (ImageNet or the lab's random weights) on ``image``:
    the maps of ``map_layer`` (``order``, ``k``, ``chosen`` as the lab picks them), top-5,
    and Grad-CAM at ``cam_layer`` for ``cam_target`` (None: the predicted class)."""
    spec = backbones.get_spec(model_name)
    if order not in ORDERS:
        raise ValueError(f"unknown order {order!r}")
    p = spec.preprocess
    encoded, _ = image_data(image)
    nb = NotebookBuilder(lang)
    nb.markdown(t("feature_maps.notebook.title", lang))
    nb.markdown(t("feature_maps.notebook.intro", lang))
    nb.code(IMPORTS)
    nb.markdown(t("feature_maps.notebook.model", lang, model=spec.label))
    if not spec.offline and pretrained:
        nb.markdown(t("feature_maps.notebook.internet", lang, mb=f"{spec.download_mb:.0f}"))
    nb.code(model_code(spec, pretrained))
    nb.markdown(t("feature_maps.notebook.input", lang))
    nb.code(
        f"IMAGE_PNG = {data(encoded)}\n"
        f"RESOLUTION, RESIZE = {p.input_size}, {p.resize_for(p.input_size)}\n"
        f"MEAN, STD, INTERPOLATION = {tuple(p.mean)!r}, {tuple(p.std)!r}, {p.interpolation!r}\n"
        "from IPython.display import display\n\n" + INPUT
    )
    nb.markdown(t("feature_maps.notebook.maps", lang))
    channels = [int(c) for c in chosen][:MAX_MAPS]
    nb.code(
        f"MAP_LAYER = {data(map_layer)}\n"
        f"ORDER, K, CHOSEN = {data(order)}, {int(k)}, {data(channels)}\n\n" + MAPS
    )
    nb.markdown(t("feature_maps.notebook.cam", lang))
    target = None if cam_target is None else int(cam_target)
    nb.code(f"CAM_LAYER = {data(cam_layer)}\nTARGET = {target!r}\n\n" + GRAD_CAM)
    nb.markdown(t("feature_maps.notebook.numbers", lang))
    nb.numbers(NUMBERS)
    return nb.build()
