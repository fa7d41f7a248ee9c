"""Layout and page-edge caching of the feature-map lab (pages/feature_maps.py).

Everything shown is computed by ``core.feature_maps.explain``; this module only draws widgets, caches
results per (model weights, image, layer) with ``st.cache_data`` and lays them out, one
column per network (two when comparing).
"""

from __future__ import annotations

import dataclasses
from typing import NamedTuple

import numpy as np
import streamlit as st

from core.common import backbones
from core.common.errors import UserFacingError
from core.common.params import BoolParam
from core.feature_maps import explain, figures
from ui.common import handover
from ui.common.frame import lang, projector, show_error, theme, tr
from ui.common.models import require_model
from ui.common.state import url_bound

FOCUS_KEY = "fm_focus"
GROUP_KEY = "fm_group"
PLOT_CONFIG = {"displayModeBar": False}


def row(*widths: float, gap: str = "small") -> list:
    """Side-by-side columns; in projector mode one column, so big controls are never cut."""
    if projector():
        box = st.container()
        return [box] * len(widths)
    return st.columns(list(widths), gap=gap)


class Shown(NamedTuple):
    network: explain.Network
    title: str


# ---------------------------------------------------------------- cached computations


def token(network: explain.Network) -> str:
    return network.fingerprint


@st.cache_data(max_entries=8, show_spinner=False)
def _layers(weights_token: str, _network: explain.Network) -> list[explain.Layer]:
    return explain.list_layers(_network)


@st.cache_data(max_entries=8, show_spinner=False)
def _view(spec_name: str, resolution: int, image_id: str, _network, _image):
    return explain.model_view(_network, _image)


@st.cache_data(max_entries=16, show_spinner=False)
def _maps(weights_token: str, image_id: str, path: str, _network, _image) -> np.ndarray:
    x = explain.model_input(_network, _image)
    return explain.feature_maps(_network, path, x).numpy().astype(np.float32)


@st.cache_data(max_entries=16, show_spinner=False)
def _cam(weights_token: str, image_id: str, path: str, target: int | None, _network, _image):
    x = explain.model_input(_network, _image)
    return explain.grad_cam(_network, path, x, target)


@st.cache_data(max_entries=16, show_spinner=False)
def _predictions(weights_token: str, image_id: str, _network, _image):
    return explain.predict(_network, _image, k=5)


@st.cache_data(max_entries=8, show_spinner=False)
def _filters(weights_token: str, _network):
    path, conv = explain.first_conv(_network)
    return path, explain.filter_images(conv.weight)


def layers_of(network: explain.Network) -> list[explain.Layer]:
    return _layers(token(network), network)


def view_of(network: explain.Network, image, image_id: str):
    return _view(network.spec.name, network.resolution, image_id, network, image)


# ---------------------------------------------------------------- model choice


def _model_names(finetuned: dict) -> dict[str, str]:
    names = {name: spec.label for name, spec in backbones.REGISTRY.items()}
    for label, ft in finetuned.items():
        names[explain.FINETUNED_PREFIX + label] = tr(
            "feature_maps.model_finetuned",
            label=label,
            backbone=backbones.get_spec(ft.backbone).label,
        )
    return names


def pick_networks(model_box, weights_box) -> list[Shown] | None:
    """Model and weights widgets (in the given containers); the network(s) to show, or None
    while a model waits for a download or a confirmation."""
    finetuned = handover.finetuned_models()
    param = explain.param_model(tuple(finetuned))
    url_bound("fm_model", param)
    names = _model_names(finetuned)
    choice = model_box.selectbox(
        tr("feature_maps.model"), param.options, key="fm_model", format_func=names.__getitem__
    )
    if not finetuned:
        model_box.caption(tr("feature_maps.no_finetuned"))
    ft = (
        finetuned.get(choice[len(explain.FINETUNED_PREFIX) :])
        if choice.startswith(explain.FINETUNED_PREFIX)
        else None
    )
    allowed = explain.FINETUNED_WEIGHTS if ft is not None else explain.BACKBONE_WEIGHTS
    url_bound("fm_weights", explain.PARAM_WEIGHTS, allowed)
    weights = weights_box.segmented_control(
        tr("feature_maps.weights"),
        allowed,
        key="fm_weights",
        required=True,
        format_func=lambda w: tr(f"feature_maps.weights.{w}"),
        help=tr("feature_maps.weights.compare_help"),
    )
    compare = weights == explain.WEIGHTS_COMPARE
    with model_box:
        return _load(choice, ft, weights, compare)


