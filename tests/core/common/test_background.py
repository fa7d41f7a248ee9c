"""Background work: worker pools below the pages' priority, yielding to page threads."""

import os
import sys
import threading
import time

import pytest

from core.common import background
from core.common.background import (
    BACKGROUND_NICE,
    foreground_busy,
    in_background,
    worker_pool,
    yield_to_foreground,
)

PAGE = "test-page-thread"


@pytest.fixture
def pages():
    """Threads named like the server's page threads, running until the test lets them go."""
    before = background.foreground_threads(PAGE)  # an AppTest earlier may have set one
    stops = []

    def start() -> threading.Event:
        stop = threading.Event()
        threading.Thread(target=stop.wait, name=f"{PAGE}-{len(stops)}", daemon=True).start()
        stops.append(stop)
        return stop

    yield start
    for stop in stops:
        stop.set()
    background.foreground_threads(before)


def test_a_pool_is_made_once_per_name_and_shared():
    assert worker_pool("test-shared", 1) is worker_pool("test-shared", 1)
    assert worker_pool("test-shared", 1) is not worker_pool("test-other", 1)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice is Linux's")
def test_workers_run_below_the_pages_priority():
    def priorities() -> tuple[int, int]:
        worker = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        return worker, os.getpriority(os.PRIO_PROCESS, os.getpid())  # the main thread's

    worker, main = worker_pool("test-nice", 1).submit(priorities).result()
    # a process already niced further keeps its own (raising priority needs a privilege)
    assert worker == BACKGROUND_NICE or worker == main >= BACKGROUND_NICE
    assert main == os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


def test_without_page_threads_nothing_waits(pages):
    assert foreground_busy() == 0
    assert yield_to_foreground(10.0) < 1.0


def test_background_work_waits_while_a_page_runs_and_goes_on_when_it_ends(pages):
    stop = pages()
    assert foreground_busy() == 1
    threading.Timer(0.2, stop.set).start()
    waited = yield_to_foreground(30.0)
    assert 0.15 <= waited < 20.0, "waits for the page, not for the whole allowance"
    assert foreground_busy() == 0


def test_a_busy_server_slows_background_work_down_but_never_stops_it(pages):
    pages()
    waited = yield_to_foreground(0.01)
    assert waited >= background.YIELD_FACTOR * 0.01
    assert waited < 5.0


def test_a_page_waiting_for_background_work_does_not_count_as_running(pages):
    seen = []

    def tick():  # a page's timer tick: its training step runs on a worker
        seen.append(in_background(foreground_busy))

    page = threading.Thread(target=tick, name=f"{PAGE}-tick")
    page.start()
    page.join(timeout=30)
    assert seen == [0]


def test_a_page_that_trains_in_its_own_run_does_not_wait_for_itself(pages):
    result = []
    page = threading.Thread(
        target=lambda: result.append(yield_to_foreground(10.0)), name=f"{PAGE}-own"
    )
    start = time.perf_counter()
    page.start()
    page.join(timeout=30)
    assert result and result[0] < 1.0
    assert time.perf_counter() - start < 5.0
