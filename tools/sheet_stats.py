"""Measure the cheat sheets of a notes folder: pages, body size, renders, drops, heading and term coverage.

.venv/bin/python tools/sheet_stats.py [NOTES_DIR] [--out DIR] [--page PAPER] [--png]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from sheet_check import comparison_terms, coverage, headings, overlaps, read_pdf, squash  # noqa: E402

from studydeck.build.pipeline import Options, build  # noqa: E402
from studydeck.report import Report  # noqa: E402

RAW_TEX = ("\\frac", "\\geq", "_{", "^{")


def _said_cuts(report: Report, title: str) -> int:
    """How many shortened lines the build named for the sheet titled `title`."""
    for note in report.notes:
        m = re.search(rf"sheet {re.escape(title)}: shortened (\d+) line", note)
        if m:
            return int(m.group(1))
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("notes", nargs="?", default=str(ROOT.parent / "shared" / "notes"))
    ap.add_argument("--out", default="/tmp/sheet-stats")
    ap.add_argument("--page")
    ap.add_argument("--png", action="store_true", help="also write PNGs (110 dpi, by pypdfium2) next to the PDFs")
    args = ap.parse_args(argv)
    out = Path(args.out)
    report = Report(quiet=True)
    t0 = time.time()
    result = build(Options(Path(args.notes), out, "sheets", page=args.page), report)
    took = time.time() - t0
    cols = [
        "domain",
        "KB",
        "pages",
        "body pt",
        "renders",
        "dropped",
        "H3",
        "terms",
        "outside",
        "overlaps",
        "TeX",
        "… (said)",
        "sheet",
    ]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    missing = []
    for nf in result.notes:
        for d in nf.domains:
            # In a folder, several domains of a file may share one sheet (result.sheet_of).
            key = d.slug if d.slug in result.sheets else getattr(result, "sheet_of", {}).get(d.slug)
            if key not in result.sheets:
                continue
            facts = read_pdf(result.sheets[key])
            fit = result.fits[key]
            text = "\n".join(facts["texts"])
            h_found, h_miss = coverage(headings(d), text)
            t_found, t_miss = coverage(comparison_terms(d), text)
            lines = Path(args.notes).joinpath(nf.path).read_text(encoding="utf-8").splitlines()
            end = next((x.source.line for x in nf.domains if x.source.line > d.source.line), len(lines) + 1)
            kb = len("\n".join(lines[d.source.line - 1 : end - 1]).encode()) / 1024
            row = [
                d.title,
                f"{kb:.1f}",
                facts["pages"],
                facts["body"],
                fit.renders,
                len(fit.dropped),
                f"{len(h_found)}/{len(h_found) + len(h_miss)}",
                f"{len(t_found)}/{len(t_found) + len(t_miss)}",
                len(facts["outside"]),
                len(overlaps(result.sheets[key])),
                sum(text.count(t) for t in RAW_TEX),
                f"{text.count('…')} ({_said_cuts(report, d.title) or _said_cuts(report, nf.title)})",
                result.sheets[key].stem,
            ]
            print("| " + " | ".join(str(c) for c in row) + " |")
            if h_miss or t_miss:
                missing.append(f"  missing in {d.title}: {h_miss + t_miss}")
    total = sum(f.renders for f in result.fits.values())
    print(
        f"\nall.pdf pages: {read_pdf(out / 'cheatsheets' / 'all.pdf')['pages']}; sheets build {took:.1f}s; "
        f"renders {total}; warnings {len(report.warnings)}; drops reported {len(report.notes)}"
    )
    print("\n".join(missing))
    print_sheets(result, report)
    for w in report.warnings:
        print("  warning:", w)
    for n in report.notes:
        print("  info:", n)
    if args.png:
        write_pngs(out / "cheatsheets")
    return 0


def print_sheets(result, report: Report) -> None:
    """A row per sheet file (in a folder, several domains may share one): what a look at its page checks."""
    said = {}
    for note in report.notes:
        m = re.search(r"sheet (.+?): shortened (\d+) line", note)
        if m:
            said[squash(m.group(1))] = int(m.group(2))
    cols = ["sheet", "pages", "body pt", "TeX", "… (said)", "domains"]
    print("\n| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    sheet_of = getattr(result, "sheet_of", {})
    for key, path in result.sheets.items():
        facts = read_pdf(path)
        text = "\n".join(facts["texts"])
        head = squash(text[:400])
        n = max((v for t, v in said.items() if t and t in head), default=0)
        shares = sum(1 for f in sheet_of.values() if f == key) or 1
        raw = sum(text.count(t) for t in RAW_TEX)
        row = [path.relative_to(path.parents[1] if path.parent.name != "cheatsheets" else path.parent)]
        row += [facts["pages"], facts["body"], raw, f"{text.count('…')} ({n})", shares]
        print("| " + " | ".join(str(c) for c in row) + " |")


def write_pngs(folder: Path, dpi: int = 110) -> None:
    """Page 1 of each sheet as a PNG beside it (pypdfium2, a dependency already: no poppler needed)."""
    import pypdfium2 as pdfium

    for pdf in sorted(folder.rglob("*.pdf")):  # a folder build puts split files in subfolders
        if pdf.name != "all.pdf":
            doc = pdfium.PdfDocument(str(pdf))
            doc[0].render(scale=dpi / 72).to_pil().save(pdf.with_suffix(".png"))
            doc.close()


if __name__ == "__main__":
    sys.exit(main())
