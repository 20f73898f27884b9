"""Sheets on other people's notes: formulas drawn, the header, nothing printed as source (fixtures/sheets/)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from conftest import ROOT
from sheet_check import build_sheets_logged, read_pdf

FIXTURES = ROOT / "tests" / "fixtures" / "sheets"
RAW_TEX = ("\\frac", "\\geq", "\\lim", "_{", "^{", "\\nosuch")


def _build(tmp_path: Path, *names: str):
    src = tmp_path / "notes"
    src.mkdir()
    for name in names:
        (src / name).write_text((FIXTURES / name).read_text(encoding="utf-8"), encoding="utf-8")
    return build_sheets_logged(src, tmp_path / "out")


@pytest.fixture(scope="module")
def math_build(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("math"), "math.md")


def test_formulas_are_drawn_not_printed_as_tex(math_build):
    result, _, _ = math_build
    path = result.sheets["limits-of-a-n-n-geq-m"]
    text = read_pdf(path)["texts"][0]
    assert read_pdf(path)["pages"] == 1
    assert [t for t in RAW_TEX[:-1] if t in text] == []
    assert "converges to" in text and "$5 per hour" in text  # prices between dollars stay prose
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages[0].curves) > 30  # the formulas' glyphs are vector paths


def test_a_formula_that_cannot_be_drawn_is_code_with_one_warning(math_build):
    result, report, _ = math_build
    text = read_pdf(result.sheets["limits-of-a-n-n-geq-m"])["texts"][0]
    assert "\\nosuchcommand{x}" in text  # as code, the only TeX left on the page
    said = [str(w) for w in report.warnings if "formula" in w.message]
    assert said == ["math.md:16: warning: formula cannot be drawn on the sheet, shown as code: \\nosuchcommand{x}"]


def test_header_is_the_notes_title_never_a_property_heading(math_build):
    result, _, _ = math_build
    for path in result.sheets.values():
        head = read_pdf(path)["texts"][0].splitlines()[0]
        assert "Status" not in head and "math" in head, head
