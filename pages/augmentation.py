"""Augmentation lab: RandomResizedCrop you can see, live."""

import streamlit as st
from PIL import Image

from core.augmentation import views as V
from core.augmentation.controls import NOTES_MXNET_LINE
from core.augmentation.distributions import (
    HISTOGRAM_DRAWS,
    BoxStatistics,
    acceptance_probability,
    box_statistics,
    expected_fallback_rate,
)
from core.augmentation.notebook import augmentation_notebook
from core.augmentation.pipeline import AugmentPipeline
from core.augmentation.sampling import fallback_count, sample_pipeline
from core.common.errors import UserFacingError
from core.common.images import image_digest
from core.common.theme import theme_for
from ui.augmentation import widgets as W
from ui.classroom.lesson import lesson_panel
from ui.common import handover
from ui.common.frame import lang, page_header, show_error, theme, tr
from ui.common.image_input import image_input
from ui.common.layout import columns
from ui.common.notebook import notebook_button


@st.cache_data(max_entries=4, show_spinner=False, hash_funcs={Image.Image: image_digest})
def _display_base(image: Image.Image) -> V.DisplayImage:
    return V.display_base(image)


@st.cache_data(max_entries=32, show_spinner=False)
def _box_statistics(
    height: int, width: int, scale: tuple, ratio: tuple, seed: int
) -> BoxStatistics:
    return box_statistics(height, width, scale, ratio, HISTOGRAM_DRAWS, seed)


@st.cache_resource(max_entries=16, show_spinner=False)
def _histograms(
    height: int, width: int, scale: tuple, ratio: tuple, seed: int, projector: bool, language: str
) -> tuple:
    """Both histogram figures, built once per setting for every session (building them is
    most of a rerun's work): shared, so read-only; st.plotly_chart only reads a figure."""
    stats = _box_statistics(height, width, scale, ratio, seed)
    th = theme_for(projector)
    return V.area_histogram(stats, th, language), V.ratio_histogram(stats, th, language)


def result_view(samples, crop: dict, extras: tuple, image, pipeline, th) -> None:
    """The photo with its crop boxes and the grid of crops (``aug_result``): side by side
    on a projector, so both fit on the first screen; one under the other otherwise."""
    h, w = pipeline.size
    with st.container(key="aug_result"):
        boxes_box, grid_box = (
            st.columns(2, gap="medium") if th.projector else (st.container(), st.container())
        )
    with boxes_box:
        st.subheader(tr("augmentation.boxes_title"))
        st.image(V.draw_crop_boxes(_display_base(image), samples, th), width="stretch")
        st.caption(tr("augmentation.boxes_caption", width=image.width, height=image.height))
    with grid_box:
        st.subheader(tr("augmentation.grid_title", rows=crop["rows"], cols=crop["cols"], h=h, w=w))
        crops_only = bool(extras) and st.toggle(tr("augmentation.crops_only"), key="aug_crops_only")
        grid = V.render_grid(samples, crop["rows"], crop["cols"], th, crops_only=crops_only)
        st.image(grid, width="stretch" if grid.width >= 600 or th.projector else "content")
        st.caption(
            tr(
                "augmentation.grid_caption_extras"
                if extras and not crops_only
                else "augmentation.grid_caption"
            )
        )
        fell_back = fallback_count(samples)
        if fell_back:
            st.warning(
                tr("augmentation.grid_fallback", count=fell_back),
                icon=":material/center_focus_strong:",
            )


@st.fragment
def crop_lab() -> None:
    """Everything the crop controls drive, in one fragment: moving a control reruns this
    part only, not the page's frame (AppTest runs it whole on every run)."""
    th = theme()
    controls, view = st.columns([1, 2.2] if th.projector else [1, 2], gap="large")
    with controls:
        loaded = image_input("aug_image")
        st.subheader(tr("augmentation.controls_title"))
        crop = W.crop_controls()
        extras = W.extras_controls()
    try:
        pipeline = AugmentPipeline(
            scale=crop["scale"],
            ratio=crop["ratio"],
            interpolation=crop["interpolation"],
            extras=extras,
            size=crop["size"],
        )
        samples = sample_pipeline(loaded.image, pipeline, crop["rows"] * crop["cols"], crop["seed"])
    except UserFacingError as err:
        with view:
            show_error(err)
        return
    handover.publish_pipeline(pipeline)  # the transfer-learning lab trains with it
    with view:
        result_view(samples, crop, extras, loaded.image, pipeline, th)
    sample_section(samples, th)
    distribution_section(loaded.image, pipeline, crop["seed"], th)
    code_section(loaded, pipeline, crop, len(samples))
    st.success(tr("augmentation.handover"), icon=":material/model_training:")
    st.page_link(
        "pages/transfer_learning.py",
        label=tr("common.page.transfer_learning"),
        icon=":material/arrow_forward:",
    )


