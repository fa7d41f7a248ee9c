"""core/ is a plain library: no module in it imports streamlit."""

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "core"


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_core_module_imports_streamlit():
    files = sorted(CORE.rglob("*.py"))
    assert len(files) > 5
    offenders = [
        f.name
        for f in files
        if any(m == "streamlit" or m.startswith("streamlit.") for m in _imported_modules(f))
    ]
    assert offenders == []


def test_importing_all_of_core_loads_no_streamlit():
    modules = [
        ".".join(f.relative_to(CORE.parent).with_suffix("").parts)
        for f in sorted(CORE.rglob("*.py"))
        if f.name != "__init__.py"
    ]
    code = (
        f"import importlib, sys\nfor m in {modules!r}: importlib.import_module(m)\n"
        "assert not any(n == 'streamlit' or n.startswith('streamlit.') for n in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], cwd=CORE.parent, check=True, timeout=120)
