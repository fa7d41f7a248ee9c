"""Feature-map lab (5.4 explainable CNN): what each layer sees, and why the model decided."""

import streamlit as st

from ui.classroom.lesson import lesson_panel
from ui.common.frame import page_header, tr

page_header("common.page.feature_maps", "feature_maps.teaches")
lesson_panel("feature_maps")  # lesson mode: ui.classroom.lesson
st.markdown(tr("feature_maps.definition"))

# imported below the header: sections imports torch, so the header shows while it loads
from core.common.images import image_digest  # noqa: E402
from ui.common.image_input import image_input  # noqa: E402
from ui.common.layout import columns  # noqa: E402
from ui.feature_maps import sections as lab  # noqa: E402
from ui.feature_maps.notebook import notebook_button  # noqa: E402

# One screen: image, model and predictions on the left; the maps / Grad-CAM on the right from
# the top, so they show without scrolling (projector mode too).
controls_column, result_column = columns([1, 2], gap="large")
with controls_column:
    loaded = image_input("fm_image")
    shown = lab.pick_networks(st.container(), st.container())
with result_column:
    if not shown:
        st.info(tr("feature_maps.waiting"))
        st.stop()
image = loaded.image
image_id = image_digest(image)
with controls_column:
    lab.draw_model_view(shown, image, image_id)
    lab.draw_predictions(shown, image, image_id)

result = result_column.container(key="fm_result")
with result:
    maps_tab, filters_tab, cam_tab, sanity_tab = st.tabs(
        [
            tr("feature_maps.tab.maps"),
            tr("feature_maps.tab.filters"),
            tr("feature_maps.tab.cam"),
            tr("feature_maps.tab.sanity"),
        ]
    )
    with maps_tab:
        map_choice = lab.draw_feature_maps(shown, image, image_id)
        st.caption(tr("feature_maps.cache_note"))
    with filters_tab:
        lab.draw_filters(shown)
    with cam_tab:
        cam_choice = lab.draw_grad_cam(shown, image, image_id)
    with sanity_tab:
        lab.draw_sanity(shown, image, image_id)
notebook_button(shown[0].network, image, map_choice, cam_choice)
