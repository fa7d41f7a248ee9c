"""What one lab hands to another (the session side is ``ui.common.handover``).

- augmentation -> transfer learning: the ``AugmentPipeline`` the student tuned
  (``core.augmentation.pipeline``), used to train with augmented views;
- transfer learning -> feature maps: each ``FineTunedModel`` of the session (label -> model,
  in run order), shown beside its starting point (the registry backbone it came from).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from torch import nn

from core.common.backbones import Stage


@dataclass
class FineTunedModel:
    backbone: str  # registry name of the pretrained starting point
    stages: list[Stage]  # the whole network; frozen stages are shared, trained ones are copies
    class_names: tuple[str, ...]
    resolution: int  # input side the run trained at
    settings: dict = field(default_factory=dict)  # JSON-able settings of the run
    label: str = ""
    number: int = 0  # the run's number in its session (#1, #2, ...)

    @property
    def model(self) -> nn.Module:
        """Normalised image tensor -> logits over ``class_names`` (eval mode, read-only)."""
        return nn.Sequential(*(s.module for s in self.stages)).eval()
