"""Stage 2 after an edit: the domains of a notes file its last parse made, taken again when the lines each was
parsed from are the same (parsing and analysing the others is most of a rebuild after a one-domain edit)."""

from __future__ import annotations

import bisect
import hashlib
import io
import json
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Section, Source
from ..report import Report


@dataclass(slots=True)
class Part:
    """One domain as its parse made it (before domains of the same title are merged)."""

    sections: list[Section]
    warnings: list[tuple[object, str]]
    """What its parse warned of, in order (said again when it is taken)."""
    looked_up: dict[str, bool]
    """The files its parse looked for (NotesFile.looked_up): it holds while they are as they were."""


@dataclass(slots=True)
class Made:
    """A domain of this parse, for the next one: its key and the lines it was parsed from."""

    key: str
    first: int
    end: int
    """The line after its last."""
    part: Part


def key(context: list, lines: list[str]) -> str:
    """What a domain's parse depends on: its own lines and the file's `context` (its name and folders, the
    heading level of its domains, its link references). A domain starts at a heading at the top of the
    Markdown tree, so nothing open before it reaches into its lines (tests/test_parts.py checks markdown-it
    so)."""
    return hashlib.sha256(json.dumps([context, lines], ensure_ascii=False).encode()).hexdigest()[:32]


@dataclass
class Parts:
    """A notes file's parts: those its last parse made, read (lines moved to where they are now) only when
    some are wanted, and those this parse makes."""

    name: str
    lang: str = ""
    """The language the kept parts were analysed in."""
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Each kept part's key -> its first line and the line after its last, in the last parse."""
    read: Callable[[], bytes] | None = None
    """The last parse's pickle (cache.Cache.store_parsed): its notes file, warnings, digests and parts."""
    still_there: Callable[[dict[str, bool]], bool] = lambda looked_up: True
    made: list[Made] = field(default_factory=list)
    taken: set[int] = field(default_factory=set)
    """id() of the sections taken from the last parse."""

    def take(self, wanted: dict[str, int]) -> dict[str, Part]:
        """The kept parts of these keys (-> their first line now), their lines moved there."""
        found = {k: first for k, first in wanted.items() if k in self.spans}
        if not found or self.read is None:
            return {}
        moves = sorted((*self.spans[k], first - self.spans[k][0]) for k, first in found.items())
        try:
            kept = _Moved(io.BytesIO(self.read()), self.name, moves).load()[3]
        except Exception:  # noqa: BLE001  absent, damaged or from another Python: parsed again
            return {}
        parts = {k: kept[k] for k in found if isinstance(kept.get(k), Part) and self.still_there(kept[k].looked_up)}
        self.taken.update(id(s) for p in parts.values() for s in p.sections)
        return parts

    def analysed(self, lang: str) -> set[int]:
        """id() of the sections taken whose analysis is this language's."""
        return self.taken if lang == self.lang else set()

    def converted(self, ctx, convert: Callable[[], list[Section]]) -> Part:
        """A domain parsed now: its sections, and what it warned of and looked for on its own."""
        report, looked_up = ctx.report, ctx.looked_up
        ctx.report, ctx.looked_up = Report(quiet=True), {}
        try:
            sections = convert()
            return Part(sections, [(w.where, w.message) for w in ctx.report.warnings], ctx.looked_up)
        finally:
            ctx.report, ctx.looked_up = report, looked_up


class _Moved(pickle.Unpickler):
    """Reads a pickle with this file's lines moved: `moves` = (first, end, by) for each line range, sorted."""

    def __init__(self, file, name: str, moves: list[tuple[int, int, int]]):
        super().__init__(file)
        self.name = name
        self.firsts = [m[0] for m in moves]
        self.moves = moves

    def find_class(self, module: str, name: str):
        cls = super().find_class(module, name)
        return self._source if cls is Source else cls

    def _source(self, file: str, line: int) -> Source:
        if file == self.name:
            i = bisect.bisect_right(self.firsts, line) - 1
            if i >= 0 and line < self.moves[i][1]:
                line += self.moves[i][2]
        return Source(file, line)
