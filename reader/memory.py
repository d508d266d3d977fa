"""The C allocator's share of the reader's memory (glibc on Linux; elsewhere nothing is done).

Each thread that allocates gets an allocator arena of its own, up to eight per core, and memory
freed in one is kept there for that arena's next use. The reader's searches, story loads and
counts run in worker threads, so most of its private memory was freed blocks held in arenas
(benchmarks/NOTES.md): two arenas are shared by all threads instead, and freed memory is handed
back to the system when the reader is idle.
"""

from __future__ import annotations

import ctypes
import functools
import sys

# glibc's mallopt() parameter for the most arenas (malloc.h).
_M_ARENA_MAX = -8
ARENAS = 2


@functools.cache
def _glibc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)  # the C library the interpreter was linked with
    except OSError:
        return None
    # Another C library (musl) has neither.
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


def limit_allocator_arenas() -> None:
    """Share `ARENAS` arenas among all threads; call before the reader starts its threads."""
    libc = _glibc()
    if libc is not None:
        libc.mallopt(_M_ARENA_MAX, ARENAS)


def give_back_free_memory() -> None:
    """Return the allocator's free pages to the system."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)
