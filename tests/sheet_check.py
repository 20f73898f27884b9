"""Reading a cheat sheet PDF back by meaning: pages, text, body font size, what lies outside the page."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pdfplumber

from studydeck import markdown
from studydeck.build.pipeline import Options, build
from studydeck.model import Comparison, Domain
from studydeck.report import Report


def build_sheets_logged(source: Path, out: Path, sheets: str | None = None):
    """Build only the sheets of `source`: (result, report, what WeasyPrint logged in this process).

    Sheets laid out in worker processes pass their WeasyPrint warnings on through the report. `sheets`:
    'per-domain' for a test of each domain's own sheet (a small file alone is otherwise one sheet)."""
    import logging

    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.DEBUG)
    handler.emit = records.append
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        report = Report(quiet=True)
        result = build(Options(source, out, "sheets", sheets=sheets), report)
    finally:
        logger.removeHandler(handler)
    return result, report, records


def squash(text: str) -> str:
    """Letters and digits only: a term wrapped or hyphenated across lines still matches."""
    return re.sub(r"[^0-9a-z]", "", text.replace("\u00ad", "").lower())


def read_pdf(path: Path) -> dict:
    with pdfplumber.open(path) as pdf:
        pages = pdf.pages
        # Text in content-stream order: WeasyPrint writes column after column, so lines do not interleave.
        texts = [p.extract_text(use_text_flow=True) or "" for p in pages]
        chars = [c for p in pages for c in p.chars if c["text"].strip()]
        sizes = Counter(round(c["size"], 1) for c in chars)
        outside = [
            c["text"]
            for p in pages
            for c in p.chars
            if c["x0"] < -0.5 or c["top"] < -0.5 or c["x1"] > p.width + 0.5 or c["bottom"] > p.height + 0.5
        ]
        return {
            "pages": len(pages),
            "texts": texts,
            "body": sizes.most_common(1)[0][0] if sizes else 0.0,
            "outside": outside,
            "size": (float(pages[0].width), float(pages[0].height)) if pages else (0.0, 0.0),
        }


def _words(src: str) -> str:
    """Inline Markdown's plain text without its formulas: the sheet draws those, as paths, not text."""
    return markdown.to_plain(src, lambda tex, display: " ")


def _terms(items):
    for t in items:
        yield _words(t.term)
        yield from _terms(t.children)


def headings(domain: Domain) -> list[str]:
    """The domain's sub-headings (H3 under an H2 domain), each a box on the sheet."""
    return [_words(s.markup or s.title) for s in domain.sections if len(s.path) > 1]


def comparison_terms(domain: Domain) -> list[str]:
    return [t for s in domain.sections for b in s.blocks if isinstance(b, Comparison) for t in _terms(b.items)]


def coverage(wanted: list[str], text: str) -> tuple[list[str], list[str]]:
    """(found, missing) of `wanted` in the PDF text."""
    hay = squash(text)
    found = [w for w in wanted if squash(w) in hay]
    return found, [w for w in wanted if w not in found]


def overlaps(path: Path) -> list[tuple[str, str]]:
    """Pairs of characters drawn over each other (more than a third of the smaller box): text spilling
    out of its column onto the next one, or lines set on top of each other. Neighbours in the text
    ("Tr", "y." kerned into each other) do not count."""
    found = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            chars = [dict(c, n=n) for n, c in enumerate(page.chars) if c["text"].strip()]
            grid: dict[tuple[int, int], list[dict]] = {}
            for c in chars:
                grid.setdefault((int(c["x0"] // 20), int(c["top"] // 20)), []).append(c)
            for c in chars:
                gx, gy = int(c["x0"] // 20), int(c["top"] // 20)
                for dx in (-1, 0, 1):
                    for dy in (-1, 0, 1):
                        for d in grid.get((gx + dx, gy + dy), []):
                            if d["n"] <= c["n"] + 1:
                                continue
                            w = min(c["x1"], d["x1"]) - max(c["x0"], d["x0"])
                            h = min(c["bottom"], d["bottom"]) - max(c["top"], d["top"])
                            if w <= 0 or h <= 0:
                                continue
                            smaller = min(
                                (c["x1"] - c["x0"]) * (c["bottom"] - c["top"]),
                                (d["x1"] - d["x0"]) * (d["bottom"] - d["top"]),
                            )
                            if smaller > 0 and w * h > smaller / 3:
                                found.append((c["text"], d["text"]))
    return found
