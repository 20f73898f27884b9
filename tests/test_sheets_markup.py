"""What other people's notes write that a sheet must not print as written: inline footnotes, LaTeX
asides and boxes, a bold run the sentence splitter cut, HTML sub/superscripts in code spans, "$$x$$" inside a
line, a worked answer's listing, prose indented like code (issue 14, after a look at the corpus PNGs)."""

from __future__ import annotations

from pathlib import Path

from studydeck.notes.parse import parse_notes
from studydeck.report import Report
from studydeck.sheets import formula
from studydeck.sheets.condense import KEEP_LINES, _plain, condense


def _sheet(body: str):
    nf = parse_notes("# Notes\n\n## Dom\n\n" + body, "n.md", Path("."), Path("."), Report(quiet=True))
    return condense(nf.domains[0], nf.deck, nf.meta)


def test_inline_footnotes_are_asides_left_out_of_the_line():
    # Pandoc's ^[...] with a link (brackets nested) in it, and \footnote{} with commands nested in it
    assert _plain("proporzionale^[[__Tabelle__ che](http://x.org/a.pdf)] alla capacità") == (
        "proporzionale alla capacità"
    )
    assert _plain(r"di \far{inibitori}\footnote{\far{acido clavulanico}, \far{sulbactam}} e fine") == (
        "di inibitori e fine"
    )
    assert _plain(r"la cellula\footnote{Perché i β-lattamici agiscano è fondamentale}.") == "la cellula."
    assert _plain(r"cromosomica \marginnote{nota}") == "cromosomica (nota)"  # a short margin note stays
    assert _plain("an open ^[never closed") == "an open ^[never closed"


def test_no_stray_markup_characters():
    # a bold run over two sentences, cut in two by the sentence splitter
    assert _plain("**The ml.instances are not available outside of SageMaker.") == (
        "The ml.instances are not available outside of SageMaker."
    )
    assert _plain("Similar to RDS instances.**") == "Similar to RDS instances."
    assert _plain("`a ** b` is a power") == "a ** b is a power"
    # what a LaTeX box left ("\greenbox{One health}{" ... "}")
    assert _plain(r"\greenbox{One health}{") == "One health"
    assert _plain("ma sono dettagli }") == "ma sono dettagli"
    assert _plain("`resources: {}` stays") == "resources: {} stays"


def test_html_sub_and_superscripts_print_as_indices_even_in_code_spans():
    assert _plain("`S = G * P<sub>0</sub>`") == "S = G * P₀"
    assert _plain("x<sup>2</sup> and H<sub>ab</sub>") == "x² and H_(ab)"


def test_a_display_formula_inside_a_line_leaves_the_rest_of_the_line_as_text():
    text = _plain(r"**So** the target: $$p(y) = \frac{1}{2}$$ Mean $= \theta$ (the mean). The **semicolon** reads")
    assert "*" not in text and "$" not in text and "The semicolon reads" in text
    assert formula.formulas(text) == [(r"p(y) = \frac{1}{2}", True), (r"= \theta", False)]


