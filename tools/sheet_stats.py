"""Measure the cheat sheets of a notes folder: pages, body size, renders, drops, heading and term coverage.

    .venv/bin/python tools/sheet_stats.py [NOTES_DIR] [--out DIR] [--png]
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pdfplumber

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studydeck import markdown  # noqa: E402
from studydeck.model import Comparison  # noqa: E402
from studydeck.pipeline import Options, build  # noqa: E402
from studydeck.report import Report  # noqa: E402


def norm(text: str) -> str:
    """PDF text and note text compared without case, hyphenation breaks or spacing differences."""
    text = text.replace("\u00ad", "").replace("-\n", "").replace("\n", " ")
    return re.sub(r"\s+", " ", text).lower()


def terms(items):
    for t in items:
        yield markdown.to_plain(t.term)
        yield from terms(t.children)


def pdf_facts(path: Path) -> dict:
    with pdfplumber.open(path) as pdf:
        pages = pdf.pages
        text = "\n".join(p.extract_text(use_text_flow=True) or "" for p in pages)
        sizes = Counter(round(c["size"] * 4) / 4 for p in pages for c in p.chars if c["text"].strip())
        outside = sum(
            1 for p in pages for c in p.chars
            if c["x0"] < -0.5 or c["top"] < -0.5 or c["x1"] > p.width + 0.5 or c["bottom"] > p.height + 0.5
        )
        return {"pages": len(pages), "text": text, "body": sizes.most_common(1)[0][0] if sizes else 0.0,
                "min": min(sizes) if sizes else 0.0, "outside": outside}


def domain_stats(domain, pdf: Path, fit) -> dict:
    facts = pdf_facts(pdf)
    text = norm(facts["text"])
    heads = [markdown.to_plain(s.title) for s in domain.sections if len(s.path) == 2]
    cmp_terms = [t for s in domain.sections for b in s.blocks if isinstance(b, Comparison) for t in terms(b.items)]
    found_h = [h for h in heads if norm(h) in text]
    found_t = [t for t in cmp_terms if norm(t) in text]
    return {
        "domain": domain.title, "pages": facts["pages"], "body_pt": facts["body"], "min_pt": facts["min"],
        "size": fit.size, "renders": fit.renders, "dropped": len(fit.dropped),
        "h3": f"{len(found_h)}/{len(heads)}", "terms": f"{len(found_t)}/{len(cmp_terms)}",
        "outside": facts["outside"],
        "missing": [h for h in heads if h not in found_h] + [t for t in cmp_terms if t not in found_t],
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("notes", nargs="?", default=str(Path(__file__).resolve().parent.parent.parent / "shared" / "notes"))
    ap.add_argument("--out", default="/tmp/sheet-stats")
    ap.add_argument("--page")
    ap.add_argument("--png", action="store_true", help="also write PNGs (pdftoppm -r 110) next to the PDFs")
    args = ap.parse_args(argv)
    out = Path(args.out)
    report = Report(quiet=True)
    t0 = time.time()
    result = build(Options(Path(args.notes), out, "sheets", page=args.page), report)
    took = time.time() - t0
    rows = []
    for nf in result.notes:
        for d in nf.domains:
            rows.append(domain_stats(d, result.sheets[d.slug], result.fits[d.slug]))
    cols = ["domain", "pages", "body_pt", "min_pt", "renders", "dropped", "h3", "terms", "outside"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(str(r[c]) for c in cols) + " |")
    print(f"\nall.pdf pages: {pdf_facts(out / 'cheatsheets' / 'all.pdf')['pages']}; build {took:.1f}s; "
          f"renders {sum(r['renders'] for r in rows)}; warnings {len(report.warnings)}")
    for w in report.warnings:
        print("  warning:", w)
    for n in report.notes:
        print("  info:", n)
    for r in rows:
        if r["missing"]:
            print(f"  missing in {r['domain']}: {r['missing']}")
    if args.png:
        for pdf in sorted((out / "cheatsheets").glob("*.pdf")):
            if pdf.name != "all.pdf":
                subprocess.run(["pdftoppm", "-r", "110", "-png", "-singlefile", str(pdf), str(pdf.with_suffix(""))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
