"""The one translation table: every user-facing string in Korean and English.

Strings live in ``core/strings/<section>.py`` as ``STRINGS = {key: {"ko": ..., "en": ...}}``
so each lab owns its section; this module merges them into ``TABLE`` and refuses
duplicate keys. Use the course notes' Korean terms (전이 학습, 특성 추출, 미세 조정, ...).

Two rules of the formatter:
- Korean: a particle written in both forms right after a field (``{low}이(가)``,
  ``{name}을(를)``, ``{new}(으)로``) becomes the one that fits the value (``0.9가``,
  ``X를``, ``3으로``), with tossi. Put a Korean noun after free text instead (``'{name}'
  클래스가``): tossi cannot read foreign words and leaves both forms.
- English: ``{count:plural:image|images}`` is the singular when the value is 1.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import string
from collections.abc import Mapping

import tossi

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
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    text = TABLE[key][lang]
    if not params:
        return text
    if lang == "ko":
        text = _resolve_particles(text, params)
    return _FORMATTER.vformat(text, (), params)


class _Formatter(string.Formatter):
    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec.startswith(_PLURAL):
            one, many = format_spec[len(_PLURAL) :].split("|")
            return one if value == 1 else many
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()
_PLURAL = "plural:"
# A field, markup closing around it, then a particle written in both forms.
_TWO_FORMS = re.compile(
    r"(\{\w+[^{}]*\})([*'\"`]*)(이\(가\)|을\(를\)|은\(는\)|와\(과\)|과\(와\)|\(으\)로)"
)
_MORPH = {
    "이(가)": "이",
    "을(를)": "을",
    "은(는)": "은",
    "와(과)": "과",
    "과(와)": "과",
    "(으)로": "으로",
}
# A lone Latin letter is read by its Korean name; only these end in a consonant
# (엘, 엠, 엔, 알), every other one in a vowel (에이, 비, 엑스 ...).
_LETTER_NAMES = {"l": "엘", "m": "엠", "n": "엔", "r": "알"}


def korean_particle(word: str, two_forms: str) -> str:
    """The particle that fits after ``word`` (e.g. "0.9", "이(가)" -> "가"); both forms
    when tossi cannot tell (a foreign word)."""
    bare = word.strip("*'\"` ")
    if len(bare) == 1 and bare.isascii() and bare.isalpha():
        word = _LETTER_NAMES.get(bare.lower(), "비")
    return tossi.pick(word, _MORPH[two_forms])


def _resolve_particles(text: str, params: Mapping[str, object]) -> str:
    def resolve(m: re.Match) -> str:
        word = _FORMATTER.vformat(m.group(1), (), params)
        return m.group(1) + m.group(2) + korean_particle(word, m.group(3))

    return _TWO_FORMS.sub(resolve, text)


_PLACEHOLDER = re.compile(r"{(\w+)[^}]*}")


def placeholders(text: str) -> set[str]:
    """Names of the ``{name}`` fields in a format string (used by the i18n test)."""
    return set(_PLACEHOLDER.findall(text))
