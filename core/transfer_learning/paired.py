"""Paired runs: the same training twice, differing in one thing only.

- ``augment``: without and with the augmentation lab's pipeline (same seed, same images,
  same settings otherwise);
- ``pretrained``: from random weights and from the ImageNet weights (same architecture,
  seed, images and settings): transfer learning's whole point, in numbers.

Both runs evaluate the validation images after every epoch, so their curves can be laid
over each other with the gap between training and validation accuracy (overfitting shows
as a growing gap). Random weights get their own frozen-output cache: the shared cache's
keys name the backbone, not its weights.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import plotly.graph_objects as go

from core.common.backbones import BackboneSpec, Stage
from core.common.i18n import t
from core.common.theme import Theme, style_figure
from core.transfer_learning.figures import _epoch_axes, _two_panels
from core.transfer_learning.frozen_pass import ActivationCache
from core.transfer_learning.plan import ImageSet, RunSettings
from core.transfer_learning.training import EpochRecord, TrainingRun

KINDS = ("augment", "pretrained")
_P = "transfer_learning.paired."


@dataclass
class PairedRuns:
    """(the run without the thing, the run with it), advanced side by side."""

    kind: str
    runs: tuple[TrainingRun, TrainingRun]

    @property
    def finished(self) -> bool:
        return all(r.finished for r in self.runs)

    def advance(self, budget_s: float) -> None:
        for run in self.runs:
            run.advance(budget_s / 2)

    def run_to_end(self) -> PairedRuns:
        for run in self.runs:
            run.run_to_end()
        return self

    def stop(self) -> None:
        for run in self.runs:
            run.stop()

    def progress(self) -> float:
        return sum(r.progress() for r in self.runs) / 2


def gap(history: Sequence[EpochRecord]) -> float | None:
    """Training minus validation accuracy after the last epoch (overfitting grows it)."""
    return history[-1].train_acc - history[-1].val_acc if history else None


def augmentation_pair(
    stage_list: Sequence[Stage],
    spec: BackboneSpec,
    settings: RunSettings,
    train: ImageSet,
    val: ImageSet,
    class_names: Sequence[str],
    augment: Callable,
    augment_id: str,
    cache: ActivationCache | None,
) -> PairedRuns:
    """The same run without and with the augmentation pipeline: only ``augment`` differs."""
    runs = tuple(
        TrainingRun(
            stage_list,
            spec,
            replace(settings, augment=on),
            train,
            val,
            class_names,
            cache=cache,
            augment=augment,
            augment_id=augment_id,
        )
        for on in (False, True)
    )
    return PairedRuns("augment", runs)


def pretrained_pair(
    random_stages: Sequence[Stage],
    pretrained_stages: Sequence[Stage],
    spec: BackboneSpec,
    settings: RunSettings,
    train: ImageSet,
    val: ImageSet,
    class_names: Sequence[str],
    random_cache: ActivationCache | None,
    cache: ActivationCache | None,
) -> PairedRuns:
    """The same run from random weights and from the pretrained ones: only the weights
    differ (each with its own cache, since the cache's keys do not name the weights)."""
    if random_cache is not None and random_cache is cache:
        raise ValueError("random weights need a cache of their own")
    runs = tuple(
        TrainingRun(stages, spec, settings, train, val, class_names, cache=c)
        for stages, c in ((random_stages, random_cache), (pretrained_stages, cache))
    )
    return PairedRuns("pretrained", runs)


def paired_figure(pair: PairedRuns, theme: Theme, lang: str) -> go.Figure:
    """Left: accuracy per epoch of both runs, training solid and validation dashed; right:
    the gap (training - validation accuracy) per epoch."""
    fig = _two_panels("paired.accuracy", "paired.gap", lang)
    epochs = max(r.settings.epochs for r in pair.runs)
    for i, run in enumerate(pair.runs):
        name = t(f"{_P}{pair.kind}.{'on' if i else 'off'}", lang)
        color = theme.palette[i]
        x = [r.epoch for r in run.history]
        for part, dash in (("train", "solid"), ("val", "dash")):
            fig.add_scatter(
                x=x,
                y=[getattr(r, f"{part}_acc") for r in run.history],
                mode="lines+markers",
                name=f"{name} · {t(f'transfer_learning.curves.{part}', lang)}",
                line=dict(color=color, dash=dash),
                row=1,
                col=1,
            )
        fig.add_scatter(
            x=x,
            y=[r.train_acc - r.val_acc for r in run.history],
            mode="lines+markers",
            name=name,
            showlegend=False,
            line=dict(color=color),
            row=1,
            col=2,
        )
    _epoch_axes(fig, epochs, lang)
    fig.update_yaxes(range=[0, 1.02], tickformat=".0%", row=1, col=1)
    fig.update_yaxes(tickformat=".0%", zeroline=True, row=1, col=2)
    fig.update_layout(
        height=480 if theme.projector else 380,
        legend=dict(orientation="h", yanchor="top", y=-0.25, x=0),
    )
    style_figure(fig, theme)
    fig.update_annotations(font_size=theme.font_size)
    fig.update_layout(margin=dict(t=40 + theme.font_size))
    return fig
