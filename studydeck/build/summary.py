"""The build summary: per domain what the deck and the sheet got, the warnings by file; a progress bar on a terminal."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..report import Report, Warning_
from .options import KIND_LABELS

if TYPE_CHECKING:
    from .options import Options, Result


class Progress:
    """A one-line bar redrawn in place on a terminal, for stages of several slow steps (reading the notes
    files, making the cards of each domain, rendering the sheets)."""

    WIDTH = 24

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.shown = False
        self.drawn: tuple[str, int] | None = None

    def update(self, stage: str, done: int, total: int) -> None:
        if total < 2:  # one step is not a long build: nothing to watch
            return
        filled = round(self.WIDTH * done / total)
        if (stage, filled) == self.drawn and 0 < done < total:
            return  # 500 files read from the cache: redrawn when the bar moves, not 500 times
        self.drawn = (stage, filled)
        self.stream.write(f"\r\x1b[K{stage} [{'#' * filled}{'-' * (self.WIDTH - filled)}] {done}/{total}")
        self.stream.flush()
        self.shown = True
        if done >= total:
            self.clear()

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def progress_for(stream: TextIO) -> Progress | None:
    """A progress bar when `stream` is a terminal; None (quiet) when it is a file or a pipe."""
    isatty = getattr(stream, "isatty", None)
    return Progress(stream) if isatty is not None and isatty() else None


SCREEN_ROWS = 40
"""Rows of the domain table a summary prints at most: more files than fit are shown one row each, the
largest first, and the rest counted; the whole table is in summary.txt beside the deck."""
FULL_NAME = "summary.txt"


def summary(result: Result, opts: Options, report: Report, full: bool = False) -> str:
    """What the build made, per domain (under its file, with several), and the warnings grouped by file.
    `full`: every domain, however many (what summary.txt holds)."""
    lines: list[str] = []
    counts = result.counts
    kinds, flagged, total = counts.kinds, counts.flagged, counts.total
    if result.deck_path:
        by_kind = ", ".join(f"{total[k]} {label}" for k, label in KIND_LABELS.items())
        removed = counts.removed
        kept = f" and {removed} suspended of notes you removed" if removed else ""
        shown = sum(total.values())
        lines.append(f"{shown} cards ({by_kind}) from {len(result.cards)} notes{kept} -> {result.deck_path}")
    if result.sheets:
        lines.append(f"{len(result.sheets)} sheets -> {opts.output / 'cheatsheets'}")
    if result.preview:
        lines.append(f"preview -> {result.preview}")
    if result.model is not None:
        from ..llm import summary_line  # the optional model writer: loaded only when a file asks for it

        lines.append(summary_line(result.model, result.cards))

    domains = [(d.slug, d.title) for nf in result.notes for d in nf.domains]
    if domains and (sum(total.values()) or result.fits):
        lines.extend(_table(result, kinds, flagged, total, opts, full))
    if sum(flagged.values()):
        lines.append(
            f"{sum(flagged.values())} cards flagged (long answer, possible leak, low-confidence rule): see the preview"
        )
    lines.extend(skipped(result.skipped))
    # what other stages wanted said: items left out of sheets, notes gone since the last build...
    cap = None if full else opts.output / FULL_NAME
    lines.extend(by_file([_info_place(n) for n in report.notes], "note", cap))
    lines.extend(warnings_by_file(report.warnings, cap))
    return "\n".join(lines) + "\n"


SKIPPED_SHOWN = 10


def skipped(files: list[tuple[str, str]]) -> list[str]:
    """The Markdown files (and folders) not read as notes, and why; --include takes one in."""
    if not files:
        return []
    out = [f"{len(files)} not read as notes (--include GLOB reads one):"]
    width = max(len(rel) for rel, _ in files[:SKIPPED_SHOWN])
    out.extend(f"  {rel:<{width}}  {why}" for rel, why in files[:SKIPPED_SHOWN])
    if len(files) > SKIPPED_SHOWN:
        out.append(f"  and {len(files) - SKIPPED_SHOWN} more")
    return out


def _table(
    result: Result, kinds: dict[str, Counter], flagged: Counter, total: Counter, opts: Options, full: bool
) -> list[str]:
    """The domain table: a row per domain, under a row per file when there are several; when that is
    longer than a screen, a row per file, the largest first, the rest counted."""

    def row(label: str, slugs: list[str], indent: str, sheet: bool = True) -> str:
        text = f"{indent}{label:<{width - len(indent) + 2}}"
        if result.deck_path:
            counts = sum((kinds.get(s, Counter()) for s in slugs), Counter())
            text += _counts(sum(counts.values()), [counts[k] for k in KIND_LABELS], sum(flagged[s] for s in slugs))
        whole = result.sheet_of.get(slugs[0]) if len(slugs) == 1 else None
        fit = result.fits.get(whole or slugs[0]) if sheet and len(slugs) == 1 else None
        if whole and fit is not None:
            sharing = [d for d, f in result.sheet_of.items() if f == whole]
            whole_file = any(
                len(sharing) == len(nf.domains) and sharing[0] == nf.domains[0].slug for nf in result.notes
            )
            what = "the file" if whole_file else f"{len(sharing)} domains"
            if sharing[0] != slugs[0]:
                return text + ("  on the file's sheet" if whole_file else "  on a shared sheet")
            return text + f"  {fit.size:g} pt, one sheet for {what}"
        if fit is not None:
            text += f"  {fit.size:g} pt"
            if fit.pages > 1:
                text += f", {fit.pages} pages"
            if fit.dropped:  # each one is named, with its line, among the build's notes below
                names = ": " + ", ".join(fit.dropped) if len(fit.dropped) <= 3 else ""
                text += f", left out {len(fit.dropped)}{names}"
        return text.rstrip()

    several = len(result.notes) > 1
    files = [(nf, [d.slug for d in nf.domains]) for nf in result.notes]
    tree = several and (full or len(files) + sum(len(s) for _, s in files) <= SCREEN_ROWS)
    if tree or not several:
        labels = [len(d.title) + 2 * several for nf in result.notes for d in nf.domains]
        width = max(len("domain"), *labels, *(len(f"{nf.title} ({nf.path})") for nf in result.notes if several))
    else:
        width = max(len("file"), *(len(nf.title) for nf, _ in files))
    head = f"  {('domain' if tree or not several else 'file'):<{width}}"
    if result.deck_path:
        head += "  cards" + "".join(f"  {label:>5}" for label in KIND_LABELS.values()) + "  flagged"
    if result.fits and (tree or not several):
        head += "  sheet"
    out = [head]
    if not several:
        out.extend(row(d.title, [d.slug], "  ") for d in result.notes[0].domains)
    elif tree:
        for nf, slugs in files:
            out.append(row(f"{nf.title} ({nf.path})", slugs, "  ", sheet=False))
            out.extend(row(d.title, [d.slug], "    ") for d in nf.domains)
    else:
        size = {nf.path: sum(sum(kinds.get(s, Counter()).values()) for s in slugs) for nf, slugs in files}
        largest = sorted(files, key=lambda f: -size[f[0].path])
        shown = largest[: SCREEN_ROWS - 2]
        out.extend(
            row(nf.title, slugs, "  ", sheet=False)
            + f"  ({nf.path}, {len(slugs)} domain{'s' if len(slugs) != 1 else ''})"
            for nf, slugs in shown
        )
        rest = largest[len(shown) :]
        if rest:
            cards = sum(size[nf.path] for nf, _ in rest)
            out.append(f"  and {len(rest)} more files ({cards} cards): every domain is in {opts.output / FULL_NAME}")
    if result.deck_path:
        views = sum(total.values())
        out.append(f"  {'total':<{width}}{_counts(views, [total[k] for k in KIND_LABELS], sum(flagged.values()))}")
    return out


def _counts(cards: int, kinds: list[int], flagged: int) -> str:
    return f"  {cards:>5}" + "".join(f"  {n:>5}" for n in kinds) + f"  {flagged:>7}"


def _place(w: Warning_) -> tuple[str, int | None]:
    where = w.where
    if hasattr(where, "file"):
        return where.file, where.line
    m = re.match(r"^(.*):(\d+)$", str(where))
    return (m.group(1), int(m.group(2))) if m else (str(where), None)


def _info_place(note: str) -> tuple[str, int | None, str]:
    m = re.match(r"^(.*?):(\d+): (.*)$", note, re.S)
    return (m.group(1), int(m.group(2)), m.group(3)) if m else ("", None, note)


def warnings_by_file(warnings: list[Warning_], full_list: Path | None = None) -> list[str]:
    """`N warnings`, then each file (or sheet) and its warnings in line order, line numbers first."""
    return by_file([(*_place(w), w.message) for w in warnings], "warning", full_list)


PER_FILE_SHOWN = 4
"""Messages shown per file on the screen; a folder of notes with missing images would otherwise print one
line per image, pages of them (every message is in summary.txt, and was printed on stderr as it came)."""
ROWS_SHOWN = 16
"""Lines of one list (warnings, notes) on the screen: whole files while they fit, the rest counted."""


def by_file(items: list[tuple[str, int | None, str]], what: str, full_list: Path | None = None) -> list[str]:
    """`N <what>s:`, then each file (or sheet) and its messages in line order, line numbers first. With
    `full_list` (the screen's summary), a few per file and a few files, the rest counted and found there."""
    if not items:
        return []
    groups: dict[str, list[tuple[int | None, str]]] = {}
    for file, line, message in items:
        groups.setdefault(file, []).append((line, message))
    out = [f"{len(items)} {what}{'s' if len(items) != 1 else ''}:"]
    shown = 0
    for file, found in groups.items():
        if full_list is not None and shown and len(out) + min(len(found), PER_FILE_SHOWN + 1) > ROWS_SHOWN:
            break
        shown += 1
        indent = "    " if file else "  "
        if file:
            out.append(f"  {file}")
        found = sorted(found, key=lambda x: -1 if x[0] is None else x[0])
        cut = len(found) if full_list is None or len(found) <= PER_FILE_SHOWN + 1 else PER_FILE_SHOWN
        for line, message in found[:cut]:
            out.append(f"{indent}line {line}: {message}" if line is not None else f"{indent}{message}")
        if cut < len(found):
            out.append(f"{indent}and {len(found) - cut} more {what}s (in {full_list})")
    rest = list(groups.items())[shown:]
    if rest:
        n = sum(len(found) for _, found in rest)
        out.append(f"  and {n} {what}{'s' if n != 1 else ''} in {len(rest)} more files (in {full_list})")
    return out