def test_a_written_answer_keeps_its_words_and_its_listing_prints_as_code():
    body = (
        "### Canary\n\n<details><summary>show</summary>\n<p>\n\nDeploy 3 replicas of v1:\n```\n"
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: my-app-v1\n```\n\n</p>\n</details>\n"
    )
    sheet = _sheet(body)
    recs = [i for i in sheet.items() if i.kind == "rec"]
    assert [r.value for r in recs] == ["Deploy 3 replicas of v1:"]
    assert any(i.kind == "code" and "kind: Deployment" in i.value for i in sheet.items())


def test_prose_indented_like_code_under_a_list_item_is_prose():
    body = (
        "### Limits\n\n 10. If $(a_n)$ converges to $K$, then it is bounded.\n\n"
        "    *Remark:* Apply (4) to the sequences $(-a_n)$ and $(-b_n)$ to obtain that $(max(-a_n, -b_n))$"
        " converges to the maximum of the two limits.\n\n"
        "Then a listing:\n\n    for x in range(3):\n        print(x)\n"
    )
    items = list(_sheet(body).items())
    # (a remark: a proof is left out, the result it proves is the sheet's)
    assert not [i for i in items if i.kind == "code" and "Remark" in i.value]
    proof = next(i for i in items if i.kind == "text" and "Remark" in i.value)
    assert "$" not in proof.value and formula.formulas(proof.value)  # its TeX is drawn
    assert any(i.kind == "code" and "print(x)" in i.value for i in items)  # a real listing stays code


def test_only_a_box_of_a_few_printed_lines_is_kept_in_one_column():
    # five short lists are five items but twenty lines: kept whole, the box would leave a column's end empty
    lists = "".join(f"Group {g}:\n\n" + "".join(f"- item {g}.{k}\n" for k in range(4)) + "\n" for g in range(5))
    sheet = _sheet("### Many\n\n" + lists + "### Few\n\n- one\n- two\n")
    many, few = sheet.boxes
    assert not many.short and few.short and KEEP_LINES >= 2


def test_a_listing_prints_without_its_imports_and_blank_lines():
    from studydeck.sheets.condense import _listing

    code = "import boto3\nimport os\nfrom a.b import c\n\ndef handler(event):\n\n    import json\n    return 1\n"
    assert _listing(code) == ["def handler(event):", "    import json", "    return 1"]  # indented: its body's
    assert _listing("SELECT a\nfrom t\n") == ["SELECT a", "from t"]  # SQL's FROM is no import
    assert _listing("import a\nimport b\n") == ["import a", "import b"]  # a listing of imports says just that
    sheet = _sheet("### Code\n\n```python\nimport boto3\n\nclient = boto3.client('polly')\n```\n")
    assert [i.value for i in sheet.items() if i.kind == "code"] == ["client = boto3.client('polly')"]


def test_a_box_of_few_but_long_lines_may_run_on_into_the_next_column():
    # three list items of a paragraph each print about fifteen lines: kept whole, such a box moved to the next
    # page's column and the sheet could not grow (a corpus page stayed half empty at 12 pt)
    long = "Allows multiple model versions to be hosted behind a single endpoint, with traffic distributed. " * 3
    sheet = _sheet(f"### Variants\n\n- {long}\n- {long}\n- Short.\n\n### Few\n\n- one\n- two\n")
    assert [b.short for b in sheet.boxes] == [False, True]


def test_a_long_text_may_split_between_columns_a_short_one_never():
    # What the stylesheet promises the fitter (a 14-line list item kept whole left a third of a column blank on a
    # corpus sheet): rows, listings' short pieces and kept boxes stay whole; prose splits, two lines a side.
    import re

    css = (Path(__file__).parent.parent / "templates" / "sheet" / "sheet.css").read_text(encoding="utf-8")
    avoid = re.search(r"^([^{}\n]*)\{\s*break-inside:\s*avoid;\s*\}", css, re.M).group(1)
    assert {"tr", "pre", "img", ".keep"} <= {s.strip() for s in avoid.split(",")}
    assert not {"p", "li"} & {s.strip() for s in avoid.split(",")}
    assert re.search(r"^p, li \{ orphans: 2; widows: 2; \}", css, re.M)


def test_pandoc_indices_and_a_footnote_of_two_sentences_print_as_text():
    assert _plain("infezioni da Gram^-^ e Gram^+^, H~2~O") == "infezioni da Gram⁻ e Gram⁺, H₂O"
    assert _plain("~~struck~~ and a^[note] b") == "struck and a b"
    body = (
        "### Resistenza\n\nPBP diverse che non legano i β-lattamici \\footnote{Perché agiscano, è fondamentale "
        "che si leghino alle PBP. Quando succede, la parete viene alterata}; In alcuni casi la membrana esterna "
        "impedisce l'ingresso del farmaco.\n"
    )
    texts = " ".join(i.value + " " + i.key for i in _sheet(body).items())
    assert "footnote" not in texts and "}" not in texts and "{" not in texts and "Perché" not in texts


def test_a_term_read_out_of_its_description_keeps_its_formula():
    sheet = _sheet(
        "### Limit laws\n\n- the sequence $(a_n + b_n)$ converges to $x+y$.\n"
        "- the sequence $(a_n b_n)$ converges to $xy$\n"
    )
    keys = [i.key for i in sheet.items() if i.kind == "term"]
    assert keys and all(formula.formulas(k) for k in keys), keys


def test_a_term_that_is_a_formula_keeps_its_dollars():
    from studydeck.sheets.condense import _term_as_written

    # the analysis reads 'The $\tfrac{1}{2}$ is ...' as defining '\tfrac{1}{2}': taken back with both dollars
    # (it printed '1{2}' as the term, its TeX stripped as prose)
    said = r"The $\tfrac{1}{2\sigma^2}$ is a positive factor of the loss."
    assert _term_as_written(r"\tfrac{1}{2\sigma^2}", said) == r"$\tfrac{1}{2\sigma^2}$"
    assert _plain(_term_as_written(r"\tfrac{1}{2\sigma^2}", said)) == formula.mark(r"\tfrac{1}{2\sigma^2}")
    assert _term_as_written("the sequence (a_n + b_n)", "the sequence $(a_n + b_n)$ converges") == (
        "the sequence $(a_n + b_n)$"
    )


def test_an_opener_never_closed_is_left_out():
    # '(_Micobacterium tubercolosis)' (an underscore the Markdown reader left, its pair elsewhere) and a line
    # that ends in a parenthesis opened on a word, the rest lost from the notes ('(Virtual'), printed as
    # written (blind review: markup left in the text; cut mid-sentence).
    text = _plain("usata contro la tbc (_Micobacterium tubercolosis). Ciclo lento (con il _M. tubercolosis_)")
    assert text == "usata contro la tbc (Micobacterium tubercolosis). Ciclo lento (con il M. tubercolosis)"
    line = "AWS 클라우드 컴퓨팅 서비스 = 클라우드 가상 서버"
    assert _plain(line + " (Virtual") == line
    assert _plain("use my_var and _private, `_Name` too") == "use my_var and _private, _Name too"  # names
    assert _plain("the limit of f(x) = (a") == "the limit of f(x) = (a"  # a formula's letter, not a word
    assert _plain("a group (of three) in order") == "a group (of three) in order"
