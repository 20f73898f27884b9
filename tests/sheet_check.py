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


# TeX left as source in a sheet's text: a command ("\frac", "\geq", any backslash word) or a braced index.
RAW_TEX = re.compile(r"\\[A-Za-z]+|[_^]\{")


def prose_text(path: Path) -> str:
    """The sheet's text without its code listings (set in a monospace font): a listing's "\\n" is code, not TeX."""
    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            kept = page.filter(lambda o: o.get("object_type") != "char" or "Mono" not in o.get("fontname", ""))
            out.append(kept.extract_text(use_text_flow=True) or "")
    return "\n".join(out)


def raw_tex(text: str) -> list[str]:
    """The TeX a text prints as source (the formulas a sheet draws are paths, not text)."""
    return RAW_TEX.findall(text)


def pdftotext(path: Path) -> str:
    """The sheet's text as poppler's pdftotext reads it (what a reader copying from the PDF gets); pdfplumber's
    when poppler is not installed."""
    import shutil
    import subprocess

    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    return "\n".join(read_pdf(path)["texts"])


def _bold(c: dict) -> bool:
    return "Bold" in c["fontname"]


HEADING_GREY = 0xE4 / 255  # a box heading's background (sheet.css: .box h2)


def empty_headings(path: Path) -> list[str]:
    """Box headings printed with nothing under them: a heading (bold on the grey band the template sets a
    box's h2 on) with no text, formula or picture below it in its column before the next heading, a
    parent heading (bold, about 0.9 times a heading's size) or the column's end; at a column's end, the
    next column must open with text. Read from the page's geometry: WeasyPrint may write a column's
    headings before the text under them."""
    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            chars = [c for c in page.chars if c["text"].strip()]
            bands = [
                r
                for r in page.rects
                if isinstance(r["non_stroking_color"], tuple | list)
                and all(abs(v - HEADING_GREY) < 0.01 for v in r["non_stroking_color"])
                and r["height"] > 2
            ]

            def band(c, bands=bands):
                """The heading band the character is drawn on, -1 for none."""
                y, x = (c["top"] + c["bottom"]) / 2, (c["x0"] + c["x1"]) / 2
                hits = (n for n, r in enumerate(bands) if r["top"] <= y <= r["bottom"] and r["x0"] <= x <= r["x1"])
                return next(hits, -1)

            on = {}
            for c in chars:
                if (n := band(c)) >= 0:
                    on.setdefault(n, []).append(c)
            heads = [c["size"] for cs in on.values() for c in cs if _bold(c)]
            if not heads:
                continue
            head = Counter(round(h, 1) for h in heads).most_common(1)[0][0]
            parents = [c for c in chars if band(c) < 0 and _bold(c) and 0.88 <= c["size"] / head <= 0.94]
            # What a box says: a list's bullet alone says nothing.
            body = [c for c in chars if band(c) < 0 and c not in parents and c["text"] not in "•·◦▪‣"]
            drawn = [o for o in (*page.curves, *page.images) if o["bottom"] - o["top"] > 1]
            # The tops where a heading of the column starts: a band, or a parent heading's line.
            stops = [(r["top"], r["x0"], r["x1"]) for n, r in enumerate(bands) if n in on]
            stops += [(c["top"], c["x0"], c["x1"]) for c in parents]
            for n, cs in sorted(on.items(), key=lambda kv: (bands[kv[0]]["x0"], bands[kv[0]]["top"])):
                r = bands[n]
                text = "".join(c["text"] for c in sorted(cs, key=lambda c: (round(c["top"]), c["x0"])))
                if text.strip() == "Sources":
                    continue

                def across(o, r=r):
                    return o["x0"] < r["x1"] and o["x1"] > r["x0"]

                end = min(
                    (t for t, x0, x1 in stops if t > r["bottom"] - 1 and x0 < r["x1"] and x1 > r["x0"]), default=None
                )
                lower = page.height if end is None else end
                if any(across(o) and r["bottom"] - 1 <= o["top"] < lower for o in (*body, *drawn)):
                    continue
                if end is None:
                    # The column's last thing: its box may run on at the top of the next column.
                    nxt = [
                        o for o in (*body, *parents, *(b for k, b in enumerate(bands) if k in on)) if o["x0"] >= r["x1"]
                    ]
                    first = min(nxt, key=lambda o: (round(o["x0"] / 40), o["top"]), default=None)
                    if first is not None and first in body:
                        continue
                out.append(text)
    return out