def sample_section(samples, th) -> None:
    st.subheader(tr("augmentation.table_title"))
    W.sample_table(samples, th)
    st.caption(tr("augmentation.table_caption"))


def distribution_section(image, pipeline, seed: int, th) -> None:
    """Where RandomResizedCrop's boxes fall over many draws: acceptance, fallback, histograms."""
    stats = _box_statistics(image.height, image.width, pipeline.scale, pipeline.ratio, seed)
    st.subheader(tr("augmentation.dist_title", n=f"{stats.n:,}"))
    st.markdown(tr("augmentation.dist_intro"))
    accept = acceptance_probability(image.height, image.width, pipeline.scale, pipeline.ratio)
    expected = expected_fallback_rate(image.height, image.width, pipeline.scale, pipeline.ratio)
    pct, n_text = V.format_probability, f"{stats.n:,}"
    m1, m2, m3 = st.columns(3)
    m1.metric(
        tr("augmentation.metric.acceptance"),
        pct(accept),
        help=tr("augmentation.metric.acceptance_help"),
    )
    m2.metric(
        tr("augmentation.metric.fallback"),
        pct(stats.fallback_rate),
        help=tr("augmentation.metric.fallback_help", n=n_text),
    )
    m3.metric(
        tr("augmentation.metric.attempts"),
        f"{stats.mean_attempts:.2f}",
        help=tr("augmentation.metric.attempts_help", n=n_text),
    )
    st.caption(
        tr(
            "augmentation.metric.check",
            n=n_text,
            measured=pct(stats.attempt_acceptance),
            calc=pct(accept),
            rate=pct(stats.fallback_rate),
            expected=pct(expected),
        )
    )
    # drawn on request: the page's only charts, so a closed section spares every first
    # screen loading plotly.js and every control change redrawing them
    with st.expander(
        tr("augmentation.hist.show", n=n_text), key="aug_hist_open", on_change="rerun"
    ) as charts:
        if charts.open:
            area_fig, ratio_fig = _histograms(
                image.height,
                image.width,
                pipeline.scale,
                pipeline.ratio,
                seed,
                th.projector,
                lang(),
            )
            c1, c2 = st.columns(2)
            c1.plotly_chart(area_fig, width="stretch", key="aug_hist_area")
            c2.plotly_chart(ratio_fig, width="stretch", key="aug_hist_ratio")
    st.caption(tr("augmentation.cached_note"))


def code_section(loaded, pipeline, crop: dict, n: int) -> None:
    """The same pipeline in torchvision (and the notes' MXNet line), and the notebook."""
    image = loaded.image
    st.subheader(tr("augmentation.code_title"))
    notebook_button(
        "aug",
        "augmentation",
        lambda language: augmentation_notebook(
            image, pipeline, crop["seed"], crop["rows"], crop["cols"], language
        ),
    )
    # side by side on a screen; stacked on a projector, where long code lines would wrap
    code_col, notes_col = columns([3, 2], projector_per_row=1, gap="large")
    with code_col:
        st.markdown(f"**{tr('augmentation.code_torchvision')}**")
        st.code(pipeline.code(seed=crop["seed"], n=n), language="python", wrap_lines=True)
        st.caption(tr("augmentation.code_caption", n=n))
        if loaded.downscaled:
            st.caption(
                tr(
                    "augmentation.code_caption_downscaled",
                    width=loaded.original_size[0],
                    height=loaded.original_size[1],
                    new_width=image.width,
                    new_height=image.height,
                )
            )
    with notes_col:
        st.markdown(f"**{tr('augmentation.code_mxnet')}**")
        st.code(NOTES_MXNET_LINE, language="python", wrap_lines=True)
        st.info(tr("augmentation.mxnet_note"), icon=":material/info:")


page_header("common.page.augmentation", "augmentation.teaches")
lesson_panel("augmentation")  # lesson mode: ui.classroom.lesson
W.explain_reversed_link_ranges()
crop_lab()
