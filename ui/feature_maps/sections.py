"""Layout and page-edge caching of the feature-map lab (pages/feature_maps.py).

Everything shown is computed by ``core.feature_maps``; this module only draws the declared
controls, caches results per (model weights, image, layer) with ``st.cache_data`` and lays
them out, one column per network (two when comparing).
"""

from __future__ import annotations

import dataclasses
from typing import NamedTuple

import numpy as np
import streamlit as st

from core.common import backbones
from core.common.class_names import class_hover, class_name, hover_note
from core.common.errors import UserFacingError
from core.common.markdown import literal
from core.common.selection import selected_ids
from core.feature_maps import controls, figures, gradcam, layers, maps, network, sanity, words
from core.feature_maps.controls import PREDICTED, WEIGHTS_COMPARE
from core.feature_maps.layers import Layer
from core.feature_maps.network import WEIGHTS_FINETUNED, WEIGHTS_IMAGENET, WEIGHTS_RANDOM, Network
from ui.common import handover
from ui.common.controls import control, control_value
from ui.common.figures import shared_figure
from ui.common.frame import lang, projector, show_error, theme, tr
from ui.common.layout import columns
from ui.common.models import device_caption, device_model, require_model
from ui.common.state import set_widget_value, widget_value
from ui.feature_maps.state import FOCUS_KEY, GROUP_KEY, lab_state

PLOT_CONFIG = {"displayModeBar": False}
LOAD_KEY = "fm_load"  # require_model's widgets: one "load anyway" answer per model


class Shown(NamedTuple):
    network: Network
    title: str


def side_by_side(*widths: float, gap: str = "small") -> list:
    """Columns of these widths; stacked in projector mode, where big controls need the room."""
    return columns(list(widths), projector_per_row=1, gap=gap)


# ---------------------------------------------------------------- cached computations


def token(net: Network) -> str:
    return net.fingerprint


@st.cache_data(max_entries=8, show_spinner=False)
def _layers(weights_token: str, _network: Network) -> list[Layer]:
    return layers.list_layers(_network)


@st.cache_data(max_entries=8, show_spinner=False)
def _view(spec_name: str, resolution: int, image_id: str, _network, _image):
    return network.model_view(_network, _image)


@st.cache_data(max_entries=16, show_spinner=False)
def _maps(weights_token: str, image_id: str, path: str, _network, _image) -> np.ndarray:
    x = network.model_input(_network, _image)
    return maps.feature_maps(_network, path, x).numpy().astype(np.float32)


@st.cache_data(max_entries=16, show_spinner=False)
def _cam(
    weights_token: str,
    image_id: str,
    path: str,
    target: int | None,
    method: str,
    counterfactual: bool,
    _network,
    _image,
):
    x = network.model_input(_network, _image)
    return gradcam.grad_cam(_network, path, x, target, method, counterfactual)


@st.cache_data(max_entries=8, show_spinner=False)
def _group_cams(weights_token: str, image_id: str, target: int | None, _network, _image):
    x = network.model_input(_network, _image)
    groups = layers.group_outputs(layers.list_layers(_network))
    return gradcam.group_cams(_network, groups, x, target)


@st.cache_data(max_entries=8, show_spinner=False)
def _cascade(
    weights_token: str, image_id: str, path: str, method: str, target: int, _network, _image
):
    x = network.model_input(_network, _image)
    return sanity.cascade(_network, path, x, method, target)


@st.cache_data(max_entries=16, show_spinner=False)
def _predictions(weights_token: str, image_id: str, _network, _image):
    return network.predict(_network, _image, k=5)


@st.cache_data(max_entries=8, show_spinner=False)
def _filters(weights_token: str, _network):
    path, conv = network.first_conv(_network)
    return path, network.filter_images(conv.weight)


@st.cache_resource(max_entries=6, show_spinner=False)
def _shared_network(name: str, pretrained: bool, model_id: int, _model) -> Network:
    """One Network per shared model, so its weights' fingerprint (every cache key below) is
    computed once per process, not at every run; a rebuilt model gets its own."""
    return network.backbone_network(_model, backbones.get_spec(name), pretrained)


def shared_network(name: str, model, pretrained: bool) -> Network:
    return _shared_network(name, pretrained, id(model), model)


def names_key(class_names: tuple[str, ...]) -> tuple[int, int]:
    """A cache key for a class-name list (Streamlit's own hashing walks 1000 names slowly)."""
    return len(class_names), hash(class_names)


