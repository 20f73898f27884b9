"""How a sheet's lines are set (issue 14, a blind look at the corpus sheets, typography faults): words spaced
as words, long words broken where they may be, a proof left out whole rather than its later paragraphs
printed as facts."""

from __future__ import annotations

from pathlib import Path

from test_sheets_text import _sheet


def _texts(sheet) -> list[str]:
    """Every text the sheet prints, in order: its keys, values and list items."""
    out = []
    for box in sheet.boxes:
        for item in (i for e in box.entries for i in e.items if not i.dropped):
            out += [t for t in (item.key, item.value) if t]
            out += item.items
    return out


def test_a_proof_of_several_paragraphs_is_left_out_whole():
    sheet = _sheet(
        "# Sequences\n\n## Completeness of the reals\n\nIf $(a_n)$ is a real sequence, then $(a_n)$ converges iff "
        "$(a_n)$ is Cauchy.\n\n*Proof:* We already proved one direction. Suppose that $L^- < L^+$.\n\n"
        "Let $x = L^+ - (L^+ - L^-)/4$. Then $L^- < x$. So $L^- = L^+$, and the sequence converges.\n\n"
        "### Zero test\n\nThe zero test holds for real sequences.\n\n*Proof.* Obvious. ∎\n\n"
        "A sequence tends to 0 iff its absolute values do.\n"
    )
    text = " ".join(_texts(sheet))
    assert "converges iff" in text
    assert "Let" not in text and "So" not in text  # the proof's second paragraph
    assert "absolute values do" in text  # a proof's end ends it: what follows is the section's again


def test_no_break_spaces_between_words_are_word_spaces():
    # Pasted from a web page: 'access\xa0to' and '(FMs)\xa0from' could not break, and the line before each
    # such run ended half empty. A number keeps its tie to its unit.
    sheet = _sheet(
        "# Bedrock\n\n## Overview\n\n- A fully managed service that provides access\u00a0to foundation models "
        "(FMs)\u00a0 from various providers\u00a0\n- Answers within 10\u00a0ms\n"
    )
    texts = _texts(sheet)
    assert any("access to foundation models (FMs) from various providers" in t for t in texts), texts
    assert not any("\u00a0" in t for t in texts if "access" in t)
    assert any("10\u00a0ms" in t for t in texts), texts


def _set(tmp_path: Path, lang: str, body: str) -> list[str]:
    """The lines of an HTML `body` set by the sheet's stylesheet, read by pdftotext."""
    import subprocess

    from studydeck import templates
    from studydeck.sheets.pdf import import_weasyprint

    weasyprint = import_weasyprint()
    css = weasyprint.CSS(filename=str(templates.DEFAULT_DIR / "sheet" / "sheet.css"))
    pdf = tmp_path / "set.pdf"
    weasyprint.HTML(string=f'<html lang="{lang}"><body>{body}</body></html>').write_pdf(pdf, stylesheets=[css])
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [ln.strip() for ln in out.replace("\u2060", "").splitlines() if ln.strip()]


def _cell_lines(tmp_path: Path, lang: str, width_mm: float, text: str) -> list[str]:
    """The lines of `text` in a table's header cell `width_mm` wide."""
    return _set(tmp_path, lang, f'<table class="grid" style="width: {width_mm}mm"><tr><th>{text}</th></tr></table>')


def test_a_word_too_long_for_its_cell_is_hyphenated_not_split_anywhere(tmp_path):
    # Broken anywhere, a header printed 'Responsibilitie' over a lone 's' (blind review, issue 14).
    lines = _cell_lines(tmp_path, "en-US", 21, "User Responsibilities")
    assert lines == ["User", "Responsibili\u2010", "ties"], lines  # at the US dictionary's last break that fits


def test_words_that_fit_their_cell_are_not_hyphenated_to_fill_a_line(tmp_path):
    lines = _cell_lines(
        tmp_path, "en-US", 30, "Ideal for a startup running a web application with unpredictable traffic"
    )
    assert not any(ln.endswith("\u2010") for ln in lines), lines


def test_a_sheet_is_printed_in_the_language_of_its_notes():
    from studydeck.sheets.pdf import sheet_html

    it = _sheet("# Antibiotici\n\n## Resistenza\n\nI batteri diventano resistenti agli antibiotici per mutazione.\n")
    en = _sheet("# Cloud\n\n## Overview\n\nThe provider secures the hardware of the data centers.\n")
    assert '<html lang="it">' in sheet_html(it)
    assert '<html lang="en-US">' in sheet_html(en)  # the US dictionary: plain 'en' hyphenates 'Re-spons-ib-il-it-ies'


def test_a_code_line_never_breaks_after_a_hyphen_of_an_option_or_a_name(tmp_path):
    # Broken after its dashes, an option printed as '--restart=Never --' over 'labels=app=v1' (blind review).
    from studydeck.sheets.pdf import code_breaks

    line = "kubectl run nginx1 --image=nginx --restart=Never --labels=app=v1 --port=80"
    for width in (40, 47, 54):
        (tmp_path / str(width)).mkdir()
        lines = _set(tmp_path / str(width), "en-US", f'<pre style="width: {width}mm">{code_breaks(line)}</pre>')
        assert " ".join(lines).split() == line.split(), lines  # every break between tokens


def test_an_ascii_fraction_of_an_equation_is_drawn_and_a_mixed_number_set_as_one():
    # 'S=1/2e' printed as text read as half of e (blind review, issue 14); drawn, it is 1 over 2e.
    from studydeck.sheets import formula

    sheet = _sheet(
        "# ALOHA\n\n## Throughput\n\n- The maximum throughput occurs at G=0.5, with S=1/2e, which is about 0.184\n"
        "- Average question time should be between 2 and 2 1/2 minutes\n"
        "- For a 0/1 problem over TCP/IP, 24/7, the subnet 203.0.113.0/24 and p = 1/2.5 stay as written\n"
    )
    texts = _texts(sheet)
    drawn = [formula.plain(t) for t in texts if "0.184" in t]
    assert drawn and "\\frac{1}{2e}" in drawn[0], texts
    assert any("between 2 and 2½ minutes" in t for t in texts), texts
    assert any("0/1 problem over TCP/IP, 24/7, the subnet 203.0.113.0/24 and p = 1/2.5" in t for t in texts), texts


def test_arrows_and_relations_typed_in_ascii_print_as_their_signs_outside_code():
    sheet = _sheet(
        "# Data\n\n## Flow\n\n- Analyze clickstream data: s3 -> Glue -> Athena, log turns product => sum\n"
        "- Pass with \\>= 72% and x <= 5, when x<-1 (a <-> b)\n- Run `a -> b` as written\n"
    )
    texts = _texts(sheet)
    assert any("s3 → Glue → Athena, log turns product ⇒ sum" in t for t in texts), texts
    assert any("≥ 72% and x ≤ 5, when x<-1 (a ↔ b)" in t for t in texts), texts  # '↔' was taken for an emoji
    assert any("a -> b" in t for t in texts), texts  # code as written
