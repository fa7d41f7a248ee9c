"""The class room's databases, real ones: a SQLite file, and a throwaway PostgreSQL 15 server
that this test run starts itself (Debian's binaries; ``.ci/run`` installs them in CI)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from core.classroom.store import Classroom, Limits
from tests.conftest import unavailable

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


class Clock:
    """A clock the tests move (rooms expire, the join window slides)."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def _as_postgres(args: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, run its tools as the postgres user."""
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def postgres_server():
    """A fresh cluster in a temporary folder, listening only on a Unix socket there; yields
    its SQLAlchemy URL and removes everything afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="classroom-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    port = _free_port()
    ctl = [str(PG_BIN / "pg_ctl"), "-D", str(folder / "db")]
    quiet = dict(check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        subprocess.run(
            _as_postgres(
                [str(PG_BIN / "initdb"), "-D", str(folder / "db"), "-A", "trust", "-U", "postgres"]
            ),
            **quiet,
        )
        options = f"-p {port} -k {folder} -c listen_addresses=''"
        subprocess.run(
            _as_postgres([*ctl, "-o", options, "-l", str(folder / "log"), "-w", "start"]), **quiet
        )
        yield f"postgresql+psycopg://postgres@/postgres?host={folder}&port={port}"
    finally:
        subprocess.run(_as_postgres([*ctl, "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_url():
    if not (PG_BIN / "initdb").is_file():
        unavailable(f"PostgreSQL 15 is not installed ({PG_BIN}); .ci/run installs it")
    with postgres_server() as url:
        yield url


@pytest.fixture
def clock() -> Clock:
    return Clock()


LIMITS = Limits(room_seconds=3600, joins_per_window=5, join_window_seconds=60)


@pytest.fixture(params=["sqlite", "postgresql"])
def classroom(request, tmp_path, clock) -> Classroom:
    """A store on each real database, empty, with a small join limit and the test's clock."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'classroom.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres_url")
    store = Classroom(url, LIMITS, clock)
    yield store
    if request.param == "postgresql":  # one server for the whole run: empty it again
        from core.classroom.store import metadata

        metadata.drop_all(store.engine)
    store.engine.dispose()
