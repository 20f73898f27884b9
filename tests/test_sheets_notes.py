"""Sheets on other people's notes: formulas drawn, the header, nothing printed as source (fixtures/sheets/)."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from conftest import ROOT
from sheet_check import build_sheets_logged, read_pdf

FIXTURES = ROOT / "tests" / "fixtures" / "sheets"
RAW_TEX = ("\\frac", "\\geq", "\\lim", "\\leq", "_{", "^{", "\\nosuch")


def _build(tmp_path: Path, *names: str):
    src = tmp_path / "notes"
    src.mkdir()
    for name in names:
        (src / name).write_text((FIXTURES / name).read_text(encoding="utf-8"), encoding="utf-8")
    return build_sheets_logged(src, tmp_path / "out", "per-domain")


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


def test_a_formula_that_cannot_be_drawn_is_readable_with_one_warning(math_build):
    # It was printed as code: the only TeX left on the page ('\\nosuchcommand{x}'). The unknown command is
    # left out, its argument drawn; the warning names the line and what was drawn.
    result, report, _ = math_build
    text = read_pdf(result.sheets["limits-of-a-n-n-geq-m"])["texts"][0]
    assert "nosuchcommand" not in text and "stays readable" in text
    said = [str(w) for w in report.warnings if "formula" in w.message]
    assert said == ["math.md:16: warning: formula cannot be drawn as written, drawn as {x}: \\nosuchcommand{x}"]


def test_header_is_the_notes_title_never_a_property_heading(math_build):
    result, _, _ = math_build
    for path in result.sheets.values():
        head = read_pdf(path)["texts"][0].splitlines()[0]
        assert "Status" not in head and head.startswith("Math"), head  # the file name, a capital first


def test_no_heading_without_content_parents_ride_on_their_first_child(tmp_path):
    result, _, _ = _build(tmp_path, "headings.md")
    text = read_pdf(result.sheets["layers"])["texts"][0]
    lines = text.splitlines()
    assert "Placeholder with nothing" not in text and "Additional Resources" not in text
    # "Pooling Layer" has no text of its own: printed right above its first sub-heading's box
    assert lines.index("Pooling Layer") + 1 == lines.index("General pooling")
    assert "Normalization layers are rarely used" in text


def _long_domain(sections: int) -> str:
    parts = ["# Long\n\n## Everything\n"]
    for n in range(sections):
        parts.append(
            f"\n### Topic {n}\n\n#### Part {n}\n\nService{n} stores the topic {n} data in a long and wordy sentence.\n"
        )
        parts.append(f"\n- Item {n} one of several things to say about it\n- Item {n} two of several things\n")
    parts.append("\n### Further reading\n\n- See the book, chapters one to twelve, for everything else.\n")
    return "".join(parts)


def test_a_domain_far_too_long_is_one_page_of_its_main_sections_then_n_more(tmp_path):
    src = tmp_path / "notes"
    src.mkdir()
    (src / "long.md").write_text(_long_domain(220), encoding="utf-8")
    result, report, _ = build_sheets_logged(src, tmp_path / "out")
    facts = read_pdf(result.sheets["everything"])
    fit = result.fits["everything"]
    assert facts["pages"] == fit.pages == 1 and facts["body"] >= 6.5
    text = facts["texts"][0]
    more = int(re.search(r"(\d+) more sections: see the deck", text).group(1))
    assert 100 < more < 220 * 2
    assert "Topic 0" in text and "Further reading" not in text  # the first sections kept, asides first out
    said = [n for n in report.notes if "sheet Everything" in n]
    assert 1 <= len(said) <= 2 and f"left out {more} sections whole" in said[0]
    # every heading printed has something under it
    lines = text.splitlines()
    for n in range(220):
        if f"Part {n}" in lines:
            assert f"Service{n} stores" in text.replace("\n", " ")


@pytest.fixture(scope="module")
def prose_build(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("prose"), "prose.md")


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_a_warning_keeps_its_not_and_a_number_its_unit(prose_build):
    result, _, _ = prose_build
    text = _flat(read_pdf(result.sheets["caching"])["texts"][0])
    assert "Do not use the write-back cache when" in text
    assert "64 bytes" in text and "32 KB" in text and "not throttled" in text
    assert "do not dynamically obfuscate" in text  # never cut before its negation


def test_no_line_cut_mid_clause_unless_the_build_names_it(prose_build):
    result, report, _ = prose_build
    text = read_pdf(result.sheets["caching"])["texts"][0]
    cuts = text.count("…")
    said = [n for n in report.notes if "shortened" in n]
    assert cuts == 0 or (len(said) == 1 and f"shortened {cuts} line" in said[0])


def test_shorten_keeps_whole_clauses_and_negations():
    from studydeck.notes.analyse import analyse
    from studydeck.sheets.condense import _kind, _shorten

    long = "Spot instances are cheap, but they cannot be relied on for jobs that must finish by a deadline"
    assert _shorten(long, 12) == long  # the cut at ", but" would lose "cannot"
    assert _shorten("Pods are the smallest deployable units, which hold one or more containers", 6) == (
        "Pods are the smallest deployable units"
    )
    assert _kind(analyse("Do not use X when Y.")) == "warning"
    assert _kind(analyse("For example, a cat is a mammal.")) == "example"
    assert _kind(analyse("Use X to do Y.")) == "recommendation"


@pytest.fixture(scope="module")
def language_build(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("language"), "language.md")


def test_ruby_is_base_then_reading_never_glued(language_build):
    result, _, _ = language_build
    text = "".join(read_pdf(result.sheets["lesson-1"])["texts"][0].split())  # CJK lines wrap anywhere
    assert "漢字" in text and "かんじ" in text and "平仮名" in text  # the reading over its base: test_sheets_languages
    assert "漢字かんじ" not in text and "((" not in text


def test_a_vocabulary_table_is_a_whole_word_list(language_build):
    result, _, _ = language_build
    text = read_pdf(result.sheets["lesson-1"])["texts"][0]
    words = ["みず", "かわ", "がくせい", "つき", "ほん"]
    assert all(w in text for w in words)  # every row, not the first eight
    assert "学生" in text and "student" in text


def test_cjk_and_right_to_left_text_come_in_a_font_that_has_them(language_build):
    result, _, _ = language_build
    with pdfplumber.open(result.sheets["lesson-1"]) as pdf:
        chars = pdf.pages[0].chars
    for letter in "漢か한שس":
        fonts = {c["fontname"] for c in chars if c["text"] == letter}
        assert fonts, letter
    text = read_pdf(result.sheets["lesson-1"])["texts"][0]
    assert "한국어" in text and "\ufffd" not in text


def test_a_table_too_wide_for_a_column_prints_a_line_per_row(tmp_path):
    result, _, _ = _build(tmp_path, "wide.md")
    text = _flat(read_pdf(result.sheets["purchasing"])["texts"][0])
    # the headers once, as a legend; each row its cells in that order (the headers on every row repeated them)
    assert "Launch Type — Cost; Commitment; Flexibility; Use Case" in text and text.count("Commitment") == 1
    assert "Reserved — Up to 72% off; 1 or 3 years" in text
    assert "Spot — Up to 90% off" in text


def test_latex_markup_written_as_text_keeps_its_words_only():
    from studydeck.sheets.condense import _plain

    assert _plain(r"\textbf{Sede} cromosomica \marginnote{nota}") == "Sede cromosomica (nota)"
    assert _plain(r"\begin{itemize} \item La salute dell'\textbf{uomo} \item Gli animali \end{itemize}") == (
        "La salute dell'uomo; Gli animali"
    )
    assert _plain(r"\begin{center} \includegraphics[width=0.3\textwidth]{img/e.png} \end{center}") == ""
    assert _plain(r"\def\labelenumi{\arabic{enumi}.} Inibisce la \far{bacitracina}; \tightlist fine") == (
        "Inibisce la bacitracina; fine"
    )
    assert _plain(r"Constructor magic 🪄 here") == "Constructor magic here"  # no font has emoji


def test_tex_between_dollars_the_parser_missed_is_still_a_formula():
    from studydeck.sheets import formula
    from studydeck.sheets.condense import _plain

    text = _plain(r"$ Mean $= \theta^T x^{(i)}$ (the prediction)")
    assert formula.formulas(text) == [(r"= \theta^T x^{(i)}", False)] and "(the prediction)" in text
    assert _plain("costs $5 and $6") == "costs $5 and $6"


def _tight(name: str):
    """The fixture's first domain condensed at the tight level (what a domain of several pages gets)."""
    from studydeck.notes.parse import parse_notes
    from studydeck.report import Report
    from studydeck.sheets.condense import _condense

    path = FIXTURES / name
    nf = parse_notes(path.read_text(encoding="utf-8"), name, path.parent, path.parent, Report(quiet=True))
    sheet = _condense(nf.domains[0], nf.deck, 0)
    return {i.key or i.name: i for i in sheet.items()}, sheet


