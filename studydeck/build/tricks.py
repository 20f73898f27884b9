"""speed.py's switches (STUDYDECK_NO_TRICKS) and the tricks any build uses, replayed or not: the garbage
collector held back, the quick exit, a big deck-only build's cards made in two processes, a cold deck-only
build's word table made while it parses. No sheet code, and multiprocessing only when cards are forked:
imported by every build."""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import sys
from collections.abc import Callable, Iterator

from .. import words

TRICKS = (
    "collector",
    "early-worker",
    "warm-up",
    "compiled-ffi",
    "lazy-fonttools",
    "column-pass",
    "fast-exit",
    "small-workers",
    "parallel-cards",
    "words-ahead",
)


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


# -- the card stage in two processes -----------------------------------------------------------------

PARALLEL_CARDS_BLOCKS = 300
"""Below this many blocks (paragraphs, lists, tables) to card, the card stage runs here: forking workers and
sending their cards back costs more than it saves (the user's notes have 89: they never fork)."""

_FORKED: tuple[Callable, list] | None = None
"""The work a forked card worker inherits: the function and its items (never pickled: the model is big)."""


def _forked_call(i: int):
    fn, items = _FORKED
    return fn(items[i])


def map_forked(
    fn: Callable, items: list, blocks: int, processes: int | None, shared: Callable[[], object] | None = None
) -> list:
    """`[fn(x) for x in items]`, in forked worker processes when there is enough work (`blocks` to card)
    and cores for it: a deck-only build of a big file spends most of its time making cards, one
    domain at a time, on one core (parallel-cards). Results come back in the items' order, so the deck is
    the same either way. `shared()` is run here before the workers fork: what each would load for itself
    (a cold build's word table: 0.5 s of CPU in each worker of the 50-copy deck), loaded once for all."""
    global _FORKED
    import multiprocessing  # (only a build that forks card workers needs it: see the module's docstring)

    n = min(processes or os.cpu_count() or 1, len(items))
    if (
        n < 2
        or blocks < PARALLEL_CARDS_BLOCKS
        or not trick("parallel-cards")
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return [fn(x) for x in items]
    if shared is not None:
        shared()
    _FORKED = (fn, items)
    try:
        with multiprocessing.get_context("fork").Pool(n) as pool:
            # small chunks, so that a run of big domains does not leave the other worker idle at the end
            return pool.map(_forked_call, range(len(items)), chunksize=max(1, len(items) // (n * 8)))
    finally:
        _FORKED = None


# -- the word table made while the build parses ------------------------------------------------------


class WordsAhead:
    """words-ahead: a cold deck-only build makes its language's word table from wordfreq before it cards
    (words.preload: 0.5 s of CPU on the way to the cards of 50 copies of the user's notes, while the build's
    other core has nothing to do). So once the first notes file turns out to need parsing, a forked process
    makes it into the build cache for the language the file's text reads as (words.detect), while this one
    parses; the card stage waits for it (join) and reads the table from there. A wrong guess costs nothing
    but that process: the table the notes need is made then, as without. Not when the cache has a table
    already (a rebuild), nor for a build that renders sheets (they have the other cores)."""

    def __init__(self) -> None:
        self.pid: int | None = None
        self.tried = False

    def start(self, raw: bytes) -> None:
        if self.tried or not trick("words-ahead") or not hasattr(os, "fork") or words.tables_kept():
            self.tried = True
            return
        self.tried = True
        text = raw.decode("utf-8", "replace")
        pid = os.fork()
        if pid == 0:  # the forked process: the table, then out at once (nothing of the build's to flush or run)
            try:
                words.preload(words.detect([text]))
            finally:
                os._exit(0)
        self.pid = pid

    def join(self) -> None:
        if self.pid is not None:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self.pid = None
