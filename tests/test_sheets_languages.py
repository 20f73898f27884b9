"""Sheets of language and maths notes (fixtures/sheets/): ruby over its base, vocabulary tables as word lists,
right-to-left and CJK text, the header's name, exponents written in ASCII."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pdfplumber
import pytest
from conftest import ROOT
from sheet_check import build_sheets_logged, pdftotext

FIXTURES = ROOT / "tests" / "fixtures" / "sheets"


def _sheet(tmp_path: Path, name: str) -> Path:
    """The one sheet of the fixture `name` built alone."""
    src = tmp_path / "notes"
    src.mkdir()
    (src / name).write_text((FIXTURES / name).read_text(encoding="utf-8"), encoding="utf-8")
    result, _, _ = build_sheets_logged(src, tmp_path / "out")
    (path,) = {p for p in result.sheets.values()}
    return path


def _flat(path: Path) -> str:
    return " ".join(pdftotext(path).split())


def _chars(path: Path, text: str) -> list[list[dict]]:
    """Every run of the page's characters (in content order) that spells `text`."""
    with pdfplumber.open(path) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["text"].strip()]
    return [
        chars[i : i + len(text)]
        for i in range(len(chars))
        if "".join(c["text"] for c in chars[i : i + len(text)]) == text
    ]


def _over(reading: list[dict], base: list[dict]) -> bool:
    """The reading is set smaller, above its base, and over it (their spans overlap)."""
    smaller = max(c["size"] for c in reading) < 0.7 * min(c["size"] for c in base)
    above = max(c["bottom"] for c in reading) <= min(c["top"] for c in base) + 0.5
    left, right = min(c["x0"] for c in reading), max(c["x1"] for c in reading)
    return smaller and above and left < max(c["x1"] for c in base) and right > min(c["x0"] for c in base)


def _ruby_over(path: Path, base: str, reading: str) -> bool:
    return any(_over(r, b) for r in _chars(path, reading) for b in _chars(path, base))


@pytest.fixture(scope="module")
def japanese(tmp_path_factory):
    return _sheet(tmp_path_factory.mktemp("ja"), "ja-vocab.md")


def test_ruby_prints_its_reading_over_its_base(japanese):
    # before: 学校(がっこう) on one line, the reading as large as the word
    assert _ruby_over(japanese, "学校", "がっこう") and _ruby_over(japanese, "勉強", "べんきょう")
    assert _ruby_over(japanese, "図書館", "としょかん")  # in a vocabulary table's word column
    text = "".join(pdftotext(japanese).split())
    assert "学校がっこう" not in text and "(がっこう)" not in text and "((" not in text


def test_a_wide_vocabulary_table_is_a_word_list(japanese, tmp_path):
    text = _flat(japanese)
    # a line a word: the word, [its reading], its forms, — what it means · an example; no "Meaning:" labels
    assert "[sensei] 先生方 (plural, polite) — teacher ·" in text
    assert "[toshokan] 図書館で (at) — library ·" in text
    assert "Meaning:" not in text and "Pronunciation:" not in text
    italian = _flat(_sheet(tmp_path, "it-vocab.md"))
    assert "il coltello [kol-TEL-lo] i coltelli — knife · Passami il coltello, per favore." in italian
    assert "cucinare [ku-tʃi-NA-re] cucino, cucini, cucina — to cook · Stasera cucino io." in italian
    assert "Significato:" not in italian and "Esempio:" not in italian


def test_a_table_that_is_no_vocabulary_stays_a_table():
    from studydeck.sheets.condense import _vocab_roles

    assert _vocab_roles(["Word", "Meaning", "Example"]) == ["word", "meaning", "example"]
    assert _vocab_roles(["Parola", "Significato", "Forme", "Pronuncia", "Esempio"]) == [
        "word", "meaning", "forms", "reading", "example"
    ]  # fmt: skip
    assert _vocab_roles(["Kanji", "Reading", "Notes"]) == []  # no meaning: a table of readings
    assert _vocab_roles(["Instance", "vCPU", "Memory", "Use"]) == []
    assert _vocab_roles(["Service", "Description", "Example"]) == []  # a description is no meaning of a word