def test_a_tight_sheet_condenses_by_clauses_never_mid_clause():
    from studydeck.sheets import formula

    items, sheet = _tight("clauses.md")
    printed = [t for i in sheet.items() for t in (i.key, i.value, *i.items, *(c for r in i.rows for c in r))]
    assert [t for t in printed if t.endswith("…")] == []
    # a definition keeps its term and its defining clause (the rest, whole, when it has no clause to end at)
    assert items["Elastic Compute Cloud (EC2)"].value.startswith("Scalable compute service that lets users rent")
    # a term's gist ends before its ", which ..." clause, not at its seventh word
    assert items["Stride"].value == "The number of pixels the filter moves at each step"
    # an example goes first: the line ends where its "for example ..." began
    texts = [i.value for i in sheet.items() if i.kind == "text"]
    assert "A pooling layer reduces the spatial size of the representation to cut the parameters and computation" in (
        " ".join(texts)
    )
    assert not any("2x2" in t for t in texts)
    # a formula is one word: a clause boundary or an aside inside it never cuts it in two
    assert all(t.count(formula.OPEN) == t.count(formula.CLOSE) for t in printed)
    assert any("(W - F + 2P)/S + 1".replace(" ", formula.SPACE) in t for t in texts)
    # a table cell keeps its number
    rows = next(i for i in sheet.items() if i.kind == "table").rows
    assert "21" in rows[0][1] and not rows[0][1].endswith("…")


def test_a_heading_with_nothing_printable_under_it_is_not_printed(tmp_path):
    from sheet_check import empty_headings

    result, _, _ = _build(tmp_path, "clauses.md")
    path = result.sheets["basics"]
    assert empty_headings(path) == []
    assert "Mood" not in read_pdf(path)["texts"][0] and "Ports" in read_pdf(path)["texts"][0]


def test_a_spaced_hyphen_is_a_dash_a_line_may_end_at():
    from studydeck.sheets.condense import _shorten

    typed = "Looks identical in form to the Linear regression update - same error times feature shape - even though"
    typed += " the hypothesis is now the sigmoid"
    assert _shorten(typed, 7, 1) == "Looks identical in form to the Linear regression update"
