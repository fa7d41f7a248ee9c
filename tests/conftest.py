"""Shared test fixtures: project root on sys.path, the book's data, AppTest factory."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import make_app  # noqa: E402, F401  (the tests' AppTest factory)

# One engine for the frozen part in every test process and the servers they start: the
# app's default (auto) swaps eager for OpenVINO once a background export is ready, so two
# runs of one test could see either, and tests compare runs bit for bit. OpenVINO itself
# is tested against eager (core/transfer_learning/test_engines.py) and in the lab
# (tests/pages/test_transfer_learning.py, its engine test).
os.environ.setdefault("CH05_ENGINE", "eager")

BOOK = ROOT.parent / "shared" / "data" / "book-ch05"
IN_CI = os.environ.get("CI", "").lower() == "true"
ALLOWED_SKIPS = ROOT / "tests" / "allowed_skips.txt"


def unavailable(reason: str):
    """A prerequisite is missing: skip on a developer's machine, fail in CI (a CI run that
    skipped what it could not run would look green while checking less)."""
    if IN_CI:
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def book_dir() -> Path:
    """The textbook's chapter-5 data; present in CI and on dev machines, not in a user's clone."""
    if not BOOK.is_dir():
        unavailable(f"{BOOK} is absent (it sits beside the project only in CI and dev checkouts)")
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


_SKIPS: list[tuple[str, str]] = []  # (test id, reason)


def pytest_runtest_logreport(report):
    if report.skipped and not hasattr(report, "wasxfail"):
        _SKIPS.append((report.nodeid, report.longrepr[2].removeprefix("Skipped: ")))


def allowed_skip_reasons() -> list[str]:
    lines = ALLOWED_SKIPS.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def unallowed_skips() -> list[tuple[str, str]]:
    allowed = allowed_skip_reasons()
    return [(test, why) for test, why in _SKIPS if not any(a in why for a in allowed)]


def pytest_sessionfinish(session):
    if IN_CI and unallowed_skips() and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    """Every skip with its reason (CI fails on one outside tests/allowed_skips.txt), and how
    many hostile inputs went through the pages (tests/robustness/hostile_corpus.py)."""
    if _SKIPS:
        terminalreporter.write_sep("-", f"{len(_SKIPS)} skipped")
        unallowed = unallowed_skips()
        for test, why in _SKIPS:
            mark = "NOT ALLOWED " if (test, why) in unallowed else ""
            terminalreporter.write_line(f"{mark}{test}: {why}")
        if IN_CI and unallowed:
            terminalreporter.write_line(
                f"CI fails: {len(unallowed)} skip(s) outside {ALLOWED_SKIPS.relative_to(ROOT)}"
            )
    corpus = sys.modules.get("tests.robustness.hostile_corpus")
    if corpus is not None and corpus.TRIED:
        terminalreporter.write_sep("-", corpus.summary())
