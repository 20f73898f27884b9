"""Formulas on a sheet are set as TeX sets them (issue 14, after a blind look at the sheets of maths-heavy
notes): operator names upright with a thin space before their argument, a sign with nothing to act on
unary, binary operators and relations spaced by TeX's table, ':=' kept together, a comma's thin space, the
math font at the text's size, long formulas breaking after relations instead of shrinking, and a formula
that cannot be drawn as written mended (a typo of a command) or shown as readable text, with one warning.

The SVG's glyphs are paths; a gap is measured between the ink of two neighbouring glyphs, in em of the
text, against the same two glyphs written as ordinary groups ('{\\sin}{x}'), where TeX puts no space."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from studydeck.sheets import formula

pytest.importorskip("ziamath")


def _glyphs(svg: str) -> list[tuple[float, float, float, float]]:
    """(left, right, bottom, top) of each glyph's ink in em of the text, across the formula's pieces."""
    out, offset = [], 0.0
    for piece in svg.split(getattr(formula, "BREAK", "\u200b")):
        left, _top, width, _height = map(
            float, re.search(r'viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"', piece).groups()
        )
        for d in re.findall(r'<path d="([^"]*)"', piece):
            numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]
            xs, ys = numbers[0::2], numbers[1::2]
            em = getattr(formula, "SCALE", 1.0) / formula.UNITS
            out.append(((min(xs) - left + offset) * em, (max(xs) - left + offset) * em, -max(ys) * em, -min(ys) * em))
        offset += width
    return out


def _gap(tex: str, after: int) -> float:
    """The space between glyph `after` and the next one of `tex`'s drawing, in em."""
    g = _glyphs(formula.svg(tex))
    return g[after + 1][0] - g[after][1]


def _extra(tex: str, plain: str, after: int) -> float:
    """How much wider the gap after glyph `after` is in `tex` than in `plain` (the same glyphs, no space)."""
    return _gap(tex, after) - _gap(plain, after)


THIN, MEDIUM, THICK = (mu / 18 * getattr(formula, "SCALE", 1.0) for mu in (3, 4, 5))


def test_an_operator_name_is_set_off_from_its_argument_by_a_thin_space():
    # 'lim sup' is 6 glyphs: the gap after its 'p'; 'sin' 3
    assert _extra(r"\limsup a_n", r"{\limsup}{a_n}", 5) == pytest.approx(THIN, abs=0.03)
    assert _extra(r"\sin x", r"{\sin}{x}", 2) == pytest.approx(THIN, abs=0.03)
    assert _extra(r"\sin(x)", r"{\sin}(x)", 2) == pytest.approx(0, abs=0.03)  # none before a parenthesis
    assert _extra(r"\max_k a_k", r"{\max_k}{a_k}", 3) == pytest.approx(THIN, abs=0.03)


def test_an_operator_name_written_without_its_backslash_is_still_one():
    for bare, tex in [
        ("sup S", r"\sup S"),
        ("lim_{n \\to \\infty} a_n", r"\lim_{n \to \infty} a_n"),
        ("limsup a_n", r"\limsup a_n"),
        ("max(a, b)", r"\max(a, b)"),
        ("-sin x", r"-\sin x"),
    ]:
        assert formula.svg(bare) == formula.svg(tex), bare
    # a longer word stays letters; a name inside text or a font group stays as written
    for tex in ("maximize", r"\text{min value}", r"\mathrm{max}", r"\operatorname{sup}"):
        assert formula._prepare(tex) == tex


def test_a_sign_with_nothing_to_act_on_is_unary():
    plain_minus = _gap(r"{-}\infty", 0)
    assert _gap(r"x = -\infty", 2) == pytest.approx(plain_minus, abs=0.02)  # no binary gap after '−'
    assert _extra(r"x = -\infty", r"x ={-}\infty", 1) == pytest.approx(0, abs=0.02)
    assert _extra(r"\{+\infty, -\infty\}", r"\{{+}\infty, {-}\infty\}", 0) == pytest.approx(0, abs=0.02)
    assert _extra(r"(-a_n)", r"({-}a_n)", 0) == pytest.approx(0, abs=0.02)
    assert _extra(r"-|x| \leq x", r"{-}|x| \leq x", 0) == pytest.approx(0, abs=0.02)
    # between two terms it is binary: a medium space each side
    assert _extra(r"a - b", r"a{-}b", 0) == pytest.approx(MEDIUM, abs=0.03)
    assert _extra(r"|-x|", r"|{-}x|", 0) == pytest.approx(0, abs=0.02)  # bars in a pair open and close