def test_cards_carry_ruby_to_anki():
    from studydeck.deck.sanitize import field

    # Anki draws <ruby>: the card keeps it (before, the sanitizer dropped its tags: "先生せんせい")
    html = "<strong><ruby>先生<rp>(</rp><rt>せんせい</rt><rp>)</rp></ruby></strong>: meaning?"
    assert field(html) == html
    assert (
        field('<ruby onclick="x()">先生<rt style="color:red">せんせい</rt></ruby>')
        == "<ruby>先生<rt>せんせい</rt></ruby>"
    )


def _lines(path: Path, word: str) -> list[list[dict]]:
    """The printed line (its characters) holding the first character of `word`."""
    with pdfplumber.open(path) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["text"].strip()]
    first = next(c for c in chars if c["text"] == word[0])
    return [c for c in chars if abs(c["top"] - first["top"]) < 1]


def test_right_to_left_paragraphs_start_on_the_right(tmp_path):
    path = _sheet(tmp_path, "rtl.md")
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        chars = [c for c in page.chars if c["text"].strip()]
    heading = [c for c in chars if c["text"] in "Hebrew"]  # the box heading band spans the column
    left = min(c["x0"] for c in chars if c["text"] in "Arabic")
    hebrew = _lines(path, "שלום לכולם")
    arabic = _lines(path, "مرحبا")
    for line in (hebrew, arabic):
        # right-aligned: the line ends at the column's right edge, and does not start at its left
        assert min(c["x0"] for c in line) > left + 5, [c["text"] for c in line]
    # the sentence's full stop ends it, on its left (an LTR paragraph put it at the right, after the last word)
    assert min(hebrew, key=lambda c: c["x0"])["text"] == "."
    assert heading
    text = pdftotext(path)
    assert "שלום" in text and "\ufffd" not in text


def test_korean_and_japanese_come_in_a_font_that_has_them(tmp_path, japanese):
    path = _sheet(tmp_path, "ko-notes.md")
    for sheet, letters in ((path, "조사존댓말"), (japanese, "学校がっこう")):
        with pdfplumber.open(sheet) as pdf:
            fonts = {c["fontname"].split("+")[-1] for c in pdf.pages[0].chars if c["text"] in letters}
        assert fonts and not any("DejaVu" in f for f in fonts), fonts  # DejaVu has no Hangul, no kanji
    assert "존댓말은 윗사람에게 쓰는 말입니다" in _flat(path)


def test_the_font_stack_falls_back_to_fonts_the_readme_names():
    css = (ROOT / "templates" / "sheet" / "sheet.css").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for family, package in (("NanumGothic", "fonts-nanum"), ("Droid Sans Fallback", "fonts-droid-fallback")):
        assert f'"{family}"' in css.split("\nhtml {", 1)[1].split("}", 1)[0] and package in readme
    families = subprocess.run(["fc-list", ":lang=ar", "family"], capture_output=True, text=True).stdout
    assert "DejaVu Sans" in families  # Arabic and Hebrew come in the body font itself


@pytest.mark.parametrize(
    ("name", "header", "not_header"),
    [
        ("titled.md", "Electrocardiography", "draft"),  # front matter title, not its H1, not another key
        ("lone-heading.md", "Cell membrane notes", "lone heading"),  # the lone top heading, not the slug
    ],
)
def test_the_header_names_the_files_title(tmp_path, name, header, not_header):
    path = _sheet(tmp_path, name)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        top = " ".join(w["text"] for w in page.extract_words() if w["top"] < 30)
    # once: a sheet whose title is the file's prints no deck beside it (it printed the title twice)
    assert top.count(header) == 1 and not_header not in top, top


def test_exponents_written_in_ascii_are_set_as_exponents(tmp_path):
    path = _sheet(tmp_path, "ascii-math.md")
    text = _flat(path)
    # before: "32323 = 3072" (the stars read as emphasis), "is e-G", "R^2", "O(n^2)"
    assert "32*32*3 = 3072" in text and "200*200*3 = 120,000" in text
    assert "R² (the coefficient" in text and "O(n²)" in text
    assert "e-G" not in text and "e−2G" not in text and "x^T" not in text
    assert "e-mail" in text and "1e-5" in text  # a hyphenated word and a number in E notation stay as written
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages[0].curves) > 10  # e^{-G}, e^{-2G} twice and x^T: drawn as formulas
    for raw in ("\\frac", "\\geq", "_{", "^{"):
        assert raw not in text
