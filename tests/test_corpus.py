"""The real-world corpus (../shared/corpus): every file builds on its own and all together (skips without it)."""

from __future__ import annotations

import re
import shutil

import pytest
from anki_check import load_deck
from conftest import shared_path

from build import main


def _corpus_files():
    try:
        return sorted(p.name for p in shared_path("corpus").glob("*.md") if p.name != "README.md")
    except pytest.skip.Exception:
        return ["(corpus absent)"]


@pytest.mark.parametrize("name", _corpus_files())
def test_each_corpus_file_builds_alone(name, tmp_path, capsys):
    path = shared_path("corpus", name)
    out = tmp_path / "out"
    assert main(["--source", str(path), "--output", str(out), "--only", "deck"]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and "error:" not in err
    # every warning names the file (and its line when there is one)
    for line in err.strip().splitlines():
        assert line.startswith(f"{name}:") and ": warning: " in line, line
    [apkg] = out.glob("*.apkg")
    for card in load_deck(apkg, tmp_path):
        assert card.question.strip()
        for value in card.fields.values():
            assert "<script" not in value.lower() and "javascript:" not in value.lower()
            assert not re.search(r"<[^>]*\son\w+\s*=", value.lower())


def test_whole_corpus_builds_together(tmp_path, capsys):
    pdfplumber = pytest.importorskip("pdfplumber")
    src = tmp_path / "corpus"
    src.mkdir()
    for name in _corpus_files():
        shutil.copy(shared_path("corpus", name), src / name)
    out = tmp_path / "out"
    assert main(["--source", str(src), "--output", str(out), "--quiet"]) == 0
    assert "Traceback" not in capsys.readouterr().err
    cards = load_deck(next(out.glob("*.apkg")), tmp_path)
    assert len(cards) >= 200
    sheets = sorted((out / "cheatsheets").rglob("*.pdf"))  # cheatsheets/<file>/<domain>.pdf
    assert len(sheets) >= len(_corpus_files())  # a sheet per domain, or one per file whose domains fit a page
    for pdf in sheets:
        with pdfplumber.open(pdf) as doc:
            assert doc.pages and doc.pages[0].extract_text().strip()


def test_corpus_folder_as_kept_builds(tmp_path, capsys):
    # The folder itself, README.md and SOURCES.tsv included: the README is short prose, so it is notes
    # like any other file (only a licence, a change log, a table of contents... is skipped).
    from studydeck.build.pipeline import Options, build
    from studydeck.report import Report

    corpus = shared_path("corpus")
    result = build(Options(corpus, tmp_path / "out", only="deck"), Report(quiet=True))
    assert result.skipped == []
    assert sorted(nf.path for nf in result.notes) == sorted(p.name for p in corpus.glob("*.md"))
    assert len(result.cards) >= 200
