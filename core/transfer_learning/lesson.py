"""Lesson mode of the transfer-learning lab (notes 5.3): feature extraction (특성 추출) vs
fine-tuning (미세 조정). Results come from torchvision and the lab's own strategy module;
nothing here imports torch before a result is asked for."""

from __future__ import annotations

from core.common.lesson import Lesson, Step


def _trained_result() -> tuple[str, dict]:
    import torch
    from torchvision.models import resnet18

    model = resnet18(weights=None)
    for p in model.parameters():  # feature extraction: the backbone frozen ...
        p.requires_grad = False
    model.fc = torch.nn.Linear(model.fc.in_features, 2)  # ... a new classifier trained
    trained = sum(p.numel() for p in model.parameters() if p.requires_grad)
    total = sum(p.numel() for p in model.parameters())
    return "transfer_learning.lesson.trained.result", {"trained": trained, "total": total}


def _lr_result() -> tuple[str, dict]:
    from core.transfer_learning.strategy import RECOMMENDED_LR  # imports torch: only now

    return "transfer_learning.lesson.lr.result", {
        "head": f"{RECOMMENDED_LR['head']:g}",
        "all": f"{RECOMMENDED_LR['all']:g}",
    }


LESSON = Lesson(
    "transfer_learning",
    "tl",
    (
        Step(
            "transfer_learning.trained",
            "transfer_learning.lesson.trained",
            "transfer_learning.lesson.trained.why",
            correct="head",
            choices=("head", "all", "none"),
            result=_trained_result,
        ),
        Step(
            "transfer_learning.lr",
            "transfer_learning.lesson.lr",
            "transfer_learning.lesson.lr.why",
            correct="fine_tuning",
            choices=("fine_tuning", "feature_extraction"),
            result=_lr_result,
        ),
    ),
)
