"""The one translation table: every user-facing string in Korean and English.

Strings live in ``core/strings/<section>.py`` as ``STRINGS = {key: {"ko": ..., "en": ...}}``
so each lab owns its section; this module merges them into ``TABLE`` and refuses
duplicate keys. Use the course notes' Korean terms (전이 학습, 특성 추출, 미세 조정, ...).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Mapping

from core import strings

LANGUAGES = ("ko", "en")
DEFAULT_LANGUAGE = "en"
# One file per lab (named like the lab) plus common, home and errors: found, not listed.
SECTIONS = tuple(sorted(m.name for m in pkgutil.iter_modules(strings.__path__)))


def _merge_sections() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for section in SECTIONS:
        strings: Mapping[str, Mapping[str, str]] = importlib.import_module(
            f"core.strings.{section}"
        ).STRINGS
        for key, texts in strings.items():
            if key in table:
                raise ValueError(f"translation key {key!r} is defined twice")
            table[key] = dict(texts)
    return table


TABLE = _merge_sections()


def language_from_locale(locale: str | None) -> str:
    """Map a browser locale such as ``ko-KR`` to one of LANGUAGES."""
    if locale and locale.lower().startswith("ko"):
        return "ko"
    return DEFAULT_LANGUAGE


def t(key: str, lang: str, **params: object) -> str:
    """The string for ``key`` in ``lang``, formatted with ``params``.

    A missing key is a programming error and raises KeyError: the i18n test
    catches it before users do.
    """
    text = TABLE[key][lang if lang in LANGUAGES else DEFAULT_LANGUAGE]
    return text.format(**params) if params else text


_PLACEHOLDER = re.compile(r"{(\w+)[^}]*}")


def placeholders(text: str) -> set[str]:
    """Names of the ``{name}`` fields in a format string (used by the i18n test)."""
    return set(_PLACEHOLDER.findall(text))
