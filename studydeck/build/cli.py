"""The command line: options in, one clear line per problem out, an exit code; tracebacks only with --debug."""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

from ..files import write_if_changed
from ..report import NotesError, Report
from . import tricks
from .options import Options
from .pipeline import build
from .summary import FULL_NAME, progress_for, summary

EPILOG = """\
outputs (in --output):
  <deck-name>.apkg          the Anki deck: File > Import in Anki; re-importing updates the same notes
  cheatsheets/<domain>.pdf  printable pages: a domain a page, small domains sharing one (named by the
                            first); from a folder of several notes files, cheatsheets/<file>/<domain>.pdf
                            (and the deck is <deck>::<file>::<domain>)
  preview.html              every card front and back as Anki shows it, the sheets as thumbnails;
                            open it in a browser before you import the deck

after a build a summary lists, per domain (under its file), the cards by kind, the sheet's font size
and what it left out, then the warnings grouped by file with their line numbers (--quiet: warnings
only). A folder of many files is summed up per file, the largest first; summary.txt has every domain.

exit codes:
  0    built (warnings, if any, are printed on stderr)
  1    an error in the notes or the source folder (one line naming the file and line), an output
       that cannot be written, or with --strict any warning
  2    an option this help does not list, or a bad value for one
  130  interrupted
"""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="build.py",
        description="Turn Markdown study notes into an Anki deck and one-page cheat sheets.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--source",
        type=Path,
        default=Path("source"),
        metavar="DIR",
        help="folder (or one file) of Markdown notes; sub-folders are read too (default: source)",
    )
    p.add_argument(
        "--output",
        type=Path,
        default=Path("output"),
        metavar="DIR",
        help="folder for the deck, cheatsheets/ and preview.html (default: output)",
    )
    p.add_argument(
        "--only",
        choices=["deck", "sheets"],
        help="build only the deck or only the cheat sheets (the preview is written either way)",
    )
    p.add_argument(
        "--templates",
        type=Path,
        metavar="DIR",
        help="folder of templates overriding the built-in ones, by the same names "
        "(anki/*.html, anki/card.css, sheet/*, preview/*)",
    )
    p.add_argument(
        "--page",
        metavar="PAPER",
        help="cheat sheet paper and orientation, e.g. letter, 'a4 portrait' (default: front matter sheet:, "
        "else A4 landscape)",
    )
    p.add_argument(
        "--deck-name",
        metavar="NAME",
        help="name of the deck (default: front matter 'deck:', the notes' H1 title, or the file name)",
    )
    p.add_argument(
        "--sheets",
        choices=["per-domain"],
        help="a cheat sheet per domain, always (default: a file whose domains fit one page at 9 pt or more "
        "gets one sheet; a bigger file shares sheets by runs of small domains; front matter "
        "`sheet: {per: domain}` does this for one file)",
    )
    p.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help="read files matching GLOB (a path from --source, or a name) as notes, even those skipped as not "
        "notes (LICENSE, a table of contents, a tool's folder); may be given several times",
    )
    p.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="never read files or folders matching GLOB, e.g. 'drafts/*'; may be given several times",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="fail (exit 1) when the build gives any warning, e.g. a missing image: for a notes repository's CI",
    )
    m = p.add_argument_group(
        "language model (optional, pip install 'studydeck[llm]')",
        "prose sections' cards written by a model on an OpenAI-compatible server (--cards llm|auto only); each\n"
        "section's heading path and text are sent to it. Environment: STUDYDECK_LLM_URL, STUDYDECK_LLM_MODEL,\n"
        "STUDYDECK_LLM_API_KEY (the key only from there).",
    )
    m.add_argument(
        "--cards",
        choices=["rules", "llm", "auto"],
        help="who writes the cards: the rules (offline), the model (llm: fail when it cannot be reached) or the "
        "model when one is configured and reachable, else the rules (auto) (default: front matter cards:, else rules)",
    )
    m.add_argument(
        "--llm-url",
        metavar="URL",
        help="the server's API base (default: $STUDYDECK_LLM_URL, else http://localhost:11434/v1)",
    )
    m.add_argument("--llm-model", metavar="NAME", help="the model's name on the server (default: $STUDYDECK_LLM_MODEL)")
    m.add_argument("--llm-jobs", type=_positive(int), metavar="N", help="requests at once (default: 4)")
    m.add_argument("--llm-timeout", type=_positive(float), metavar="SECONDS", help="per request (default: 120)")
    p.add_argument("--quiet", action="store_true", help="print warnings only: no summary, no progress bar")
    p.add_argument("--timings", action="store_true", help="print how long each phase of the build took (on stderr)")
    p.add_argument("--debug", action="store_true", help="show a traceback when something fails")
    return p