@st.cache_resource(max_entries=8, show_spinner=False)
def _class_choices(names: tuple[int, int], language: str, _class_names) -> dict[int, str]:
    options = controls.class_options(len(_class_names))
    return {c: words.class_choice(c, _class_names, language) for c in options}


def layers_of(net: Network) -> list[Layer]:
    return _layers(token(net), net)


def view_of(net: Network, image, image_id: str):
    return _view(net.spec.name, net.resolution, image_id, net, image)


# ---------------------------------------------------------------- model choice


def _model_names(finetuned: dict) -> dict[str, str]:
    names = {name: spec.label for name, spec in backbones.REGISTRY.items()}
    for label, ft in finetuned.items():
        names[controls.FINETUNED_PREFIX + label] = words.finetuned_name(ft, lang())
    return names


def pick_networks(model_box, weights_box) -> list[Shown] | None:
    """Model and weights widgets (in the given containers); the network(s) to show, or None
    while a model waits for a download or a confirmation."""
    finetuned = handover.finetuned_models()
    names = _model_names(finetuned)
    with model_box:
        choice = control(
            controls.MODEL,
            allowed=controls.model_options(tuple(finetuned)),
            format_func=names.__getitem__,
        )
        if not finetuned:
            st.caption(tr("feature_maps.no_finetuned"))
    label = controls.finetuned_label(choice)
    ft = finetuned.get(label) if label is not None else None
    if ft is not None and ft.label:
        with model_box:
            st.caption(tr("feature_maps.finetuned_run", label=ft.label))
    with weights_box:
        weights = control(controls.WEIGHTS, allowed=controls.weights_options(ft is not None))
    with model_box:
        shown = _load_backbone(choice, weights) if ft is None else _load_finetuned(ft, weights)
        device_caption()
        return shown


def _load_backbone(choice: str, weights: str) -> list[Shown] | None:
    spec = backbones.get_spec(choice)
    shown: list[Shown] = []
    if weights in (WEIGHTS_IMAGENET, WEIGHTS_COMPARE):
        model = require_model(choice, LOAD_KEY, pretrained=True)
        if model is None:
            return None
        net = shared_network(choice, model, True)
        shown.append(Shown(net, tr("feature_maps.column.imagenet", model=spec.label)))
    if weights in (WEIGHTS_RANDOM, WEIGHTS_COMPARE):
        model = _random_model(choice, spec.label, asked=weights == WEIGHTS_COMPARE)
        if model is None:
            return None
        net = shared_network(choice, model, False)
        shown.append(Shown(net, tr("feature_maps.column.random", model=spec.label)))
    return shown


def _random_model(name: str, label: str, asked: bool):
    """The random-weight copy; when comparing, the student already agreed to load this model
    for its ImageNet copy, so a large model is not confirmed a second time."""
    if not asked:
        return require_model(name, LOAD_KEY, pretrained=False)
    with st.spinner(label):
        return device_model(name, pretrained=False)


def _load_finetuned(ft, weights: str) -> list[Shown] | None:
    main = network.finetuned_network(ft)
    shown: list[Shown] = []
    if weights in (WEIGHTS_FINETUNED, WEIGHTS_COMPARE):
        shown.append(Shown(main, words.finetuned_name(ft, lang())))
    if weights in (WEIGHTS_IMAGENET, WEIGHTS_COMPARE):
        model = require_model(ft.backbone, LOAD_KEY, pretrained=True)
        if model is None:
            return None
        start = shared_network(ft.backbone, model, True)
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
    net = shown[0].network
    narrow = len(shown) > 1 and not projector()  # a quarter of the page when comparing
    st.image(
        view_of(net, image, image_id),
        width="stretch" if narrow else 260,
        caption=tr("feature_maps.model_view", size=net.resolution),
    )


def draw_predictions(shown: list[Shown], image, image_id: str) -> None:
    """One chart per network, one below the other (the page's controls column is narrow)."""
    for i, (net, title) in enumerate(shown):
        try:
            predictions = _predictions(token(net), image_id, net, image)
        except UserFacingError as err:
            show_error(err)
            continue
        heading = (
            tr("feature_maps.predictions")
            if net.imagenet
            else tr("feature_maps.predictions_classes", count=len(net.class_names))
        )
        title = f"{heading}<br><sup>{title}</sup>"
        fig = shared_figure(
            (token(net), image_id, names_key(net.class_names), title),
            figures.predictions_figure,
            *(predictions, net.class_names, theme(), lang(), title),
        )
        st.plotly_chart(fig, width="stretch", config=PLOT_CONFIG, key=f"fm_pred_{i}", theme=None)
    if any(s.network.weights == WEIGHTS_RANDOM for s in shown):
        st.caption(tr("feature_maps.random_note"))


