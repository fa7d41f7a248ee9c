"""What a finished run shows and hands over: metrics, mistakes, settings and weights.

All numbers come from the run's final weights on the validation images
(``TrainingRun.evaluation``); the confusion matrix is counted directly and the
accuracies are read off it, so the page's figures and tables agree by construction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch

from core.common.backbones import BackboneSpec
from core.common.i18n import t
from core.transfer_learning.evaluation import Evaluation
from core.transfer_learning.figures import format_count, format_seconds
from core.transfer_learning.network import trained_state_dict
from core.transfer_learning.training import EpochRecord, TrainingRun


def confusion_matrix(
    labels: Sequence[int], predicted: Sequence[int], num_classes: int
) -> np.ndarray:
    """``m[i, j]`` = images of true class i predicted as class j."""
    m = np.zeros((num_classes, num_classes), dtype=np.int64)
    np.add.at(m, (np.asarray(labels, dtype=np.int64), np.asarray(predicted, dtype=np.int64)), 1)
    return m


def per_class_accuracy(matrix: np.ndarray) -> np.ndarray:
    """Recall of each class (NaN for a class without validation images)."""
    totals = matrix.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(totals > 0, np.diag(matrix) / np.maximum(totals, 1), np.nan)


@dataclass(frozen=True)
class Mistake:
    row: int  # index into the run's image list (e.g. the dataset's images)
    true: int
    predicted: int
    confidence: float  # softmax probability of the predicted class


def mistakes(evaluation: Evaluation, limit: int = 24) -> list[Mistake]:
    """Misclassified validation images, the most confidently wrong first."""
    wrong = np.flatnonzero(evaluation.labels != evaluation.predicted)
    items = [
        Mistake(
            int(evaluation.rows[i]),
            int(evaluation.labels[i]),
            int(evaluation.predicted[i]),
            float(evaluation.probabilities[i, evaluation.predicted[i]]),
        )
        for i in wrong
    ]
    items.sort(key=lambda m: -m.confidence)
    return items[:limit]


def mistake_count(evaluation: Evaluation) -> int:
    """How many validation images the final weights get wrong."""
    return int((evaluation.labels != evaluation.predicted).sum())


def class_counts(matrix: np.ndarray) -> np.ndarray:
    """Validation images of each true class (the confusion matrix's row sums)."""
    return matrix.sum(axis=1)


@dataclass(frozen=True)
class RunSummary:
    """A finished run as the session keeps it (curves, settings, final metrics)."""

    number: int
    label: str
    settings: dict
    history: tuple[EpochRecord, ...]
    status: str
    accuracy: float  # validation accuracy of the final weights
    class_names: tuple[str, ...]
    display_names: tuple[str, ...]
    confusion: np.ndarray
    seconds: float
    trainable_params: int
    epochs_trained: float  # finished epochs plus the part of one a stop cut short
    loss: float  # validation loss of the final weights
    test_accuracy: float | None = None  # on the source's own test split, if it has one
    wall_seconds: float | None = None  # the student's wait, Start to end (None: unknown)
    frozen_seconds: float = 0.0  # compute time of the frozen pass (part of ``seconds``)
    from_cache: bool = False  # every frozen output came from the cache

    @property
    def waited(self) -> float:
        """The time to show: the wait when it is known, else the compute time."""
        return self.seconds if self.wall_seconds is None else self.wall_seconds

    @property
    def validation_points(self) -> tuple[tuple[float, float, float], ...]:
        """(epoch, validation accuracy, validation loss) per finished epoch, and the final
        weights where a stop cut an epoch short (a fractional epoch)."""
        points = [(float(r.epoch), r.val_acc, r.val_loss) for r in self.history]
        if self.epochs_trained > len(self.history):
            points.append((self.epochs_trained, self.accuracy, self.loss))
        return tuple(points)

    def to_json(self) -> str:
        """The run's settings and results as JSON (for the download button)."""
        data = {
            "label": self.label,
            "settings": self.settings,
            "status": self.status,
            "class_names": list(self.class_names),
            "validation_accuracy": round(self.accuracy, 6),
            "test_accuracy": None if self.test_accuracy is None else round(self.test_accuracy, 6),
            "per_class_accuracy": {
                n: (None if np.isnan(a) else round(float(a), 6))
                for n, a in zip(self.class_names, per_class_accuracy(self.confusion))
            },
            "confusion_matrix": self.confusion.tolist(),
            "trainable_parameters": self.trainable_params,
            "seconds": round(self.seconds, 3),
            "wall_seconds": None if self.wall_seconds is None else round(self.wall_seconds, 3),
            "frozen_seconds": round(self.frozen_seconds, 3),
            "frozen_from_cache": self.from_cache,
            "epochs_trained": round(self.epochs_trained, 4),
            "history": [vars(r) for r in self.history],
        }
        return json.dumps(data, ensure_ascii=False, indent=2)


def summarize(run: TrainingRun) -> RunSummary | None:
    """The summary of a run that learned something (None if it stopped before training)."""
    if run.evaluation is None or run.network is None:
        return None
    ev = run.evaluation
    k = len(run.class_names)
    test = run.test_evaluation
    return RunSummary(
        number=run.number,
        label=run.label,
        settings=run.settings.to_dict(),
        history=tuple(run.history),
        status=run.status,
        accuracy=ev.accuracy,
        class_names=run.class_names,
        display_names=run.display_names,
        confusion=confusion_matrix(ev.labels, ev.predicted, k),
        seconds=run.seconds,
        trainable_params=run.network.num_trainable,
        test_accuracy=None if test is None else test.accuracy,
        epochs_trained=run.epochs_trained,
        loss=ev.loss,
        wall_seconds=run.wall_seconds,
        frozen_seconds=run.counts.feature_seconds,
        from_cache=run.from_cache,
    )


def weights_file(run: TrainingRun, spec: BackboneSpec) -> bytes:
    """The retrained tensors as a safetensors file (tensors only: safe to load anywhere)."""
    from safetensors.torch import save

    tensors = trained_state_dict(run.network, spec)
    meta = {
        "backbone": run.settings.backbone,
        "classes": json.dumps(list(run.class_names), ensure_ascii=False),
        "settings": json.dumps(run.settings.to_dict()),
    }
    return save({k: v.contiguous() for k, v in tensors.items()}, metadata=meta)


def load_weights_file(data: bytes) -> dict[str, torch.Tensor]:
    from safetensors.torch import load

    return load(data)


def loading_snippet(run: TrainingRun) -> str:
    """Python (run from this project's folder) that rebuilds the fine-tuned model."""
    k, name = len(run.class_names), run.settings.backbone
    return (
        f"import torch\nfrom safetensors.torch import load_file\n"
        f"from core.common.backbones import build_model, get_spec, head_linear\n\n"
        f"model = build_model('{name}')  # the pretrained ImageNet model\n"
        f"path, head = head_linear(model, get_spec('{name}'))\n"
        f"parent, _, name = path.rpartition('.')\n"
        f"setattr(model.get_submodule(parent) if parent else model, name,\n"
        f"        torch.nn.Linear(head.in_features, {k}))  # the new classifier\n"
        f"missing, unexpected = model.load_state_dict(load_file('weights.safetensors'),\n"
        f"                                            strict=False)\n"
        f"assert not unexpected  # missing = the frozen groups, still the pretrained weights\n"
        f"model.eval()\n"
    )


# ---------------------------------------------------------------- the runs compared


def format_epochs(epochs: float) -> str:
    """Whole epochs as an integer, a stopped run's part of one to a tenth (0.4)."""
    return str(int(epochs)) if float(epochs).is_integer() else f"{epochs:.1f}"


def format_percent(value: float | None) -> str:
    """0.934 -> '93.4%'; a missing or NaN value -> '—'."""
    return "—" if value is None or value != value else f"{value * 100:.1f}%"


def _groups_text(groups: Sequence[str]) -> str:
    return groups[0] if len(groups) == 1 else f"{groups[0]} … {groups[-1]} ({len(groups)})"


def _recipe(s: dict, lang: str) -> str:
    """Optimizer and learning rate · batch · resolution · augmentation, as one cell."""
    if s["augment"] and s["views"]:
        aug = t("transfer_learning.runs.aug_views", lang, views=s["views"])
    else:
        aug = t("transfer_learning.runs.aug_fresh", lang) if s["augment"] else ""
    optimizer = t(f"transfer_learning.train.optimizer.{s['optimizer']}", lang)
    parts = (
        f"{optimizer} {s['lr']:g}",
        t("transfer_learning.runs.batch", lang, batch=s["batch_size"]),
        f"{s['resolution']} px",
        aug,
    )
    return " · ".join(x for x in parts if x)


def runs_table(runs: Sequence[RunSummary], lang: str) -> tuple[list[str], list[list[str]]]:
    """(headers, rows) of the session's runs compared; a test column when any run has one."""
    with_test = any(r.test_accuracy is not None for r in runs)
    head = ["#", "preset", "groups", "trainable", "epochs", "settings", "val_acc"]
    head += (["test_acc"] if with_test else []) + ["seconds"]
    rows = []
    for r in runs:
        s = r.settings
        cells = [
            str(r.number),
            t(f"transfer_learning.preset.{s['preset']}", lang),
            _groups_text(s["trainable"]),
            format_count(r.trainable_params),
            f"{format_epochs(r.epochs_trained)}/{s['epochs']}",
            _recipe(s, lang),
            format_percent(r.accuracy),
        ]
        cells += [format_percent(r.test_accuracy)] if with_test else []
        cells.append(format_seconds(r.waited, lang).replace(" ", "\u00a0"))  # one piece
        rows.append(cells)
    return [t(f"transfer_learning.runs.col.{h}", lang) for h in head], rows
