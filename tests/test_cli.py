"""The command line: exit codes, one-line messages naming the file, never a traceback."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT

from build import main


def test_missing_source_is_one_clear_error(tmp_path, capsys):
    code = main(["--source", str(tmp_path / "nope"), "--output", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip().splitlines() == [f"error: {tmp_path / 'nope'}: source folder does not exist"]


def test_missing_image_warns_with_file_and_line(tmp_path, capsys):
    src = tmp_path / "notes"
    src.mkdir()
    (src / "n.md").write_text("# T\n\n## A\n\nText here.\n\n![x](gone.png)\n", encoding="utf-8")
    code = main(["--source", str(src), "--output", str(tmp_path / "out"), "--only", "deck"])
    err = capsys.readouterr().err
    assert code == 0
    assert "n.md:7: warning: image 'gone.png' not found" in err
    assert "Traceback" not in err


def test_not_utf8_names_file_and_line(tmp_path, capsys):
    src = tmp_path / "notes"
    src.mkdir()
    (src / "latin.md").write_bytes("# T\n\n## A\n\ncaf\xe9\n".encode("latin-1"))
    code = main(["--source", str(src), "--output", str(tmp_path / "out"), "--only", "deck"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("error: latin.md:5: not UTF-8 text")


def test_mojibake_repaired_with_count(tmp_path, capsys):
    src = tmp_path / "notes"
    src.mkdir()
    (src / "m.md").write_text("# T\n\n## A\n\n- Term: one â€” two\n- Other: three â€” four\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["--source", str(src), "--output", str(out), "--only", "deck"]) == 0
    err = capsys.readouterr().err
    assert "m.md: warning: repaired mojibake in 2 places" in err


def test_only_deck_writes_no_sheets(tmp_path):
    out = tmp_path / "out"
    root = Path(__file__).resolve().parent.parent
    assert main(["--source", str(root / "source"), "--output", str(out), "--only", "deck", "--quiet"]) == 0
    assert len(list(out.glob("*.apkg"))) == 1
    assert not (out / "cheatsheets").exists()


def test_build_py_leaves_with_its_exit_code_and_all_its_output(tmp_path):
    # build.py ends the process without the interpreter's teardown: what it printed must still arrive
    # whole (through pipes, which buffer) and the exit code must be the build's.
    import subprocess
    import sys

    src = tmp_path / "src"
    src.mkdir()
    (src / "n.md").write_text("# N\n\n## Dom\n\nSome text here.\n\n![x](gone.png)\n", encoding="utf-8")

    def run(*args):
        return subprocess.run(
            [sys.executable, str(ROOT / "build.py"), *args], capture_output=True, text=True, timeout=300
        )

    ok = run("--source", str(src), "--output", str(tmp_path / "out"))
    assert ok.returncode == 0, ok.stderr
    assert "cards" in ok.stdout.splitlines()[0] and ok.stdout.endswith("\n")
    assert "gone.png" in ok.stderr
    strict = run("--source", str(src), "--output", str(tmp_path / "out"), "--strict", "--quiet")
    assert strict.returncode == 1 and strict.stderr.rstrip().splitlines()[-1].startswith("error: --strict")
    missing = run("--source", str(tmp_path / "nowhere"), "--output", str(tmp_path / "out2"))
    assert missing.returncode == 1 and "error:" in missing.stderr


def test_notes_with_nothing_to_repair_do_not_load_the_repairer():
    # ftfy takes 0.05 s to import: only notes with a character mojibake is made of pay for it.
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from studydeck.notes.read import decode\n"
        "from studydeck.report import Report\n"
        "r = Report(quiet=True)\n"
        "assert decode('# Notes\\n\\nPlain text, café and ≤ 8.\\n'.encode(), 'n.md', r).endswith('≤ 8.\\n')\n"
        "print('ftfy' in sys.modules)\n"
        "assert decode('It\\u00e2\\u20ac\\u2122s here.\\n'.encode(), 'n.md', r) == 'It\\u2019s here.\\n'\n"
        "print('ftfy' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "True"]


def test_timings_prints_each_phase_in_one_line(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["--source", str(ROOT / "source"), "--output", str(out), "--only", "deck", "--timings"]) == 0
    line = capsys.readouterr().err.strip().splitlines()[-1]
    assert line.startswith("timings: parse ") and line.endswith(" s")
    phases = [part.rsplit(" ", 2)[0] for part in line.removeprefix("timings: ").split(", ")]
    assert phases == ["parse", "keys", "cards", "deck", "preview", "total"]


def test_build_py_ends_as_python_does_under_a_profiler_and_runs_atexit_handlers(tmp_path):
    # The quick exit is not taken under a profiler (it writes its file as the interpreter ends), and
    # atexit handlers run either way.
    import subprocess
    import sys

    args = ["--source", str(ROOT / "source"), "--output", str(tmp_path / "out"), "--only", "deck", "--quiet"]
    profile = tmp_path / "build.prof"
    proc = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(profile), str(ROOT / "build.py"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert profile.stat().st_size > 0
    code = (
        "import atexit, sys; sys.argv = ['build.py', *sys.argv[1:]]\n"
        "atexit.register(lambda: print('atexit ran'))\n"
        "import runpy; runpy.run_path('build.py', run_name='__main__')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "atexit ran"