def _load(choice: str, ft, weights: str, compare: bool) -> list[Shown] | None:
    shown: list[Shown] = []
    if ft is None:
        spec = backbones.get_spec(choice)
        if weights in (explain.WEIGHTS_IMAGENET, explain.WEIGHTS_COMPARE):
            model = require_model(choice, "fm_load", pretrained=True)
            if model is None:
                return None
            shown.append(
                Shown(
                    explain.backbone_network(model, spec, True),
                    tr("feature_maps.column.imagenet", model=spec.label),
                )
            )
        if weights in (explain.WEIGHTS_RANDOM, explain.WEIGHTS_COMPARE):
            if compare and spec.large:  # one "load anyway" answer is enough
                st.session_state["fm_load_random_large_ok"] = st.session_state.get(
                    "fm_load_large_ok", False
                )
            model = require_model(choice, "fm_load_random", pretrained=False)
            if model is None:
                return None
            shown.append(
                Shown(
                    explain.backbone_network(model, spec, False),
                    tr("feature_maps.column.random", model=spec.label),
                )
            )
    else:
        main = explain.finetuned_network(ft)
        if weights in (explain.WEIGHTS_FINETUNED, explain.WEIGHTS_COMPARE):
            shown.append(Shown(main, tr("feature_maps.column.finetuned", model=main.label)))
        if weights in (explain.WEIGHTS_IMAGENET, explain.WEIGHTS_COMPARE):
            model = require_model(ft.backbone, "fm_load", pretrained=True)
            if model is None:
                return None
            start = explain.backbone_network(model, main.spec, True)
            # the same input size as the fine-tuned run, so the maps line up
            shown.append(
                Shown(
                    dataclasses.replace(start, resolution=main.resolution),
                    tr("feature_maps.column.start", model=main.spec.label),
                )
            )
    return shown


# ---------------------------------------------------------------- input and predictions


def draw_model_view(shown: list[Shown], image, image_id: str) -> None:
    network = shown[0].network
    narrow = len(shown) > 1 and not projector()  # a quarter of the page when comparing
    st.image(
        view_of(network, image, image_id),
        width="stretch" if narrow else 260,
        caption=tr("feature_maps.model_view", size=network.resolution),
    )


def draw_predictions(shown: list[Shown], image, image_id: str) -> None:
    for i, ((network, title), column) in enumerate(zip(shown, st.columns(len(shown)))):
        with column:
            try:
                predictions = _predictions(token(network), image_id, network, image)
            except UserFacingError as err:
                show_error(err)
                continue
            heading = (
                tr("feature_maps.predictions")
                if network.imagenet
                else tr("feature_maps.predictions_classes", count=len(network.class_names))
            )
            fig = figures.predictions_figure(
                predictions, theme(), f"{heading}<br><sup>{title}</sup>"
            )
            st.plotly_chart(fig, width="stretch", config=PLOT_CONFIG, key=f"fm_pred_{i}")
    if any(s.network.weights == explain.WEIGHTS_RANDOM for s in shown):
        st.caption(tr("feature_maps.random_note"))


# ---------------------------------------------------------------- feature maps


def draw_layer_picker(layers: list[explain.Layer]) -> explain.Layer:
    """Two selects: the layer group, then a layer inside it (``fm_layer`` is the truth)."""
    default = explain.default_map_layer(layers).path
    path = url_bound("fm_layer", explain.param_layer(layers, default))
    current = explain.find_layer(layers, path)
    groups = explain.group_outputs(layers)
    by_stage = {g.stage_index: g for g in groups}
    st.session_state[GROUP_KEY] = current.stage_index

    def group_changed() -> None:
        st.session_state["fm_layer"] = by_stage[st.session_state[GROUP_KEY]].path

    left, right = row(1, 2)
    left.selectbox(
        tr("feature_maps.layer.group"),
        list(by_stage),
        key=GROUP_KEY,
        format_func=lambda i: explain.group_label(by_stage[i]),
        on_change=group_changed,
    )
    in_group = [layer for layer in layers if layer.stage_index == current.stage_index]
    labels = {layer.path: explain.layer_label(layer, lang()) for layer in in_group}
    chosen = right.selectbox(
        tr("feature_maps.layer.layer"),
        list(labels),
        key="fm_layer",
        format_func=labels.__getitem__,
        help=tr("feature_maps.layer.help"),
    )
    return explain.find_layer(layers, chosen)


def _grid_clicked(key: str) -> None:
    event = st.session_state.get(key)
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    for point in points:
        data = point.get("customdata")
        if isinstance(data, (list, tuple)):
            data = data[0] if data else None
        if data is not None:
            st.session_state[FOCUS_KEY] = int(data)
            return


