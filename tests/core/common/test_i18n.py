"""The translation table: every key in both languages, and every key used exists."""

import re
from pathlib import Path

import pytest

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


# ---------------------------------------------------------------- Korean particles

# Particles whose form depends on the word before them (a final consonant or not).
VARYING = "이|가|을|를|은|는|와|과|으로|로"
FIXED_AFTER_FIELD = re.compile(r"\{(\w+)([^{}]*)\}[*'\"`]*(" + VARYING + r")(?=[\s,.)!?·:;]|$)")


@pytest.mark.parametrize(
    "word,two_forms,expected",
    [
        ("0.9", "이(가)", "가"),  # 영 점 구
        ("10", "이(가)", "이"),  # 십
        ("1", "(으)로", "로"),  # 일: ㄹ takes 로
        ("3", "(으)로", "으로"),  # 삼
        ("X", "이(가)", "가"),  # 엑스
        ("L", "이(가)", "이"),  # 엘
        ("**Z**", "을(를)", "를"),
        ("평균", "을(를)", "을"),
        ("합", "와(과)", "과"),
        ("최댓값", "은(는)", "은"),
        ("EfficientNet-Lite0", "을(를)", "을"),  # 영
        ("cats", "이(가)", "이(가)"),  # a foreign word: both forms stay
    ],
)
def test_a_korean_particle_fits_the_word_before_it(word, two_forms, expected):
    assert i18n.korean_particle(word, two_forms) == expected


def test_no_korean_particle_is_fixed_after_a_value_that_varies():
    """A particle after a field is written in both forms (``{x}이(가)``) so it fits the
    value; only a percentage (always 퍼센트) may take a fixed one."""
    fixed = [
        (key, m.group(0))
        for key, texts in i18n.TABLE.items()
        for m in FIXED_AFTER_FIELD.finditer(texts["ko"])
        if not m.group(2).endswith("%")
    ]
    assert fixed == []


def test_the_particles_read_naturally_in_the_app():
    reversed_range = i18n.t(
        "augmentation.error.range_reversed", "ko", name="scale", low=0.9, high=0.5
    )
    assert "최솟값 0.9가 최댓값 0.5보다" in reversed_range
    summary = i18n.t(
        "computation_graph.local_summary", "ko", name="X", recomputed="A, F", n=2, k=2, reused="-"
    )
    assert summary.startswith("**X**가 바뀌면")
    update = i18n.t(
        "computation_graph.local_update",
        "ko",
        name="Z",
        old=1,
        new=3.0,
        n=2,
        k=1,
        kept="A",
        out="F",
        value=9,
    )
    assert "Z를 1 → 3.0으로 바꿨습니다" in update
    readout = i18n.t("gcn.step.readout.text", "ko", how="평균", n=3, h=2, vector="[1, 2]")
    assert "평균을 구해" in readout and "을(를)" not in readout


# ---------------------------------------------------------------- English plurals

SINGULAR = [  # a count of one that a student can meet
    ("gcn.nodes_tab", {"n": 1}),
    ("gcn.edges_tab", {"m": 1}),
    ("gcn.step.AXW.text", {"node": 0, "count": 1}),
    ("gcn.step.XW.text", {"f": 1, "h": 1, "seed": 0, "node": 0}),
    ("gcn.karate.after", {"epoch": 1}),
    ("gcn.tu.count", {"file": "x_node_labels.txt", "found": 1, "expected": 1}),
    ("transfer_learning.run.done", {"epochs": 1, "accuracy": 50.0}),
    ("transfer_learning.run.stopped", {"epochs": 1, "accuracy": 50.0}),
    ("transfer_learning.datasets.camera_added", {"name": "cats", "count": 1}),
    ("transfer_learning.datasets.skipped_title", {"n": 1}),
    ("transfer_learning.datasets.class_too_small", {"name": "cats", "count": 1, "min": 2}),
    ("transfer_learning.speed.total", {"epochs": 1}),
    ("augmentation.code_caption", {"n": 1}),
]
PLURAL_NOUN = re.compile(r"\b1 \w+s\b|\bthere are 1\b")


@pytest.mark.parametrize("key,params", SINGULAR, ids=[key for key, _ in SINGULAR])
def test_one_of_something_is_singular_in_english(key, params):
    text = i18n.t(key, "en", **params)
    assert not PLURAL_NOUN.search(text), text


def test_the_plural_form_follows_the_number():
    assert i18n.t("gcn.edges_tab", "en", m=2).startswith("2 edges")
    assert i18n.t("gcn.edges_tab", "en", m=1).startswith("1 edge ")
    assert i18n.t("gcn.edges_tab", "en", m=0).startswith("0 edges")
