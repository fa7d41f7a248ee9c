"""The translation table: every key in both languages, and every key used exists."""

import re
from pathlib import Path

from core.common import i18n

ROOT = Path(__file__).resolve().parents[3]
# tr("key") / t("key", lang) / page_header("key") and i18n keys passed to UserFacingError
KEY_USE = re.compile(
    r"""(?:\btr|\bt|page_header|UserFacingError)\(\s*f?["']([a-z_]+\.[\w.]+)["']"""
)


def test_every_key_has_both_languages_with_the_same_placeholders():
    assert len(i18n.TABLE) > 20
    for key, texts in i18n.TABLE.items():
        assert set(texts) == set(i18n.LANGUAGES), key
        for lang in i18n.LANGUAGES:
            assert texts[lang].strip(), f"{key} is empty in {lang}"
        assert i18n.placeholders(texts["ko"]) == i18n.placeholders(texts["en"]), key


def test_korean_strings_are_korean():
    hangul = re.compile(r"[\uac00-\ud7a3]")
    not_korean = [
        k for k, v in i18n.TABLE.items() if not hangul.search(v["ko"]) and v["ko"] != v["en"]
    ]
    assert not_korean == []


def test_every_key_used_in_code_exists():
    used = set()
    for folder in ("core", "ui", "pages"):
        for path in (ROOT / folder).rglob("*.py"):
            used.update(KEY_USE.findall(path.read_text(encoding="utf-8")))
    used.update(KEY_USE.findall((ROOT / "streamlit_app.py").read_text(encoding="utf-8")))
    assert used, "the key scanner found nothing: its pattern is broken"
    missing = sorted(k for k in used if k not in i18n.TABLE and not k.endswith("."))
    assert missing == []


def test_language_defaults_from_locale():
    assert i18n.language_from_locale("ko-KR") == "ko"
    assert i18n.language_from_locale("en-US") == "en"
    assert i18n.language_from_locale(None) == i18n.DEFAULT_LANGUAGE


def test_t_formats_and_rejects_unknown_keys():
    assert "3" in i18n.t("errors.image_file_too_big", "en", mb=3)
    try:
        i18n.t("no.such.key", "en")
    except KeyError:
        return
    raise AssertionError("unknown key must raise")
