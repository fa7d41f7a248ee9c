"""A lab's current state as a Jupyter notebook: markdown and code cells, user data as data.

Every value that came from a user (names, labels, class names, a graph, an image) enters a
notebook only through ``data``: a JSON text inside a Python string literal (``repr``), read
back with ``json.loads``. A string literal cannot end early and JSON cannot call anything,
so no state can put code into a notebook. User text never goes into markdown cells.

Each notebook ends with a cell tagged ``NUMBERS_TAG`` that prints one JSON object of the
numbers the lab shows; ``printed_numbers`` reads it back from an executed notebook.
"""

from __future__ import annotations

import ast
import base64
import io
import json
from typing import Any

import nbformat
from PIL import Image

NUMBERS_TAG = "lab-numbers"
_KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}


def data(value: Any) -> str:
    """``value`` (JSON-serialisable) as a Python expression that rebuilds it, never as code."""
    text = json.dumps(value, ensure_ascii=True, allow_nan=True)
    literal = repr(text)
    if ast.literal_eval(literal) != text:  # repr of a str always reads back; a tripwire
        raise ValueError("not a faithful literal")
    return f"json.loads({literal})"


def image_data(image: Image.Image) -> tuple[str, str]:
    """An RGB image as (base64 PNG, lossless, so every pixel equals the lab's) data."""
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode("ascii"), "png"


class NotebookBuilder:
    """Cells in order: ``markdown(text)``, ``code(source)``, then ``numbers(expr)`` last."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.cells: list = []

    def markdown(self, text: str) -> NotebookBuilder:
        self.cells.append(nbformat.v4.new_markdown_cell(text.strip()))
        return self

    def code(self, source: str) -> NotebookBuilder:
        self.cells.append(nbformat.v4.new_code_cell(source.strip()))
        return self

    def numbers(self, expression: str) -> NotebookBuilder:
        """The last cell: print ``expression`` (a dict of the lab's numbers) as one JSON line."""
        cell = nbformat.v4.new_code_cell(
            f"print(json.dumps({expression}, sort_keys=True, allow_nan=True))"
        )
        cell.metadata["tags"] = [NUMBERS_TAG]
        self.cells.append(cell)
        return self

    def build(self) -> nbformat.NotebookNode:
        nb = nbformat.v4.new_notebook(cells=list(self.cells))
        nb.metadata["kernelspec"] = dict(_KERNEL)
        nb.metadata["language_info"] = {"name": "python"}
        nb.metadata["lab_language"] = self.language
        nbformat.validate(nb)
        return nb


def notebook_bytes(nb: nbformat.NotebookNode) -> bytes:
    """The ``.ipynb`` file's content."""
    return nbformat.writes(nb).encode("utf-8")


def printed_numbers(nb: nbformat.NotebookNode) -> dict:
    """The JSON object the executed notebook's numbers cell printed."""
    for cell in nb.cells:
        if NUMBERS_TAG in cell.get("metadata", {}).get("tags", []):
            text = "".join(
                o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stdout"
            )
            return json.loads(text.strip().splitlines()[-1])
    raise ValueError("the notebook has no numbers cell")
