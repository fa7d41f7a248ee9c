"""The hand-over between labs: a model this session fine-tuned in the transfer lab.

The transfer lab stores its runs in ``st.session_state["finetuned_models"]``
(a dict label -> FineTunedModel, in run order); the feature-map lab lists them and
shows each beside its starting point (the registry backbone it came from).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from torch import nn

from core.backbones import Stage

SESSION_KEY = "finetuned_models"


@dataclass
class FineTunedModel:
    backbone: str  # registry name of the pretrained starting point
    stages: list[Stage]  # the whole network; frozen stages are shared, trained ones are copies
    class_names: tuple[str, ...]
    resolution: int  # input side the run trained at
    settings: dict = field(default_factory=dict)  # JSON-able settings of the run
    label: str = ""

    @property
    def model(self) -> nn.Module:
        """Normalised image tensor -> logits over ``class_names`` (eval mode, read-only)."""
        return nn.Sequential(*(s.module for s in self.stages)).eval()
