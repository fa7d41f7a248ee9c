"""Feature maps: a layer's output read with a forward hook, which channels to show, their
statistics and colour scaling, and the channel numbers a student types."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import torch

from core.common import backbones
from core.common.errors import UserFacingError
from core.feature_maps.hooks import capture_outputs, eval_mode
from core.feature_maps.layers import Layer
from core.feature_maps.network import Network

MAX_MAPS = 64
ORDERS = ("top", "first", "chosen")  # most active channels, the first k, channel numbers
SCALES = ("map", "layer")  # colour scale per map, or one scale for the whole layer
_TOKEN = re.compile(r"^(\d{1,5})(?:-(\d{1,5}))?$")


def parse_channel_list(text: str) -> tuple[int, ...]:
    """``"3, 17, 40-43"`` -> (3, 17, 40, 41, 42, 43); ValueError naming the bad part."""
    if len(text) > 400:
        raise ValueError(text[:20] + "…")
    channels: list[int] = []
    for token in re.split(r"[,;\s]+", re.sub(r"\s*-\s*", "-", text.strip())):
        if not token:
            continue
        match = _TOKEN.match(token)
        if not match:
            raise ValueError(token)
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else first
        if last < first or last - first >= MAX_MAPS:
            raise ValueError(token)
        channels.extend(c for c in range(first, last + 1) if c not in channels)
        if len(channels) > MAX_MAPS:
            raise ValueError(token)
    return tuple(channels)


def chosen_channels(text: str, n_channels: int) -> tuple[int, ...]:
    """The typed channel numbers, checked against this layer; UserFacingError otherwise."""
    try:
        channels = parse_channel_list(text)
    except ValueError as err:
        raise UserFacingError("feature_maps.channels_bad", part=str(err), limit=MAX_MAPS) from None
    if not channels:
        raise UserFacingError("feature_maps.channels_empty")
    too_big = [c for c in channels if c >= n_channels]
    if too_big:
        raise UserFacingError(
            "feature_maps.channels_range", channel=too_big[0], count=n_channels, last=n_channels - 1
        )
    return channels


def feature_maps(network: Network, layer: Layer | str, x: torch.Tensor) -> torch.Tensor:
    """The layer's output for input x (1×3×S×S) as a C×H×W tensor.

    Runs only the layer groups up to the one that contains the layer, with a forward hook on
    the layer's module that is removed before this returns.
    """
    path = layer if isinstance(layer, str) else layer.path
    index, module = network.module(path)
    with (
        torch.inference_mode(),
        eval_mode(network.stages),
        capture_outputs({path: module}) as outputs,
    ):
        backbones.run_stages(list(network.stages), x, stop=index + 1)
    if len(outputs[path]) != 1:
        raise UserFacingError("feature_maps.unknown_layer", layer=path)
    return outputs[path][0][0]


def select_channels(
    maps: torch.Tensor | np.ndarray, order: str, k: int, chosen: tuple[int, ...] = ()
) -> list[int]:
    """Which channels to show: ``top`` k by mean activation, the ``first`` k, or ``chosen``."""
    n = int(maps.shape[0])
    k = max(1, min(int(k), n, MAX_MAPS))
    if order == "first":
        return list(range(k))
    if order == "chosen":
        return [c for c in chosen if 0 <= c < n][:MAX_MAPS]
    means = np.asarray(maps, dtype=np.float64).reshape(n, -1).mean(axis=1)
    return [int(c) for c in np.argsort(-means, kind="stable")[:k]]


def all_channels_shown(order: str, k: int, n_channels: int) -> bool:
    """The student asked for more maps than the layer has channels (so all are shown)."""
    return order != "chosen" and k > n_channels


@dataclass(frozen=True)
class MapStats:
    mean: float
    max: float
    min: float
    zero_share: float  # exactly 0
    negative_share: float  # below 0
    ceiling_share: float  # exactly 6 (ReLU6's upper clip)
    height: int
    width: int


def map_statistics(fmap) -> MapStats:
    a = np.asarray(fmap, dtype=np.float64)
    return MapStats(
        mean=float(a.mean()),
        max=float(a.max()),
        min=float(a.min()),
        zero_share=float((a == 0).mean()),
        negative_share=float((a < 0).mean()),
        ceiling_share=float((a == 6).mean()),
        height=a.shape[-2],
        width=a.shape[-1],
    )


def normalise_maps(maps: np.ndarray, scale: str) -> np.ndarray:
    """Values -> [0, 1] for colouring: each map by its own min..max, or by the layer's."""
    a = np.asarray(maps, dtype=np.float32)
    if scale == "layer":
        lo, hi = float(a.min()), float(a.max())
        return np.clip((a - lo) / (hi - lo), 0, 1) if hi > lo else np.zeros_like(a)
    lo = a.reshape(a.shape[0], -1).min(axis=1)[:, None, None]
    hi = a.reshape(a.shape[0], -1).max(axis=1)[:, None, None]
    span = np.where(hi > lo, hi - lo, 1.0)
    return np.clip((a - lo) / span, 0, 1) * (hi > lo)
