"""Plotly figures shared by every session: building them is most of a render's work."""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st

from ui.common.frame import lang, projector


# a feature-map grid carries its maps as a PNG (up to about a megabyte): a few dozen at most
@st.cache_resource(max_entries=48, show_spinner=False)
def _shared_figure(key: tuple, _build: Callable[..., go.Figure], _args: tuple, _kwargs: dict):
    return _build(*_args, **_kwargs)


def shared_figure(key: tuple, build: Callable[..., go.Figure], *args, **kwargs) -> go.Figure:
    """``build(*args, **kwargs)``, built once per ``key`` for every session. ``key`` names
    everything the figure shows (arrays through the weights' fingerprint, image and layer
    they were computed from); the theme and language are added here. Shared, so read-only:
    st.plotly_chart only reads it."""
    return _shared_figure((build.__name__, *key, projector(), lang()), build, args, kwargs)
