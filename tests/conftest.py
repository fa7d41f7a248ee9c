"""Shared test fixtures: project root on sys.path, the book's data, AppTest factory."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import make_app  # noqa: E402, F401  (the tests' AppTest factory)

BOOK = ROOT.parent / "shared" / "data" / "book-ch05"


@pytest.fixture
def book_dir() -> Path:
    """The textbook's chapter-5 data; present in CI and on dev machines, not in a user's clone."""
    if not BOOK.is_dir():
        pytest.skip(f"{BOOK} is absent (it sits beside the project only in CI and dev checkouts)")
    return BOOK


def run_app(page: str | None = None, **kwargs):
    """``make_app(...)`` run once, failing the test on any exception element."""
    at = make_app(page, **kwargs)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def app():
    return make_app


_SPOKEN = threading.local()


@pytest.fixture
def speak(monkeypatch):
    """``speak(lang)``: the language translated option labels use outside a script run.

    AppTest calls widgets' ``format_func`` in the test's own thread, outside any script run,
    where ``st.session_state`` is empty: ``lambda o: tr(...)`` labels would come out in the
    default language there, not match a Korean session's options, and fail any widget
    change. Inside runs nothing changes. Per thread, for sessions driven concurrently.
    """
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    from ui.common import frame

    real = frame.lang
    monkeypatch.setattr(
        frame, "lang", lambda: real() if get_script_run_ctx() else getattr(_SPOKEN, "lang", real())
    )

    def set_language(lang: str) -> str:
        _SPOKEN.lang = lang
        return lang

    return set_language


LANES = {"e2e": "e2e", "robustness": "robustness", "bench": "bench"}  # folder -> marker


def pytest_collection_modifyitems(items):
    """Each test carries its folder's lane marker, so ``-m "not e2e and not robustness and not
    bench"`` is the fast lane (core and pages) whatever paths are given."""
    for item in items:
        parts = Path(str(item.fspath)).relative_to(ROOT / "tests").parts
        if len(parts) > 1 and parts[0] in LANES:
            item.add_marker(LANES[parts[0]])


def pytest_terminal_summary(terminalreporter):
    """How many hostile-input cases went through the pages (tests/robustness/hostile_corpus.py)."""
    corpus = sys.modules.get("tests.robustness.hostile_corpus")
    if corpus is not None and corpus.TRIED:
        terminalreporter.write_sep("-", corpus.summary())
