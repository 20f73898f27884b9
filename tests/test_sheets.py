"""Each domain's cheat sheet is one PDF page holding its headings."""
from __future__ import annotations

import pdfplumber
import pytest


def _pages(pdf):
    with pdfplumber.open(pdf) as doc:
        return [p.extract_text() or "" for p in doc.pages]


def test_one_sheet_per_domain(sample_build):
    names = sorted(p.stem for p in (sample_build / "cheatsheets").glob("*.pdf"))
    assert names == ["data-preparation", "deployment", "evaluation", "model-training"]


@pytest.mark.parametrize("slug", ["data-preparation", "deployment", "evaluation", "model-training"])
def test_sample_sheet_is_one_page(sample_build, slug):
    pages = _pages(sample_build / "cheatsheets" / f"{slug}.pdf")
    assert len(pages) == 1


def test_sheet_holds_headings_and_terms(sample_build):
    text = _pages(sample_build / "cheatsheets" / "data-preparation.pdf")[0]
    for word in ("Splitting Data", "Scaling", "Missing Values", "Stratified split", "Robust scaler"):
        assert word in text
