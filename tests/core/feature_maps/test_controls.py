"""The feature-map lab's controls (core.feature_maps.controls): URL forms and their labels."""

from __future__ import annotations

import pytest

from core.common.params import Control
from core.feature_maps import controls
from core.feature_maps.controls import PREDICTED
from core.strings.feature_maps import STRINGS

LITE0 = "efficientnet_lite0"
DECLARED = [v for v in vars(controls).values() if isinstance(v, Control)]


def test_url_parameters():
    assert controls.topk(True).default < controls.topk(False).default
    assert controls.topk(True).key == controls.TOPK.key == "fm_topk"
    options = controls.model_options(("run 1",))
    assert controls.MODEL.default == LITE0 and "ft:run 1" in options and "resnet18" in options
    assert controls.CHANNELS.param.parse(" 1, 2-4 ") == "1, 2-4"
    with pytest.raises(ValueError):
        controls.CHANNELS.param.parse("1; drop table")
    assert controls.CAM_CLASS.param.parse("-1") == PREDICTED
    with pytest.raises(ValueError):
        controls.CAM_CLASS.param.parse("-2")


def test_a_model_link_names_a_backbone_or_a_finetuned_run():
    param = controls.MODEL.param
    assert param.parse(" resnet18 ") == "resnet18"
    assert param.parse("ft:someone else's run") == "ft:someone else's run"  # checked later
    for bad in ("vgg99", "ft:", "ft:" + "x" * 300, ""):
        with pytest.raises(ValueError):
            param.parse(bad)
    assert controls.finetuned_label("ft:run 1") == "run 1"
    assert controls.finetuned_label(LITE0) is None


def test_a_layer_link_is_a_module_path():
    param = controls.LAYER.param
    assert param.parse("blocks.2.0.conv_dw") == "blocks.2.0.conv_dw"
    for bad in ("", "../etc", "a b", "<script>", "1abc", "x" * 300):
        with pytest.raises(ValueError):
            param.parse(bad)


def test_choices_that_depend_on_another_control():
    assert controls.weights_options(finetuned=False) == ("imagenet", "random", "compare")
    assert controls.weights_options(finetuned=True) == ("finetuned", "imagenet", "compare")
    assert set(controls.weights_options(True)) | set(controls.weights_options(False)) == set(
        controls.WEIGHTS.param.options
    )
    assert controls.class_options(3) == [PREDICTED, 0, 1, 2]


@pytest.mark.parametrize("decl", DECLARED, ids=lambda d: d.key)
def test_every_control_is_labelled_in_both_languages(decl):
    keys = [decl.label] + ([decl.help] if decl.help else [])
    if decl.options_label:
        keys += [decl.options_label + o for o in decl.param.options]
    for key in keys:
        assert set(STRINGS[key]) == {"ko", "en"}, key
    assert decl.key.startswith("fm_")
