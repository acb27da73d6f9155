"""Keep freed memory in the process between parse batches (glibc's allocator).

Every batch allocates and frees the model's activations, arrays of a few hundred kilobytes to
tens of megabytes. glibc hands blocks over its mmap threshold back to the kernel when they are
freed and gets fresh zeroed pages for the next batch: `brinkwatch code` of 168 news articles
took 250,000 page faults with one process and 690,000 with two (0.5 and 2.0 s of system CPU).
With a fixed, high mmap threshold and trim threshold the heap keeps those pages for the next
batch: 81,000 and 158,000 faults, 0.3 and 0.9 s (docs/performance.md). Peak memory does not
grow: the same arrays are live at the peak either way.

Set once per process when the pipeline loads, on glibc only; elsewhere nothing changes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import sys

# mallopt parameters (glibc's malloc.h)
_M_TRIM_THRESHOLD = -1
_M_TOP_PAD = -2
_M_MMAP_THRESHOLD = -3
_MMAP_THRESHOLD = 128 * 1024 * 1024  # larger blocks still come straight from the kernel
_TRIM_THRESHOLD = 256 * 1024 * 1024
_TOP_PAD = 64 * 1024 * 1024


@functools.cache
def keep_freed_memory() -> bool:
    """Tune glibc's allocator for the parse; False where this is not glibc."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # musl and others have no mallopt
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return all(
        mallopt(parameter, value) == 1
        for parameter, value in (
            (_M_MMAP_THRESHOLD, _MMAP_THRESHOLD),
            (_M_TRIM_THRESHOLD, _TRIM_THRESHOLD),
            (_M_TOP_PAD, _TOP_PAD),
        )
    )
