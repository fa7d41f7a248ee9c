"""Text from users (labels, class names, links) shown inside markdown, and markdown tables.

Streamlit renders markdown (CommonMark with tables and HTML). Anything a user typed or a
link brought must read as itself: no link, image, emphasis, HTML, maths or table cell made
of it. One escaper for every place such text is shown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

_MARKDOWN_SIGNS = re.compile(r"([\\`*_{}\[\]()<>|$~#!+\-.&:])")


def literal(text: Any) -> str:
    """``text`` as it reads inside markdown: every sign that could start markup is escaped
    and line breaks become spaces (a table row or a heading cannot be broken out of)."""
    return _MARKDOWN_SIGNS.sub(r"\\\1", " ".join(str(text).splitlines()))


def literal_params(params: dict) -> dict:
    """``literal`` applied to the string values of a translation's parameters."""
    return {k: literal(v) if isinstance(v, str) else v for k, v in params.items()}


def table(headers: Sequence[Any], rows: Sequence[Sequence[Any]], escape: bool = True) -> str:
    """A markdown table (its text follows the projector CSS, unlike a dataframe).

    Cells are escaped with ``literal`` unless ``escape`` is False (cells the code wrote as
    markdown on purpose, such as `code` spans of the lab's own expressions)."""
    cell = literal if escape else (lambda v: str(v).replace("|", "\\|").replace("\n", " "))
    lines = ["| " + " | ".join(cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)
