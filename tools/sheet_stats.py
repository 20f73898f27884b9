"""Measure the cheat sheets of a notes folder: pages, body size, renders, drops, heading and term coverage.

.venv/bin/python tools/sheet_stats.py [NOTES_DIR] [--out DIR] [--page PAPER] [--png]
.venv/bin/python tools/sheet_stats.py --each DIR [DIR ...] [--out DIR] [--png] [-v]

`--each` builds every notes file of the folders alone (as a user building one file would) and checks each
sheet on paper: (a) pages, (b) TeX printed as source, (c) headings with nothing under them, (d) lines cut
with "…" and how many of them the build's summary names (-v lists what it found).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from sheet_check import (  # noqa: E402
    comparison_terms,
    coverage,
    empty_headings,
    headings,
    overlaps,
    pdftotext,
    prose_text,
    raw_tex,
    read_pdf,
    squash,
)

from studydeck.build.pipeline import Options, build  # noqa: E402
from studydeck.report import Report  # noqa: E402


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
    ap.add_argument("--each", nargs="+", metavar="DIR", help="build each notes file of these folders alone")
    ap.add_argument("-v", "--verbose", action="store_true", help="with --each: list the TeX, headings and cuts")
    args = ap.parse_args(argv)
    out = Path(args.out)
    if args.each:
        return check_each([Path(d) for d in args.each], out, args.png, args.verbose)
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
                len(raw_tex(text)),
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
        raw = len(raw_tex(text))
        row = [path.relative_to(path.parents[1] if path.parent.name != "cheatsheets" else path.parent)]
        row += [facts["pages"], facts["body"], raw, f"{text.count('…')} ({n})", shares]
        print("| " + " | ".join(str(c) for c in row) + " |")


def check_each(folders: list[Path], out: Path, png: bool, verbose: bool) -> int:
    """Each notes file of `folders` built alone, each of its sheets checked: a table of (a)-(d)."""
    import shutil
    import tempfile

    cols = ["file", "sheet", "pages", "body pt", "TeX", "marks", "empty H", "…", "said", "unnamed"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    totals = Counter()
    details = []
    for folder in folders:
        for md in sorted(folder.glob("*.md")):
            if md.name == "README.md" and folder.name == "corpus":
                continue  # the corpus' own description, not notes
            with tempfile.TemporaryDirectory() as tmp:
                src = Path(tmp) / "src"
                src.mkdir()
                shutil.copy(md, src / md.name)
                dest = out / md.stem
                shutil.rmtree(dest, ignore_errors=True)
                report = Report(quiet=True)
                result = build(Options(src, dest, "sheets"), report)
            said = {}
            for note in report.notes:
                if m := re.search(r"sheet (.+?): shortened (\d+) line", note):
                    said[squash(m.group(1))] = int(m.group(2))
            own = md.read_text(encoding="utf-8", errors="replace").count("…")  # the author's, not a cut
            for path in result.sheets.values():
                facts = read_pdf(path)
                text = pdftotext(path)
                head = squash(text[:600])
                # The sheet's title is at its head: the longest title of a summary line found there is its own.
                named = max(((len(t), v) for t, v in said.items() if t and t in head), default=(0, 0))[1]
                cuts = max(0, text.count("…") - own)
                tex, empty = raw_tex(prose_text(path)), empty_headings(path)
                # A formula's private-use marks printed (a formula cut in two): boxes on paper.
                marks = sum(1 for ch in text if "\ue000" <= ch <= "\uf8ff" or ch >= "\U000f0000")
                row = [md.stem[:40], path.stem[:40], facts["pages"], facts["body"], len(tex), marks, len(empty), cuts]
                row += [named, max(0, cuts - named)]
                print("| " + " | ".join(str(c) for c in row) + " |")
                totals.update(
                    sheets=1,
                    multi=facts["pages"] > 1,
                    tex=len(tex),
                    marks=marks,
                    empty=len(empty),
                    cuts=cuts,
                    unnamed=max(0, cuts - named),
                )
                if verbose:
                    flow = "\n".join(facts["texts"])  # column by column: a cut line reads as printed
                    lines = [ln.strip() for ln in flow.splitlines() if "…" in ln]
                    details.append(f"{md.stem}/{path.stem}: TeX {sorted(set(tex))} empty {empty}")
                    details += [f"    … {ln}" for ln in lines]
            if png:
                write_pngs(dest / "cheatsheets")
    print(
        f"\n{totals['sheets']} sheets: {totals['multi']} of more than one page, {totals['tex']} raw TeX, "
        f"{totals['marks']} formula marks printed, "
        f"{totals['empty']} empty headings, {totals['cuts']} cut with … ({totals['unnamed']} not named)"
    )
    print("\n".join(details))
    return 0


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