# ---------------------------------------------------------------- feature maps


def draw_layer_picker(all_layers: list[Layer]) -> Layer:
    """Two selects: the layer group, then a layer inside it (``fm_layer`` is the truth; the
    group only follows it, and choosing a group moves the layer to the group's output)."""
    default = layers.default_map_layer(all_layers).path
    paths = [layer.path for layer in all_layers]
    current = layers.find_layer(
        all_layers, control_value(controls.LAYER, allowed=paths, fallback=default)
    )
    by_stage = {g.stage_index: g for g in layers.group_outputs(all_layers)}
    lab_state().group = current.stage_index

    def group_changed() -> None:
        set_widget_value(controls.LAYER.key, by_stage[lab_state().group].path)

    left, right = st.columns([1, 2])  # one row, so the grid starts higher
    left.selectbox(
        tr("feature_maps.layer.group"),
        list(by_stage),
        key=GROUP_KEY,
        format_func=lambda i: words.group_label(by_stage[i]),
        on_change=group_changed,
    )
    in_group = [layer for layer in all_layers if layer.stage_index == current.stage_index]
    labels = {layer.path: words.layer_label(layer, lang()) for layer in in_group}
    with right:
        chosen = control(
            controls.LAYER,
            allowed=list(labels),
            fallback=current.path,
            format_func=labels.__getitem__,
        )
    return layers.find_layer(all_layers, chosen)


class GridSettings(NamedTuple):
    k: int
    order: str
    chosen: tuple[int, ...]
    scale: str
    overlay: bool


EMPTY_CHANNELS = "feature_maps.channels_empty"


def draw_grid_settings(n_channels: int) -> GridSettings:
    """How many maps, which channels, the colour scale and the overlay, in one row of a
    panel that starts folded on a projector, so the grid itself shows on the first screen."""
    with st.expander(
        tr("feature_maps.grid.settings"),
        expanded=not projector(),
        icon=":material/tune:",
        key="fm_grid_settings",
    ):
        return _grid_settings(n_channels)


def _grid_settings(n_channels: int) -> GridSettings:
    c1, c2, c3 = st.columns(3)
    with c1:
        k = control(controls.topk(projector()))
        overlay = control(controls.OVERLAY)
    with c2:
        order = control(controls.ORDER)
        chosen: tuple[int, ...] = ()
        if order == "chosen":
            text = control(controls.CHANNELS, placeholder="0, 5, 12-15")
            try:
                chosen = maps.chosen_channels(text, n_channels)
            except UserFacingError as err:
                if err.key == EMPTY_CHANNELS:  # nothing typed yet: a prompt, not an error
                    st.info(tr(err.key), icon=":material/edit:")
                else:
                    show_error(err)
                order = "top"
    with c3:
        scale = control(controls.SCALE)
    st.caption(tr(f"feature_maps.scale.{scale}_explain"))
    if maps.all_channels_shown(order, k, n_channels):
        st.caption(tr("feature_maps.only_channels", count=n_channels))
    return GridSettings(k, order, chosen, scale, overlay)


class Grid(NamedTuple):
    network: Network
    title: str
    maps: np.ndarray
    channels: list[int]


def _grid_clicked(key: str) -> None:
    clicked = selected_ids(widget_value(key))
    if clicked:
        lab_state().focus = clicked[0]


