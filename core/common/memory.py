"""Keep the process's memory close to what is alive (glibc's allocator, on Linux hosts).

glibc keeps freed memory inside its heaps: after the first big tensor is freed its dynamic
mmap threshold rises to 32 MB, so later activations are carved from the heaps and, once
freed, stay in the process. The RSS then only grows (about +400 MB after a few of the
transfer lab's speed probes) although nothing is alive, and on a 2.7 GB host shared by every
visitor that is what counts. ``malloc_trim`` returns it in a few milliseconds. (A fixed low
mmap threshold would too, but it made every forward pass about twice as slow.)

``malloc_trim`` cannot shrink the top of a thread's own heap (an "arena"): the frozen pass's
worker threads kept 40-60 MB each that way. ``use_one_heap`` makes threads started later
share the main heap, which it can trim; allocation is rare next to the work between
allocations, so sharing costs no measurable speed here.
"""

from __future__ import annotations

import ctypes
import ctypes.util

M_ARENA_MAX = -8  # glibc's malloc.h


def _glibc_function(name: str):
    try:
        return getattr(ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6"), name)
    except (OSError, AttributeError):  # not glibc (macOS, musl): their allocators differ
        return None


_malloc_trim = _glibc_function("malloc_trim")
_mallopt = _glibc_function("mallopt")


def release_free_heap() -> bool:
    """Return freed heap pages to the OS; False where the C library cannot (not glibc)."""
    if _malloc_trim is None:
        return False
    _malloc_trim(0)
    return True


def use_one_heap() -> bool:
    """Threads started from now on allocate from the main heap; False where not glibc."""
    if _mallopt is None:
        return False
    return bool(_mallopt(M_ARENA_MAX, 1))
