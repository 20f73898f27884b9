"""The build summary, the progress bar, --strict and --help."""

from __future__ import annotations

import io
import os
import pty
import re
import select
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from anki_check import load_deck
from conftest import ROOT, shared_path

from build import main
from studydeck.build.cli import parser
from studydeck.build.pipeline import Options, Result, load
from studydeck.build.summary import Progress, progress_for, summary, warnings_by_file
from studydeck.model import Source
from studydeck.report import Report, Warning_
from studydeck.sheets.pdf import Fit

TWO_DOMAINS = (
    "# Notes\n\n## Alpha\n\n- Term one: first thing.\n\n## Beta\n\n![gone](gone.png)\n\n- Term two: second thing.\n"
)


def _notes(tmp_path: Path, text: str = TWO_DOMAINS) -> Path:
    src = tmp_path / "notes"
    src.mkdir()
    (src / "n.md").write_text(text, encoding="utf-8")
    return src


def _summary_counts(out: str) -> tuple[int, dict[str, int]]:
    """The total card count of the summary's first line and the cards column of each domain row."""
    total = int(re.match(r"(\d+) cards \(", out).group(1))
    rows = {}
    for line in out.splitlines():
        m = re.match(r"  (\S.*?)\s{2,}(\d+)\s+\d+\s+\d+\s+\d+$", line)
        if m and m.group(1) not in ("domain", "total"):
            rows[m.group(1)] = int(m.group(2))
    return total, rows


@pytest.mark.parametrize("which", ["sample", "user"])
def test_summary_gives_the_decks_card_count(which, tmp_path, capsys):
    source = ROOT / "source" if which == "sample" else shared_path("notes")
    out = tmp_path / "out"
    assert main(["--source", str(source), "--output", str(out), "--only", "deck"]) == 0
    total, rows = _summary_counts(capsys.readouterr().out)
    cards = load_deck(next(out.glob("*.apkg")), tmp_path)
    assert total == len(cards)
    per_domain = Counter(c.deck.split("::", 1)[1] for c in cards)
    assert {k: v for k, v in rows.items() if v} == dict(per_domain)


def test_summary_shows_sheet_size_and_what_it_left_out(tmp_path):
    report = Report(quiet=True)
    result = Result(notes=load(_notes(tmp_path), report))
    result.sheets = {"alpha": tmp_path / "alpha.pdf", "beta": tmp_path / "beta.pdf"}
    result.fits = {
        "alpha": Fit(size=7.25, renders=3, pages=1, dropped=["Links", "Overview"]),
        "beta": Fit(size=9.0, renders=1, pages=1),
    }
    report.info("n.md:12: sheet Alpha: left out 'Links' to fit one page")
    report.info("n.md:4: sheet Alpha: left out 'Overview' to fit one page")
    report.info("2 notes gone since the last build")
    text = summary(result, Options(tmp_path / "notes", tmp_path / "out"), report)
    assert text.endswith(
        "3 notes:\n"
        "  n.md\n"
        "    line 4: sheet Alpha: left out 'Overview' to fit one page\n"
        "    line 12: sheet Alpha: left out 'Links' to fit one page\n"
        "  2 notes gone since the last build\n"
        "1 warning:\n"
        "  n.md\n"
        "    line 9: image 'gone.png' not found\n"
    )
    assert "  Alpha   7.25 pt, left out 2: Links, Overview\n" in text
    assert "  Beta    9 pt\n" in text


def test_warnings_grouped_by_file_in_line_order():
    warnings = [
        Warning_(Source("b.md", 40), "late"),
        Warning_(Source("a.md", 12), "second"),
        Warning_("a.md", "whole file"),
        Warning_(Source("a.md", 3), "first"),
        Warning_("SageMaker", "does not fit"),
    ]
    assert warnings_by_file(warnings) == [
        "5 warnings:",
        "  b.md",
        "    line 40: late",
        "  a.md",
        "    whole file",
        "    line 3: first",
        "    line 12: second",
        "  SageMaker",
        "    does not fit",
    ]