def test_binary_operators_and_relations_are_spaced_by_texs_table():
    assert _extra(r"A \cap B", r"A{\cap}B", 0) == pytest.approx(MEDIUM, abs=0.03)
    assert _extra(r"a \times b", r"a{\times}b", 1) == pytest.approx(MEDIUM, abs=0.03)
    assert _extra(r"x \leq y", r"x{\leq}y", 0) == pytest.approx(THICK, abs=0.03)
    assert _extra(r"L := 1", r"L{:}{=}1", 1) == pytest.approx(0, abs=0.02)  # ':=' is one relation
    assert _extra(r"L := 1", r"L{:}{=}1", 0) == pytest.approx(THICK, abs=0.03)
    assert _extra(r"d(x,y)", r"d(x{,}y)", 3) == pytest.approx(THIN, abs=0.03)  # a comma's thin space


def test_scripts_get_no_binary_or_relation_spaces():
    assert _extra(r"a_{n+1}", r"a_{n{+}1}", 1) == pytest.approx(0, abs=0.02)
    assert _extra(r"x_{n \geq k}", r"x_{n{\geq}k}", 1) == pytest.approx(0, abs=0.02)


def test_the_math_font_is_the_texts_size():
    _left, _right, bottom, top = _glyphs(formula.svg("x"))[0]
    assert top - bottom == pytest.approx(0.547, abs=0.03)  # DejaVu Sans's x-height: 0.547 em


def test_limits_and_fractions_are_smaller_inline_than_displayed():
    def size(tex, display):
        w, h = re.search(r"width:([\d.]+)em;height:([\d.]+)em", formula.svg(tex, display)).groups()
        return float(w), float(h)

    (iw, ih), (dw, dh) = size(r"\sum_{i=1}^n x_i", False), size(r"\sum_{i=1}^n x_i", True)
    assert ih < dh and iw > dw  # inline: the limits beside the sign; displayed: above and below it
    assert size(r"\frac{a}{b}", False)[1] < size(r"\frac{a}{b}", True)[1]
    assert size(r"\sqrt{x}", False) == size(r"\sqrt{x}", True)


def test_a_long_formula_may_break_after_a_relation_or_a_binary_operator():
    assert formula.svg(r"a = b + c \leq d").count("<svg") == 4
    assert formula.svg(r"L := 1").count("<svg") == 2  # not between ':' and '='
    assert formula.svg(r"\left(a + b\right)").count("<svg") == 1  # only at the top level
    assert formula.svg(r"x = -1").count("<svg") == 2  # not after a unary sign


def test_a_formula_does_not_break_before_a_short_tail():
    # '(0.95 x 0.02) + (0.05 x 0.98) ≈' over '0.2794' on a line of its own (blind review, the Bayes sheet: a
    # result split off from its fraction): the last few characters stay on the line before them.
    tex = r"P(A|B) = \frac{0.95 \times 0.02}{(0.95 \times 0.02) + (0.05 \times 0.98)} \approx 0.2794"
    assert formula.svg(tex, display=True).count(formula.BREAK) == 1  # after '=' only
    long = r"P(B) = P(B|A) \times P(A) + P(B|A^c) \times P(A^c)"  # not before 'P(A^c)'
    assert formula.svg(long, display=True).count(formula.BREAK) == 3


def test_a_formula_displayed_again_is_printed_once():
    # Bayes' formula displayed under the overview, the derivation and each worked example (blind review: the
    # same fact four times on a sheet).
    from studydeck.notes.parse import parse_notes
    from studydeck.report import Report
    from studydeck.sheets.condense import condense

    bayes = "$$\nP(A|B) = \\frac{P(B|A) \\times P(A)}{P(B)}\n$$\n"
    body = f"# Bayes\n\n## Bayes\n\n### Overview\n\nIt is stated as:\n\n{bayes}\n### Example\n\n"
    body += f"Applying it gives:\n\n{bayes.replace(' ', '')}\nand\n\n$$\nP(B) = 0.4\n$$\n"
    nf = parse_notes(body, "n.md", Path("."), Path("."), Report(quiet=True))
    shown = [i.value for i in condense(nf.domains[0], nf.title, nf.meta).items() if i.kind == "math"]
    assert len(shown) == 2 and "0.4" in shown[1] and "frac" in shown[0]


