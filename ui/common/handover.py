"""The two hand-overs between labs, in this session (their data types: core.common.handover).

- The augmentation lab publishes the pipeline the student tuned; the transfer-learning lab
  trains with it.
- The transfer-learning lab keeps every model it fine-tuned; the feature-map lab shows them.
"""

from __future__ import annotations

import streamlit as st

from core.augmentation.pipeline import AugmentPipeline
from core.common.handover import FineTunedModel

PIPELINE_KEY = "handover_pipeline"
FINETUNED_KEY = "handover_finetuned"


def publish_pipeline(pipeline: AugmentPipeline) -> None:
    st.session_state[PIPELINE_KEY] = pipeline


def augmentation_pipeline() -> AugmentPipeline | None:
    """The pipeline last shown in the augmentation lab, or None before the student opened it."""
    return st.session_state.get(PIPELINE_KEY)


def finetuned_models() -> dict[str, FineTunedModel]:
    """The session's fine-tuned models, label -> model, in run order."""
    return st.session_state.setdefault(FINETUNED_KEY, {})


def keep_finetuned(model: FineTunedModel) -> None:
    finetuned_models()[model.label] = model
