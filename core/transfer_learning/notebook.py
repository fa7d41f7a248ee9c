"""A transfer-learning run as a notebook: its images (stored in the notebook as the lab decoded
them), the backbone, the frozen/trainable split, the frozen pass, the training loop with the
run's hyper-parameters, the curves, the confusion matrix and the trainable-parameter count,
and how to load the weights file the lab downloads. Plain torch, torchvision, timm, plotly.

The loop is the lab's (``training.TrainingRun`` without its live-page machinery): the same
frozen outputs (batches of ``FEATURE_BATCH``, channels_last), the same seeded new head and
batch order, the same optimiser, BatchNorm in eval mode everywhere.
"""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Sequence

import nbformat
from PIL import Image

from core.common import backbones
from core.common.i18n import t
from core.common.notebook import NotebookBuilder, data
from core.common.notebook_models import model_code
from core.transfer_learning.book_dataset import BOOK_ZIP_URL
from core.transfer_learning.evaluation import EVAL_BATCH
from core.transfer_learning.frozen_pass import FEATURE_BATCH
from core.transfer_learning.plan import RunSettings

PNG_LIMIT_BYTES = 20_000_000  # beyond this the images are stored as JPEG (quality 92)

IMPORTS = """\
import base64, copy, io, json, math

import numpy as np
import plotly.graph_objects as go
import torch
import torch.nn.functional as F
import torchvision
from PIL import Image
from torch import nn
from torchvision.transforms.v2 import functional as TF

# The lab computes each batch on one thread (a retrained block's as two halves, one per core):
# this notebook uses one thread, so its numbers are the lab's to the last digit, or to float
# rounding where the lab split a batch (more threads sum in another order; remove this line
# for speed).
torch.set_num_threads(1)
"""

DATA = """\
def decode(text):
    return Image.open(io.BytesIO(base64.b64decode(text))).convert("RGB")


images = [decode(s) for s in IMAGES]
test_images = [decode(s) for s in TEST_IMAGES]
print(len(images), "images:", len(TRAIN_ROWS), "training,", len(VAL_ROWS), "validation,",
      len(test_images), "test")
for k, name in enumerate(CLASS_NAMES):
    print(f"  {k}: {name!r}  ({sum(1 for v in LABELS if v == k)} images)")
"""

STAGES = """\
def resolve(path):
    if path == "<avgpool>":
        return nn.AdaptiveAvgPool2d(1)
    if path == "<flatten>":
        return nn.Flatten(1)
    return model.get_submodule(path)


stages = []  # the model as ordered layer groups: applied in turn, they are the model
for name, paths in GROUPS:
    modules = [resolve(p) for p in paths]
    stages.append(modules[0] if len(modules) == 1 else nn.Sequential(*modules))
model.requires_grad_(False)
boundary = min(k for k, (name, _) in enumerate(GROUPS) if name in TRAINABLE)
for k, ((name, _), stage) in enumerate(zip(GROUPS, stages)):
    params = sum(p.numel() for p in stage.parameters())
    role = "trainable" if name in TRAINABLE else "frozen"
    print(f"{k:2d} {name:<12} {params:>10,} parameters  {role}")
"""

FROZEN = """\
mode = TF.InterpolationMode(INTERPOLATION)
mean = torch.tensor(MEAN, dtype=torch.float32).view(3, 1, 1)
std = torch.tensor(STD, dtype=torch.float32).view(3, 1, 1)


def pixels_of(img):
    \"\"\"Resize the shorter side, crop the centre: 3×S×S uint8, what the network sees.\"\"\"
    x = TF.resize(TF.pil_to_tensor(img), [RESIZE], interpolation=mode, antialias=True)
    return TF.center_crop(x, [RESOLUTION, RESOLUTION]).contiguous()


def as_input(batch):
    x = batch
    if batch.dtype == torch.uint8:  # pixels (nothing frozen): normalise them
        x = batch.to(torch.float32).div_(255).sub_(mean).div_(std)
    return x.contiguous(memory_format=torch.channels_last) if x.dim() == 4 else x


def frozen_outputs(image_list):
    \"\"\"The frozen groups' output for every image, computed once (no autograd).\"\"\"
    parts = []
    for start in range(0, len(image_list), FEATURE_BATCH):
        x = torch.stack([pixels_of(img) for img in image_list[start : start + FEATURE_BATCH]])
        if boundary > 0:
            with torch.inference_mode():
                x = as_input(x)
                for stage in stages[:boundary]:
                    x = stage(x)
            x = x.clone()
        parts.append(x)
    return torch.cat(parts)


acts = frozen_outputs(images)
test_acts = frozen_outputs(test_images) if test_images else None
print("frozen outputs:", tuple(acts.shape))
"""