def test_a_command_latex2mathml_does_not_know_is_not_drawn():
    assert formula.svg(r"\mathb{R}") is None  # it took '\mathb' for a font and dropped it
    assert formula.svg(r"n \in \mnathbb{N}") is None
    assert formula.svg(r"\mathbb{R}") is not None


def test_a_formula_with_a_typo_is_drawn_mended_with_one_warning_naming_its_line(tmp_path, capsys):
    # Printed as code, '\\mathb{R}' put raw TeX on paper (a blind reviewer: '\\mnathbb{N}' in a maths file).
    from sheet_check import pdftotext

    from build import main

    src = tmp_path / "src"
    src.mkdir()
    (src / "n.md").write_text(
        "# Reals\n\n## Bounds\n\n"
        "Every bounded set $S \\subseteq \\mnathbb{R}$ has a supremum $\\sup S$.\n\n"
        "The supremum $\\sup S$ of $S \\subseteq \\mnathbb{R}$ is its least upper bound, $x \\geq -\\infty$.\n"
    )
    out = tmp_path / "out"
    assert main(["--source", str(src), "--output", str(out), "--only", "sheets"]) == 0
    said = [ln for ln in capsys.readouterr().err.splitlines() if "formula cannot be drawn" in ln]
    cannot = "warning: formula cannot be drawn as written, drawn as S \\subseteq \\mathbb{R}: S \\subseteq \\mnathbb{R}"
    assert said == [f"n.md:5: {cannot}", f"n.md:7: {cannot}"]  # once for each line it is on
    text = "".join(pdftotext(p) for p in sorted((out / "cheatsheets").glob("*.pdf")))
    assert not re.search(r"\\[A-Za-z]+|[_^]\{", text)  # no TeX printed as source
    assert "has a supremum" in text


def test_a_formula_that_cannot_be_drawn_at_all_is_readable_text():
    assert formula.svg(r"\frac{1}") is None and formula.repaired(r"\frac{1}") is None  # nothing to mend
    assert formula.as_text(r"\frac{a}{b} \geq x_{n+1}") == "(a)/(b) ≥ x_(n+1)"
    html = formula.html(formula.mark(r"\frac{1}"))
    assert "\\frac" not in html and "tex" in html


def test_pandoc_marks_are_never_read_inside_a_formula():
    # '$\\sum (y^{(i)} - \\theta^T x^{(i)})^2$': its two carets were read as Pandoc's '^sup^' and the
    # formula printed 'θᵀx((i)))2' (a blind reviewer, an ML lecture's sheet).
    from studydeck.sheets.condense import _plain

    tex = r"\sum (y^{(i)} - \theta^T x^{(i)})^2"
    assert formula.formulas(_plain(f"minimizing ${tex}$.")) == [(tex, False)]
    assert _plain("Gram^-^ and H~2~O") == "Gram⁻ and H₂O"  # outside a formula they still are Pandoc's


def test_a_formula_twice_on_a_line_is_warned_of_once():
    from studydeck.notes.parse import parse_notes
    from studydeck.report import Report
    from studydeck.sheets.condense import condense, undrawable

    body = "# Reals\n\n## Bounds\n\nA set $S \\subseteq \\mnathbb{R}$, a set $S \\subseteq \\mnathbb{R}$, is bounded.\n"
    nf = parse_notes(body, "n.md", Path("."), Path("."), Report(quiet=True))
    warnings = undrawable(condense(nf.domains[0], nf.deck, nf.meta))
    assert [(str(s), w) for s, w in warnings] == [
        ("n.md:5", "formula cannot be drawn as written, drawn as S \\subseteq \\mathbb{R}: S \\subseteq \\mnathbb{R}")
    ]
