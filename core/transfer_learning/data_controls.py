"""The data picker's controls, declared once: key, range, URL form and label of each.

The picker can be drawn under any key prefix (the lab uses ``tl_data``), so the
declarations are made from the prefix; ``DATA_CONTROLS`` are the lab's own.
"""

from __future__ import annotations

from typing import NamedTuple

from core.common.params import ChoiceParam, Control, FloatParam, IntParam

SOURCES = ("shapes", "zip", "upload", "camera", "book", "folder")
MAX_UPLOAD_CLASSES = 10

SOURCE_PARAM = ChoiceParam("shapes", SOURCES)
IMAGES_PER_CLASS_PARAM = IntParam(30, 4, 150)
VAL_FRACTION_PARAM = FloatParam(0.2, 0.1, 0.5)
SPLIT_SEED_PARAM = IntParam(0, 0, 9999)
N_CLASSES_PARAM = IntParam(2, 2, MAX_UPLOAD_CLASSES)
CAMERA_CLASS_PARAM = IntParam(0, 0, MAX_UPLOAD_CLASSES - 1)

_STRINGS = "transfer_learning.datasets."


class DataControls(NamedTuple):
    source: Control
    per_class: Control
    val_fraction: Control
    seed: Control
    n_classes: Control
    camera_class: Control


def data_controls(prefix: str) -> DataControls:
    """The picker's controls with keys ``f"{prefix}_..."``."""
    return DataControls(
        source=Control(
            f"{prefix}_source",
            SOURCE_PARAM,
            _STRINGS + "source",
            widget="pills",
            options_label=_STRINGS + "source.",
        ),
        per_class=Control(
            f"{prefix}_per_class", IMAGES_PER_CLASS_PARAM, _STRINGS + "images_per_class"
        ),
        val_fraction=Control(
            f"{prefix}_val", VAL_FRACTION_PARAM, _STRINGS + "val_fraction", step=0.05
        ),
        seed=Control(
            f"{prefix}_seed",
            SPLIT_SEED_PARAM,
            _STRINGS + "seed",
            help=_STRINGS + "seed_help",
            widget="number",
        ),
        n_classes=Control(
            f"{prefix}_n_classes", N_CLASSES_PARAM, _STRINGS + "n_classes", widget="number"
        ),
        camera_class=Control(
            f"{prefix}_cam_class", CAMERA_CLASS_PARAM, _STRINGS + "camera_class", widget="pills"
        ),
    )


DATA_CONTROLS = data_controls("tl_data")
