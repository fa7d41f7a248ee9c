"""The augmentation lab's own controls and RandomResizedCrop's, declared once.

Each is drawn by ``ui.common.controls.control``: its widget key is also its query parameter.
A new control of the crop or the grid is added here; a new transform after the crop (with
its toggle and its arguments' controls) is added to ``core.augmentation.extras.EXTRAS``.
"""

from __future__ import annotations

from core.common.params import ChoiceParam, Control, FloatParam, IntParam, RangeParam

INTERPOLATIONS = ("bilinear", "bicubic", "nearest", "lanczos")
MAX_SEED = 999_999


def knob(key: str, param, step: float | None = None, widget: str = "auto") -> Control:
    """A control labelled by the i18n key ``augmentation.knob.<key>`` (help: ``….help``)."""
    label = f"augmentation.knob.{key}"
    return Control(key, param, label, help=f"{label}.help", widget=widget, step=step)


def float_knob(key: str, default: float, high: float, step: float) -> Control:
    """A transform argument's slider from 0 to ``high``."""
    return knob(key, FloatParam(default, 0.0, high), step)


# The lab's own controls (not torchvision arguments of a transform).
SIZE_H = knob("aug_size_h", IntParam(224, 16, 512), 4, widget="number")
SIZE_W = knob("aug_size_w", IntParam(224, 16, 512), 4, widget="number")
ROWS = knob("aug_rows", IntParam(2, 1, 4))
COLS = knob("aug_cols", IntParam(4, 1, 8))
SEED = knob("aug_seed", IntParam(0, 0, MAX_SEED), widget="number")

# RandomResizedCrop's arguments; defaults are the course notes' scale=(0.1, 1), ratio=(0.5, 2).
SCALE = knob("aug_scale", RangeParam((0.1, 1.0), 0.01, 1.0), 0.01)
RATIO = knob("aug_ratio", RangeParam((0.5, 2.0), 0.1, 4.0), 0.01)
INTERPOLATION = Control(
    "aug_interpolation",
    ChoiceParam("bilinear", INTERPOLATIONS),
    "augmentation.knob.aug_interpolation",
    help="augmentation.knob.aug_interpolation.help",
    widget="select",
    options_label="augmentation.interp.",
)
CROP_ARGS = {"scale": SCALE, "ratio": RATIO, "interpolation": INTERPOLATION}
LAB_CONTROLS = (SIZE_H, SIZE_W, ROWS, COLS, SEED, SCALE, RATIO, INTERPOLATION)

# The notes' MXNet line (its comments say "output 200*200", but MXNet's size is (W, H)).
NOTES_MXNET_LINE = "transforms.RandomResizedCrop(size=(200,100), scale=(0.1,1), ratio=(0.5,2))"
NOTES_SETTINGS = {
    SIZE_H: 100,
    SIZE_W: 200,
    SCALE: (0.1, 1.0),
    RATIO: (0.5, 2.0),
    ROWS: 2,
    COLS: 4,
}
