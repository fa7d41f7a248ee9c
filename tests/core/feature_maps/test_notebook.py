"""The feature-map lab's notebook, executed in a real kernel, prints the lab's numbers: the
top-5 classes, the chosen layer's channels and Grad-CAM for the chosen class."""

from __future__ import annotations

import numpy as np
import pytest

from bench.notebook_kernel import execute
from core.common import backbones
from core.common.notebook import printed_numbers
from core.feature_maps import gradcam, maps, network
from core.feature_maps.notebook import feature_maps_notebook
from tests.core.feature_maps.support import LITE0

pytestmark = pytest.mark.slow  # a Jupyter kernel and a model per state

STATES = {
    "imagenet_ko": dict(
        pretrained=True,
        map_layer="blocks.2",
        order="top",
        k=12,
        chosen=(),
        cam_layer="blocks.4",
        cam_target=285,  # Egyptian cat
        lang="ko",
    ),
    "random_en": dict(
        pretrained=False,
        map_layer="blocks.1.0.conv_pw",
        order="chosen",
        k=8,
        chosen=(3, 0, 17),
        cam_layer="bn2",
        cam_target=None,
        lang="en",
    ),
}


@pytest.mark.parametrize("state", STATES)
def test_the_notebook_prints_the_labs_top5_maps_and_grad_cam(state, cat):
    s = STATES[state]
    nb = feature_maps_notebook(cat, LITE0, **s)
    executed, _ = execute(nb)
    got = printed_numbers(executed)

    model = backbones.build_model(LITE0, pretrained=s["pretrained"]).requires_grad_(False)
    net = network.backbone_network(model, backbones.get_spec(LITE0), s["pretrained"])
    top5 = network.predict(net, cat, k=5)
    assert [i for i, _ in got["top5"]] == [p.index for p in top5]
    probabilities = [p.probability for p in top5]
    np.testing.assert_allclose([p for _, p in got["top5"]], probabilities, rtol=1e-4)

    x = network.model_input(net, cat)
    fmaps = maps.feature_maps(net, s["map_layer"], x).numpy()
    assert got["map_shape"] == list(fmaps.shape)
    assert got["channels"] == maps.select_channels(fmaps, s["order"], s["k"], s["chosen"])
    means = fmaps.astype(np.float64).reshape(fmaps.shape[0], -1).mean(axis=1)
    np.testing.assert_allclose(got["channel_means"], means[got["channels"]], rtol=1e-4, atol=1e-6)

    cam = gradcam.grad_cam(net, s["cam_layer"], x, s["cam_target"])
    assert got["cam_target"] == cam.target
    assert got["cam_probability"] == pytest.approx(cam.probability, rel=1e-4, abs=1e-7)
    np.testing.assert_allclose(got["cam"], cam.cam, rtol=1e-3, atol=1e-5 * cam.cam.max())
    assert got["heatmap_sum"] == pytest.approx(float(cam.heatmap.sum()), rel=1e-3)


def test_a_torchvision_model_is_downloaded_by_the_notebook_which_says_so(cat):
    nb = feature_maps_notebook(cat, "resnet18", True, "layer1", "top", 8, (), "layer4", None, "en")
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "Needs the internet" in markdown
    assert backbones.get_spec("resnet18").weights_url in code
    assert "load_state_dict_from_url" in code and "import timm" not in code