AUGMENT = """\
def augmented_pixels(image_list, seed):
    \"\"\"Random views of the images, drawn after torch.manual_seed(seed), as uint8 pixels.\"\"\"
    state = torch.get_rng_state()
    torch.manual_seed(seed)
    try:
        views = []
        for img in image_list:
            out = augment(img)
            if out.size != (RESOLUTION, RESOLUTION):
                out = TF.center_crop(TF.resize(out, RESOLUTION, antialias=True), RESOLUTION)
            views.append(TF.pil_to_tensor(out.convert("RGB")))
        return torch.stack(views)
    finally:
        torch.set_rng_state(state)


fresh_views = boundary == 0  # everything trains: a new view of every image every epoch
view_acts = []  # otherwise: VIEWS fixed views of the training images, through the frozen part
if not fresh_views:
    subset = [images[i] for i in TRAIN_ROWS]
    for v in range(VIEWS):
        parts = []
        for start in range(0, len(subset), FEATURE_BATCH):
            seed = (SEED * 100 + v) * 1_000_003 + start
            x = augmented_pixels(subset[start : start + FEATURE_BATCH], seed)
            with torch.inference_mode():
                x = as_input(x)
                for stage in stages[:boundary]:
                    x = stage(x)
            parts.append(x.clone())
        view_acts.append(torch.cat(parts))
print("augmented views:", "new every epoch" if fresh_views else len(view_acts))
"""

NETWORK = """\
generator = torch.Generator().manual_seed(SEED)
trained = []
for k, (name, _) in enumerate(GROUPS):
    if name not in TRAINABLE:
        continue  # shared and frozen
    if k == len(GROUPS) - 1:  # the head: a new last Linear for our classes
        old = [m for m in stages[k].modules() if isinstance(m, nn.Linear)][-1]
        new = nn.Linear(old.in_features, len(CLASS_NAMES))
        bound = 1 / math.sqrt(old.in_features)
        with torch.no_grad():
            new.weight.uniform_(-bound, bound, generator=generator)
            new.bias.uniform_(-bound, bound, generator=generator)
        stages[k] = copy.deepcopy(stages[k], memo={id(old): new})
    else:
        stages[k] = copy.deepcopy(stages[k])
    stages[k].requires_grad_(True)
    trained.append(k)
parameters = [p for k in trained for p in stages[k].parameters()]
trainable_params = sum(p.numel() for p in parameters)
print(f"trainable parameters: {trainable_params:,}")


def set_training(training):
    \"\"\"Dropout follows training; BatchNorm keeps the pretrained statistics (eval).\"\"\"
    for k in trained:
        stages[k].train(training)
        for m in stages[k].modules():
            if isinstance(m, nn.modules.batchnorm._BatchNorm):
                m.eval()


def network(x):
    for stage in stages[boundary:]:
        x = stage(x)
    return x
"""

TRAIN = """\
if OPTIMIZER == "sgd":
    optimizer = torch.optim.SGD(parameters, lr=LR, momentum=0.9, fused=True)
else:
    optimizer = torch.optim.Adam(parameters, lr=LR, fused=True)
order_generator = torch.Generator().manual_seed(SEED)
train_rows = torch.tensor(TRAIN_ROWS, dtype=torch.long)
train_labels = torch.tensor([LABELS[i] for i in TRAIN_ROWS], dtype=torch.long)


def evaluate(rows, labels, outputs):
    set_training(False)
    logits = [torch.zeros(0, len(CLASS_NAMES))]
    with torch.inference_mode():
        for start in range(0, len(rows), EVAL_BATCH):
            logits.append(network(as_input(outputs[rows[start : start + EVAL_BATCH]])))
    logits = torch.cat(logits)
    loss = float(F.cross_entropy(logits, labels)) if len(labels) else float("nan")
    return loss, logits.argmax(1)


val_rows = torch.tensor(VAL_ROWS, dtype=torch.long)
val_labels = torch.tensor([LABELS[i] for i in VAL_ROWS], dtype=torch.long)
history = []
for epoch in range(EPOCHS):
    set_training(True)
    order = torch.randperm(len(train_labels), generator=order_generator)
    loss_sum, correct = 0.0, 0
    for start in range(0, len(order), BATCH_SIZE):
        pick = order[start : start + BATCH_SIZE]
        y = train_labels[pick]
        if AUGMENTED and fresh_views:
            batch = [images[int(train_rows[i])] for i in pick]
            x = augmented_pixels(batch, SEED * 1_000_003 + epoch * 10_007 + start)
        elif AUGMENTED and view_acts:
            x = view_acts[epoch % len(view_acts)][pick]
        else:
            x = acts[train_rows[pick]]
        logits = network(as_input(x))
        loss = F.cross_entropy(logits, y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        loss_sum += loss.item() * len(pick)
        correct += int((logits.argmax(1) == y).sum())
    val_loss, predicted = evaluate(val_rows, val_labels, acts)
    val_acc = float((predicted == val_labels).double().mean()) if len(val_labels) else 0.0
    history.append([loss_sum / len(order), correct / len(order), val_loss, val_acc])
    print(f"epoch {epoch + 1}: train loss {history[-1][0]:.4f} acc {history[-1][1]:.3f}"
          f" | validation loss {val_loss:.4f} acc {val_acc:.3f}")
"""

