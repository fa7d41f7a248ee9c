"""The feature-map lab's notebook download (registry backbones; not a fine-tuned model,
whose weights live only in this session)."""

from __future__ import annotations

import streamlit as st

from core.feature_maps import controls
from core.feature_maps.controls import PREDICTED
from core.feature_maps.gradcam import GRAD_CAM
from core.feature_maps.layers import Layer
from core.feature_maps.network import WEIGHTS_FINETUNED, WEIGHTS_IMAGENET, Network
from core.feature_maps.notebook import feature_maps_notebook
from ui.common import notebook
from ui.common.frame import tr
from ui.common.state import widget_value
from ui.feature_maps.sections import GridSettings


def notebook_button(
    net: Network, image, map_choice: tuple[Layer, GridSettings], cam_choice: tuple[Layer, int]
) -> None:
    """The download of the first shown network's view (the ImageNet one when comparing)."""
    if net.weights == WEIGHTS_FINETUNED:
        st.caption(tr("feature_maps.notebook.finetuned"))
        return
    layer, grid = map_choice
    cam_layer, target = cam_choice
    method = widget_value(controls.CAM_METHOD.key, GRAD_CAM)
    if method != GRAD_CAM or widget_value(controls.COUNTERFACTUAL.key, False):
        st.caption(tr("feature_maps.notebook.plain_grad_cam"))  # what the notebook explains
    notebook.notebook_button(
        "fm",
        "feature_maps",
        lambda language: feature_maps_notebook(
            image,
            net.spec.name,
            net.weights == WEIGHTS_IMAGENET,
            layer.path,
            grid.order,
            grid.k,
            grid.chosen,
            cam_layer.path,
            None if target == PREDICTED else int(target),
            language,
        ),
    )
