"""Lesson mode of the feature-map lab (notes 5.4): early vs late layers. Results come from a
forward pass of torchvision's ResNet-18 (shapes do not depend on the weights)."""

from __future__ import annotations

from core.common.lesson import Lesson, Step


def _shapes() -> dict[str, tuple[int, int, int]]:
    import torch
    from torchvision.models import resnet18

    model = resnet18(weights=None).eval()
    shapes = {}
    hooks = [
        getattr(model, name).register_forward_hook(
            lambda _m, _i, out, name=name: shapes.__setitem__(name, tuple(out.shape[1:]))
        )
        for name in ("layer1", "layer4")
    ]
    with torch.no_grad():
        model(torch.zeros(1, 3, 224, 224))
    for hook in hooks:
        hook.remove()
    return shapes


def _result(key: str) -> tuple[str, dict]:
    shapes = _shapes()
    (c1, h1, w1), (c4, h4, w4) = shapes["layer1"], shapes["layer4"]
    return key, {"c1": c1, "h1": h1, "w1": w1, "c4": c4, "h4": h4, "w4": w4}


LESSON = Lesson(
    "feature_maps",
    "fm",
    (
        Step(
            "feature_maps.size",
            "feature_maps.lesson.size",
            "feature_maps.lesson.size.why",
            correct="early",
            choices=("early", "late", "same"),
            result=lambda: _result("feature_maps.lesson.size.result"),
        ),
        Step(
            "feature_maps.channels",
            "feature_maps.lesson.channels",
            "feature_maps.lesson.channels.why",
            correct=512,
            number=(1, 4096),
            result=lambda: _result("feature_maps.lesson.channels.result"),
        ),
    ),
)
