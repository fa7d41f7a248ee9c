"""Background work below the pages' priority, on process-wide worker pools.

A class shares two cores and one interpreter lock: thirty Start clicks, page loads and
control changes are answered by the server's page threads while runs train and frozen
parts are computed on worker threads. Two things keep the pages first:

- Workers lower their own scheduling priority (``nice``), so the kernel runs a page thread
  first when both are ready. Linux sets ``nice`` per thread; elsewhere it is a no-op.
- Between two steps, background work yields while page threads run
  (``yield_to_foreground``): a training step is mostly Python (a small head's forward,
  the optimizer), and the interpreter lock would otherwise be shared evenly between a
  page being drawn and a run. The pages name their threads (``foreground_threads``);
  a page thread that waits for background work (``in_background``) does not count.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

BACKGROUND_NICE = 10  # well below the pages (0), still ahead of idle tasks (19)
T = TypeVar("T")

# Background work keeps at least 1/(1 + YIELD_FACTOR) of the time while pages run: a class
# that keeps the server busy slows the runs down, it never stops them.
YIELD_FACTOR = 4.0
YIELD_POLL_S = 0.005

_POOLS: dict[str, ThreadPoolExecutor] = {}
_POOLS_LOCK = threading.Lock()
_foreground_prefix: str | None = None
_waiting: set[int] = set()  # foreground threads waiting for background work


def background_priority() -> None:
    """Lower the calling thread's scheduling priority to ``BACKGROUND_NICE``."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICE)
    except (AttributeError, OSError):  # not Linux, or not allowed: keep the priority
        pass


def worker_pool(
    name: str, workers: int, setup: Callable[[], None] | None = None
) -> ThreadPoolExecutor:
    """The process's pool called ``name``, made on first use and shared by every session:
    ``workers`` threads at background priority, each running ``setup`` once first."""

    def start() -> None:
        background_priority()
        if setup is not None:
            setup()

    with _POOLS_LOCK:
        if name not in _POOLS:
            _POOLS[name] = ThreadPoolExecutor(workers, thread_name_prefix=name, initializer=start)
        return _POOLS[name]


def in_background(work: Callable[..., T], *args, workers: int = 2) -> T:
    """``work(*args)`` on a background worker; the caller waits for its result. A page's
    timer tick does its training step this way, so a class's clicks go first."""
    me = threading.get_ident()
    _waiting.add(me)
    try:
        return worker_pool("background", workers).submit(work, *args).result()
    finally:
        _waiting.discard(me)


def foreground_threads(name_prefix: str | None) -> str | None:
    """Name the threads that answer users (None: none, background work never yields);
    returns the prefix it replaces, so a caller can put it back."""
    global _foreground_prefix
    before, _foreground_prefix = _foreground_prefix, name_prefix
    return before


def foreground_busy() -> int:
    """How many other foreground threads are running now (not waiting for background
    work): a page thread that trains in its own run does not wait for itself."""
    prefix = _foreground_prefix
    if prefix is None:
        return 0
    me = threading.get_ident()
    return sum(
        1
        for t in threading.enumerate()
        if t.name.startswith(prefix) and t.ident != me and t.ident not in _waiting
    )


def yield_to_foreground(step_s: float) -> float:
    """Wait while foreground threads run, at most ``YIELD_FACTOR`` times the step just
    done; the seconds waited (not work: runs leave them out of their own time)."""
    start = time.perf_counter()
    limit = start + YIELD_FACTOR * step_s
    while foreground_busy() and time.perf_counter() < limit:
        time.sleep(YIELD_POLL_S)
    return time.perf_counter() - start
