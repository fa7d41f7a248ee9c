"""Impossible settings are refused with a message that says why."""

from __future__ import annotations

import pytest

from core.augmentation.checks import reversed_range
from core.augmentation.pipeline import AugmentPipeline
from core.common.errors import UserFacingError
from core.common.i18n import TABLE


@pytest.mark.parametrize(
    "kwargs,key",
    [
        (dict(scale=(0.9, 0.2)), "augmentation.error.range_reversed"),
        (dict(ratio=(2.0, 0.5)), "augmentation.error.range_reversed"),
        (dict(scale=(float("nan"), 1.0)), "augmentation.error.range_invalid"),
        (dict(ratio=(0.0, 2.0)), "augmentation.error.range_outside"),
        (dict(scale=(0.0, 0.0)), "augmentation.error.range_outside"),
        (dict(size=(0, 224)), "augmentation.error.size"),
        (dict(size=(224, 5000)), "augmentation.error.size"),
    ],
)
def test_impossible_settings_are_explained_not_applied(kwargs, key):
    with pytest.raises(UserFacingError) as err:
        AugmentPipeline(**kwargs)
    assert err.value.key == key
    assert key in TABLE


def test_reversed_range_detects_only_reversed_pairs():
    assert reversed_range("0.9,0.2") == (0.9, 0.2)
    assert reversed_range("0.2,0.9") is None
    assert reversed_range("abc") is None
    assert reversed_range(None) is None
    assert reversed_range("1,2,3") is None