def draw_feature_maps(shown: list[Shown], image, image_id: str) -> tuple[Layer, GridSettings]:
    """The maps tab; returns the layer and the grid's settings it shows."""
    main = shown[0].network
    layer = draw_layer_picker(layers_of(main))
    settings = draw_grid_settings(layer.shape[0])
    grids = []
    for net, title in shown:
        with st.spinner(tr("feature_maps.tab.maps")):
            fmaps = _maps(token(net), image_id, layer.path, net, image)
        channels = maps.select_channels(fmaps, settings.order, settings.k, settings.chosen)
        grids.append(Grid(net, title, fmaps, channels))

    focus_options = grids[0].channels
    state = lab_state()
    if state.focus not in focus_options:
        state.focus = focus_options[0]
    focus = state.focus

    compare = len(grids) > 1
    for i, (grid, column) in enumerate(zip(grids, st.columns(len(grids)))):
        with column:
            other = shown[1].network if compare else None
            _draw_grid(i, grid, layer, settings, focus, other, image, image_id)
    st.caption(tr("feature_maps.grid.click_hint"))

    st.divider()
    st.selectbox(
        tr("feature_maps.focus"), focus_options, key=FOCUS_KEY, format_func=lambda c: f"#{c}"
    )
    for i, (grid, column) in enumerate(zip(grids, st.columns(len(grids)))):
        with column:
            title = grid.title if compare else None
            draw_focus(layer, grid, focus, title, image_id, key=f"fm_focus_fig_{i}")
    draw_hook_code(layer, main.resolution)
    return layer, settings


def _draw_grid(
    i: int, grid: Grid, layer: Layer, settings: GridSettings, focus: int, other, image, image_id
) -> None:
    """One network's grid; ``other``: the network it is compared with, if any (alone, the
    grid needs no title: the predictions beside it name the model)."""
    photo = view_of(grid.network, image, image_id) if settings.overlay else None
    if other is not None:
        st.markdown(f"**{literal(grid.title)}**")
    if grid.network.weights == WEIGHTS_FINETUNED and other is not None:
        same = network.stages_unchanged(grid.network, other, layer.stage_index)
        st.caption(tr("feature_maps.frozen_same" if same else "feature_maps.frozen_changed"))
    layout = figures.grid_layout(projector(), other is not None)
    fig = shared_figure(
        (token(grid.network), image_id, layer.path, tuple(grid.channels), settings, layout, focus),
        figures.feature_grid_figure,
        *(grid.maps, grid.channels, theme(), lang()),
        scale=settings.scale,
        columns=layout.columns,
        photo=photo,
        width_px=layout.width_px,
        focus=focus,
    )
    key = f"fm_grid_{i}"
    st.plotly_chart(
        fig,
        key=key,
        on_select=lambda: _grid_clicked(key),
        selection_mode="points",
        width="stretch",
        config=PLOT_CONFIG,
        theme=None,
    )
    shape = words.shape_text(layer.shape)
    st.caption(
        tr("feature_maps.grid.caption", count=len(grid.channels), layer=layer.path, shape=shape)
    )


def draw_focus(
    layer: Layer, grid: Grid, channel: int, title: str | None, image_id: str, key: str
) -> None:
    fmap = grid.maps[channel]
    stats = maps.map_statistics(fmap)
    heading = tr("feature_maps.focus.title", channel=channel, layer=layer.path)
    if title:
        heading = f"{heading}<br><sup>{title}</sup>"
    fig = shared_figure(
        (token(grid.network), image_id, layer.path, channel, heading),
        figures.focus_map_figure,
        *(fmap, theme(), heading),
    )
    st.plotly_chart(
        fig,
        width="stretch",
        config=PLOT_CONFIG,
        key=key,
        theme=None,
    )
    st.markdown(words.stats_table(stats, lang()))
    st.markdown(words.activation_sentence(layer, stats, lang()))


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


def draw_hook_code(layer: Layer, resolution: int) -> None:
    with st.expander(tr("feature_maps.code.title")):
        st.code(
            HOOK_CODE.format(path=layer.path, size=resolution, shape=words.shape_text(layer.shape)),
            language="python",
        )


# ---------------------------------------------------------------- filters


def draw_filters(shown: list[Shown]) -> None:
    per_row = figures.filter_columns(projector(), len(shown) > 1)
    for i, ((net, title), column) in enumerate(zip(shown, st.columns(len(shown)))):
        with column:
            try:
                path, images = _filters(token(net), net)
            except UserFacingError as err:
                show_error(err)
                continue
            st.markdown(f"**{literal(title)}**")
            fig = shared_figure(
                (token(net), per_row), figures.filters_figure, images, theme(), columns=per_row
            )
            st.plotly_chart(
                fig,
                width="stretch",
                config=PLOT_CONFIG,
                key=f"fm_filters_{i}",
                theme=None,
            )
            count, kh, kw = images.shape[:3]
            st.caption(tr("feature_maps.filters.caption", layer=path, count=count, kh=kh, kw=kw))
    st.markdown(tr("feature_maps.filters.lesson"))


