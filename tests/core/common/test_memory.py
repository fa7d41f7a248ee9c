"""core.common.memory: freed heap memory really leaves the process (Linux with glibc)."""

import ctypes
import os
import sys

import pytest

from core.common.memory import release_free_heap, use_one_heap

MB = 2**20


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / MB


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_freed_heap_chunks_leave_the_process():
    libc = ctypes.CDLL("libc.so.6")
    libc.malloc.restype = ctypes.c_void_p
    libc.free.argtypes = [ctypes.c_void_p]
    # 100 KB chunks come from the heap at any mmap threshold (never below 128 KB); every
    # other one stays alive, so the freed ones are holes that only malloc_trim can return.
    chunks = []
    for _ in range(2000):
        chunk = libc.malloc(100 * 1024)
        ctypes.memset(chunk, 1, 100 * 1024)  # touched, so resident
        chunks.append(chunk)
    for chunk in chunks[::2]:
        libc.free(chunk)
    held = rss_mb()
    assert release_free_heap() is True
    released = held - rss_mb()
    for chunk in chunks[1::2]:
        libc.free(chunk)
    assert released >= 50, f"only {released:.0f} of the 100 MB freed went back to the OS"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_glibc_accepts_one_heap_for_all_threads():
    # Its effect (the frozen pass's workers share one heap instead of one each) shows in
    # `python -m bench.memory`; here: the call reaches glibc and glibc accepts it.
    assert use_one_heap() is True


def test_after_a_run_its_garbage_cycles_are_gone():
    import gc
    import weakref

    from ui.common.frame import after_run

    class Node:
        pass

    try:
        after_run()  # the first run after imports collects anyway; the next ones must too
        a, b = Node(), Node()
        a.other, b.other = b, a  # a cycle: reference counting alone never frees it
        gone = weakref.ref(a)
        del a, b
        after_run()
        assert gone() is None
    finally:
        gc.unfreeze()  # the rest of the test session collects as usual
