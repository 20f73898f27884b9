"""Acceptance of the cheat sheets on the user's real notes (../shared): skipped on a machine without it."""

from __future__ import annotations

import logging

import pytest
from conftest import shared_path
from sheet_check import build_sheets_logged, comparison_terms, coverage, headings, overlaps, read_pdf

from studydeck.build.pipeline import load
from studydeck.report import Report
from studydeck.sheets import pdf
from studydeck.sheets.condense import condense
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


def test_sagemaker_finds_what_to_leave_out_in_few_layouts(user_sheets):
    # The floor's layout, then what its columns laid out again say fits (it overflows: a box just missed the
    # last column's end and stays where it went), then what the text left over says, then one fewer: the
    # search stepped one item at a time before (7 layouts, each a tenth of the cold build).
    result, _, _, _, _ = user_sheets
    fit = result.fits["sagemaker"]
    assert fit.size == FLOOR and fit.pages == 1 and fit.dropped
    assert fit.renders <= 4


def test_the_columns_laid_out_again_give_the_layouts_own_overflow():
    # _Flow lays the pieces of a layout out again in columns; laid out with nothing left out, it must find
    # what the layout itself put past the page: a piece first in its column lost its top margin there, and
    # laid out after the piece before it, it takes that room again (it was taken to fit 90 pt too soon).
    notes = load(shared_path("notes"), Report(quiet=True))
    nf = notes[0]
    domain = next(d for d in nf.domains if d.slug == "sagemaker")
    sheet = condense(domain, nf.deck, nf.meta, None)
    for n, box in enumerate(sheet.boxes):
        box.number = n
    for n, item in enumerate(sheet.items()):
        item.number = n
    weasyprint = pdf.import_weasyprint()
    css_path, css = pdf.prepare()
    fetcher = pdf.make_fetcher([shared_path("notes"), css_path.parent])
    html = weasyprint.HTML(string=pdf.sheet_html(sheet), base_url=str(css_path.parent), url_fetcher=fetcher)
    page = f"@page {{ size: {sheet.paper} {sheet.orientation}; }} html {{ font-size: {FLOOR}pt; }}"
    doc = html.render(stylesheets=[css, weasyprint.CSS(string=page)])
    assert len(doc.pages) == 2
    flow = pdf._flow(doc, sheet, pdf.columns(sheet))
    past = [p for p in flow.pieces if p.column >= flow.columns]
    left_over = sum(p.lead + p.height for p in past)
    assert abs(flow.spill(sheet.candidates(), 0) - left_over) < 1.0


def test_no_weasyprint_warning(user_sheets):
    _, report, records, _, _ = user_sheets
    assert [r.getMessage() for r in records if r.levelno >= logging.WARNING] == []
    assert [w for w in report.warnings if "sheet" in w.message] == []
