"""Nothing lost: same notes give the same bytes, and a build killed at any moment leaves only readable outputs."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from build import main

ROOT = Path(__file__).resolve().parent.parent


def _outputs(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.suffix in (".apkg", ".pdf")}


def _same(first: dict[str, bytes], second: dict[str, bytes]) -> None:
    # the deck, the sheet(s) (the sample is one page at 9 pt or more: one sheet) and all.pdf
    assert len(first) >= 3 and any(k.endswith(".apkg") for k in first)
    assert first.keys() == second.keys()
    for name in first:
        assert first[name] == second[name], f"{name} differs between two builds"
        if name.endswith(".pdf"):
            assert b"/CreationDate" not in first[name] and b"/ModDate" not in first[name]


def test_rebuild_gives_the_same_bytes(tmp_path):
    out = tmp_path / "out"
    assert main(["--source", str(ROOT / "source"), "--output", str(out), "--quiet"]) == 0
    first = _outputs(out)
    time.sleep(2.1)  # zip entries carry 2-second timestamps: a clock-dependent byte would show
    for p in out.rglob("*"):
        if p.suffix in (".apkg", ".pdf"):
            p.unlink()  # written anew, not kept because unchanged
    assert main(["--source", str(ROOT / "source"), "--output", str(out), "--quiet"]) == 0
    _same(first, _outputs(out))


def test_fresh_builds_give_the_same_bytes(tmp_path, monkeypatch):
    """Two first builds (no previous state) agree when the build time is pinned, as reproducible builds do."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    a, b = tmp_path / "a", tmp_path / "b"
    assert main(["--source", str(ROOT / "source"), "--output", str(a), "--quiet"]) == 0
    time.sleep(2.1)
    assert main(["--source", str(ROOT / "source"), "--output", str(b), "--quiet"]) == 0
    _same(_outputs(a), _outputs(b))


def readable_apkg(path: Path, tmp: Path) -> None:
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        db = tmp / "check.anki2"
        db.write_bytes(z.read("collection.anki2"))
    con = sqlite3.connect(db)
    try:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert con.execute("select count(*) from notes").fetchone()[0] > 0
    finally:
        con.close()
        db.unlink()


def readable_pdf(path: Path) -> None:
    import pdfplumber

    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    with pdfplumber.open(path) as doc:
        assert len(doc.pages) >= 1


def _still_there(find, wait: float = 5.0) -> list[int]:
    """What `find()` lists after it lists nothing, or after `wait` seconds (processes take a moment to end)."""
    if not Path("/proc/self/cmdline").exists():
        return []
    deadline = time.monotonic() + wait
    while True:
        found = find()
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def _left_running(out: Path, wait: float = 5.0) -> list[int]:
    """Processes (forked sheet workers carry the build's command line) still running for `out`."""

    def find() -> list[int]:
        found = []
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                if str(out).encode() in cmdline.read_bytes():
                    found.append(int(cmdline.parent.name))
            except OSError:
                continue
        return found

    return _still_there(find, wait)


def _orphaned_fork_servers(wait: float = 5.0) -> list[int]:
    """small-workers' fork servers (and their workers) left with no parent: a killed build's, when they
    outlive it (their command line names the fork server, not the build's output)."""

    def find() -> list[int]:
        found = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                cmdline = (status.parent / "cmdline").read_bytes()
                ppid = next(int(x.split()[1]) for x in status.read_text().splitlines() if x.startswith("PPid:"))
            except (OSError, StopIteration, ValueError):
                continue
            if b"multiprocessing.forkserver" in cmdline and str(ROOT).encode() in cmdline and ppid == 1:
                found.append(int(status.parent.name))
        return found

    return _still_there(find, wait)


def test_killed_build_leaves_only_readable_outputs(tmp_path):
    """SIGKILL rebuilds over a good build at moments spread over a build; every .apkg and .pdf must still open.

    A large image makes writing the deck take a while, so some kills land while outputs are being written.
    """
    src = tmp_path / "notes"
    shutil.copytree(ROOT / "source", src)
    (src / "img" / "big.png").write_bytes(os.urandom(40_000_000))
    notes = next(src.glob("*.md"))
    base = (
        notes.read_text(encoding="utf-8")
        + "\n\n## Big\n\n![big](img/big.png)\n\n- Gamma: third letter\n- Delta: fourth\n"
    )
    notes.write_text(base, encoding="utf-8")
    out = tmp_path / "out"
    cmd = [sys.executable, str(ROOT / "build.py"), "--source", str(src), "--output", str(out), "--quiet"]
    start = time.monotonic()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    duration = time.monotonic() - start  # only to spread the kills over a build, not asserted
    before = set(_outputs(out))
    assert len(before) >= 3
    for k, fraction in enumerate([0.2, 0.35, 0.5, 0.6, 0.7, 0.8, 0.9, 0.97]):
        notes.write_text(base + f"\n- Epsilon{k}: letter number {k}\n", encoding="utf-8")  # new bytes everywhere
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * fraction)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert _left_running(out) == [], "a killed build's sheet workers must end with it"
        assert _orphaned_fork_servers() == [], "a killed build's fork server must end with it"
        found = [p for p in out.rglob("*") if p.suffix in (".apkg", ".pdf")]
        for p in found:
            if p.suffix == ".apkg":
                readable_apkg(p, tmp_path)
            else:
                readable_pdf(p)
        # every output of the good build is still there, old or new (no name changed)
        assert before <= set(_outputs(out)), f"outputs lost after a kill at {fraction:.0%} of a build"
