"""A sheet's page used well, read back from the PDF: nested lists stay nested (issue 14, blind review of the
corpus sheets)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from studydeck.build.pipeline import Options, build
from studydeck.report import Report


def _sheet(tmp_path: Path, body: str) -> Path:
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    (src / "n.md").write_text("# N\n\n## Dom\n\n" + body, encoding="utf-8")
    out = tmp_path / "out"
    build(Options(src, out, "sheets"), Report(quiet=True))
    return out / "cheatsheets" / "dom.pdf"


def _words(pdf: Path) -> list[dict]:
    with pdfplumber.open(pdf) as doc:
        return doc.pages[0].extract_words()


def _x(words: list[dict], text: str) -> float:
    return next(w["x0"] for w in words if w["text"] == text)


def test_a_nested_list_prints_indented_by_depth(tmp_path):
    body = (
        "### Kinds\n\n- Drugs come in two kinds\n  - Some stop the growth of bacteria\n"
        "    - The effect is reversible once the drug is gone\n  - Others kill the bacterium outright\n"
        "- Spectrum says which bacteria a drug works on\n"
    )
    words = _words(_sheet(tmp_path, body))
    assert _x(words, "Drugs") < _x(words, "Some") < _x(words, "effect")
    assert abs(_x(words, "Others") - _x(words, "Some")) < 0.5 and abs(_x(words, "Spectrum") - _x(words, "Drugs")) < 0.5
