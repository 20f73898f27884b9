"""The command line: options in, one clear line per problem out, an exit code; tracebacks only with --debug."""
from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from .pipeline import Options, build
from .report import NotesError, Report


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="build.py",
        description="Turn Markdown study notes into an Anki deck and one-page cheat sheets.",
    )
    p.add_argument("--source", type=Path, default=Path("source"), help="folder (or one file) of Markdown notes (default: source)")
    p.add_argument("--output", type=Path, default=Path("output"), help="folder for the deck and cheatsheets/ (default: output)")
    p.add_argument("--only", choices=["deck", "sheets"], help="build only the deck or only the cheat sheets")
    p.add_argument("--templates", type=Path, help="folder of templates overriding the built-in ones (same file names)")
    p.add_argument("--page", metavar="PAPER", help="cheat sheet paper and orientation, e.g. letter, 'a4 portrait' (default: front matter sheet:, else A4 landscape)")
    p.add_argument("--deck-name", help="name of the deck (default: front matter 'deck:', the notes' H1 title, or the file name)")
    p.add_argument("--quiet", action="store_true", help="print warnings only")
    p.add_argument("--debug", action="store_true", help="show a traceback when something fails")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    report = Report()
    opts = Options(args.source, args.output, args.only, args.templates, args.deck_name, args.page)
    try:
        result = build(opts, report)
    except NotesError as e:
        if args.debug:
            traceback.print_exc()
        print(f"error: {e}", file=sys.stderr)
        return 1
    except OSError as e:  # the disk said no (output folder read-only, disk full): the user's to fix
        if args.debug:
            traceback.print_exc()
        where = e.filename or opts.output
        print(f"error: {where}: cannot write the output ({e.strerror or e})", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # a bug of ours: say so in one line unless asked for more
        if args.debug:
            traceback.print_exc()
        print(f"error: internal error: {type(e).__name__}: {e} (run with --debug for details)", file=sys.stderr)
        return 1
    if not args.quiet:
        parts = []
        if result.deck_path:
            parts.append(f"{len(result.cards)} cards -> {result.deck_path}")
        if result.sheets:
            parts.append(f"{len(result.sheets)} sheets -> {opts.output / 'cheatsheets'}")
            dropped = sum(len(f.dropped) for f in result.fits.values())
            if dropped:
                parts.append(f"{dropped} items left out of sheets to fit (listed above)")
        if report.warnings:
            parts.append(f"{len(report.warnings)} warnings")
        print("; ".join(parts))
    return 0
