"""The feature-map lab's controls, declared once: key (also the link's parameter), range or
options, label. ``ui.common.controls.control`` draws each one.

Two choices depend on others: the layers are the chosen model's (``allowed=`` at drawing),
and the models include this session's fine-tuned ones (``ft:<label>``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from core.common import backbones
from core.common.params import MAX_PARAM_LENGTH, BoolParam, ChoiceParam, Control, IntParam
from core.feature_maps.gradcam import CAM_METHODS, GRAD_CAM
from core.feature_maps.maps import MAX_MAPS, ORDERS, SCALES, parse_channel_list
from core.feature_maps.network import WEIGHTS_FINETUNED, WEIGHTS_IMAGENET, WEIGHTS_RANDOM
from core.feature_maps.sanity import SANITY_METHODS

WEIGHTS_COMPARE = "compare"
BACKBONE_WEIGHTS = (WEIGHTS_IMAGENET, WEIGHTS_RANDOM, WEIGHTS_COMPARE)
FINETUNED_WEIGHTS = (WEIGHTS_FINETUNED, WEIGHTS_IMAGENET, WEIGHTS_COMPARE)
FINETUNED_PREFIX = "ft:"
PREDICTED = -1  # fm_cam_class value: explain the class the model predicts
TOPK_DEFAULT = 16
TOPK_PROJECTOR = 8  # projector mode: fewer, larger maps
MAX_LABEL_LENGTH = 200  # a fine-tuned model's choice, ``ft:<label>``


@dataclass(frozen=True)
class ModelParam:
    """A registry backbone, or ``ft:<label>``: a fine-tuned model of this session (which
    ones exist is known only when drawing, as ``allowed``)."""

    default: str
    options: tuple[str, ...]

    def parse(self, text: str) -> str:
        value = text.strip()
        named = value.startswith(FINETUNED_PREFIX) and 3 < len(value) <= MAX_LABEL_LENGTH
        if value in self.options or named:
            return value
        raise ValueError(f"{value!r} is no model")

    def format(self, value: str) -> str:
        return str(value)


_PATH = re.compile(r"^[A-Za-z_][\w.]{0,199}$")


@dataclass(frozen=True)
class LayerParam:
    """A module path such as ``blocks.2.0.conv_dw``; the chosen model's layers are the
    ``allowed`` values, and its default layer the fallback."""

    default: str = ""

    def parse(self, text: str) -> str:
        value = text.strip()
        if len(value) > MAX_PARAM_LENGTH or not _PATH.match(value):
            raise ValueError(f"{value[:40]!r} is no layer path")
        return value

    def format(self, value: str) -> str:
        return str(value)


@dataclass(frozen=True)
class ChannelListParam:
    """Channel numbers typed by the user, e.g. ``3, 17, 40-43`` (kept as the typed text)."""

    default: str = ""

    def parse(self, text: str) -> str:
        parse_channel_list(text)  # raises ValueError on syntax errors
        return text.strip()

    def format(self, value: str) -> str:
        return str(value)


MODEL = Control(
    "fm_model",
    ModelParam(backbones.DEFAULT_BACKBONE, tuple(backbones.REGISTRY)),
    "feature_maps.model",
    widget="select",
)
WEIGHTS = Control(
    "fm_weights",
    ChoiceParam(WEIGHTS_IMAGENET, (*BACKBONE_WEIGHTS, WEIGHTS_FINETUNED)),
    "feature_maps.weights",
    help="feature_maps.weights.compare_help",
    widget="segmented",
    options_label="feature_maps.weights.",
)
LAYER = Control(
    "fm_layer",
    LayerParam(),
    "feature_maps.layer.layer",
    help="feature_maps.layer.help",
    widget="select",
)
TOPK = Control("fm_topk", IntParam(TOPK_DEFAULT, 1, MAX_MAPS), "feature_maps.topk")
ORDER = Control(
    "fm_order",
    ChoiceParam("top", ORDERS),
    "feature_maps.order",
    help="feature_maps.order.top_help",
    widget="segmented",
    options_label="feature_maps.order.",
)
CHANNELS = Control("fm_channels", ChannelListParam(), "feature_maps.channels", widget="text")
SCALE = Control(
    "fm_scale",
    ChoiceParam("map", SCALES),
    "feature_maps.scale",
    widget="segmented",
    options_label="feature_maps.scale.",
)
OVERLAY = Control("fm_overlay", BoolParam(False), "feature_maps.overlay")
CAM_LAYER = Control(
    "fm_cam_layer",
    LayerParam(),
    "feature_maps.cam.layer",
    help="feature_maps.cam.default_layer",
    widget="select",
)
CAM_CLASS = Control(
    "fm_cam_class", IntParam(PREDICTED, PREDICTED, 9999), "feature_maps.cam.class", widget="select"
)
CAM_METHOD = Control(
    "fm_cam_method",
    ChoiceParam(GRAD_CAM, CAM_METHODS),
    "feature_maps.cam.method",
    help="feature_maps.cam.method_help",
    widget="segmented",
    options_label="feature_maps.method.",
)
COUNTERFACTUAL = Control(
    "fm_counterfactual",
    BoolParam(False),
    "feature_maps.cam.counterfactual",
    help="feature_maps.cam.counterfactual_help",
)
CAM_GROUPS = Control("fm_cam_groups", BoolParam(False), "feature_maps.cam.groups")
SANITY_RUN = Control(
    "fm_sanity", BoolParam(False), "feature_maps.sanity.run", help="feature_maps.sanity.run_help"
)
SANITY_METHOD = Control(
    "fm_sanity_method",
    ChoiceParam(GRAD_CAM, SANITY_METHODS),
    "feature_maps.sanity.method",
    widget="segmented",
    options_label="feature_maps.method.",
)


def topk(projector: bool) -> Control:
    """How many maps: projector mode defaults to fewer, larger maps."""
    return replace(TOPK, param=replace(TOPK.param, default=TOPK_PROJECTOR)) if projector else TOPK


def model_options(finetuned_labels: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Registry backbones, then this session's fine-tuned models as ``ft:<label>``."""
    return MODEL.param.options + tuple(FINETUNED_PREFIX + x for x in finetuned_labels)


def finetuned_label(model: str) -> str | None:
    """The fine-tuned model's label of a model choice, or None for a registry backbone."""
    return model[len(FINETUNED_PREFIX) :] if model.startswith(FINETUNED_PREFIX) else None


def weights_options(finetuned: bool) -> tuple[str, ...]:
    return FINETUNED_WEIGHTS if finetuned else BACKBONE_WEIGHTS


def class_options(n_classes: int) -> list[int]:
    """The Grad-CAM class choices: the predicted class, then every class by number."""
    return [PREDICTED, *range(n_classes)]