# ---------------------------------------------------------------- Grad-CAM


def draw_cam_controls(main: Network) -> tuple[Layer, int]:
    """The Grad-CAM layer and class; a class the model does not have (from a link, or left
    by another model) becomes the predicted class, with a word why."""
    all_layers = layers_of(main)
    labels = {layer.path: words.layer_label(layer, lang()) for layer in all_layers}
    left, right = side_by_side(3, 2)
    with left:
        path = control(
            controls.CAM_LAYER,
            allowed=list(labels),
            fallback=layers.default_cam_layer(all_layers).path,
            format_func=labels.__getitem__,
        )
    options = controls.class_options(len(main.class_names))
    requested = control_value(controls.CAM_CLASS)
    if requested not in options:
        st.caption(tr("feature_maps.class_reset", target=requested))
        set_widget_value(controls.CAM_CLASS.key, PREDICTED, controls.CAM_CLASS.param)
    names = _class_choices(names_key(main.class_names), lang(), main.class_names)
    with right:
        target = control(controls.CAM_CLASS, allowed=options, format_func=names.__getitem__)
    return layers.find_layer(all_layers, path), target


def draw_grad_cam(shown: list[Shown], image, image_id: str) -> tuple[Layer, int]:
    """The Grad-CAM tab; returns its layer and class (``PREDICTED`` or an index)."""
    main = shown[0].network
    layer, target = draw_cam_controls(main)
    left, right = side_by_side(3, 2)
    with left:
        method = control(controls.CAM_METHOD)
    with right:
        counterfactual = control(controls.COUNTERFACTUAL)
    st.markdown(tr("feature_maps.cam.explain"))
    st.latex(
        r"\alpha_k^c = \frac{1}{Z}\sum_{i}\sum_{j}\frac{\partial y^c}{\partial A^k_{ij}}"
        r"\qquad L^c_{\mathrm{Grad\text{-}CAM}} = \mathrm{ReLU}\Big(\sum_k \alpha_k^c A^k\Big)"
    )
    if method == gradcam.GRAD_CAM_PP:
        st.caption(tr("feature_maps.cam.pp_formula"))
        st.latex(
            r"\alpha^{kc}_{ij} = \frac{(g^{kc}_{ij})^2}{2(g^{kc}_{ij})^2"
            r" + \sum_{a,b} A^k_{ab}\,(g^{kc}_{ij})^3}"
            r"\qquad w_k^c = \sum_{i,j} \alpha^{kc}_{ij}\,\mathrm{ReLU}(g^{kc}_{ij})"
        )
    resolved = None if target == PREDICTED else int(target)
    for i, ((net, title), column) in enumerate(zip(shown, st.columns(len(shown)))):
        with column:
            same = net.class_names == main.class_names
            wanted = (
                resolved
                if i == 0
                else gradcam.compared_target(main.class_names, net.class_names, resolved)
            )
            try:
                with st.spinner("Grad-CAM"):
                    cam = _cam(
                        token(net), image_id, layer.path, wanted, method, counterfactual, net, image
                    )
            except UserFacingError as err:
                show_error(err)
                continue
            if i == 0:
                resolved = cam.target
            cam_key = (token(net), image_id, layer.path, wanted, method, counterfactual, title)
            _draw_cam(i, cam, net.class_names, title, view_of(net, image, image_id), cam_key)
            if i > 0 and same and resolved is not None:
                label = literal(class_name(main.class_names, resolved, lang()))
                st.caption(
                    tr("feature_maps.cam.same_class", label=label),
                    help=class_hover(main.class_names, resolved, lang()),
                )
            elif i > 0:
                st.caption(tr("feature_maps.cam.own_class"))
            if cam.empty:
                st.info(tr("feature_maps.cam.empty"))
    st.caption(tr("feature_maps.cam.convention", h=layer.shape[1], w=layer.shape[2]))
    if control(controls.CAM_GROUPS):
        draw_group_cams(main, image, image_id, resolved)
    return layer, target


