"""Parser cases as data: each tests/fixtures/parser/NAME.md is parsed and its outline compared to NAME.outline."""

from __future__ import annotations

from pathlib import Path

import pytest

from studydeck.model import outline
from studydeck.notes.parse import parse_notes
from studydeck.notes.read import decode
from studydeck.report import Report

CASES = Path(__file__).resolve().parent / "fixtures" / "parser"


def _outline(md: Path) -> str:
    report = Report(quiet=True)
    text = decode(md.read_bytes(), md.name, report)
    notes = parse_notes(text, md.name, md.parent, md.parent, report)
    warnings = "".join(f"! {w}\n" for w in report.warnings)
    return outline(notes) + warnings


@pytest.mark.parametrize("case", sorted(p.stem for p in CASES.glob("*.md")))
def test_parser_case(case):
    expected = (CASES / f"{case}.outline").read_text(encoding="utf-8")
    assert _outline(CASES / f"{case}.md") == expected


def _titles(text: str, name: str) -> tuple[str, str]:
    notes = parse_notes(text, name, Path("."), Path("."), Report(quiet=True))
    return notes.title, notes.deck


def test_a_file_without_a_title_is_named_by_the_words_of_its_name_the_notes_use():
    # 'bio-cell-arom1a-cell-structure.md' printed 'bio cell arom1a cell structure' as its sheet's title and
    # corner label (blind review, issue 14): its course, author and date prefix are no title.
    text = "## Introduction\n\nThe cell is the basic structural unit of life.\n\n## Structure of cells\n\nA membrane.\n"
    assert _titles(text, "bio-cell-arom1a-cell-structure.md") == ("cell structure", "cell structure")
    assert _titles(text, "2024_week3_cells.md") == ("cells", "cells")
    # A link's address is no use of a word; a name none of whose last words the notes use is all its words.
    linked = "## Notes\n\nSee [the source](https://example.org/jessemillar/econ) on elasticity.\n"
    assert _titles(linked, "econ-micro-jessemillar-elasticity.md")[0] == "elasticity"
    assert _titles("## Notes\n\nNothing of the name here.\n", "micro-econ.md")[0] == "micro econ"
    # A title of the notes' own still wins.
    assert _titles("# Cell biology\n\nThe cell is a unit.\n", "bio-cell.md") == ("Cell biology", "Cell biology")


def test_a_file_opening_with_a_heading_over_higher_ones_is_titled_by_it():
    # '## AWS-MLA-C01-Study-Guide' on the first line over '# Sagemaker (SM)', '# Amazon Bedrock' ...: the
    # sheets' corner label printed the file name 'aws mla longbu' on 9 sheets (blind review, issue 14).
    text = "## ML-Exam-Study-Guide\n\nMy notes.\n\n# Training\n\nA fact.\n\n# Serving\n\nAnother fact.\n"
    assert _titles(text, "exam-longbu.md") == ("ML-Exam-Study-Guide", "ML-Exam-Study-Guide")
    # A first heading of the file's own level, or text above it: no title (the name's words are).
    assert _titles("# Training\n\nA fact.\n\n# Serving\n\nAnother.\n", "ml-exam.md")[0] == "ml exam"
    text = "Intro.\n\n## Guide\n\nMine.\n\n# Training\n\nA fact.\n\n# Serving\n\nMore.\n"
    assert _titles(text, "ml-exam.md")[0] == "ml exam"
