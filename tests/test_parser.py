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
