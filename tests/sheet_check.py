"""Reading a cheat sheet PDF back by meaning: pages, text, body font size, what lies outside the page."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pdfplumber

from studydeck import markdown
from studydeck.model import Comparison, Domain


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
            c["text"] for p in pages for c in p.chars
            if c["x0"] < -0.5 or c["top"] < -0.5 or c["x1"] > p.width + 0.5 or c["bottom"] > p.height + 0.5
        ]
        return {
            "pages": len(pages),
            "texts": texts,
            "body": sizes.most_common(1)[0][0] if sizes else 0.0,
            "outside": outside,
            "size": (float(pages[0].width), float(pages[0].height)) if pages else (0.0, 0.0),
        }


def _terms(items):
    for t in items:
        yield markdown.to_plain(t.term)
        yield from _terms(t.children)


def headings(domain: Domain) -> list[str]:
    """The domain's sub-headings (H3 under an H2 domain), each a box on the sheet."""
    return [markdown.to_plain(s.title) for s in domain.sections if len(s.path) > 1]


def comparison_terms(domain: Domain) -> list[str]:
    return [t for s in domain.sections for b in s.blocks if isinstance(b, Comparison) for t in _terms(b.items)]


def coverage(wanted: list[str], text: str) -> tuple[list[str], list[str]]:
    """(found, missing) of `wanted` in the PDF text."""
    hay = squash(text)
    found = [w for w in wanted if squash(w) in hay]
    return found, [w for w in wanted if w not in found]
