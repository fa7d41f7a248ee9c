"""The bundled Korean ImageNet names: complete, in torchvision's order, and what the lab
shows for a class in each language."""

from __future__ import annotations

import re

import pytest

from core.common import class_names as C
from core.common.backbones import imagenet_categories

HANGUL = re.compile("[\uac00-\ud7a3]")


def test_there_are_1000_korean_names_each_written_in_hangul():
    names = C.korean_imagenet_names()
    assert len(names) == 1000
    assert [i for i, n in enumerate(names) if not HANGUL.search(n)] == []
    assert all(n == n.strip() and n for n in names)


def test_no_two_classes_share_a_korean_name():
    """A chart's category axis would merge two classes with the same label."""
    names = C.korean_imagenet_names()
    assert len(set(names)) == len(names)


def test_the_file_follows_torchvisions_class_order():
    rows = C.KOREAN_FILE.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "index\tenglish\tkorean"
    assert tuple(row.split("\t")[1] for row in rows[1:]) == imagenet_categories()


@pytest.mark.parametrize(
    ("index", "english", "korean"),
    [
        (1, "goldfish", "금붕어"),
        (207, "golden retriever", "골든 리트리버"),
        (281, "tabby", "얼룩무늬 고양이"),
        (285, "Egyptian cat", "이집트 고양이"),
        (409, "analog clock", "아날로그 시계"),
        (504, "coffee mug", "머그잔"),
        (999, "toilet tissue", "화장지"),
    ],
)
def test_spot_checked_classes_mean_what_torchvision_says(index, english, korean):
    assert imagenet_categories()[index] == english
    assert C.korean_imagenet_names()[index] == korean


def test_an_imagenet_class_reads_in_korean_on_a_korean_page_with_english_on_hover():
    names = imagenet_categories()
    assert C.class_name(names, 281, "ko") == "얼룩무늬 고양이"
    assert C.class_hover(names, 281, "ko") == "tabby"
    assert C.class_name(names, 281, "en") == "tabby"
    assert C.class_hover(names, 281, "en") is None
    # a copy of the list is still ImageNet's (a network keeps its own tuple)
    assert C.class_name(list(names), 285, "ko") == "이집트 고양이"


def test_a_fine_tuned_models_own_class_names_read_as_given_in_both_languages():
    own = ("고양이", "dogs")
    for lang in ("ko", "en"):
        assert [C.class_name(own, i, lang) for i in (0, 1)] == ["고양이", "dogs"]
        assert C.class_hover(own, 1, lang) is None
    # 1000 classes of one's own are not ImageNet's
    own_1000 = tuple(f"class {i}" for i in range(1000))
    assert C.class_name(own_1000, 281, "ko") == "class 281"


def test_the_hover_note_pairs_each_shown_class_once():
    names = imagenet_categories()
    note = C.hover_note(names, [281, 285, 281], "ko")
    assert note == "얼룩무늬 고양이 = tabby · 이집트 고양이 = Egyptian cat"
    assert C.hover_note(names, [281], "en") is None
    assert C.hover_note(("a", "b"), [0, 1], "ko") is None


def test_a_shifted_row_is_refused(tmp_path, monkeypatch):
    bad = tmp_path / "classes_ko.tsv"
    bad.write_text("index\tenglish\tkorean\n0\ttench\t텐치\n2\tgoldfish\t금붕어\n", "utf-8")
    monkeypatch.setattr(C, "KOREAN_FILE", bad)
    C.korean_imagenet_names.cache_clear()
    try:
        with pytest.raises(ValueError, match="row 1"):
            C.korean_imagenet_names()
    finally:
        C.korean_imagenet_names.cache_clear()
