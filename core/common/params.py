"""Typed URL query parameters: every lab's main controls round-trip through the URL.

A param parses the text of a query parameter into a widget value and formats it
back. ``parse`` raises ValueError for anything out of range, so a hand-edited or
hostile link falls back to the default with a message instead of a crash.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

MAX_PARAM_LENGTH = 2000  # longer values are refused without parsing


def _checked(text: str) -> str:
    if len(text) > MAX_PARAM_LENGTH:
        raise ValueError("too long")
    return text.strip()


@dataclass(frozen=True)
class IntParam:
    default: int
    low: int
    high: int

    def parse(self, text: str) -> int:
        value = int(_checked(text))
        if not self.low <= value <= self.high:
            raise ValueError(f"{value} outside [{self.low}, {self.high}]")
        return value

    def format(self, value: int) -> str:
        return str(int(value))


@dataclass(frozen=True)
class FloatParam:
    default: float
    low: float
    high: float

    def parse(self, text: str) -> float:
        value = float(_checked(text))
        if not math.isfinite(value) or not self.low <= value <= self.high:
            raise ValueError(f"{value} outside [{self.low}, {self.high}]")
        return value

    def format(self, value: float) -> str:
        return f"{float(value):g}"


@dataclass(frozen=True)
class RangeParam:
    """A (low, high) pair such as a slider range, written ``low,high`` in the URL."""

    default: tuple[float, float]
    low: float
    high: float

    def parse(self, text: str) -> tuple[float, float]:
        parts = _checked(text).split(",")
        if len(parts) != 2:
            raise ValueError("expected two numbers")
        a, b = (float(p) for p in parts)
        for v in (a, b):
            if not math.isfinite(v) or not self.low <= v <= self.high:
                raise ValueError(f"{v} outside [{self.low}, {self.high}]")
        if a > b:
            raise ValueError("min > max")
        return (a, b)

    def format(self, value: Sequence[float]) -> str:
        return f"{float(value[0]):g},{float(value[1]):g}"


@dataclass(frozen=True)
class ChoiceParam:
    default: str
    options: tuple[str, ...]

    def parse(self, text: str) -> str:
        value = _checked(text)
        if value not in self.options:
            raise ValueError(f"{value!r} is not one of {self.options}")
        return value

    def format(self, value: str) -> str:
        return str(value)


@dataclass(frozen=True)
class BoolParam:
    default: bool

    def parse(self, text: str) -> bool:
        value = _checked(text).lower()
        if value in ("1", "true", "yes", "on"):
            return True
        if value in ("0", "false", "no", "off"):
            return False
        raise ValueError(f"{value!r} is not a boolean")

    def format(self, value: bool) -> str:
        return "1" if value else "0"


@dataclass(frozen=True)
class GridParam:
    """A number that must be one of a fixed grid (a select_slider's options)."""

    default: float
    options: tuple[float, ...]

    def parse(self, text: str) -> float:
        value = float(_checked(text)[:40])
        for option in self.options:
            if math.isclose(value, option, rel_tol=1e-9):
                return option
        raise ValueError(f"{value} is not one of {self.options}")

    def format(self, value: float) -> str:
        return f"{value:g}"


@dataclass(frozen=True)
class GroupsParam:
    """A comma-separated list of names (layer groups; checked against the model later)."""

    default: tuple[str, ...] = ()

    def parse(self, text: str) -> list[str]:
        names = [n for n in _checked(text)[:400].split(",") if n]
        if not all(n.replace("_", "").isalnum() and n.isascii() for n in names):
            raise ValueError("not a list of group names")
        return names

    def format(self, value: Sequence[str]) -> str:
        return ",".join(value)


def parse_or_default(param: Any, text: str | None) -> tuple[Any, bool]:
    """(value, ok): the parsed value, or the default and ok=False when text is invalid."""
    if text is None:
        return param.default, True
    try:
        return param.parse(text), True
    except (ValueError, TypeError, OverflowError):
        return param.default, False


@dataclass(frozen=True)
class Control:
    """One control of a lab, declared once: the widget key (which is also its query
    parameter), its value's range, options and URL form (``param``), and how it is drawn.

    ``ui.common.controls.control`` turns a declaration into its widget and its link binding.
    ``label`` and ``help`` are i18n keys; a choice's option ``o`` is labelled by the i18n key
    ``f"{options_label}{o}"`` when ``options_label`` is set, else shown as it is.
    ``widget``: "slider", "number", "select", "radio", "segmented", "pills", "toggle",
    "checkbox", "text", "select_slider" (a ``GridParam``'s options) or "multi" (pills
    choosing several, a ``GroupsParam``'s list); "auto" picks a slider for numbers and
    ranges, a selectbox for choices and a toggle for booleans.
    """

    key: str
    param: Any
    label: str
    help: str | None = None
    widget: str = "auto"
    step: float | None = None
    options_label: str | None = None

    @property
    def default(self) -> Any:
        return self.param.default

    @property
    def kind(self) -> str:
        """The widget this control is drawn with."""
        if self.widget != "auto":
            return self.widget
        if isinstance(self.param, BoolParam):
            return "toggle"
        if isinstance(self.param, ChoiceParam):
            return "select"
        return "slider"