def draw_feature_maps(shown: list[Shown], image, image_id: str) -> None:
    main = shown[0].network
    layers = layers_of(main)
    layer = draw_layer_picker(layers)
    n_channels = layer.shape[0]

    c1, c2 = row(1, 2)
    url_bound("fm_topk", explain.param_topk(projector()))
    k = c1.slider(tr("feature_maps.topk"), 1, explain.MAX_MAPS, key="fm_topk")
    url_bound("fm_order", explain.PARAM_ORDER)
    order = c2.segmented_control(
        tr("feature_maps.order"),
        explain.ORDERS,
        key="fm_order",
        required=True,
        help=tr("feature_maps.order.top_help"),
        format_func=lambda o: tr(f"feature_maps.order.{o}"),
    )
    chosen: tuple[int, ...] = ()
    if order == "chosen":
        url_bound("fm_channels", explain.PARAM_CHANNELS)  # typed text stays, even when wrong
        text = c2.text_input(
            tr("feature_maps.channels"), key="fm_channels", placeholder="0, 5, 12-15"
        )
        try:
            chosen = explain.chosen_channels(text, n_channels)
        except UserFacingError as err:
            with c2:
                show_error(err)
            order = "top"
    c3, c4 = row(1, 2)
    url_bound("fm_scale", explain.PARAM_SCALE)
    scale = c3.segmented_control(
        tr("feature_maps.scale"),
        explain.SCALES,
        key="fm_scale",
        required=True,
        format_func=lambda s: tr(f"feature_maps.scale.{s}"),
    )
    url_bound("fm_overlay", BoolParam(False))
    overlay = c3.toggle(tr("feature_maps.overlay"), key="fm_overlay")
    c4.caption(tr(f"feature_maps.scale.{scale}_explain"))
    if order != "chosen" and k > n_channels:
        st.caption(tr("feature_maps.only_channels", count=n_channels))

    compare = len(shown) > 1
    columns_per_grid = (4 if projector() else 8) // (2 if compare else 1)
    width_px = 900 if not compare else 440  # about the main column at 1400 px
    computed = []
    for network, title in shown:
        with st.spinner(tr("feature_maps.tab.maps")):
            maps = _maps(token(network), image_id, layer.path, network, image)
        computed.append((network, title, maps, explain.select_channels(maps, order, k, chosen)))

    focus_options = computed[0][3]
    if st.session_state.get(FOCUS_KEY) not in focus_options:
        st.session_state[FOCUS_KEY] = focus_options[0]
    focus = st.session_state[FOCUS_KEY]

    st.caption(tr("feature_maps.grid.click_hint"))
    for i, ((network, title, maps, channels), column) in enumerate(
        zip(computed, st.columns(len(computed)))
    ):
        with column:
            st.markdown(f"**{title}**")
            if network.weights == explain.WEIGHTS_FINETUNED and compare:
                same = explain.stages_unchanged(network, shown[1].network, layer.stage_index)
                st.caption(
                    tr("feature_maps.frozen_same" if same else "feature_maps.frozen_changed")
                )
            photo = view_of(network, image, image_id) if overlay else None
            fig = figures.feature_grid_figure(
                maps,
                channels,
                theme(),
                lang(),
                scale=scale,
                columns=columns_per_grid,
                photo=photo,
                width_px=width_px,
                focus=focus,
            )
            key = f"fm_grid_{i}"
            st.plotly_chart(
                fig,
                key=key,
                on_select=lambda key=key: _grid_clicked(key),
                selection_mode="points",
                width="stretch",
                config=PLOT_CONFIG,
            )
            st.caption(
                tr(
                    "feature_maps.grid.caption",
                    count=len(channels),
                    layer=layer.path,
                    shape=explain.shape_text(layer.shape),
                )
            )

    st.divider()
    st.selectbox(
        tr("feature_maps.focus"), focus_options, key=FOCUS_KEY, format_func=lambda c: f"#{c}"
    )
    for i, ((network, title, maps, _), column) in enumerate(
        zip(computed, st.columns(len(computed)))
    ):
        with column:
            draw_focus(layer, maps, focus, title if compare else None, key=f"fm_focus_fig_{i}")
    draw_hook_code(layer, main.resolution)


def draw_focus(
    layer: explain.Layer, maps: np.ndarray, channel: int, title: str | None, key: str
) -> None:
    fmap = maps[channel]
    stats = explain.map_statistics(fmap)
    heading = tr("feature_maps.focus.title", channel=channel, layer=layer.path)
    if title:
        heading = f"{heading}<br><sup>{title}</sup>"
    st.plotly_chart(
        figures.focus_map_figure(fmap, theme(), heading),
        width="stretch",
        config=PLOT_CONFIG,
        key=key,
    )
    st.markdown(
        f"| {tr('feature_maps.stats.mean')} | {tr('feature_maps.stats.max')} | {tr('feature_maps.stats.min')}"
        f" | {tr('feature_maps.stats.zero')} | {tr('feature_maps.stats.negative')} |\n"
        "|---:|---:|---:|---:|---:|\n"
        f"| {stats.mean:.3f} | {stats.max:.3f} | {stats.min:.3f} | {stats.zero_share:.1%}"
        f" | {stats.negative_share:.1%} |"
    )
    st.markdown(explain.activation_sentence(layer, stats, lang()))


