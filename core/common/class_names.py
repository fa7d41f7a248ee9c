"""A class's name as a page shows it, in the reader's language.

ImageNet-1k names are torchvision's English ones; Korean pages show the project's own
translation (assets/imagenet/classes_ko.tsv, see PROVENANCE.md there) with the English
name on hover. A fine-tuned model's classes are the student's own names and read as given.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from core.common.backbones import imagenet_categories
from core.common.samples import ASSETS

KOREAN_FILE = ASSETS / "imagenet" / "classes_ko.tsv"


@functools.cache
def korean_imagenet_names() -> tuple[str, ...]:
    """The 1000 Korean names, in ``imagenet_categories()`` order."""
    rows = KOREAN_FILE.read_text(encoding="utf-8").splitlines()[1:]  # after the header
    names = []
    for i, row in enumerate(rows):
        index, _english, korean = row.split("\t")
        if int(index) != i:  # a shifted row would name every class after it wrongly
            raise ValueError(f"{KOREAN_FILE.name}: row {i} has index {index}")
        names.append(korean)
    return tuple(names)


def is_imagenet(class_names: Sequence[str]) -> bool:
    names = imagenet_categories()
    return class_names is names or tuple(class_names) == names


def class_name(class_names: Sequence[str], index: int, lang: str) -> str:
    """Class ``index`` of a model whose classes are ``class_names``, for a page in ``lang``:
    an ImageNet class in Korean on a Korean page, any other name as it is."""
    if lang == "ko" and is_imagenet(class_names):
        return korean_imagenet_names()[index]
    return class_names[index]


def class_hover(class_names: Sequence[str], index: int, lang: str) -> str | None:
    """The original (English) name to show on hover, or None where the page shows it already."""
    shown = class_name(class_names, index, lang)
    return None if shown == class_names[index] else class_names[index]


def hover_note(class_names: Sequence[str], indices: Iterable[int], lang: str) -> str | None:
    """``Korean = English`` for each distinct class (a text's hover help), or None when the
    page shows the original names."""
    pairs = []
    for i in dict.fromkeys(indices):
        original = class_hover(class_names, i, lang)
        if original is not None:
            pairs.append(f"{class_name(class_names, i, lang)} = {original}")
    return " · ".join(pairs) or None
