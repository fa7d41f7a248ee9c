"""The augmentation lab's state as a notebook: the photo, the pipeline, the grid, the boxes,
the box statistics, in plain torchvision (``core.common.notebook`` keeps user data as data)."""

from __future__ import annotations

import math

import nbformat
from PIL import Image

from core.augmentation.distributions import HISTOGRAM_DRAWS
from core.augmentation.pipeline import AugmentPipeline
from core.common.i18n import t
from core.common.notebook import NotebookBuilder, data, image_data

IMPORTS = """\
import base64, io, json, math

import numpy as np
import plotly.graph_objects as go
import torch
from IPython.display import display
from PIL import Image, ImageDraw
from torchvision import transforms
from torchvision.transforms import InterpolationMode
from torchvision.transforms import functional as TF
"""

RECORDING_CROP = """\
class RandomResizedCropShowingBoxes(transforms.RandomResizedCrop):
    \"\"\"RandomResizedCrop.forward as in torchvision, keeping each box (top, left, h, w).\"\"\"

    boxes = []

    def forward(self, img):
        box = self.get_params(img, self.scale, self.ratio)
        self.boxes.append(tuple(box))
        return TF.resized_crop(img, *box, self.size, self.interpolation, antialias=self.antialias)
"""

GRID = """\
torch.manual_seed(SEED)
crop.boxes.clear()
samples = [augment(image) for _ in range(ROWS * COLS)]
boxes = list(crop.boxes)

h, w = samples[0].height, samples[0].width
grid = Image.new("RGB", (COLS * (w + 4), ROWS * (h + 4)), "white")
for k, sample in enumerate(samples):
    grid.paste(sample, ((k % COLS) * (w + 4), (k // COLS) * (h + 4)))
display(grid)
for k, box in enumerate(boxes, start=1):
    print(k, "(top, left, height, width) =", box)
"""

BOXES = """\
shown = image.copy()
pen = ImageDraw.Draw(shown)
line = max(2, min(image.size) // 150)
for k, (top, left, bh, bw) in enumerate(boxes, start=1):
    pen.rectangle([left, top, left + bw - 1, top + bh - 1], outline=(230, 97, 0), width=line)
    pen.text((left + 2 * line, top + line), str(k), fill=(230, 97, 0))
display(shown)
"""

DRAW_BOX = """\
def draw_box(height, width, scale, ratio):
    \"\"\"RandomResizedCrop.get_params step by step: (box, tries, central crop used?).\"\"\"
    area = height * width
    log_ratio = torch.log(torch.tensor(ratio))
    for attempt in range(1, 11):
        target_area = area * torch.empty(1).uniform_(scale[0], scale[1]).item()
        aspect_ratio = torch.exp(torch.empty(1).uniform_(log_ratio[0], log_ratio[1])).item()
        w = int(round(math.sqrt(target_area * aspect_ratio)))
        h = int(round(math.sqrt(target_area / aspect_ratio)))
        if 0 < w <= width and 0 < h <= height:
            i = torch.randint(0, height - h + 1, size=(1,)).item()
            j = torch.randint(0, width - w + 1, size=(1,)).item()
            return (i, j, h, w), attempt, False
    in_ratio = width / height  # all 10 failed: the central crop, its ratio clamped
    if in_ratio < min(ratio):
        w, h = width, int(round(width / min(ratio)))
    elif in_ratio > max(ratio):
        w, h = int(round(height * max(ratio))), height
    else:
        w, h = width, height
    return ((height - h) // 2, (width - w) // 2, h, w), 10, True


H, W = image.height, image.width
torch.manual_seed(SEED)
ours = [draw_box(H, W, SCALE, RATIO)[0] for _ in range(20)]
torch.manual_seed(SEED)
theirs = [tuple(transforms.RandomResizedCrop.get_params(image, SCALE, RATIO)) for _ in range(20)]
assert ours == theirs, "draw_box must draw torchvision's boxes"

torch.manual_seed(SEED)
draws = [draw_box(H, W, SCALE, RATIO) for _ in range(DRAWS)]
area_fraction = np.array([bh * bw / (H * W) for (_, _, bh, bw), _, _ in draws])
log_aspect = np.array([math.log(bw / bh) for (_, _, bh, bw), _, _ in draws])
attempts = np.array([a for _, a, _ in draws])
fallback = np.array([f for _, _, f in draws])
stats = {
    "n": DRAWS,
    "fallback_rate": float(fallback.mean()),
    "mean_attempts": float(attempts.mean()),
    "attempt_acceptance": float((~fallback).sum() / attempts.sum()),
}
print(stats)

for values, low, high, title in (
    (area_fraction, SCALE[0], SCALE[1], "area fraction h·w / (H·W)"),
    (log_aspect, math.log(RATIO[0]), math.log(RATIO[1]), "log(w / h)"),
):
    fig = go.Figure(go.Histogram(x=values, nbinsx=40))
    fig.add_vrect(x0=low, x1=high, opacity=0.15, line_width=0)
    fig.update_layout(title=title, height=320)
    fig.show()
"""