RESULTS = """\
fig = go.Figure()
epochs = list(range(1, len(history) + 1))
names = ["train loss", "train accuracy", "validation loss", "validation accuracy"]
for column, name in enumerate(names):
    fig.add_scatter(x=epochs, y=[h[column] for h in history], name=name)
fig.update_layout(xaxis_title="epoch", height=340)
fig.show()

confusion = np.zeros((len(CLASS_NAMES), len(CLASS_NAMES)), dtype=np.int64)
np.add.at(confusion, (val_labels.numpy(), predicted.numpy()), 1)  # [true, predicted]
print(confusion)
fig = go.Figure(go.Heatmap(z=confusion, x=CLASS_NAMES, y=CLASS_NAMES, text=confusion,
                           texttemplate="%{text}", colorscale="Blues"))
fig.update_layout(xaxis_title="predicted", yaxis_title="true", yaxis_autorange="reversed")
fig.show()

test_accuracy = None
if test_acts is not None:
    test_rows = torch.arange(len(test_images))
    _, test_predicted = evaluate(test_rows, torch.tensor(TEST_LABELS), test_acts)
    test_accuracy = float((test_predicted == torch.tensor(TEST_LABELS)).double().mean())
    print("test accuracy:", test_accuracy)
"""

LOAD_WEIGHTS = """\
WEIGHTS_FILE = None  # e.g. "transfer_learning_run1.safetensors", the file the lab gave you

if WEIGHTS_FILE:
    from safetensors.torch import load_file

    tensors = load_file(WEIGHTS_FILE)  # only the retrained groups, under the model's names
    old = [(n, m) for n, m in model.get_submodule(GROUPS[-1][1][-1]).named_modules()
           if isinstance(m, nn.Linear)][-1]
    head_path = ".".join(p for p in (GROUPS[-1][1][-1], old[0]) if p)
    parent, _, attribute = head_path.rpartition(".")
    setattr(model.get_submodule(parent) if parent else model, attribute,
            nn.Linear(old[1].in_features, len(CLASS_NAMES)))
    missing, unexpected = model.load_state_dict(tensors, strict=False)
    print("loaded", len(tensors), "tensors; unexpected:", unexpected)
"""

NUMBERS = """\
{
    "trainable_params": trainable_params,
    "history": history,
    "val_accuracy": history[-1][3] if history else None,
    "confusion": confusion.tolist(),
    "test_accuracy": test_accuracy,
}"""


def _encoded(images: Sequence[Image.Image]) -> tuple[list[str], str]:
    """The images as base64 PNG (exact), or JPEG when that would be too big."""

    def encode(img: Image.Image, fmt: str) -> str:
        buffer = io.BytesIO()
        options = {"quality": 92} if fmt == "JPEG" else {}
        img.convert("RGB").save(buffer, format=fmt, **options)
        return base64.b64encode(buffer.getvalue()).decode("ascii")

    png = [encode(img, "PNG") for img in images]
    if sum(map(len, png)) <= PNG_LIMIT_BYTES:
        return png, "png"
    return [encode(img, "JPEG") for img in images], "jpeg"


def _number(value: float) -> str:
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value}")
    return repr(value)


def _augment_code(pipeline, resolution: int, views: int) -> str:
    """The augmentation lab's pipeline (read through its attributes: the labs do not import
    each other) as the torchvision transform the run used, at the run's resolution."""
    scale = ", ".join(_number(v) for v in pipeline.scale)
    ratio = ", ".join(_number(v) for v in pipeline.ratio)
    lines = [
        f"VIEWS = {views}",
        "augment = torchvision.transforms.Compose([",
        "    torchvision.transforms.RandomResizedCrop(",
        f"        ({resolution}, {resolution}), scale=({scale}), ratio=({ratio}),",
        "        interpolation=torchvision.transforms.InterpolationMode."
        f"{pipeline.interpolation_mode.name}, antialias=True),",
    ]
    for step in pipeline.extras:  # class and argument names are the catalogue's own
        args = ", ".join(f"{k}={_number(v)}" for k, v in step.values)
        lines.append(f"    torchvision.transforms.{step.spec.torch_class}({args}),")
    return "\n".join([*lines, "])", "", ""])


