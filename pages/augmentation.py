"""Augmentation lab: RandomResizedCrop you can see, live (issue 3)."""

import streamlit as st
from PIL import Image

from core import augment as A
from core import augment_views as V
from core.errors import UserFacingError
from core.images import image_digest
from core.theme import theme_for
from ui import augment_widgets as W
from ui.frame import lang, page_header, show_error, theme, tr
from ui.images import image_input


@st.cache_data(max_entries=4, show_spinner=False, hash_funcs={Image.Image: image_digest})
def _display_base(image: Image.Image) -> V.DisplayImage:
    return V.display_base(image)


@st.cache_data(max_entries=32, show_spinner=False)
def _box_statistics(height: int, width: int, scale: tuple, ratio: tuple, seed: int) -> A.BoxStatistics:
    return A.box_statistics(height, width, scale, ratio, A.HISTOGRAM_DRAWS, seed)


@st.cache_resource(max_entries=16, show_spinner=False)
def _histograms(height: int, width: int, scale: tuple, ratio: tuple, seed: int, projector: bool,
                language: str) -> tuple:
    """Both histogram figures, built once per setting for every session (building them is
    most of a rerun's work): shared, so read-only; st.plotly_chart only reads a figure."""
    stats = _box_statistics(height, width, scale, ratio, seed)
    th = theme_for(projector)
    return V.area_histogram(stats, th, language), V.ratio_histogram(stats, th, language)


page_header("common.page.augmentation", "augment.teaches")
W.explain_reversed_link_ranges()
th = theme()

controls, view = st.columns([1, 1.5] if th.projector else [1, 2], gap="large")
with controls:
    loaded = image_input("aug_image")
    st.subheader(tr("augment.controls_title"))
    crop = W.crop_controls()
    extras = W.extras_controls()

try:
    pipeline = A.AugmentPipeline(scale=crop["scale"], ratio=crop["ratio"],
                                 interpolation=crop["interpolation"], extras=extras, size=crop["size"])
    samples = A.sample_pipeline(loaded.image, pipeline, crop["rows"] * crop["cols"], crop["seed"])
except UserFacingError as err:
    with view:
        show_error(err)
    st.stop()
st.session_state[A.SESSION_KEY] = pipeline  # the transfer-learning lab trains with it

image = loaded.image
h, w = pipeline.size
with view:
    st.subheader(tr("augment.boxes_title"))
    st.image(V.draw_crop_boxes(_display_base(image), samples, th), width="stretch")
    st.caption(tr("augment.boxes_caption", width=image.width, height=image.height))
    st.subheader(tr("augment.grid_title", rows=crop["rows"], cols=crop["cols"], h=h, w=w))
    crops_only = bool(extras) and st.toggle(tr("augment.crops_only"), key="aug_crops_only")
    grid = V.render_grid(samples, crop["rows"], crop["cols"], th, crops_only=crops_only)
    st.image(grid, width="stretch" if grid.width >= 600 else "content")
    st.caption(tr("augment.grid_caption_extras" if extras and not crops_only else "augment.grid_caption"))
    fell_back = sum(s.fallback for s in samples)
    if fell_back:
        st.warning(tr("augment.grid_fallback", count=fell_back), icon=":material/center_focus_strong:")

st.subheader(tr("augment.table_title"))
W.sample_table(samples, th)
st.caption(tr("augment.table_caption"))

stats = _box_statistics(image.height, image.width, pipeline.scale, pipeline.ratio, crop["seed"])
st.subheader(tr("augment.dist_title", n=f"{stats.n:,}"))
st.markdown(tr("augment.dist_intro"))
accept = A.acceptance_probability(image.height, image.width, pipeline.scale, pipeline.ratio)
expected = A.expected_fallback_rate(image.height, image.width, pipeline.scale, pipeline.ratio)
pct, n_text = V.format_probability, f"{stats.n:,}"
m1, m2, m3 = st.columns(3)
m1.metric(tr("augment.metric.acceptance"), pct(accept), help=tr("augment.metric.acceptance_help"))
m2.metric(tr("augment.metric.fallback"), pct(stats.fallback_rate), help=tr("augment.metric.fallback_help", n=n_text))
m3.metric(tr("augment.metric.attempts"), f"{stats.mean_attempts:.2f}",
          help=tr("augment.metric.attempts_help", n=n_text))
st.caption(tr("augment.metric.check", n=n_text, measured=pct(stats.attempt_acceptance), calc=pct(accept),
              rate=pct(stats.fallback_rate), expected=pct(expected)))
area_fig, ratio_fig = _histograms(image.height, image.width, pipeline.scale, pipeline.ratio,
                                  crop["seed"], th.projector, lang())
c1, c2 = st.columns(2)
c1.plotly_chart(area_fig, width="stretch", key="rrc_hist_area")
c2.plotly_chart(ratio_fig, width="stretch", key="rrc_hist_ratio")
st.caption(tr("augment.cached_note"))

st.subheader(tr("augment.code_title"))
# side by side on a screen; stacked on a projector, where long code lines would wrap
code_col, notes_col = (st.container(), st.container()) if th.projector else st.columns([3, 2], gap="large")
with code_col:
    st.markdown(f"**{tr('augment.code_torchvision')}**")
    st.code(pipeline.code(seed=crop["seed"], n=len(samples)), language="python", wrap_lines=True)
    st.caption(tr("augment.code_caption", n=len(samples)))
    if loaded.downscaled:
        st.caption(tr("augment.code_caption_downscaled", width=loaded.original_size[0],
                      height=loaded.original_size[1], new_width=image.width, new_height=image.height))
with notes_col:
    st.markdown(f"**{tr('augment.code_mxnet')}**")
    st.code(A.NOTES_MXNET_LINE, language="python", wrap_lines=True)
    st.info(tr("augment.mxnet_note"), icon=":material/info:")

st.success(tr("augment.handover"), icon=":material/model_training:")
st.page_link("pages/transfer_learning.py", label=tr("common.page.transfer"), icon=":material/arrow_forward:")
