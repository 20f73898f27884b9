"""The build cache: an unchanged domain is neither re-carded nor re-rendered; anything it depends on invalidates it."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from studydeck.build import cache
from studydeck.build.pipeline import Options, build
from studydeck.report import Report

ROOT = Path(__file__).resolve().parent.parent

NOTES = """# Cache Notes

## Alpha

Alpha splitting: how the data is divided.

- **Randomized split**: rows are shuffled before they are divided. [Docs](https://example.com/split)
- **Ordered split**: the first rows train, the rest test.

![diagram](img/pic.png)

## Beta

Scoring Engine is a service that ranks trained models by their validation accuracy.

1. Collect the data.
2. Train the model.
"""

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture
def notes(tmp_path):
    src = tmp_path / "src"
    (src / "img").mkdir(parents=True)
    (src / "notes.md").write_text(NOTES, encoding="utf-8")
    (src / "img" / "pic.png").write_bytes(PNG)
    return src


def _build(src: Path, out: Path, **kw):
    kw.setdefault("sheets", "per-domain")  # each domain's own sheet is what these tests keep or redo
    return build(Options(src, out, **kw), Report(quiet=True))


def _build_in_a_new_process(src: Path, out: Path, only: str | None, *printed: str) -> list[str]:
    """A build in a fresh interpreter (so what it imports is its own), then each of `printed` printed, with
    `r` its Result, `rep` its Report and `carding` whether the card rules were loaded."""
    code = (
        "import sys; from pathlib import Path\n"
        "from studydeck.build.pipeline import Options, build\n"
        "from studydeck.report import Report\n"
        "rep = Report(quiet=True)\n"
        f"r = build(Options(Path({str(src)!r}), Path({str(out)!r}), {only!r}, jobs=1, sheets='per-domain'), rep)\n"
        "carding = 'studydeck.cards.rules' in sys.modules or 'studydeck.rules' in sys.modules\n"
        + "".join(f"print({line})\n" for line in printed)
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


def _mtimes(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in [*out.glob("*.apkg"), *(out / "cheatsheets").glob("*.pdf")]}


def test_unchanged_domains_are_kept_and_a_changed_one_redone(notes, tmp_path):
    out = tmp_path / "out"
    first = _build(notes, out)
    assert sorted(first.rendered) == ["alpha", "beta"]
    assert all(f.renders >= 1 for f in first.fits.values())
    assert sorted(first.carded) == ["alpha", "beta"]
    before = _mtimes(out)

    again = _build(notes, out)
    assert again.rendered == [] and again.carded == [] and not again.deck_written
    assert {s: f.renders for s, f in again.fits.items()} == {"alpha": 0, "beta": 0}
    assert {s: f.size for s, f in again.fits.items()} == {s: f.size for s, f in first.fits.items()}
    assert _mtimes(out) == before
    assert again.cards == first.cards

    # Alpha grows by two lines: Beta moves down but its content is the same.
    text = NOTES.replace("Alpha splitting: how", "Alpha splitting, revised: how\n\nA new line.\n")
    (notes / "notes.md").write_text(text, encoding="utf-8")
    third = _build(notes, out)
    assert third.rendered == ["alpha"] and third.carded == ["alpha"]
    assert third.fits["beta"].renders == 0 and third.fits["alpha"].renders >= 1
    after = _mtimes(out)
    assert after["beta.pdf"] == before["beta.pdf"]
    assert after["alpha.pdf"] != before["alpha.pdf"]
    # Cached cards are exactly what a build from scratch makes, line numbers included.
    fresh = _build(notes, tmp_path / "fresh", only="deck")
    assert third.cards == fresh.cards
    beta_lines = sorted(c.source.line for c in third.cards if c.domain == "beta")
    assert beta_lines and beta_lines == sorted(c.source.line for c in fresh.cards if c.domain == "beta")
    assert min(beta_lines) > text.splitlines().index("## Beta")


def test_a_rebuild_says_the_same_warnings(notes, tmp_path):
    (notes / "notes.md").write_text(NOTES + "\n![gone](img/gone.png)\n", encoding="utf-8")
    reports = []
    for _ in range(2):
        report = Report(quiet=True)
        build(Options(notes, tmp_path / "out", sheets="per-domain"), report)
        reports.append([str(w) for w in report.warnings])
    assert any("gone.png" in w for w in reports[0])
    assert reports[1] == reports[0]


def test_previous_size_is_the_start_size(notes, tmp_path, monkeypatch):
    out = tmp_path / "out"
    first = _build(notes, out)
    (notes / "notes.md").write_text(
        NOTES.replace("by their validation accuracy", "by their validation loss"), encoding="utf-8"
    )
    seen = {}
    import studydeck.sheets.pdf as pdf

    real = pdf.render_pdf

    def spy(sheet, *a, start_size=None, **k):
        seen[sheet.slug] = start_size
        return real(sheet, *a, start_size=start_size, **k)

    monkeypatch.setattr(pdf, "render_pdf", spy)
    again = _build(notes, out, jobs=1)  # in this process, so the spy sees the call
    assert again.rendered == ["beta"]
    assert seen == {"beta": first.fits["beta"].size}


def test_template_change_invalidates_sheets(notes, tmp_path):
    out = tmp_path / "out"
    mine = tmp_path / "tpl"
    (mine / "sheet").mkdir(parents=True)
    shutil.copy(ROOT / "templates" / "sheet" / "sheet.css", mine / "sheet" / "sheet.css")
    _build(notes, out, templates=mine)
    assert _build(notes, out, templates=mine).rendered == []
    with open(mine / "sheet" / "sheet.css", "a", encoding="utf-8") as f:
        f.write("\nh2 { letter-spacing: 0.1pt; }\n")
    assert sorted(_build(notes, out, templates=mine).rendered) == ["alpha", "beta"]


def test_version_change_invalidates_everything(notes, tmp_path, monkeypatch):
    out = tmp_path / "out"
    _build(notes, out)
    monkeypatch.setattr(cache, "tool_version", lambda: "another-version")
    again = _build(notes, out)
    assert sorted(again.rendered) == ["alpha", "beta"]
    assert sorted(again.carded) == ["alpha", "beta"]


def test_a_word_list_edit_is_a_new_version(tmp_path, monkeypatch):
    """The rules read word lists (studydeck/words/*.toml, *.txt) as much as code: an install whose lists
    changed and whose code did not must not reuse the cards the old lists made."""
    package = tmp_path / "pkg"
    shutil.copytree(cache.PACKAGE_DIR / "words", package / "words", ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE_DIR", package)
    before = cache.tool_version.__wrapped__()
    with open(package / "words" / "en.toml", "a", encoding="utf-8") as f:
        f.write("\n# one more word\n")
    after = cache.tool_version.__wrapped__()
    assert after != before
    (package / "words" / "__pycache__").mkdir(exist_ok=True)
    (package / "words" / "__pycache__" / "x.pyc").write_bytes(b"compiled")  # Python's, not ours: no new version
    assert cache.tool_version.__wrapped__() == after


def test_image_change_invalidates_its_domain(notes, tmp_path):
    out = tmp_path / "out"
    _build(notes, out)
    (notes / "img" / "pic.png").write_bytes(PNG + b"\0")
    assert _build(notes, out).rendered == ["alpha"]


def test_deleted_or_replaced_pdf_is_rendered_again(notes, tmp_path):
    out = tmp_path / "out"
    _build(notes, out)
    (out / "cheatsheets" / "beta.pdf").unlink()
    (out / "cheatsheets" / "alpha.pdf").write_bytes(b"%PDF-1.7 not ours")
    assert sorted(_build(notes, out).rendered) == ["alpha", "beta"]


def test_damaged_cache_is_rebuilt_not_fatal(notes, tmp_path):
    out = tmp_path / "out"
    first = _build(notes, out, only="deck")
    for f in (out / ".cache").rglob("*"):
        if f.is_file():
            f.write_bytes(b"garbage")
    again = _build(notes, out, only="deck")
    assert sorted(again.carded) == ["alpha", "beta"]
    assert again.cards == first.cards


def _deps(out: Path) -> dict[str, list[str]]:
    """The variables of OUTPUT/.deps.mk, each as its list of paths."""
    text = (out / ".deps.mk").read_text(encoding="utf-8").replace("\\\n", " ")
    out_vars = {}
    for line in text.splitlines():
        if ":=" in line:
            name, value = line.split(":=", 1)
            out_vars[name.strip()] = value.split()
    return out_vars


def test_deps_file_lists_inputs_and_outputs(notes, tmp_path):
    out = tmp_path / "out"
    _build(notes, out)
    deps = _deps(out)
    inputs = {os.path.abspath(p) for p in deps["STUDYDECK_INPUTS"]}
    assert str(notes / "notes.md") in inputs
    assert str((notes / "img" / "pic.png").resolve()) in inputs
    assert {str(notes), str(notes / "img")} <= inputs  # a note or image added there changes them
    assert str(ROOT / "templates" / "sheet" / "sheet.css") in inputs
    assert str(ROOT / "templates" / "anki" / "qa-front.html") in inputs
    outputs = {os.path.abspath(p) for p in deps["STUDYDECK_OUTPUTS"]}
    sheets = out / "cheatsheets"
    assert outputs == {str(out / "cache-notes.apkg"), *(str(sheets / f"{n}.pdf") for n in ("alpha", "beta", "all"))}
    assert deps["STUDYDECK_SOURCE"] == [str(notes)]
    stamp = (out / ".deps.mk").stat().st_mtime_ns
    _build(notes, out)
    assert (out / ".deps.mk").stat().st_mtime_ns == stamp  # rewritten only when it changes


@pytest.mark.skipif(
    shutil.which("make") is None or not (ROOT / ".venv" / ".installed").exists(), reason="needs make and the .venv"
)
def test_make_runs_nothing_when_nothing_changed(notes, tmp_path):
    out = tmp_path / "out"
    make = ["make", "-C", str(ROOT), f"SOURCE={notes}", f"OUTPUT={out}"]
    subprocess.run([*make, "all"], check=True, capture_output=True)
    assert subprocess.run([*make, "-q", "all"]).returncode == 0  # up to date
    next(p for p in (out / "cheatsheets").glob("*.pdf") if p.name != "all.pdf").unlink()
    assert subprocess.run([*make, "-q", "all"]).returncode == 1  # an output is gone
    subprocess.run([*make, "all"], check=True, capture_output=True)
    assert subprocess.run([*make, "-q", "all"]).returncode == 0
    note = notes / "notes.md"
    t = time.time() + 5  # newer than every output, however long the builds above took on a busy machine
    note.write_text(NOTES + "\nOne more line.\n", encoding="utf-8")
    os.utime(note, (t, t))
    assert subprocess.run([*make, "-q", "all"]).returncode == 1  # a note changed


def _modules_after(args: list[str]) -> set[str]:
    code = (
        "import sys, json; from build import main; "
        f"rc = main({args!r}); print(json.dumps([rc, sorted(m for m in sys.modules if m.startswith('weasyprint'))]))"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    import json

    rc, mods = json.loads(proc.stdout.strip().splitlines()[-1])
    assert rc == 0
    return set(mods)


def test_deck_only_build_never_imports_weasyprint(notes, tmp_path):
    out = tmp_path / "out"
    assert _modules_after(["--source", str(notes), "--output", str(out), "--only", "deck", "--quiet"]) == set()
    assert len(list(out.glob("*.apkg"))) == 1


def test_build_with_nothing_to_render_never_imports_weasyprint(notes, tmp_path):
    out = tmp_path / "out"
    args = ["--source", str(notes), "--output", str(out), "--quiet", "--sheets", "per-domain"]
    _build(notes, out)
    assert _modules_after(args) == set()
    (notes / "notes.md").write_text(NOTES.replace("validation accuracy", "validation score"), encoding="utf-8")
    assert _build(notes, out).rendered == ["beta"]


def test_preview_thumbnails_are_made_only_for_changed_sheets(notes, tmp_path, monkeypatch):
    import studydeck.preview.page as preview

    out = tmp_path / "out"
    first = _build(notes, out)
    page = (out / "preview.html").read_text(encoding="utf-8")
    made = []
    real = preview.thumbnail

    def spy(pdf, *a, **k):
        made.append(pdf.name)
        return real(pdf, *a, **k)

    monkeypatch.setattr(preview, "thumbnail", spy)
    assert _build(notes, out).rendered == []
    assert made == []  # every sheet unchanged: every thumbnail from the cache
    assert (out / "preview.html").read_text(encoding="utf-8") == page
    (notes / "notes.md").write_text(
        NOTES.replace("by their validation accuracy", "by their validation loss"), encoding="utf-8"
    )
    again = _build(notes, out, jobs=1)  # in this process, so the spy sees the one thumbnail made
    assert again.rendered == ["beta"] and made == ["beta.pdf"]
    assert len(list((out / ".cache" / "thumbnails").glob("*.txt"))) == len(first.sheets)  # the old one went


def test_with_no_notes_changed_the_finished_cards_are_taken_whole(notes, tmp_path):
    # A rebuild with no notes file changed does not even load the card rules: the last build's finished
    # cards are the cards; the domains' own card files stay for the next change.
    out = tmp_path / "out"
    first = _build(notes, out)
    printed = _build_in_a_new_process(notes, out, None, "len(r.cards), r.carded, r.rendered, carding")
    assert printed == [str(len(first.cards)), "[]", "[]", "False"]
    (notes / "notes.md").write_text(
        NOTES.replace("by their validation accuracy", "by their validation loss"), encoding="utf-8"
    )
    third = _build(notes, out)
    assert third.carded == ["beta"]  # alpha's cards still in the cache
    assert third.cards == _build(notes, tmp_path / "fresh", only="deck").cards


def test_mojibake_repairs_are_kept_so_an_edit_elsewhere_needs_no_repairer(tmp_path):
    # The repairer (ftfy) runs again only for lines it has not repaired before; the repair and its warning
    # are the same either way. (ftfy itself is loaded by wordfreq, which the card rules read: counted are
    # the repairer's calls.)
    src = tmp_path / "src"
    src.mkdir()
    broken = "The model\u00e2\u20ac\u2122s bias is measured.\n"  # 'model’s' read with the wrong codec
    (src / "n.md").write_text("# N\n\n## Dom\n\n" + broken + "\nAnother line.\n", encoding="utf-8")
    out = tmp_path / "out"
    _build(src, out)
    (src / "n.md").write_text("# N\n\n## Dom\n\n" + broken + "\nAnother line, edited.\n", encoding="utf-8")
    code = (
        "import sys; from pathlib import Path\n"
        "from studydeck.build.pipeline import Options, build\n"
        "from studydeck.report import Report\n"
        "import ftfy; calls = []; _fix = ftfy.fix_text\n"
        "ftfy.fix_text = lambda *a, **k: (calls.append(1), _fix(*a, **k))[1]\n"
        "rep = Report(quiet=True)\n"
        f"r = build(Options(Path({str(src)!r}), Path({str(out)!r}), 'deck'), rep)\n"
        "print(bool(calls), sum('mojibake in 1 place' in str(w) for w in rep.warnings))\n"
        "print('model\\u2019s bias' in repr(r.notes), 'model\\u00e2' in repr(r.notes))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    printed = proc.stdout.split()
    assert printed == ["False", "1", "True", "False"]


def test_front_matter_dates_are_part_of_the_key(tmp_path):
    # YAML reads `dateCreated: 2026-07-16 00:00:00` as a datetime: the key is made of it all the same.
    src = tmp_path / "src"
    src.mkdir()
    (src / "notes.md").write_text("---\ndateCreated: 2026-07-16 00:00:00\n---\n" + NOTES, encoding="utf-8")
    first = _build(src, tmp_path / "out", only="deck")
    assert first.carded and first.deck_written
    again = _build(src, tmp_path / "out", only="deck")
    assert not again.carded and not again.deck_written


def _sheets_only_in_a_new_process(notes: Path, out: Path) -> list[str]:
    return _build_in_a_new_process(notes, out, "sheets", "len(r.cards), r.cards_known, carding")


def test_a_sheets_only_build_shows_the_cards_the_last_build_made_and_makes_none(notes, tmp_path):
    from studydeck.preview.page import NO_CARDS

    out = tmp_path / "out"
    first = _build(notes, out)
    shown = (out / "preview.html").read_text(encoding="utf-8").count('<article class="pv-card')
    assert shown >= len(first.cards) > 0
    assert _sheets_only_in_a_new_process(notes, out) == [str(len(first.cards)), "True", "False"]
    page = (out / "preview.html").read_text(encoding="utf-8")
    assert NO_CARDS not in page and page.count('<article class="pv-card') == shown


def test_a_sheets_only_build_without_cards_of_these_notes_says_so(notes, tmp_path):
    from studydeck.preview.page import NO_CARDS

    out = tmp_path / "out"
    assert _sheets_only_in_a_new_process(notes, out) == ["0", "False", "False"]
    page = (out / "preview.html").read_text(encoding="utf-8")
    assert NO_CARDS in page and '<article class="pv-card' not in page


def test_with_the_speed_tricks_off_the_build_writes_the_same_sheets(notes, tmp_path, monkeypatch):
    on = _build(notes, tmp_path / "on", jobs=2)
    monkeypatch.setenv("STUDYDECK_NO_TRICKS", "1")
    off = _build(notes, tmp_path / "off", jobs=2)
    assert sorted(off.rendered) == sorted(on.rendered) == ["alpha", "beta"]
    for slug, path in on.sheets.items():
        assert off.sheets[slug].read_bytes() == path.read_bytes(), slug
    assert (tmp_path / "off" / "cheatsheets" / "all.pdf").read_bytes() == (
        tmp_path / "on" / "cheatsheets" / "all.pdf"
    ).read_bytes()


def test_a_deck_only_build_cards_in_two_processes_and_gives_the_same_deck(notes, tmp_path, monkeypatch):
    from studydeck.build import tricks

    forked = []
    pool = multiprocessing.get_context("fork").Pool

    def counted(*args, **kw):
        forked.append(args)
        return pool(*args, **kw)

    monkeypatch.setattr(tricks, "PARALLEL_CARDS_BLOCKS", 0)  # the sample notes are small: fork all the same
    monkeypatch.setattr(multiprocessing.context.ForkContext, "Pool", lambda self, *a, **kw: counted(*a, **kw))
    two = _build(notes, tmp_path / "two", only="deck", jobs=2)
    assert forked, "the cards were not made in worker processes"
    monkeypatch.setenv("STUDYDECK_NO_TRICKS", "parallel-cards")
    one = _build(notes, tmp_path / "one", only="deck", jobs=2)
    assert len(forked) == 1 and two.cards and list(two.cards) == list(one.cards)


def test_card_workers_share_the_word_table_read_before_they_fork(notes, tmp_path, monkeypatch):
    # A cold deck-only build of a big file makes the word table from wordfreq (0.5 s of CPU): once, not in each
    # card worker.
    from studydeck import words
    from studydeck.build import tricks

    made = tmp_path / "made"
    make = words._made_table

    def counted(code):
        with made.open("a") as f:  # (a worker's count would stay in the worker)
            f.write(f"{code} {os.getpid()}\n")
        return make(code)

    monkeypatch.setattr(tricks, "PARALLEL_CARDS_BLOCKS", 0)
    monkeypatch.setattr(words, "_made_table", counted)
    monkeypatch.setenv("STUDYDECK_NO_TRICKS", "words-ahead")  # (made here, then: the next test)
    words._frequencies.cache_clear()
    try:
        _build(notes, tmp_path / "out", only="deck", jobs=2)
    finally:
        words._frequencies.cache_clear()
    assert made.read_text().split("\n")[:-1] == [f"en {os.getpid()}"]


def test_a_cold_deck_only_build_makes_the_word_table_while_it_parses(notes, tmp_path, monkeypatch):
    # words-ahead: a process forked when the notes turn out changed makes the table into the build cache
    # (0.5 s of CPU the cards no longer wait for); the build reads it from there, and the cards are the same.
    from studydeck import words

    made = tmp_path / "made"
    make = words._made_table

    def counted(code):
        with made.open("a") as f:
            f.write(f"{code} {os.getpid()}\n")
        return make(code)

    monkeypatch.setattr(words, "_made_table", counted)
    words._frequencies.cache_clear()
    try:
        ahead = _build(notes, tmp_path / "ahead", only="deck")
        (code, pid), *more = [line.split() for line in made.read_text().split("\n")[:-1]]
        assert code == "en" and int(pid) != os.getpid() and not more
        assert list((tmp_path / "ahead" / ".cache" / "words").glob("zipf-en.marshal"))
        # a rebuild, its cache holding the table: nothing forked, nothing made
        (notes / "notes.md").write_text(NOTES.replace("validation accuracy", "validation loss"), encoding="utf-8")
        words._frequencies.cache_clear()
        _build(notes, tmp_path / "ahead", only="deck")
        assert len(made.read_text().split("\n")[:-1]) == 1
        (notes / "notes.md").write_text(NOTES, encoding="utf-8")
        words._frequencies.cache_clear()
        monkeypatch.setenv("STUDYDECK_NO_TRICKS", "words-ahead")
        alone = _build(notes, tmp_path / "alone", only="deck")
    finally:
        words._frequencies.cache_clear()
    # switched off: no other process makes it (this one does, if its cards ask how common a word is)
    assert {line.split()[1] for line in made.read_text().split("\n")[1:-1]} <= {str(os.getpid())}
    assert list(ahead.cards) == list(alone.cards)


def test_a_build_with_nothing_changed_replays_the_last_without_loading_a_stage(notes, tmp_path):
    out = tmp_path / "out"
    first = _build(notes, out, only="deck")
    loaded = _build_in_a_new_process(
        notes,
        out,
        "deck",
        "len(r.cards)",
        "any(m in sys.modules for m in ('studydeck.notes.parse', 'studydeck.build.speed', 'studydeck.preview.page',"
        " 'studydeck.deck.apkg', 'genanki'))",
    )
    assert loaded == [str(len(first.cards)), "False"]
    # asked for, the replayed cards are the cards, images pointed at the deck's media as the deck has them
    again = _build(notes, out, only="deck")
    assert not again.deck_written and list(again.cards) == first.cards
    assert any('src="pic-' in c.extra for c in again.cards)
    assert [d.slug for nf in again.notes for d in nf.domains] == ["alpha", "beta"]


def test_a_replay_is_no_replay_once_an_input_or_an_output_changed(notes, tmp_path):
    out = tmp_path / "out"
    first = _build(notes, out, only="deck")
    deck = first.deck_path
    _build(notes, out, only="deck")  # replayed
    deck.unlink()
    again = _build(notes, out, only="deck")
    assert again.deck_written and deck.is_file()
    (notes / "notes.md").write_text(NOTES.replace("Ordered split", "Sorted split"), encoding="utf-8")
    edited = _build(notes, out, only="deck")
    assert edited.carded == ["alpha"] and any("Sorted split" in c.front + c.answer for c in edited.cards)
    (notes / "extra.md").write_text("# Other\n\n## Gamma\n\nGamma rays are photons of high energy.\n", encoding="utf-8")
    added = _build(notes, out, only="deck")
    assert len(added.notes) == 2
    full = _build(notes, out)  # other options: not the deck-only build's replay
    assert full.sheets and full.rendered


def test_a_deck_only_rebuild_reads_the_unchanged_files_outline_and_gives_the_cards_of_a_fresh_build(notes, tmp_path):
    (notes / "other.md").write_text(
        "# Other Notes\n\n## Gamma\n\nGamma rays: photons of very high energy.\n\n![rays](img/pic.png)\n\n"
        "## Delta\n\nDelta encoding stores the differences between successive values.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    _build(notes, out, only="deck")
    (notes / "notes.md").write_text(NOTES.replace("Ordered split", "Sorted split"), encoding="utf-8")
    again = _build(notes, out, only="deck")
    assert again.carded == ["notes/alpha"]
    fresh = _build(notes, tmp_path / "fresh", only="deck")

    def seen(cards):
        return [(c.front, c.answer, c.extra, c.deck, c.tags, c.key, str(c.source)) for c in cards]

    assert seen(again.cards) == seen(fresh.cards)
    assert any('src="pic-' in c.extra for c in again.cards if c.source.file == "other.md")
    assert [(nf.title, [d.slug for d in nf.domains]) for nf in again.notes] == [
        (nf.title, [d.slug for d in nf.domains]) for nf in fresh.notes
    ]


def test_a_file_alone_far_bigger_than_a_page_keeps_a_sheet_per_domain_and_redoes_only_the_edited_one(tmp_path):
    """A file built alone is tried on one sheet only when it may fit one; one far bigger gets a sheet per domain
    at once, each kept by its own key (tried whole, the shared try was keyed on every domain: an edit of one
    redid them all)."""
    from studydeck.sheets import layout

    src = tmp_path / "src"
    src.mkdir()
    para = "The {0} stage keeps a ledger of every batch it has seen, and replays the ledger after a crash. " * 2

    def domain(name: str) -> str:
        return f"# {name}\n\n" + "".join(f"## Part {i}\n\n{para.format(name.lower() + str(i))}\n\n" for i in range(60))

    note = src / "big.md"
    note.write_text(domain("Alpha") + domain("Beta"), encoding="utf-8")
    out = tmp_path / "out"
    first = build(Options(src, out, None, jobs=1), Report(quiet=True))
    assert sorted(first.rendered) == ["alpha", "beta"]
    note.write_text(domain("Alpha") + domain("Beta").replace("ledger after", "journal after", 1), encoding="utf-8")
    again = build(Options(src, out, None, jobs=1), Report(quiet=True))
    assert again.rendered == ["beta"]
    assert not layout.may_fit_whole([30_000, 30_000], layout.page_volume("A4"))


def test_a_file_alone_of_small_domains_redoes_only_the_shared_sheet_of_the_edited_one(tmp_path):
    """The runs of small domains a file alone packs onto shared sheets are each kept by their domains' keys:
    an edit redoes its run's sheet, not the file's other sheets (nor a whole-file try)."""
    src = tmp_path / "src"
    src.mkdir()

    def topic(i: int, words: int, word: str = "means") -> str:
        # (each row says its own: one said again is printed once)
        line = "- **Word {0}.{1}**: what word {0}.{1} {2}, said in a line of about ten words.\n"
        body = "".join(line.format(i, k, word) for k in range(words))
        return f"# Topic {i}\n\n## Words\n\n{body}\n"

    def text(edit: str = "means") -> str:
        return "".join(topic(i, 6) for i in range(6)) + topic(6, 150) + topic(7, 6) + topic(8, 6, edit)

    note = src / "small.md"
    note.write_text(text(), encoding="utf-8")
    out = tmp_path / "out"
    first = build(Options(src, out, "sheets", jobs=1), Report(quiet=True))
    assert sorted(first.rendered) == sorted(first.sheets) and len(first.sheets) == 3
    note.write_text(text("says"), encoding="utf-8")
    again = build(Options(src, out, "sheets", jobs=1), Report(quiet=True))
    assert again.rendered == [again.sheet_of["topic-8"]] == ["topic-7"]
    assert again.sheet_of == first.sheet_of


def test_a_tiny_domain_tried_with_a_big_ones_sheet_is_redone_alone_when_edited(tmp_path):
    """A near-empty last domain joins its big neighbour's sheet if that fits; when it does not, an edit of the
    tiny one tries the two again but takes the big one's sheet from the last build."""
    src = tmp_path / "src"
    src.mkdir()
    line = "- **Word {}**: what the word means, said in a line of about ten words, and a few more.\n"
    big = "# Big\n\n" + "".join(
        f"## Part {j}\n\n" + "".join(line.format(f"{j}.{k}") for k in range(40)) for j in range(8)
    )
    note = src / "notes.md"
    note.write_text(big + "\n# Tiny\n\nA short closing note.\n", encoding="utf-8")
    out = tmp_path / "out"
    first = build(Options(src, out, "sheets", jobs=1), Report(quiet=True))
    assert sorted(first.sheets) == ["big", "tiny"] and not first.sheet_of  # too much to share a page
    pdf = first.sheets["big"].read_bytes()
    note.write_text(big + "\n# Tiny\n\nA short closing note, edited.\n", encoding="utf-8")
    again = build(Options(src, out, "sheets", jobs=1), Report(quiet=True))
    assert again.rendered == ["tiny"] and again.sheets["big"].read_bytes() == pdf
    fit, before = again.fits["big"], first.fits["big"]
    assert fit.renders == 0 and (fit.size, fit.pages, fit.dropped) == (before.size, before.pages, before.dropped)


def test_a_kept_part_written_to_the_shared_sheets_own_file_is_put_back_when_the_try_fails(tmp_path, monkeypatch):
    """A run is named by its first domain, so a shared sheet's try overwrites its first part's PDF: kept from
    the last build, that PDF is put back when the shared sheet does not fit."""
    from studydeck.build import speed
    from studydeck.sheets import condense, pdf
    from studydeck.sheets.pdf import Fit

    target = tmp_path / "first.pdf"
    target.write_bytes(b"%PDF the first domain's own sheet")
    kept = (Fit(size=8.0, renders=0, pages=1), [], None)
    tiny = tmp_path / "tiny.pdf"

    def job(path, parts=(), kept=None):
        j = speed.SheetJob(None, "deck", {}, None, "key", path, [tmp_path], None, None)
        j.parts, j.kept = list(parts), kept
        return j

    def render(j):
        j.target.write_bytes(b"%PDF shared, too full")
        return Fit(size=6.0, renders=1, pages=1), [], None

    monkeypatch.setattr(condense, "condense", lambda *a: None)
    monkeypatch.setattr(condense, "shortened", lambda sheet: [])
    monkeypatch.setattr(pdf, "estimate", lambda sheet: 9.0)
    monkeypatch.setattr(
        speed, "render_one", lambda j, sheet=None: render(j) if j.target == target else (kept[0], [], None)
    )
    shared = job(target, [job(target, kept=kept), job(tiny)])
    done = speed.run_job(shared)
    assert [path for path, _ in done] == [(0,), (1,)] and done[0][1] is kept
    assert target.read_bytes() == b"%PDF the first domain's own sheet"


def test_a_shared_sheet_is_condensed_once_for_its_try(tmp_path, monkeypatch):
    """run_job condenses a shared sheet to judge whether it may fit; the render of that try takes the same
    condensed sheet, not a second condense of the same domains (the one-domain rebuild's sheet job)."""
    from studydeck.build import speed
    from studydeck.sheets import condense, pdf
    from studydeck.sheets.pdf import Fit

    made, rendered = [], []

    def condensed(*args):
        made.append(args)
        return object()  # a sheet, as far as this job goes

    def render(sheet, out, *a, **k):
        rendered.append(sheet)
        out.write_bytes(b"%PDF shared")
        return Fit(size=10.0, renders=1, pages=1)

    monkeypatch.setattr(condense, "condense", condensed)
    monkeypatch.setattr(condense, "shortened", lambda sheet: [])
    monkeypatch.setattr(pdf, "estimate", lambda sheet: 12.0)
    monkeypatch.setattr(pdf, "render_pdf", render)
    monkeypatch.setattr(speed, "load_weasyprint", lambda: None)
    part = speed.SheetJob(None, "deck", {}, None, "key", tmp_path / "a.pdf", [tmp_path], None, None)
    shared = speed.SheetJob(None, "deck", {}, None, "key", tmp_path / "run.pdf", [tmp_path], None, None)
    shared.parts = [part]
    done = speed.run_job(shared)
    assert [path for path, _ in done] == [()] and done[0][1][0].size == 10.0
    assert len(made) == 1 and len(rendered) == 1


def test_a_sheet_worker_imports_the_condenser_and_templates_before_its_first_job():
    """The first sheet worker starts while the build parses; what every job imports first (the condenser,
    jinja2) is imported then, not on the one-domain rebuild's path."""
    code = (
        "import sys; from studydeck.build import speed; speed._warm_up(None);"
        "print(all(m in sys.modules for m in ('studydeck.sheets.condense', 'jinja2', 'markdown_it')))"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["True"]


def test_word_frequencies_are_read_from_the_cache_not_from_wordfreq(notes, tmp_path):
    # wordfreq's import is a third of a second: a rebuild after an edit reads its list from the build cache.
    out = tmp_path / "out"
    _build_in_a_new_process(notes, out, "deck")  # (this process may have read the table already)
    assert list((out / ".cache" / "words").glob("zipf-*.marshal"))
    (notes / "notes.md").write_text(
        NOTES.replace("by their validation accuracy", "by their validation loss"), encoding="utf-8"
    )
    printed = _build_in_a_new_process(
        notes,
        out,
        "deck",
        "r.carded",
        "'wordfreq' in sys.modules",
        "__import__('studydeck.words').words.zipf.cache_info().misses > 0",
    )
    assert printed == ["['beta']", "False", "True"]


@pytest.mark.parametrize("code", ["en", "it", "ko"])
def test_the_cached_word_table_gives_wordfreqs_own_frequencies(code, tmp_path, monkeypatch):
    import wordfreq

    from studydeck import words

    monkeypatch.setattr(words, "_table_dir", tmp_path)
    words._frequencies.cache_clear()
    made = words._frequencies(code)  # from wordfreq, then written
    words._frequencies.cache_clear()
    read = words._frequencies(code)  # from the file
    assert read is not made and read.words == made.words
    freqs = wordfreq.get_frequency_dict(code, wordlist="best")
    sample = list(freqs)[::97] + ["notaword-xyz", "", "ZZZ"]
    assert [read.get(w) for w in sample] == [freqs.get(w, 0.0) for w in sample]
    # wordfreq's data changed (another version), or the file is damaged: the table is made again
    table = tmp_path / "words" / f"zipf-{code}.marshal"
    monkeypatch.setattr(words, "_wordfreq_stamp", lambda code: [("large.msgpack.gz", 1, 2)])
    assert words._read_table(table, words._wordfreq_stamp(code)) is None
    table.write_bytes(b"damaged")
    words._frequencies.cache_clear()
    assert words._frequencies(code).words == made.words and table.stat().st_size > 1000
    words._frequencies.cache_clear()


def test_the_decks_digest_reads_only_the_edited_files_cards(tmp_path, monkeypatch):
    # The deck's key is made of each file's digest, kept by the file's key: an edit digests that file's
    # cards alone; with nothing changed the deck is found current.
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.md").write_text(NOTES, encoding="utf-8")
    (src / "b.md").write_text(NOTES.replace("# Cache Notes", "# Other Notes"), encoding="utf-8")
    out = tmp_path / "out"
    first = _build(src, out, only="deck")
    digested = []
    real = cache.cards_digest
    monkeypatch.setattr(cache, "cards_digest", lambda cards: digested.append(list(cards)) or real(cards))
    (src / "b.md").write_text(
        NOTES.replace("# Cache Notes", "# Other Notes").replace("by their validation accuracy", "by their loss"),
        encoding="utf-8",
    )
    again = _build(src, out, only="deck")
    assert again.deck_written and len(digested) == 1
    assert {c.source.file for c in digested[0]} == {"b.md"} and len(digested[0]) < len(again.cards)
    (out / ".cache" / cache.REPLAY_NAME).unlink()  # a build that runs, with nothing changed
    digested.clear()
    third = _build(src, out, only="deck")
    assert not third.deck_written and digested == [] and third.cards == again.cards != first.cards


def test_a_label_domain_is_carded_again_when_the_heading_it_goes_on_from_changes(tmp_path):
    # '## Deeper Dive' is a domain of its own whose cards are placed under the heading of its level before
    # it, another domain's: renaming that heading changes them, so it is part of their cache key.
    src = tmp_path / "src"
    src.mkdir()
    text = (
        "# Networking\n\n## Introduction to Firewalls\n\nA firewall filters the traffic between two networks.\n\n"
        "## Deeper Dive\n\n- **Inbound Rules**: Define the traffic allowed into your network.\n"
    )
    (src / "notes.md").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    _build(src, out, only="deck")
    (src / "notes.md").write_text(text.replace("Introduction to Firewalls", "Packet Filters"), encoding="utf-8")
    again = _build(src, out, only="deck")
    fresh = _build(src, tmp_path / "fresh", only="deck")
    assert any(c.context.startswith("Packet Filters › Deeper Dive") for c in fresh.cards)
    assert [(c.front, c.context, c.key) for c in again.cards] == [(c.front, c.context, c.key) for c in fresh.cards]
