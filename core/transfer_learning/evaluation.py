"""A network's predictions on a set of images, from the frozen part's outputs."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch.nn import functional as F

from core.common.backbones import BackboneSpec
from core.transfer_learning.frozen_pass import as_input
from core.transfer_learning.network import TransferNetwork
from core.transfer_learning.plan import ImageSet

EVAL_BATCH = 16  # 100 validation images are 7 batches to share between two workers


@dataclass
class Evaluation:
    """Predictions of one set of weights on the images of an ``ImageSet``."""

    rows: tuple[int, ...]
    labels: np.ndarray  # (n,) true classes
    predicted: np.ndarray  # (n,)
    probabilities: np.ndarray  # (n, K) softmax
    loss: float

    @property
    def accuracy(self) -> float:
        return float((self.labels == self.predicted).mean()) if len(self.labels) else 0.0


def evaluate(
    net: TransferNetwork, spec: BackboneSpec, image_set: ImageSet, acts: torch.Tensor
) -> Evaluation:
    """The current weights of ``net`` on ``image_set`` (its frozen outputs ``acts``), in eval
    mode and without gradients."""
    net.set_training(False)
    rows = torch.tensor(image_set.rows, dtype=torch.long)
    labels = torch.tensor(image_set.labels, dtype=torch.long)
    batches = [
        lambda s=s: as_input(acts[rows[s : s + EVAL_BATCH]], spec)
        for s in range(0, len(rows), EVAL_BATCH)
    ]
    logits_t = torch.cat([torch.zeros(0, net.num_classes), *net.inference(batches)])
    loss = float(F.cross_entropy(logits_t, labels)) if len(labels) else float("nan")
    return Evaluation(
        rows=tuple(image_set.rows),
        labels=labels.numpy(),
        predicted=logits_t.argmax(1).numpy(),
        probabilities=logits_t.softmax(1).numpy(),
        loss=loss,
    )
