"""A sheet's page used well, read back from the PDF: nested lists stay nested, a wrapped code line goes on under
its own start (issue 14, blind review of the corpus sheets)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from studydeck.build.pipeline import Options, build
from studydeck.notes.parse import parse_notes
from studydeck.report import Report
from studydeck.sheets.condense import condense
from studydeck.sheets.pdf import sheet_html


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


def test_a_nested_list_prints_indented_by_depth(tmp_path, monkeypatch):
    import studydeck.sheets.pdf as pdf

    monkeypatch.setattr(pdf, "FULL", 0.0)  # one column's indents: balanced columns may split the list
    body = (
        "### Kinds\n\n- Drugs come in two kinds\n  - Some stop the growth of bacteria\n"
        "    - The effect is reversible once the drug is gone\n  - Others kill the bacterium outright\n"
        "- Spectrum says which bacteria a drug works on\n"
    )
    words = _words(_sheet(tmp_path, body))
    assert _x(words, "Drugs") < _x(words, "Some") < _x(words, "effect")
    assert abs(_x(words, "Others") - _x(words, "Some")) < 0.5 and abs(_x(words, "Spectrum") - _x(words, "Drugs")) < 0.5


def test_a_wrapped_code_line_goes_on_under_its_start(tmp_path):
    # A command longer than its column: its next line starts right of the command's first character (it
    # started at the column's edge, left of the indent of the lines around it, and read as a line of its own).
    long = "    kubectl create deployment nginx --image=nginx:1.18.0 --dry-run=client -o yaml --replicas=2 --port=80"
    words = _words(_sheet(tmp_path, f"### Run\n\n```\nspec:\n{long}\n  other: value\n```\n"))
    head = next(w for w in words if w["text"] == "kubectl")
    other = next(w for w in words if w["text"] == "other:")
    rest = [w for w in words if head["top"] + 1 < w["top"] < other["top"] - 1]
    assert rest and min(w["x0"] for w in rest) > head["x0"] > other["x0"]


def test_no_word_is_broken_in_a_narrow_column(tmp_path):
    # A dense sheet of four columns: its key column as wide as 'Internationalization' in bold, the grid's
    # first column as wide as 'Availability' (a fixed third of a column printed 'Internationalizatio n').
    filler = "".join(f"- Point {n} says something about topic {n} in a dozen plain words.\n" for n in range(110))
    body = (
        "### Terms\n\n- **Internationalization**: making software ready for many languages and regions\n"
        "- **Locale**: a set of conventions for one region of the world\n\n"
        "### Grid\n\n| Availability | Zone | Region |\n|---|---|---|\n| Multi-AZ deployments | a | b |\n"
        "| Interoperability | c | d |\n\n### More\n\n" + filler
    )
    printed = {w["text"] for w in _words(_sheet(tmp_path, body))}
    assert {"Internationalization", "Availability", "Interoperability"} <= printed


def test_a_wide_tables_headers_print_once():
    # Five columns: each row a line of its cells under the headers printed once as a legend ('vCPUs: 2; Memory
    # (GiB): 1; ...' on every row took a third of each line: blind review, repeat nothing needlessly).
    table = "| Type | vCPUs | Memory | Network | Storage |\n|---|---|---|---|---|\n"
    table += "".join(f"| t{n}.micro | {n} | {2 * n} | Up to 5 Gigabit | EBS only |\n" for n in range(1, 4))
    nf = parse_notes("# N\n\n## Dom\n\n### Sizes\n\n" + table, "n.md", Path("."), Path("."), Report(quiet=True))
    html = sheet_html(condense(nf.domains[0], nf.deck))
    assert html.count("vCPUs") == 1 and html.count("Storage") == 1
    assert "<b>t2.micro</b> — 2; 4; Up to 5 Gigabit; EBS only" in html


def test_what_the_page_still_holds_is_given_back():
    # The fewest candidates that fit are the first k in order; the last of them (a big one) may free more
    # than the page needs, and a smaller one left out before it then fits at the column's foot: the user's
    # SageMaker sheet printed bare keys over a fifth of a column left empty. Laid out again (_Flow) from the
    # layout with nothing left out, each left out is given back, the most important first, if it still fits.
    from studydeck.sheets import pdf

    nf = parse_notes(
        "# N\n\n## Dom\n\nKafka stores streams of records.\n\nRedis keeps keys in memory.\n\n"
        "Postgres runs SQL queries on tables.\n\nNginx serves static files fast.\n\n"
        "Cron starts jobs on a schedule.\n",
        "n.md",
        Path("."),
        Path("."),
        Report(quiet=True),
    )
    sheet = condense(nf.domains[0], nf.deck, nf.meta, None)
    for n, box in enumerate(sheet.boxes):
        box.number = n
    items = list(sheet.items())
    for n, item in enumerate(items):
        item.number = n
    candidates = sheet.candidates()
    order = [c.items[0].number for c in candidates]
    # a column of 100 pt; the first two left out (10 pt, then 60 pt) leave 60 pt of the 130 pt: 40 pt free,
    # more than the 10 pt and the lines to spare (GIVE_BACK) that giving one back needs
    heights = {order[0]: 10.0, order[1]: 60.0}
    rest = [i.number for i in items if i.number not in heights]
    heights.update({n: 60.0 / len(rest) for n in rest})
    assert 10.0 + pdf.GIVE_BACK * pdf.LINE * pdf.FLOOR < 40.0
    pieces = [pdf._Piece(0.0, heights[i.number], False, i.number, 0, 0.0, {}) for i in items]
    flow = pdf._Flow(pieces, 100.0, 1, sheet, False)
    assert flow.spill(candidates, 1) > 0 and flow.spill(candidates, 2) == 0
    assert pdf._give_back(flow, candidates, 2) == {0}  # the 10 pt one fits again; the 60 pt one does not
    assert pdf._give_back(None, candidates, 2) == set()