NUMBERS = """\
{
    "image_size": [image.height, image.width],
    "boxes": [list(b) for b in boxes],
    "image_sha256": [hashlib.sha256(s.tobytes()).hexdigest() for s in samples],
    **stats,
}"""


def _number(value: float) -> str:
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value}")
    return repr(value)


def _pipeline_code(pipeline: AugmentPipeline) -> str:
    h, w = pipeline.size
    scale = ", ".join(_number(v) for v in pipeline.scale)
    ratio = ", ".join(_number(v) for v in pipeline.ratio)
    lines = [
        f"SCALE = ({scale})",
        f"RATIO = ({ratio})",
        "crop = RandomResizedCropShowingBoxes(",
        f"    size=({int(h)}, {int(w)}),",
        "    scale=SCALE,",
        "    ratio=RATIO,",
        f"    interpolation=InterpolationMode.{pipeline.interpolation_mode.name},",
        "    antialias=True,",
        ")",
        "augment = transforms.Compose([",
        "    crop,",
    ]
    for step in pipeline.extras:  # class and argument names are the catalogue's own
        args = ", ".join(f"{k}={_number(v)}" for k, v in step.values)
        lines.append(f"    transforms.{step.spec.torch_class}({args}),")
    lines += ["])", "augment"]
    return "\n".join(lines)


def augmentation_notebook(
    image: Image.Image,
    pipeline: AugmentPipeline,
    seed: int,
    rows: int,
    cols: int,
    lang: str,
    draws: int = HISTOGRAM_DRAWS,
) -> nbformat.NotebookNode:
    """A notebook that redraws the lab's grid (``rows`` x ``cols`` draws of ``pipeline`` on
    ``image`` after ``seed``), its boxes and the statistics of ``draws`` boxes."""
    encoded, kind = image_data(image)
    n = int(rows) * int(cols)
    nb = NotebookBuilder(lang)
    nb.markdown(t("augmentation.notebook.title", lang))
    nb.markdown(t("augmentation.notebook.intro", lang, rows=rows, cols=cols))
    nb.code(IMPORTS + "import hashlib")
    nb.code(
        f"SEED, ROWS, COLS, DRAWS = {int(seed)}, {int(rows)}, {int(cols)}, {int(draws)}\n"
        f"IMAGE_{kind.upper()} = {data(encoded)}\n"
        f"image = Image.open(io.BytesIO(base64.b64decode(IMAGE_{kind.upper()}))).convert('RGB')\n"
        "print(image.size)"
    )
    nb.markdown(t("augmentation.notebook.pipeline", lang))
    nb.code(RECORDING_CROP)
    nb.code(_pipeline_code(pipeline))
    nb.markdown(t("augmentation.notebook.grid", lang, n=n))
    nb.code(GRID)
    nb.markdown(t("augmentation.notebook.boxes", lang))
    nb.code(BOXES)
    nb.markdown(t("augmentation.notebook.stats", lang, n=f"{int(draws):,}"))
    nb.code(DRAW_BOX)
    nb.markdown(t("augmentation.notebook.numbers", lang))
    nb.numbers(NUMBERS)
    return nb.build()
