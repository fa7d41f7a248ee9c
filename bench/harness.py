"""The app under test, for the benches and the tests alike: an AppTest of the whole app
that behaves like a warm server (``make_app``), and a real ``streamlit run`` on loopback
(``running_server``)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "streamlit_app.py")

# Debian's headless Chromium, for the browser tests and bench.browser alike
CHROMIUM = shutil.which("chromium")  # on PATH: scripts/ensure_chromium.sh provides it
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _apptest_as_a_warm_server() -> None:
    """Make every AppTest run go through ``streamlit_app.py``, as on a running server.

    AppTest resets Streamlit's legacy ``pages/`` flag before each run, so each run would
    first execute the bare page file and then the frame's corrective rerun, which drops
    button clicks. A server clears that flag for good at its first ``st.navigation``; this
    does the same for AppTest. The fresh-server path itself is covered by a browser test.
    """
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import app_test

    class WarmPagesManager(PagesManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            PagesManager.uses_pages_directory = False

    app_test.PagesManager = WarmPagesManager


_apptest_as_a_warm_server()


def make_app(page: str | None = None, lang: str = "en", projector: bool = False, **params: str):
    """An AppTest of the whole app opened on ``page`` with URL query parameters."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.query_params["projector"] = "1" if projector else "0"
    for key, value in params.items():
        at.query_params[key] = value
    if page:
        at.switch_page(page)
    return at


def machine_facts(load_before: tuple[float, ...]) -> dict:
    """What a figure was measured on: the cores and the load before and after the run."""
    return {
        "cpu_count": os.cpu_count(),
        "loadavg_before_after": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_server(log_name: str = "server.log", env: dict | None = None, port: int | None = None):
    """A real ``streamlit run`` of the app on a loopback port (a free one unless given), with
    ``env`` added to the environment; yields its base URL."""
    port = port or _free_port()
    (ROOT / "artifacts").mkdir(exist_ok=True)
    log = open(ROOT / "artifacts" / log_name, "w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "streamlit_app.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.fileWatcherType",
            "none",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while True:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                if time.time() > deadline:
                    raise RuntimeError("the server did not answer /_stcore/health") from None
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