HOOK_CODE = """import torch

maps = {{}}
layer = model.get_submodule("{path}")
handle = layer.register_forward_hook(
    lambda module, inputs, output: maps.update(out=output.detach().clone()))
try:
    with torch.inference_mode():
        model(x)  # x: 1×3×{size}×{size}, normalised like the training images
finally:
    handle.remove()  # never leave a hook behind
print(maps["out"].shape)  # 1×{shape}"""


def draw_hook_code(layer: explain.Layer, resolution: int) -> None:
    with st.expander(tr("feature_maps.code.title")):
        st.code(
            HOOK_CODE.format(
                path=layer.path, size=resolution, shape=explain.shape_text(layer.shape)
            ),
            language="python",
        )


# ---------------------------------------------------------------- filters


def draw_filters(shown: list[Shown]) -> None:
    compare = len(shown) > 1
    columns = 8 if (compare or projector()) else 16
    for i, ((network, title), column) in enumerate(zip(shown, st.columns(len(shown)))):
        with column:
            try:
                path, images = _filters(token(network), network)
            except UserFacingError as err:
                show_error(err)
                continue
            st.markdown(f"**{title}**")
            st.plotly_chart(
                figures.filters_figure(images, theme(), columns=columns),
                width="stretch",
                config=PLOT_CONFIG,
                key=f"fm_filters_{i}",
            )
            st.caption(
                tr(
                    "feature_maps.filters.caption",
                    layer=path,
                    count=images.shape[0],
                    kh=images.shape[1],
                    kw=images.shape[2],
                )
            )
    st.markdown(tr("feature_maps.filters.lesson"))


# ---------------------------------------------------------------- Grad-CAM


def draw_grad_cam(shown: list[Shown], image, image_id: str) -> None:
    main = shown[0].network
    layers = layers_of(main)
    labels = {layer.path: explain.layer_label(layer, lang()) for layer in layers}
    url_bound("fm_cam_layer", explain.param_layer(layers, explain.default_cam_layer(layers).path))
    left, right = row(3, 2)
    path = left.selectbox(
        tr("feature_maps.cam.layer"),
        list(labels),
        key="fm_cam_layer",
        format_func=labels.__getitem__,
        help=tr("feature_maps.cam.default_layer"),
    )
    layer = explain.find_layer(layers, path)
    names = main.class_names
    requested = url_bound("fm_cam_class", explain.PARAM_CAM_CLASS)
    if requested >= len(names):
        st.caption(tr("feature_maps.class_reset", target=requested))
        st.session_state["fm_cam_class"] = explain.PREDICTED
        st.query_params["fm_cam_class"] = str(explain.PREDICTED)
    options = [explain.PREDICTED, *range(len(names))]
    target = right.selectbox(
        tr("feature_maps.cam.class"),
        options,
        key="fm_cam_class",
        format_func=lambda c: (
            tr("feature_maps.cam.predicted") if c == explain.PREDICTED else f"{c} · {names[c]}"
        ),
    )

    st.markdown(tr("feature_maps.cam.explain"))
    st.latex(
        r"\alpha_k^c = \frac{1}{Z}\sum_{i}\sum_{j}\frac{\partial y^c}{\partial A^k_{ij}}"
        r"\qquad L^c_{\mathrm{Grad\text{-}CAM}} = \mathrm{ReLU}\Big(\sum_k \alpha_k^c A^k\Big)"
    )

    resolved = None
    for i, ((network, title), column) in enumerate(zip(shown, st.columns(len(shown)))):
        with column:
            if i == 0:
                wanted = None if target == explain.PREDICTED else int(target)
            else:
                same_classes = network.class_names == main.class_names
                wanted = resolved if same_classes else None
            try:
                with st.spinner("Grad-CAM"):
                    cam = _cam(token(network), image_id, layer.path, wanted, network, image)
            except UserFacingError as err:
                show_error(err)
                continue
            if i == 0:
                resolved = cam.target
            fig = figures.cam_figure(
                view_of(network, image, image_id),
                cam.heatmap,
                theme(),
                lang(),
                tr("feature_maps.cam.title", label=cam.target_label, p=cam.probability)
                + f"<br><sup>{title}</sup>",
            )
            st.plotly_chart(fig, width="stretch", config=PLOT_CONFIG, key=f"fm_cam_fig_{i}")
            if i > 0:
                st.caption(
                    tr("feature_maps.cam.same_class", label=names[resolved])
                    if same_classes
                    else tr("feature_maps.cam.own_class")
                )
            if not np.any(cam.cam > 0):
                st.info(tr("feature_maps.cam.empty"))
    st.caption(tr("feature_maps.cam.convention", h=layer.shape[1], w=layer.shape[2]))
