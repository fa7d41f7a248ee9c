"""The notebook builder: user data enters a notebook as data, never as code."""

from __future__ import annotations

import ast
import json
import sys

import nbformat
import pytest

from bench.notebook_kernel import execute
from core.common.notebook import NUMBERS_TAG, NotebookBuilder, data, notebook_bytes, printed_numbers

HOSTILE = [
    "plain",
    "quote \" and ' and \"\"\" and '''",
    "new\nline\r\n and \\ backslash \\' \\\"",
    "'); __import__('os').system('touch pwned'); ('",
    '"""\nimport os; os.system("touch pwned")\n"""',
    "**bold** [link](javascript:alert(1)) <script>alert(1)</script> $x$ `code`",
    "😀 한국어 \u0000 \ud800",  # an emoji, Korean, NUL, a lone surrogate
    "{json.dumps} {0} %s",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_data_rebuilds_the_value_and_is_one_call_with_one_string_constant(text):
    value = {"names": [text, text * 3], "nested": {"k": [1.5, None, True]}}
    expression = data(value)
    assert eval(expression, {"json": json}) == value  # noqa: S307 (the test of it)
    tree = ast.parse(expression, mode="eval").body
    assert isinstance(tree, ast.Call) and ast.unparse(tree.func) == "json.loads"
    assert len(tree.args) == 1 and isinstance(tree.args[0], ast.Constant)


def test_non_finite_numbers_are_data_too():
    rebuilt = eval(data([float("inf"), -float("inf")]), {"json": json})  # noqa: S307
    assert rebuilt == [float("inf"), -float("inf")]


def test_a_built_notebook_is_valid_and_ends_with_its_numbers_cell():
    nb = NotebookBuilder("ko").markdown("# t").code("x = 1").numbers("{'x': x}").build()
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert NUMBERS_TAG in nb.cells[-1].metadata["tags"]
    again = nbformat.reads(notebook_bytes(nb).decode("utf-8"), as_version=4)
    assert [c.source for c in again.cells] == [c.source for c in nb.cells]


def test_hostile_data_runs_in_a_real_kernel_as_data_in_this_venv():
    """The kernel is this virtualenv's Python, and no hostile string runs as code."""
    nb = NotebookBuilder("en")
    nb.code(f"import json, os, sys\nnames = {data(HOSTILE[:-2] + HOSTILE[-1:])}")
    nb.numbers("{'names': names, 'executable': sys.executable, 'pwned': os.path.exists('pwned')}")
    executed, _ = execute(nb.build(), timeout=120)
    got = printed_numbers(executed)
    assert got["executable"] == sys.executable
    assert got["names"] == HOSTILE[:-2] + HOSTILE[-1:]
    assert got["pwned"] is False
