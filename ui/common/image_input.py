"""One image picker for every lab: a bundled sample, an upload or the camera."""

from __future__ import annotations

import streamlit as st

from core.common.errors import UserFacingError
from core.common.images import TINY_SIDE, UPLOAD_EXTENSIONS, LoadedImage, load_image
from core.common.samples import DEFAULT_SAMPLE, load_sample, sample_control
from ui.common.controls import control
from ui.common.frame import show_error, tr

SOURCES = ("sample", "upload", "camera")


@st.cache_data(max_entries=16, show_spinner=False)
def _decoded(data: bytes) -> LoadedImage:
    return load_image(data)


@st.cache_data(max_entries=8, show_spinner=False)
def _sample(name: str) -> LoadedImage:
    return load_sample(name)


def image_input(key: str) -> LoadedImage:
    """Draw the picker (widget keys start with ``key``) and return the chosen image.

    A bad upload shows a translated message and the sample photo stays in use.
    """
    source = st.segmented_control(
        tr("common.image.source"),
        SOURCES,
        key=f"{key}_source",
        default="sample",
        required=True,
        format_func=lambda s: tr(f"common.image.{s}"),
    )
    name = control(sample_control(key)) or DEFAULT_SAMPLE
    data = None
    if source == "upload":
        upload = st.file_uploader(
            tr("common.image.upload_label"), type=UPLOAD_EXTENSIONS, key=f"{key}_upload"
        )
        data = upload.getvalue() if upload is not None else None
    elif source == "camera":
        shot = st.camera_input(tr("common.image.camera_label"), key=f"{key}_camera")
        data = shot.getvalue() if shot is not None else None
    if source != "sample" and data is None:
        st.caption(tr("common.image.waiting"))
    if data is not None:
        try:
            loaded = _decoded(data)
        except UserFacingError as err:
            show_error(err)
            st.info(tr("common.image.sample_instead"), icon=":material/photo:")
        else:
            if loaded.tiny:
                width, height = loaded.image.size
                st.warning(tr("common.image.tiny", width=width, height=height, side=TINY_SIDE))
            if loaded.downscaled:
                st.caption(
                    tr(
                        "common.image.downscaled",
                        width=loaded.original_size[0],
                        height=loaded.original_size[1],
                        new_width=loaded.image.width,
                        new_height=loaded.image.height,
                    )
                )
            return loaded
    return _sample(name)
