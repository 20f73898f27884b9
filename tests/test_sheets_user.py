"""Acceptance of the cheat sheets on the user's real notes (../shared): skipped on a machine without it."""

from __future__ import annotations

import logging

import pytest
from conftest import shared_path
from sheet_check import build_sheets_logged, comparison_terms, coverage, headings, overlaps, read_pdf

from studydeck.sheets.pdf import FLOOR, NAMED


@pytest.fixture(scope="module")
def user_sheets(tmp_path_factory):
    result, report, records = build_sheets_logged(shared_path("notes"), tmp_path_factory.mktemp("user-sheets"))
    domains = [d for nf in result.notes for d in nf.domains]
    # Small domains share a sheet (a run of them, named by its first); a domain's facts are its sheet's.
    sheet = {d.slug: result.sheet_of.get(d.slug, d.slug) for d in domains}
    pdfs = {s: read_pdf(result.sheets[s]) for s in dict.fromkeys(sheet.values())}
    return result, report, records, domains, {d.slug: pdfs[sheet[d.slug]] for d in domains}


def test_thirteen_domains_on_one_page_sheets_at_legible_size(user_sheets):
    result, _, _, domains, pdfs = user_sheets
    assert len(domains) == 13
    # Fewer sheets than domains, none a near-empty page of one small domain: SageMaker's own, runs of the rest.
    assert 3 <= len(result.sheets) <= 8 and "sagemaker" in result.sheets and "sagemaker" not in result.sheet_of
    for d in domains:
        facts = pdfs[d.slug]
        assert facts["pages"] == 1, d.title
        assert facts["body"] >= FLOOR, d.title
        assert facts["outside"] == [], d.title
    for path in result.sheets.values():
        assert overlaps(path) == [], path.name
    folder = next(iter(result.sheets.values())).parent
    every = read_pdf(folder / "all.pdf")
    assert every["pages"] == len(result.sheets)
    firsts = list(dict.fromkeys(result.sheet_of.get(d.slug, d.slug) for d in domains))  # in notes order
    assert every["texts"] == [read_pdf(result.sheets[s])["texts"][0] for s in firsts]


def test_headings_and_comparison_terms_on_the_sheets(user_sheets):
    _, _, _, domains, pdfs = user_sheets
    heads = terms = heads_found = terms_found = 0
    for d in domains:
        text = "\n".join(pdfs[d.slug]["texts"])
        h, _ = coverage(headings(d), text)
        t, _ = coverage(comparison_terms(d), text)
        heads, heads_found = heads + len(headings(d)), heads_found + len(h)
        terms, terms_found = terms + len(comparison_terms(d)), terms_found + len(t)
        if comparison_terms(d):
            assert len(t) >= 0.9 * len(comparison_terms(d)), d.title
    assert heads >= 25 and heads_found >= 0.95 * heads
    assert terms >= 60 and terms_found >= 0.9 * terms


def test_sagemaker_is_the_hard_case_and_says_what_it_left_out(user_sheets):
    result, report, _, _, _ = user_sheets
    fit = result.fits["sagemaker"]
    assert fit.pages == 1
    # Whatever the sheet leaves out is named in the build output, counted per section, in a line or two.
    said = [n for n in report.notes if "sheet SageMaker" in n]
    assert 1 <= len(said) <= 2 and fit.dropped
    # (a section that lost only its gists is named as one that lost lines)
    sections = {d.removeprefix("gists of ").split(" › ")[0] for d in fit.dropped}
    named = [name for name in sections if f"{name} " in " ".join(said)]
    assert len(named) >= min(len(sections), NAMED)


def test_no_weasyprint_warning(user_sheets):
    _, report, records, _, _ = user_sheets
    assert [r.getMessage() for r in records if r.levelno >= logging.WARNING] == []
    assert [w for w in report.warnings if "sheet" in w.message] == []
