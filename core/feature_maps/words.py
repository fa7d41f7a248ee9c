"""Words and small tables for the page: layer labels, shapes, and what a map's zeros mean."""

from __future__ import annotations

from core.common import backbones, i18n
from core.common.class_names import class_hover, class_name
from core.common.handover import FineTunedModel
from core.common.markdown import table
from core.feature_maps.controls import PREDICTED
from core.feature_maps.layers import ZERO_MAKING, Layer
from core.feature_maps.maps import MapStats


def shape_text(shape) -> str:
    return "×".join(str(int(s)) for s in shape)


def finetuned_name(ft: FineTunedModel, lang: str) -> str:
    """A model trained in the transfer lab, short enough for a picker: its run number, its
    strategy (feature extraction is not fine-tuning) and the backbone it started from."""
    strategy = f"feature_maps.strategy.{ft.settings.get('preset')}"
    if strategy not in i18n.TABLE:
        strategy = "feature_maps.strategy.custom"
    return i18n.t(
        "feature_maps.finetuned_name",
        lang,
        n=ft.number,
        strategy=i18n.t(strategy, lang),
        backbone=backbones.get_spec(ft.backbone).label,
    )


def layer_label(layer: Layer, lang: str) -> str:
    """One line of the layer picker: marker, module path, what it is, output shape."""
    marker = "■ " if layer.group_output else ("▸ " if layer.kind == "block" else "↳ ")
    indent = "\u2003" * (0 if layer.group_output else layer.depth)
    what = layer.module_type
    if layer.kernel is not None:
        what += f" {layer.kernel[0]}×{layer.kernel[1]}"
        if layer.depthwise:
            what += ", " + i18n.t("feature_maps.label.depthwise", lang)
        if layer.stride and max(layer.stride) > 1:
            what += ", " + i18n.t("feature_maps.label.stride", lang, stride=layer.stride[0])
    elif layer.activation not in ("linear", "unknown"):
        what += f" ({ACTIVATION_NAMES.get(layer.activation, layer.activation)})"
    return f"{indent}{marker}{layer.path} · {what} → {shape_text(layer.shape)}"


def group_label(layer: Layer) -> str:
    return f"{layer.stage} → {shape_text(layer.shape)}"


ACTIVATION_NAMES = {
    "relu": "ReLU",
    "relu6": "ReLU6",
    "hardswish": "Hardswish",
    "silu": "SiLU",
    "gelu": "GELU",
    "sigmoid": "Sigmoid",
    "hardsigmoid": "Hardsigmoid",
    "tanh": "Tanh",
}


def activation_sentence(layer: Layer, stats: MapStats, lang: str) -> str:
    """What the share of zeros means for this layer: after ReLU/ReLU6, linear, or Hardswish."""
    where = i18n.t(f"feature_maps.where.{layer.where}", lang)
    zero, negative = f"{stats.zero_share:.1%}", f"{stats.negative_share:.1%}"
    if layer.activation in ZERO_MAKING:
        text = i18n.t(
            "feature_maps.act.zero",
            lang,
            act=ACTIVATION_NAMES[layer.activation],
            where=where,
            zero=zero,
        )
        if layer.activation == "relu6":
            text += " " + i18n.t(
                "feature_maps.act.relu6_ceiling", lang, ceiling=f"{stats.ceiling_share:.1%}"
            )
        return text
    if layer.activation == "linear":
        return i18n.t("feature_maps.act.linear", lang, where=where, negative=negative, zero=zero)
    if layer.activation == "hardswish":
        return i18n.t("feature_maps.act.hardswish", lang, where=where, zero=zero, negative=negative)
    return i18n.t(
        "feature_maps.act.other",
        lang,
        act=ACTIVATION_NAMES.get(layer.activation, layer.activation),
        where=where,
        zero=zero,
        negative=negative,
    )


STATS = ("mean", "max", "min", "zero", "negative")


def stats_table(stats: MapStats, lang: str) -> str:
    """One enlarged map's statistics as a markdown table (numbers written by this code)."""
    headers = [i18n.t(f"feature_maps.stats.{name}", lang) for name in STATS]
    row = [
        f"{stats.mean:.3f}",
        f"{stats.max:.3f}",
        f"{stats.min:.3f}",
        f"{stats.zero_share:.1%}",
        f"{stats.negative_share:.1%}",
    ]
    return table(headers, [row], escape=False)


def class_choice(choice: int, class_names: tuple[str, ...], lang: str) -> str:
    """A Grad-CAM class option: the predicted class, or ``number · name``. A translated
    name keeps its original beside it: a select has no hover, and typing either finds it."""
    if choice == PREDICTED:
        return i18n.t("feature_maps.cam.predicted", lang)
    original = class_hover(class_names, choice, lang)
    name = class_name(class_names, choice, lang)
    return f"{choice} · {name}" if original is None else f"{choice} · {name} ({original})"


def cascade_step_label(step, lang: str) -> str:
    """``trained model`` or ``+ blocks7 randomised`` (the group re-initialised last)."""
    if not step.randomised:
        return i18n.t("feature_maps.sanity.trained", lang)
    return i18n.t("feature_maps.sanity.step", lang, group=step.randomised[-1])


def cascade_axis_label(step, lang: str) -> str:
    """The similarity chart's short x label: the group re-initialised last."""
    return step.randomised[-1] if step.randomised else i18n.t("feature_maps.sanity.trained", lang)


def rho_text(value: float) -> str:
    """A rank correlation to two decimals, or "—" where it is undefined (a constant map)."""
    return "—" if value != value else f"{value:.2f}"


def cascade_table(cascade, class_names: tuple[str, ...], lang: str) -> str:
    """Each step: which group was randomised last, the top-1 class, ρ and SSIM."""
    headers = [i18n.t(f"feature_maps.sanity.col.{c}", lang) for c in ("step", "top1", "p")] + [
        "ρ",
        "SSIM",
    ]
    rows = [
        [
            cascade_step_label(step, lang),
            class_name(class_names, step.top5[0].index, lang),
            f"{step.top5[0].probability:.1%}",
            rho_text(step.spearman),
            f"{step.ssim:.2f}",
        ]
        for step in cascade.steps
    ]
    return table(headers, rows)