def draw_group_cams(main: Network, image, image_id: str, target: int | None) -> None:
    """Grad-CAM of one class at every layer group's output, side by side."""
    with st.spinner(tr("feature_maps.cam.groups")):
        found = _group_cams(token(main), image_id, target, main, image)
    if not found:
        return
    shown = found[0][1].target
    original = class_hover(main.class_names, shown, lang())
    fig = figures.cam_tiles_figure(
        view_of(main, image, image_id),
        [cam.heatmap for _, cam in found],
        [words.group_label(layer) for layer, _ in found],
        theme(),
        lang(),
        tr("feature_maps.cam.groups"),
        hover=original,
    )
    st.plotly_chart(fig, width="stretch", config=PLOT_CONFIG, key="fm_cam_groups_fig", theme=None)
    label = literal(class_name(main.class_names, shown, lang()))
    st.caption(tr("feature_maps.cam.groups_note", label=label), help=original)


def _draw_cam(
    i: int, cam: gradcam.GradCam, names: tuple[str, ...], title: str, photo, cam_key: tuple
) -> None:
    """``cam_key``: what ``cam`` was computed from (weights, image, layer, class, method)."""
    key = (
        "feature_maps.cam.counterfactual_title" if cam.counterfactual else "feature_maps.cam.title"
    )
    heading = tr(key, label=class_name(names, cam.target, lang()), p=cam.probability)
    hover = class_hover(names, cam.target, lang())
    fig = shared_figure(
        (*cam_key, names_key(names), heading, hover),
        figures.cam_figure,
        *(photo, cam.heatmap, theme(), lang(), f"{heading}<br><sup>{title}</sup>"),
        hover=hover,
    )
    st.plotly_chart(fig, width="stretch", config=PLOT_CONFIG, key=f"fm_cam_fig_{i}", theme=None)


# ---------------------------------------------------------------- sanity checks


def draw_sanity(shown: list[Shown], image, image_id: str) -> None:
    """Cascading randomisation of the first model, for the Grad-CAM tab's layer and class."""
    main = shown[0].network
    st.markdown(tr("feature_maps.sanity.intro"))
    left, right = side_by_side(1, 2)
    with left:
        run = control(controls.SANITY_RUN)
    with right:
        method = control(controls.SANITY_METHOD)
    if not run:
        return
    if main.spec.large:
        st.info(tr("feature_maps.sanity.large", model=main.spec.label))
        return
    all_layers = layers_of(main)
    path = control_value(controls.CAM_LAYER)
    if path not in {layer.path for layer in all_layers}:
        path = layers.default_cam_layer(all_layers).path
    target = control_value(controls.CAM_CLASS)
    try:
        with st.spinner(tr("feature_maps.sanity.running")):
            if target == PREDICTED or target not in range(len(main.class_names)):
                target = _cam(
                    token(main), image_id, path, None, gradcam.GRAD_CAM, False, main, image
                ).target
            result = _cascade(token(main), image_id, path, method, int(target), main, image)
    except UserFacingError as err:
        show_error(err)
        return
    verdict = "passed" if result.depends_on_weights else "failed"
    box = st.success if result.depends_on_weights else st.warning
    box(
        tr(
            f"feature_maps.sanity.{verdict}",
            mean=result.mean_rank_correlation,
            limit=sanity.STILL_ALIKE,
        )
    )
    labels = [words.cascade_step_label(step, lang()) for step in result.steps]
    captions = [
        tr(
            "feature_maps.sanity.caption",
            step=label,
            rho=words.rho_text(step.spearman),
            ssim=step.ssim,
        )
        for label, step in zip(labels, result.steps)
    ]
    label = class_name(main.class_names, result.target, lang())
    fig = figures.cam_tiles_figure(
        view_of(main, image, image_id),
        [step.heatmap for step in result.steps],
        captions,
        theme(),
        lang(),
        tr("feature_maps.sanity.maps_title", label=label),
        hover=class_hover(main.class_names, result.target, lang()),
    )
    st.plotly_chart(fig, width="stretch", config=PLOT_CONFIG, key="fm_sanity_maps", theme=None)
    rank = [step.spearman for step in result.steps]
    ssim = [step.ssim for step in result.steps]
    axis = [words.cascade_axis_label(step, lang()) for step in result.steps]
    fig = figures.similarity_figure(axis, rank, ssim, sanity.STILL_ALIKE, theme(), lang())
    st.plotly_chart(
        fig, width="stretch", config=PLOT_CONFIG, key="fm_sanity_similarity", theme=None
    )
    top1 = [step.top5[0].index for step in result.steps]
    st.markdown(
        words.cascade_table(result, main.class_names, lang()),
        help=hover_note(main.class_names, top1, lang()),
    )
    st.caption(tr("feature_maps.sanity.measures"))
