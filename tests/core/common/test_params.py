"""URL parameter codecs: round trips, and refusal of out-of-range or hostile values."""

import pytest

from core.common.params import (
    BoolParam,
    ChoiceParam,
    FloatParam,
    IntParam,
    RangeParam,
    parse_or_default,
)


@pytest.mark.parametrize(
    "param, value",
    [
        (IntParam(3, 1, 10), 7),
        (FloatParam(0.5, 0.0, 1.0), 0.25),
        (RangeParam((0.1, 1.0), 0.01, 1.0), (0.08, 0.9)),
        (ChoiceParam("a", ("a", "b")), "b"),
        (BoolParam(False), True),
    ],
)
def test_round_trip(param, value):
    assert param.parse(param.format(value)) == value


@pytest.mark.parametrize(
    "param, text",
    [
        (IntParam(3, 1, 10), "11"),
        (IntParam(3, 1, 10), "abc"),
        (IntParam(3, 1, 10), "1" * 5000),
        (FloatParam(0.5, 0.0, 1.0), "nan"),
        (FloatParam(0.5, 0.0, 1.0), "inf"),
        (RangeParam((0.1, 1.0), 0.0, 1.0), "0.9,0.1"),
        (RangeParam((0.1, 1.0), 0.0, 1.0), "0.5"),
        (ChoiceParam("a", ("a", "b")), "<script>"),
        (BoolParam(False), "maybe"),
    ],
)
def test_invalid_text_falls_back_to_the_default(param, text):
    value, ok = parse_or_default(param, text)
    assert not ok and value == param.default


def test_missing_parameter_is_the_default_without_complaint():
    assert parse_or_default(IntParam(3, 1, 10), None) == (3, True)
