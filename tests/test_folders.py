"""Notes folders as people keep them, as data: each tests/fixtures/folders/NAME/ is built (deck only) and
what the build made of it (files, titles, front matter, decks, tags, warnings) compared to NAME.expected.

Set STUDYDECK_UPDATE=1 to write the .expected files afresh (then read the diff)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from studydeck.build.pipeline import Options, build
from studydeck.report import NotesError, Report

CASES = Path(__file__).resolve().parent / "fixtures" / "folders"


def describe(source: Path, out: Path) -> str:
    """The build of `source` as text: every line a reader of the case needs, nothing that the card rules
    decide (which cards, how many): those belong to the card tests."""
    report = Report(quiet=True)
    try:
        result = build(Options(source, out, only="deck", jobs=1), report)
    except NotesError as e:
        return f"error: {e}\n"
    lines = [f"deck file: {result.deck_path.name}"]
    for nf in result.notes:
        meta = {k: nf.meta[k] for k in ("title", "deck", "tags", "sheet") if k in nf.meta}
        lines.append(f"file {nf.path}: title {nf.title!r}, deck {nf.deck!r}, front matter {meta}")
        for d in nf.domains:
            lines.append(f"  domain {d.title} [{d.slug}]")
            for b in (b for s in d.sections for b in s.blocks if getattr(b, "src", None) is not None):
                where = Path(b.path).relative_to(source.resolve()).as_posix() if b.path else "missing"
                lines.append(f"    image {b.src}: {where}")
    decks: dict[str, set[str]] = {}
    for card in result.cards:
        decks.setdefault(card.deck, set()).update(card.tags[1:])  # the first tag is the heading path's
    for deck, tags in sorted(decks.items()):
        lines.append(f"cards in {deck}" + (f", tagged {' '.join(sorted(tags))}" if tags else ""))
    lines.extend(f"! {w}" for w in report.warnings)
    lines.extend(f"skipped {rel}: {why}" for rel, why in result.skipped)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_folder_case(case, tmp_path):
    got = describe(CASES / case, tmp_path / "out")
    expected = CASES / f"{case}.expected"
    if os.environ.get("STUDYDECK_UPDATE"):
        expected.write_text(got, encoding="utf-8")
    assert got == expected.read_text(encoding="utf-8")


def test_include_and_exclude_globs(tmp_path):
    # --include reads a file skipped as not notes (a table of contents here); --exclude leaves a folder out.
    opts = Options(
        CASES / "repo-papers", tmp_path / "out", only="deck", include=["SUMMARY.md"], exclude=["chapters/trans*"]
    )
    result = build(opts, Report(quiet=True))
    assert [nf.path for nf in result.notes] == ["SUMMARY.md", "chapters/relational.md"]
    assert ("chapters/transactions.md", "excluded (--exclude)") in result.skipped
    assert ("SUMMARY.md", "a table of contents") not in result.skipped


def test_summary_names_skipped_files_and_no_notes_says_what_it_saw(tmp_path, capsys):
    from build import main

    assert main(["--source", str(CASES / "readme-only-repo"), "--output", str(tmp_path / "out"), "--only", "deck"]) == 0
    out = capsys.readouterr().out
    assert (
        "2 not read as notes (--include GLOB reads one):\n  .github/    a tool's folder\n  LICENSE.md  a licence\n"
        in out
    )
    src = tmp_path / "papers"
    src.mkdir()
    (src / "LICENSE.md").write_text("MIT License\n\nPermission is hereby granted.\n", encoding="utf-8")
    (src / "logo.png").write_bytes(b"\x89PNG")
    assert main(["--source", str(src), "--output", str(tmp_path / "out2")]) == 1
    assert capsys.readouterr().err.strip() == (
        f"error: {src}: no notes found (skipped LICENSE.md: a licence; 1 other file); --include GLOB takes a file in"
    )


def test_a_file_keeps_its_notes_identity_in_a_folder(tmp_path):
    # Built alone, then with two other files: the same card keys (Anki's guids), so re-importing keeps
    # its reviews; only the deck moves under the file's title. Alone, the deck tree is as before.
    alone = build(Options(CASES / "three-subjects" / "genetics.md", tmp_path / "a", only="deck"), Report(quiet=True))
    folder = build(Options(CASES / "three-subjects", tmp_path / "b", only="deck"), Report(quiet=True))
    keys = {c.key for c in alone.cards}
    assert keys and keys <= {c.key for c in folder.cards}
    assert {c.deck for c in alone.cards} == {"Genetics::Inheritance"}
    assert [d.slug for nf in alone.notes for d in nf.domains] == ["inheritance"]
    assert "file::genetics" not in alone.cards[0].tags and "biology" in alone.cards[0].tags


def test_a_new_file_parses_only_itself_and_an_image_appearing_reparses_its_file(tmp_path, monkeypatch):
    import shutil

    import studydeck.build.pipeline as pipeline

    src = tmp_path / "src"
    shutil.copytree(CASES / "three-subjects", src)
    (src / "networks.md").write_text(
        (src / "networks.md").read_text(encoding="utf-8") + "\n![A segment](segment.png)\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    build(Options(src, out, only="deck"), Report(quiet=True))
    parsed = []
    real = pipeline._parse_one
    monkeypatch.setattr(pipeline, "_parse_one", lambda path, *a, **k: parsed.append(path.name) or real(path, *a, **k))
    (src / "more").mkdir()
    (src / "more" / "chemistry.md").write_text("# Chemistry\n\n## Bonds\n\n**Ionic bond**: a bond of ions.\n")
    build(Options(src, out, only="deck"), Report(quiet=True))
    assert parsed == ["chemistry.md"]  # a new file and a new folder: no other file parsed again
    parsed.clear()
    (src / "segment.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    again = build(Options(src, out, only="deck"), Report(quiet=True))
    assert parsed == ["networks.md"]  # the one file whose image appeared
    [image] = [
        b
        for nf in again.notes
        for d in nf.domains
        for s in d.sections
        for b in s.blocks
        if getattr(b, "src", "") == "segment.png"
    ]
    assert image.path == str((src / "segment.png").resolve())


def _sheets(out: Path) -> list[str]:
    return sorted(p.relative_to(out / "cheatsheets").as_posix() for p in (out / "cheatsheets").rglob("*.pdf"))


def test_a_file_whose_domains_fit_one_page_gets_one_sheet(tmp_path):
    import shutil

    src = tmp_path / "src"
    shutil.copytree(CASES / "three-subjects", src)

    def long(terms: range) -> str:  # (each its own: a fact said again is printed once)
        return "".join(
            f"**Term {i}**: a definition long enough to take a line or two of the page, {i}.\n\n" for i in terms
        )

    (src / "long.md").write_text(
        f"# Long\n\n## First\n\n{long(range(70))}## Second\n\n{long(range(70, 140))}", encoding="utf-8"
    )
    result = build(Options(src, tmp_path / "out", jobs=1), Report(quiet=True))
    first = _sheets(tmp_path / "out")
    # economics' two domains fit one page legibly; long's do not (each gets its own); genetics has one
    assert _sheets(tmp_path / "out") == [
        "all.pdf",
        "economics.pdf",
        "genetics/inheritance.pdf",
        "long/first.pdf",
        "long/second.pdf",
        "networks/transport-layer.pdf",
    ]
    assert result.fits["economics"].size >= 9 and result.sheet_of["economics/elasticity"] == "economics"
    again = build(Options(src, tmp_path / "out", jobs=1), Report(quiet=True))
    assert again.rendered == [] and _sheets(tmp_path / "out") == first  # the split is remembered
    per_domain = build(Options(src, tmp_path / "out", jobs=1, sheets="per-domain"), Report(quiet=True))
    assert "economics/elasticity.pdf" in _sheets(tmp_path / "out") and "economics.pdf" not in _sheets(tmp_path / "out")
    assert sorted(per_domain.rendered) == ["economics/elasticity", "economics/market-structures"]


def test_an_embedded_note_edited_reparses_the_note_embedding_it(tmp_path, monkeypatch):
    import shutil

    import studydeck.build.pipeline as pipeline

    src = tmp_path / "vault"
    shutil.copytree(CASES / "vault", src)
    build(Options(src, tmp_path / "out", only="deck"), Report(quiet=True))
    parsed = []
    real = pipeline._parse_one
    monkeypatch.setattr(pipeline, "_parse_one", lambda path, *a, **k: parsed.append(path.name) or real(path, *a, **k))
    genetics = src / "Genetics.md"
    genetics.write_text(genetics.read_text().replace("one of the forms", "one of the variant forms"))
    result = build(Options(src, tmp_path / "out", only="deck"), Report(quiet=True))
    assert sorted(parsed) == ["Cell.md", "Genetics.md"]
    assert any("variant forms" in c.front + c.answer and c.deck == "vault::Cell::Organelles" for c in result.cards)


def test_a_long_summary_is_a_row_per_file_and_the_whole_table_beside_the_deck(tmp_path, capsys, monkeypatch):
    from build import main
    from studydeck.build import summary

    monkeypatch.setattr(summary, "SCREEN_ROWS", 4)  # three files, four domains: more rows than that
    out = tmp_path / "out"
    assert main(["--source", str(CASES / "three-subjects"), "--output", str(out), "--only", "deck"]) == 0
    printed = capsys.readouterr().out
    assert "  Microeconomics " in printed and "(economics.md, 2 domains)" in printed
    assert "  and 1 more files (" in printed and str(out / "summary.txt") in printed
    full = (out / "summary.txt").read_text(encoding="utf-8")
    assert "  Genetics (genetics.md)" in full and "    Inheritance " in full


def _paragraphs(result, path: str) -> list[str]:
    nf = next(nf for nf in result.notes if nf.path == path)
    return [b.text for d in nf.domains for s in d.sections for b in s.blocks if hasattr(b, "sentences")]


def test_a_wiki_link_shows_the_linked_notes_title_and_a_title_edit_reparses_the_linking_note(tmp_path, monkeypatch):
    import studydeck.build.pipeline as pipeline

    src = tmp_path / "vault"
    (src / "sub").mkdir(parents=True)
    (src / "Links.md").write_text(
        "# Links\n\n## Reading\n\nSee [[osmosis]], [[sub/krebs]], [[plain-note]], [[osmosis|the alias]],"
        " [[Nowhere]] and `[[code]]`.\n",
        encoding="utf-8",
    )
    (src / "osmosis.md").write_text("---\ntitle: Osmosis and diffusion\n---\n# Ignored heading\n\nWater moves.\n")
    (src / "sub" / "krebs.md").write_text("```\n# not a heading\n```\n\n# The **Krebs** cycle\n\nIt turns.\n")
    (src / "plain-note.md").write_text("Nothing but text.\n")
    out = tmp_path / "out"
    result = build(Options(src, out, only="deck"), Report(quiet=True))
    assert _paragraphs(result, "Links.md") == [
        "See Osmosis and diffusion, The Krebs cycle, plain note, the alias, Nowhere and `[[code]]`."
    ]
    parsed = []
    real = pipeline._parse_one
    monkeypatch.setattr(pipeline, "_parse_one", lambda path, *a, **k: parsed.append(path.name) or real(path, *a, **k))
    osmosis = src / "osmosis.md"
    osmosis.write_text(osmosis.read_text().replace("Water moves.", "Water moves across a membrane."))
    build(Options(src, out, only="deck"), Report(quiet=True))
    assert parsed == ["osmosis.md"]  # its text changed, not its title: the note linking to it is kept
    parsed.clear()
    osmosis.write_text(osmosis.read_text().replace("title: Osmosis and diffusion", "title: Osmosis"))
    (src / "Nowhere.md").write_text("# Somewhere\n\nA note that was missing.\n")
    result = build(Options(src, out, only="deck"), Report(quiet=True))
    assert sorted(parsed) == ["Links.md", "Nowhere.md", "osmosis.md"]
    assert _paragraphs(result, "Links.md")[0].startswith(
        "See Osmosis, The Krebs cycle, plain note, the alias, Somewhere"
    )
