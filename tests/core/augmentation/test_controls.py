"""Every control of the lab is declared once with its labels and a URL form that round-trips."""

from __future__ import annotations

from torchvision import transforms as T
from torchvision.transforms import InterpolationMode

from core.augmentation import controls as C
from core.augmentation.extras import EXTRA_CONTROLS, EXTRAS
from core.common.i18n import TABLE
from core.common.params import BoolParam, Control

ALL = C.LAB_CONTROLS + EXTRA_CONTROLS


def test_every_control_has_a_label_help_and_a_url_codec_that_round_trips():
    assert {c.key for c in ALL} >= {
        "aug_size_h",
        "aug_size_w",
        "aug_scale",
        "aug_ratio",
        "aug_seed",
        "aug_rows",
        "aug_cols",
        "aug_interpolation",
    }
    assert len({c.key for c in ALL}) == len(ALL)
    for c in ALL:
        assert isinstance(c, Control) and c.key.startswith("aug_"), c.key
        assert c.label in TABLE, c.key
        assert c.help is None or c.help in TABLE, c.key
        assert c.param.parse(c.param.format(c.default)) == c.default
    for mode in C.INTERPOLATIONS:
        assert f"{C.INTERPOLATION.options_label}{mode}" in TABLE
        InterpolationMode(mode)


def test_each_transform_has_an_off_toggle_and_controls_for_its_torchvision_arguments():
    for spec in EXTRAS.values():
        assert spec.toggle.key == f"aug_{spec.name}" and spec.toggle.param == BoolParam(False)
        assert spec.toggle.label in TABLE
        torch_class = getattr(T, spec.torch_class)
        torch_class(**spec.defaults())  # every argument name is one the class takes
        for arg, control in spec.args.items():
            assert control.help in TABLE and control.step is not None, (spec.name, arg)
            assert control.param.low <= control.default <= control.param.high


def test_crop_args_are_randomresizedcrops_arguments():
    T.RandomResizedCrop(224, **{arg: c.default for arg, c in C.CROP_ARGS.items()})


def test_notes_settings_are_valid_control_values():
    for control, value in C.NOTES_SETTINGS.items():
        param = control.param
        assert param.parse(param.format(value)) == value
    # MXNet's size=(200,100) is (width, height): torchvision's (h, w) = (100, 200)
    assert (C.NOTES_SETTINGS[C.SIZE_H], C.NOTES_SETTINGS[C.SIZE_W]) == (100, 200)
    assert "size=(200,100)" in C.NOTES_MXNET_LINE