def _positive(kind):
    def convert(text: str):
        value = kind(text)
        if value <= 0:
            raise ValueError(text)
        return value

    convert.__name__ = kind.__name__
    return convert


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    report = Report()
    if not args.quiet:
        report.progress = progress_for(sys.stderr)
    opts = Options(
        args.source,
        args.output,
        args.only,
        args.templates,
        args.deck_name,
        args.page,
        cards=args.cards,
        include=args.include,
        exclude=args.exclude,
        sheets=args.sheets,
    )
    if args.cards != "rules" and (args.llm_url or args.llm_model or args.llm_jobs or args.llm_timeout):
        from ..llm import settings_from  # (else from the environment, read only if a file asks for a model)

        opts.llm = settings_from(url=args.llm_url, model=args.llm_model, jobs=args.llm_jobs, timeout=args.llm_timeout)
    started = time.perf_counter()
    try:
        result = build(opts, report)
    except NotesError as e:
        report.clear_progress()
        if args.debug:
            traceback.print_exc()
        print(f"error: {e}", file=sys.stderr)
        return 1
    except OSError as e:  # the disk said no (output folder read-only, disk full): the user's to fix
        report.clear_progress()
        if args.debug:
            traceback.print_exc()
        where = e.filename or opts.output
        print(f"error: {where}: cannot write the output ({e.strerror or e})", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        report.clear_progress()
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # a bug of ours: say so in one line unless asked for more
        report.clear_progress()
        if args.debug:
            traceback.print_exc()
        print(f"error: internal error: {type(e).__name__}: {e} (run with --debug for details)", file=sys.stderr)
        return 1
    if len(result.notes) > 1:  # a folder's full table (the one printed stays a screen long)
        write_if_changed(opts.output / FULL_NAME, summary(result, opts, report, full=True).encode("utf-8"))
    if not args.quiet:
        sys.stdout.write(summary(result, opts, report))
    if args.timings:
        print(timings(result.timings, time.perf_counter() - started), file=sys.stderr)
    if args.strict and report.warnings:
        n = len(report.warnings)
        places = ", ".join(dict.fromkeys(str(getattr(w.where, "file", w.where)) for w in report.warnings))
        if n == 1:
            what = f"1 warning ({places}) counts as an error; fix it"
        else:
            what = f"{n} warnings ({places}) count as errors; fix them"
        print(f"error: --strict: {what} or build without --strict", file=sys.stderr)
        return 1
    return 0


def timings(phases: dict[str, float], total: float) -> str:
    """One line: each phase's seconds, in the order the build ran them (the sheets overlap the cards and the
    deck, which they render beside), and the whole build's."""
    parts = [f"{phase} {seconds:.2f} s" for phase, seconds in phases.items()]
    return "timings: " + ", ".join([*parts, f"total {total:.2f} s"])


def leave(code: int):
    """End the process with `code`: as Python ends, or quicker (tricks.fast_exit) when nothing but the
    interpreter's own teardown is left to do."""
    tricks.fast_exit(code)
    sys.exit(code)
