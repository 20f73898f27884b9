"""speed.py's switches (STUDYDECK_NO_TRICKS) and the tricks any build uses, replayed or not: the garbage
collector held back, the quick exit. No multiprocessing, no sheet code: imported by every build."""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import sys
from collections.abc import Iterator

TRICKS = ("collector", "early-worker", "warm-up", "compiled-ffi", "column-pass", "fast-exit", "small-workers")


def trick(name: str) -> bool:
    """Whether a trick is on: all are, unless STUDYDECK_NO_TRICKS names it (or is 1 or all)."""
    off = os.environ.get("STUDYDECK_NO_TRICKS", "")
    return not (off in ("1", "all") or name in off.split(","))


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """The model is hundreds of thousands of small acyclic objects: the default collector thresholds
    would walk them again and again while they are made (about 15% of a big build). Memory is freed by
    reference counting all the same."""
    if not trick("collector"):
        yield
        return
    thresholds = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def fast_exit(code: int) -> None:
    """End the process now, everything written and closed, without tearing the interpreter down object by
    object (freeing a build's model, cards and caches one by one). Not under a profiler or a tracer (they
    write their results as the interpreter ends); atexit handlers run first."""
    if not trick("fast-exit") or sys.getprofile() is not None or sys.gettrace() is not None:
        return
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can reach it anyway
            pass
    os._exit(code)
