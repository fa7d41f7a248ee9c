"""The transfer-learning lab's model and training controls, declared once.

Each is drawn by ``ui.common.controls.control``: its widget key is also its query
parameter. A new control of the model or training part is added here.
"""

from __future__ import annotations

from core.common.backbones import DEFAULT_BACKBONE, REGISTRY
from core.common.params import BoolParam, ChoiceParam, Control, GridParam, GroupsParam, IntParam
from core.transfer_learning.mistakes import MISTAKES
from core.transfer_learning.strategy import (
    BATCH_SIZES,
    CUSTOM,
    LEARNING_RATES,
    OPTIMIZERS,
    PRESETS,
    RESOLUTIONS,
)

_L = "transfer_learning."

BACKBONE = Control(
    "tl_backbone",
    ChoiceParam(DEFAULT_BACKBONE, tuple(REGISTRY)),
    _L + "backbone",
    help=_L + "backbone_help",
)
PRESET = Control(
    "tl_preset",
    ChoiceParam("head", PRESETS + (CUSTOM,)),
    _L + "preset",
    help=_L + "preset_help",
    widget="radio",
    options_label=_L + "preset.",
)
GROUPS = Control("tl_groups", GroupsParam(), _L + "groups", help=_L + "groups_help", widget="multi")
EPOCHS = Control("tl_epochs", IntParam(5, 1, 30), _L + "train.epochs")
LR = Control(
    "tl_lr",
    GridParam(1e-3, LEARNING_RATES),
    _L + "train.lr",
    help=_L + "train.lr_help",
    widget="select_slider",
)
BATCH = Control("tl_batch", GridParam(16, BATCH_SIZES), _L + "train.batch", widget="select_slider")
RESOLUTION = Control(
    "tl_res",
    GridParam(160, RESOLUTIONS),
    _L + "train.res",
    help=_L + "train.res_help",
    widget="select_slider",
)
OPTIMIZER = Control(
    "tl_optimizer",
    ChoiceParam("adam", OPTIMIZERS),
    _L + "train.optimizer",
    help=_L + "train.optimizer_help",
    widget="segmented",
    options_label=_L + "train.optimizer.",
)
AUGMENT = Control(
    "tl_augment", BoolParam(False), _L + "augment.toggle", help=_L + "augment.toggle_help"
)
VIEWS = Control("tl_views", IntParam(2, 1, 8), _L + "augment.views")

# every control above, by key (the link's parameters of the model and training parts)
CONTROLS = {
    c.key: c
    for c in (BACKBONE, PRESET, GROUPS, EPOCHS, LR, BATCH, RESOLUTION, OPTIMIZER, AUGMENT, VIEWS)
}

MISTAKE = Control(
    "tl_mistake",
    ChoiceParam("none", ("none", *MISTAKES)),
    _L + "mistakes.choose",
    widget="pills",
    options_label=_L + "mistakes.choice.",
)