def transfer_notebook(
    settings: RunSettings,
    source: str,
    class_names: Sequence[str],
    images: Sequence[Image.Image],
    labels: Sequence[int],
    train_rows: Sequence[int],
    val_rows: Sequence[int],
    test: tuple[Sequence[Image.Image], Sequence[int]] | None,
    lang: str,
    augment=None,
) -> nbformat.NotebookNode:
    """A notebook of a run with ``settings`` on ``images`` (the lab's decoded images; rows
    of the training and validation split) and the source's own ``test`` split, if any.
    ``augment``: the augmentation lab's pipeline the run used (None: none)."""
    spec = backbones.get_spec(settings.backbone)
    if any(
        p.startswith("<") and p not in ("<avgpool>", "<flatten>")
        for d in spec.stage_decls
        for p in d.paths
    ):
        raise ValueError(f"{spec.name} is not supported in notebooks")
    p = spec.preprocess
    test_images, test_labels = test if test is not None else ((), ())
    encoded, kind = _encoded(list(images) + list(test_images))
    n = len(images)
    nb = NotebookBuilder(lang)
    nb.markdown(t("transfer_learning.notebook.title", lang))
    nb.markdown(t("transfer_learning.notebook.intro", lang))
    nb.code(IMPORTS)
    nb.markdown(
        t(
            f"transfer_learning.notebook.data.{'book' if source == 'book' else 'own'}",
            lang,
            url=BOOK_ZIP_URL,
        )
    )
    if kind == "jpeg":
        nb.markdown(t("transfer_learning.notebook.jpeg", lang))
    nb.code(
        f"CLASS_NAMES = {data(list(class_names))}\n"
        f"LABELS = {data([int(v) for v in labels])}\n"
        f"TRAIN_ROWS = {data([int(r) for r in train_rows])}\n"
        f"VAL_ROWS = {data([int(r) for r in val_rows])}\n"
        f"TEST_LABELS = {data([int(v) for v in test_labels])}\n"
        f"IMAGES = {data(encoded[:n])}\n"
        f"TEST_IMAGES = {data(encoded[n:])}\n\n" + DATA
    )
    nb.markdown(t("transfer_learning.notebook.backbone", lang, model=spec.label))
    if not spec.offline:
        nb.markdown(t("transfer_learning.notebook.internet", lang, mb=f"{spec.download_mb:.0f}"))
    nb.code(model_code(spec, True))
    nb.markdown(t("transfer_learning.notebook.split", lang))
    groups = [[d.name, list(d.paths)] for d in spec.stage_decls]
    nb.code(
        f"GROUPS = {groups!r}\n"
        f"TRAINABLE = {data(list(settings.trainable))}\n"
        f"SEED = {int(settings.seed)}  # the new head's weights, the batch order, the views\n\n"
        + STAGES
    )
    nb.markdown(t("transfer_learning.notebook.frozen", lang))
    nb.code(
        f"RESOLUTION = {int(settings.resolution)}\n"
        f"RESIZE = {p.resize_for(int(settings.resolution))}  # the shorter side before the crop\n"
        f"MEAN, STD, INTERPOLATION = {tuple(p.mean)!r}, {tuple(p.std)!r}, {p.interpolation!r}\n"
        f"FEATURE_BATCH = {FEATURE_BATCH}\n\n" + FROZEN
    )
    if augment is not None:
        nb.markdown(t("transfer_learning.notebook.augment", lang))
        nb.code(_augment_code(augment, int(settings.resolution), int(settings.views)) + AUGMENT)
    nb.markdown(t("transfer_learning.notebook.network", lang))
    nb.code(NETWORK)
    nb.markdown(t("transfer_learning.notebook.train", lang))
    nb.code(
        f"EPOCHS, BATCH_SIZE, LR = {int(settings.epochs)}, {int(settings.batch_size)}, "
        f"{_number(settings.lr)}\n"
        f"OPTIMIZER = {data(settings.optimizer)}\n"
        f"AUGMENTED = {augment is not None!r}\n"
        f"EVAL_BATCH = {EVAL_BATCH}\n\n" + TRAIN
    )
    nb.markdown(t("transfer_learning.notebook.results", lang))
    nb.code(RESULTS)
    nb.markdown(t("transfer_learning.notebook.weights", lang))
    nb.code(LOAD_WEIGHTS)
    nb.markdown(t("transfer_learning.notebook.numbers", lang))
    nb.numbers(NUMBERS)
    return nb.build()
