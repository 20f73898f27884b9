"""How many sections with enough factual text give at least one card (issue 11: "every section with 80 or more
words of factual text gives at least one card").

    .venv/bin/python tools/section_coverage.py FILE_OR_DIR... [--min 80] [--json]

A section is a heading and its blocks up to the next heading, as the parser makes them (so it counts what the
build sees). Its factual words are those of its prose, list items, definition lists, steps, explicit cards and
table cells; code, formulas, images, tables whose cells are all numbers and lines that are nothing but links
do not count. A card belongs to the section its source line falls in. Prints, per file, the sections with at
least `--min` words, how many have a card, and each one that has none (file:line, its heading, first words).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studydeck import markdown  # noqa: E402
from studydeck.build.pipeline import load  # noqa: E402
from studydeck.cards import make_cards  # noqa: E402
from studydeck.model import (  # noqa: E402
    Comparison,
    Explicit,
    ItemList,
    NotesFile,
    Paragraph,
    Section,
    Steps,
    Table,
    Term,
)
from studydeck.report import Report  # noqa: E402

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|<https?://[^>]*>|https?://\S+")
_NUMERIC = re.compile(r"[\d\s.,:;%+\-–—/×x*()<>=≤≥~$€£°]*")


def _line_text(md: str) -> str:
    """A line's words; '' for a line that is nothing but links (a 'Further reading' list)."""
    if not _LINK.sub("", md).strip(" \t-–—:;,.|*_()[]"):
        return ""
    return markdown.to_plain(md)


def _term_lines(t: Term):
    yield t.term
    yield t.description
    yield from t.details
    for k, v in t.attributes:
        yield f"{k}: {v}"
    for c in t.children:
        yield from _term_lines(c)


def block_lines(block) -> list[str]:
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, ItemList):
        return list(block.lines or block.items)
    if isinstance(block, Comparison):
        return [block.intro, *(x for t in block.items for x in _term_lines(t))]
    if isinstance(block, Steps):
        return [block.intro, *block.items]
    if isinstance(block, Explicit):
        return [block.question, block.answer]
    if isinstance(block, Table):
        cells = [c for row in block.rows for c in row]
        if all(_NUMERIC.fullmatch(markdown.to_plain(c)) for c in cells):
            return []  # a table of figures only: no words to learn from
        return [*block.header, *cells]
    return []  # code, formulas, images


def words(section: Section) -> list[str]:
    out: list[str] = []
    for b in section.blocks:
        for line in block_lines(b):
            out.extend(_WORD.findall(_line_text(line or "")))
    return out


def measure(nf: NotesFile, cards, least: int) -> dict:
    sections = [s for d in nf.domains for s in d.sections]
    starts = sorted((s.source.line, i) for i, s in enumerate(sections))
    has = [0] * len(sections)
    for c in cards:
        owner = None
        for line, i in starts:
            if line <= c.source.line:
                owner = i
            else:
                break
        if owner is not None:
            has[owner] += 1
    rich, uncovered = 0, []
    for i, s in enumerate(sections):
        w = words(s)
        if len(w) < least:
            continue
        rich += 1
        if not has[i]:
            uncovered.append(
                {"at": str(s.source), "heading": " › ".join(s.path), "words": len(w), "start": " ".join(w[:12])}
            )
    return {"file": nf.path, "sections": rich, "covered": rich - len(uncovered), "uncovered": uncovered}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--min", type=int, default=80, help="words of factual text a section needs to count")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    results = []
    for p in args.paths:
        for nf in load(p, Report(quiet=True)):
            results.append(measure(nf, make_cards(nf), args.min))
    total = sum(r["sections"] for r in results)
    covered = sum(r["covered"] for r in results)
    if args.json:
        print(json.dumps({"files": results, "sections": total, "covered": covered}, indent=1, ensure_ascii=False))
        return 0
    for r in results:
        print(f"{r['covered']}/{r['sections']}  {r['file']}")
        for u in r["uncovered"]:
            print(f"    {u['at']}  [{u['words']} w] {u['heading']}: {u['start']} ...")
    share = f" ({covered / total:.0%})" if total else ""
    print(f"total: {covered}/{total} sections with >= {args.min} words have a card{share}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