def test_screen_summary_shows_a_few_warnings_per_file_and_counts_the_rest(tmp_path):
    """A notes folder whose every image is missing: the screen gets four lines of a file and a count,
    summary.txt beside the deck every line."""
    (tmp_path / "notes").mkdir()
    for name in ("a", "b"):
        images = "\n\n".join(f"![fig {i}](img/{name}{i}.png)" for i in range(9))
        (tmp_path / "notes" / f"{name}.md").write_text(f"# {name}\n\n## Part\n\nText about {name}.\n\n{images}\n")
    out = tmp_path / "out"
    shown = subprocess.run(
        [sys.executable, "build.py", "--source", str(tmp_path / "notes"), "--output", str(out), "--only", "deck"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for name in ("a", "b"):
        listed = re.findall(rf"image 'img/{name}\d\.png' not found", shown)
        assert len(listed) == 4, shown
        assert f"and 5 more warnings (in {out / 'summary.txt'})" in shown
        full = (out / "summary.txt").read_text()
        assert len(re.findall(rf"image 'img/{name}\d\.png' not found", full)) == 9


def test_one_more_warning_is_shown_rather_than_counted():
    warnings = [Warning_(Source("a.md", i), f"w{i}") for i in range(1, 6)]
    assert warnings_by_file(warnings, Path("out/summary.txt"))[-1] == "    line 5: w5"


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_in_place_and_clears():
    stream = _Tty()
    bar = Progress(stream)
    bar.update("sheets", 1, 4)
    assert stream.getvalue() == "\r\x1b[Ksheets [######------------------] 1/4"
    bar.update("sheets", 4, 4)
    assert stream.getvalue().endswith("] 4/4\r\x1b[K")
    bar.clear()  # already cleared: nothing more
    assert stream.getvalue().endswith("] 4/4\r\x1b[K")


def test_no_progress_bar_unless_a_terminal():
    assert progress_for(io.StringIO()) is None
    assert isinstance(progress_for(_Tty()), Progress)
    one = _Tty()
    Progress(one).update("sheets", 0, 1)  # a single sheet is not a long build
    assert one.getvalue() == ""


def _run(args: list[str], stderr_tty: bool) -> tuple[int, str]:
    """Run build.py with stderr on a pseudo-terminal (or a pipe); its exit code and stderr."""
    cmd = [sys.executable, str(ROOT / "build.py"), *args]
    if not stderr_tty:
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
        return proc.returncode, proc.stderr.decode()
    leader, follower = pty.openpty()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=follower, cwd=ROOT)
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(leader, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    return proc.wait(), b"".join(chunks).decode()


@pytest.mark.parametrize("tty", [True, False])
def test_progress_bar_on_a_terminal_only(tty, tmp_path):
    args = ["--source", str(_notes(tmp_path)), "--output", str(tmp_path / "out"), "--only", "sheets"]
    code, err = _run([*args, "--sheets", "per-domain"], tty)  # two sheets: a bar that moves
    assert code == 0
    assert "image 'gone.png' not found" in err
    if tty:
        assert "sheets [------------------------] 0/2" in err
        assert "sheets [############------------] 1/2" in err
    else:
        assert "\r" not in err and "sheets [" not in err


def test_strict_fails_on_warnings_and_says_why(tmp_path, capsys):
    src = _notes(tmp_path)
    assert main(["--source", str(src), "--output", str(tmp_path / "out"), "--only", "deck"]) == 0
    capsys.readouterr()
    assert main(["--source", str(src), "--output", str(tmp_path / "out"), "--only", "deck", "--strict"]) == 1
    err = capsys.readouterr().err
    assert "n.md:9: warning: image 'gone.png' not found" in err
    assert (
        err.splitlines()[-1] == "error: --strict: 1 warning (n.md) counts as an error; fix it or build without --strict"
    )


def test_strict_passes_without_warnings(tmp_path):
    src = _notes(tmp_path, TWO_DOMAINS.replace("![gone](gone.png)\n", ""))
    assert main(["--source", str(src), "--output", str(tmp_path / "out"), "--only", "deck", "--strict", "--quiet"]) == 0


IMAGES = ["instance_types.png", "built_in_types.png", "automl_process.png"]


def test_user_notes_strict_fails_on_the_three_missing_images(tmp_path, capsys):
    notes = shared_path("notes")
    assert main(["--source", str(notes), "--output", str(tmp_path / "a"), "--only", "deck", "--quiet"]) == 0
    err = capsys.readouterr().err
    assert all(f"image '{name}' not found" in err for name in IMAGES)
    assert main(["--source", str(notes), "--output", str(tmp_path / "b"), "--only", "deck", "--strict", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert all(f"image '{name}' not found" in err for name in IMAGES)
    assert re.search(r"^error: --strict: \d+ warnings \(aws-ml-engineer-study-notes\.md\) count as errors", err, re.M)


def test_help_documents_every_option(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    options = [a for a in parser()._actions if a.option_strings and a.dest != "help"]
    assert {o for a in options for o in a.option_strings} >= {
        "--source",
        "--output",
        "--only",
        "--templates",
        "--deck-name",
        "--strict",
        "--quiet",
        "--debug",
    }
    for action in options:
        assert action.help and len(action.help) > 15, action.option_strings
        assert action.option_strings[0] in text
    for word in ("preview.html", "cheatsheets/<domain>.pdf", "exit codes", "--strict"):
        assert word in text


def test_screen_list_of_many_files_keeps_whole_files_and_counts_the_rest():
    warnings = [Warning_(Source(f"f{k}.md", i), f"w{i}") for k in range(8) for i in range(1, 4)]
    lines = warnings_by_file(warnings, Path("out/summary.txt"))
    assert lines[-1] == "  and 12 warnings in 4 more files (in out/summary.txt)"
    assert [line for line in lines if line.startswith("  f")] == ["  f0.md", "  f1.md", "  f2.md", "  f3.md"]
    assert len(warnings_by_file(warnings)) == 1 + 8 * 4  # summary.txt: every one
