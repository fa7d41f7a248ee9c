"""Backbones shared read-only by every session, with download progress and clear errors.

The models returned here are cached per process (``st.cache_resource``): every visitor
gets the same object, so its parameters are frozen and it must never be modified.
Training code copies what it trains. ``require_model`` gives the copy on the device this
process computes on (``core.common.device``: a GPU when there is one); ``shared_model``
is always the CPU one (small demos that build their own inputs use it).
"""

from __future__ import annotations

import copy
import os

import streamlit as st
import torch

from core.common import backbones
from core.common.device import chosen_device, device_choice, device_label
from core.common.errors import UserFacingError
from ui.common.frame import show_error, tr

# Community Cloud gives 1-2 cores; more threads than cores only adds contention.
torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))


@st.cache_resource(max_entries=3, show_spinner=False)
def shared_model(name: str, pretrained: bool = True) -> torch.nn.Module:
    """One frozen, eval-mode model per (name, weights) for the whole process."""
    model = backbones.build_model(name, pretrained=pretrained)
    return model.requires_grad_(False).eval()


@st.cache_resource(max_entries=3, show_spinner=False)
def device_model(name: str, pretrained: bool = True) -> torch.nn.Module:
    """``shared_model`` on the chosen device: the same object on a CPU-only host."""
    model = shared_model(name, pretrained)
    where = chosen_device()
    return model if where.type == "cpu" else copy.deepcopy(model).to(where)


def device_caption() -> None:
    """Which device computes (and why not the one asked for by $CH05_DEVICE)."""
    choice = device_choice()
    text = tr("common.device.runs_on", device=device_label(choice.name))
    if choice.fallback:
        text += " " + tr("common.device.fallback", requested=choice.requested)
    st.caption(text)


def weights_status(spec: backbones.BackboneSpec) -> str:
    """A short caption: bundled, already downloaded, or how much a first use downloads."""
    if spec.offline:
        return tr("common.model.bundled")
    if backbones.weights_available(spec):
        return tr("common.model.cached")
    return tr("common.model.needs_download", mb=spec.download_mb)


def require_model(name: str, key: str, pretrained: bool = True) -> torch.nn.Module | None:
    """The shared model, or None while it still needs the user's go-ahead or a download.

    Large models warn before loading; missing weights download on a button press with a
    progress bar; offline the user is told to use the bundled model.
    """
    try:
        spec = backbones.get_spec(name)
    except UserFacingError as err:
        show_error(err)
        return None
    if spec.large:
        st.warning(
            tr("common.model.too_large", model=spec.label, mb=spec.download_mb, ram=spec.memory_mb)
        )
        if not st.checkbox(tr("common.model.load_anyway"), key=f"{key}_large_ok"):
            return None
    if pretrained and backbones.discard_damaged_weights(spec):
        st.warning(tr("common.model.damaged", model=spec.label))
    if pretrained and not backbones.weights_available(spec):
        st.caption(weights_status(spec))
        if not st.button(
            tr("common.model.download", model=spec.label, mb=spec.download_mb),
            key=f"{key}_download",
            icon=":material/download:",
        ):
            return None
        bar = st.progress(0.0, text=tr("common.model.downloading", model=spec.label))

        def report(done: int, total: int | None) -> None:
            fraction = done / total if total else 0.0
            bar.progress(min(fraction, 1.0), text=f"{spec.label}: {done / 1e6:.1f} MB")

        try:
            backbones.ensure_weights(spec, progress=report)
        except UserFacingError as err:
            bar.empty()
            show_error(err)
            return None
        bar.empty()
    with st.spinner(spec.label):
        return device_model(name, pretrained)
