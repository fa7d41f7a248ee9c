"""The tree's rules, checked: one name per lab, one owner of session state and of the link,
controls declared in core, tests and benches apart."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

from core.common.labs import LABS
from core.common.params import Control

ROOT = Path(__file__).resolve().parent.parent
APP_CODE = [
    ROOT / "streamlit_app.py",
    *sorted((ROOT / "ui").rglob("*.py")),
    *sorted((ROOT / "pages").glob("*.py")),
]


def _is_state_module(path: Path) -> bool:
    rel = path.relative_to(ROOT).as_posix()
    return rel == "ui/common/handover.py" or (rel.startswith("ui/") and path.name == "state.py")


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("lab", LABS, ids=lambda lab: lab.name)
def test_a_lab_has_one_name_everywhere(lab):
    for part in (
        f"pages/{lab.name}.py",
        f"core/{lab.name}/__init__.py",
        f"ui/{lab.name}/__init__.py",
        f"core/strings/{lab.name}.py",
        f"tests/core/{lab.name}/__init__.py",
    ):
        assert (ROOT / part).is_file(), part
    strings = importlib.import_module(f"core.strings.{lab.name}").STRINGS
    assert strings and all(key.startswith(f"{lab.name}.") for key in strings), [
        key for key in strings if not key.startswith(f"{lab.name}.")
    ][:5]


@pytest.mark.parametrize("lab", LABS, ids=lambda lab: lab.name)
def test_a_labs_controls_are_declared_in_its_core_package_with_its_prefix(lab):
    package = importlib.import_module(f"core.{lab.name}")
    controls = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"core.{lab.name}.{info.name}")
        controls += [v for v in vars(module).values() if isinstance(v, Control)]
        for value in vars(module).values():  # declarations grouped in a tuple or dict
            if isinstance(value, (tuple, list)):
                controls += [v for v in value if isinstance(v, Control)]
            elif isinstance(value, dict):
                controls += [v for v in value.values() if isinstance(v, Control)]
    assert controls, f"core.{lab.name} declares no Control"
    assert all(c.key.startswith(f"{lab.prefix}_") for c in controls), sorted(
        {c.key for c in controls if not c.key.startswith(f"{lab.prefix}_")}
    )


SESSION_STATE = re.compile(r"\bsession_state\b")
QUERY_PARAMS = re.compile(r"\bquery_params\b")


def test_session_state_is_touched_only_by_the_state_modules():
    offenders = [
        f"{_relative(p)}:{n}"
        for p in APP_CODE
        if not _is_state_module(p)
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if SESSION_STATE.search(line)
    ]
    assert not offenders, offenders


def test_the_link_is_written_only_by_the_state_module():
    offenders = [
        f"{_relative(p)}:{n}"
        for p in APP_CODE
        if _relative(p) != "ui/common/state.py"
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if QUERY_PARAMS.search(line)
    ]
    assert not offenders, offenders


def test_controls_are_drawn_by_the_one_helper():
    """``url_bound`` pairs a key with a widget; only ``ui.common.controls`` (and the frame's
    language switch) may call it."""
    allowed = {"ui/common/state.py", "ui/common/controls.py", "ui/common/frame.py"}
    offenders = [
        f"{_relative(p)}:{n}"
        for p in APP_CODE
        if _relative(p) not in allowed
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if "url_bound(" in line
    ]
    assert not offenders, offenders


IMPORT = re.compile(r"^\s*(?:from|import)\s+([\w.]+)", re.M)


def test_bench_imports_nothing_from_tests():
    for path in (ROOT / "bench").glob("*.py"):
        imported = IMPORT.findall(path.read_text(encoding="utf-8"))
        assert not [m for m in imported if m == "tests" or m.startswith("tests.")], path.name


def _calls(text: str, name: str) -> list[str]:
    """The source of every call ``name(...)`` in ``text``, parentheses balanced."""
    calls, start = [], text.find(name + "(")
    while start >= 0:
        end, depth = start + len(name) + 1, 1
        while depth:
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            end += 1
        calls.append(text[start:end])
        start = text.find(name + "(", end)
    return calls


def test_charts_show_the_figure_core_built():
    """Streamlit's own chart theme would restyle every figure (grey axis titles, its fonts),
    so what a page shows is what ``core`` built and styled: ``theme=None``."""
    restyled = [
        (_relative(path), call.splitlines()[0])
        for path in APP_CODE
        for call in _calls(path.read_text(encoding="utf-8"), "st.plotly_chart")
        if "theme=None" not in call
    ]
    assert restyled == []


def test_no_test_module_imports_another_test_module():
    for path in (ROOT / "tests").rglob("*.py"):
        imported = IMPORT.findall(path.read_text(encoding="utf-8"))
        bad = [m for m in imported if re.match(r"tests(\.\w+)*\.test_\w+", m)]
        assert not bad, (_relative(path), bad)


def test_no_test_skips_itself_when_an_import_fails():
    """Oracles are imported plainly: a broken oracle fails its tests instead of skipping them
    (tests/allowed_skips.txt lists the only skips CI accepts)."""
    for path in (ROOT / "tests").rglob("test_*.py"):
        assert "pytest." + "importorskip(" not in path.read_text(encoding="utf-8"), _relative(path)
