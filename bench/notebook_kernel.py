"""Execute a notebook top to bottom in a fresh Jupyter kernel of this very Python.

The kernel spec is written into a temporary folder (the same spec ``ipykernel install``
writes, pointing at ``sys.executable``), so the kernel is this virtualenv's whatever
kernels the machine or the user has installed elsewhere. Used by the notebook tests and
by ``bench.notebooks``; needs nbclient and ipykernel (requirements-dev.txt).
"""

from __future__ import annotations

import copy
import json
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

KERNEL_NAME = "cnn2-labs-venv"


def _kernel_manager(spec_root: Path) -> KernelManager:
    spec_dir = spec_root / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python (this venv)",
        "language": "python",
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    specs = KernelSpecManager(kernel_dirs=[str(spec_root / "kernels")])
    return KernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=specs)


def execute(nb: nbformat.NotebookNode, timeout: int = 600) -> tuple[nbformat.NotebookNode, float]:
    """(the executed copy of ``nb``, seconds), run in a fresh kernel inside a temp folder
    (anything the notebook writes goes there). A failing cell raises
    ``nbclient.exceptions.CellExecutionError``."""
    nb = copy.deepcopy(nb)
    with tempfile.TemporaryDirectory(prefix="lab-notebook-") as tmp:
        root = Path(tmp)
        work = root / "work"
        work.mkdir()
        client = NotebookClient(
            nb,
            km=_kernel_manager(root / "spec"),
            timeout=timeout,
            resources={"metadata": {"path": str(work)}},
        )
        start = time.perf_counter()
        client.execute()
        return nb, time.perf_counter() - start
