"""The page of a sheet (issue 14, blind review of the corpus sheets): what stays together across a column break,
what the header says."""

from __future__ import annotations

from pathlib import Path

from studydeck.notes.parse import parse_notes
from studydeck.report import Report
from studydeck.sheets import pdf
from studydeck.sheets.condense import condense


def _sheet(text: str):
    nf = parse_notes(text, "notes.md", Path("."), Path("."), Report(quiet=True))
    return condense(nf.domains[0], nf.title, nf.meta)


def _layout(sheet, size: float = 9.0):
    weasyprint = pdf.import_weasyprint()
    css_path, css = pdf.prepare()
    html = weasyprint.HTML(string=pdf.sheet_html(sheet), base_url=str(css_path.parent))
    page = f"@page {{ size: A4 landscape; }} html {{ font-size: {size}pt; }}"
    return html.render(stylesheets=[css, weasyprint.CSS(string=page)])


def _boxes(doc):
    todo = [doc.pages[0]._page_box]
    while todo:
        box = todo.pop()
        yield box
        todo.extend(getattr(box, "children", []))


def _classes(box) -> set[str]:
    element = getattr(box, "element", None)
    return set((element.get("class") or "").split()) if element is not None else set()


def test_a_group_label_stays_with_its_first_row():
    # 'Left ventricular hypertrophy (LVH)' alone at a column's foot, its rows at the top of the next (blind
    # review, issue 14: ECG, orphaned sub-headings): a group row breaks after itself no more than a heading does.
    sheet = _sheet(
        "# Heart\n\n## Enlargement\n\n- Left atrial abnormality\n  - Representation: Prolonged P wave\n"
        "  - Causes: Mitral disease\n- Left ventricular hypertrophy\n  - Representation: High R waves\n"
    )
    rows = [b for b in _boxes(_layout(sheet)) if "group" in _classes(b) and b.element_tag == "tr"]
    assert len(rows) == 2
    assert all(b.style["break_after"] == "avoid" for b in rows)


def test_a_line_leading_in_to_a_formula_stays_with_it():
    # 'The weight function' at a column's foot, its formula at the top of the next (blind review, issue 14: a
    # label orphaned from what it names). A short line with no full stop over a formula or a block leads in.
    sheet = _sheet(
        "# Regression\n\n## Weights\n\nThe weight function\n\n$$w = \\exp(-x^2)$$\n\n"
        "The weights are computed from distance.\n\n$$d = |x - y|$$\n"
    )
    box = sheet.boxes[0]
    assert [box.leads_in(k) for k in range(len(box.entries))] == [True, False, False, False]
    texts = {}
    for b in _boxes(_layout(sheet)):
        if getattr(b, "element_tag", None) == "p" and b.element.text and type(b).__name__ == "BlockBox":
            texts[b.element.text.strip()] = b.style["break_after"]
    assert texts["The weight function"] == "avoid"
    assert texts["The weights are computed from distance."] == "auto"


def test_headings_with_nothing_of_their_own_print_as_one_line_over_the_box():
    # 'EC2 / EC2 Autoscaling / Scaling Policy' over 'Scheduled Scaling': three bold lines, a rule each, read as
    # three empty headings (blind review, issue 14); they are one line, the path to the box (under the sheet's
    # title, the domain's heading).
    sheet = _sheet(
        "# Compute\n\n## Servers\n\n### Scaling\n\n#### Policy\n\n##### Scheduled scaling\n\n"
        "Scheduled scaling works well for predictable traffic.\n"
    )
    html = pdf.sheet_html(sheet)
    assert html.count('class="parent"') == 1
    assert '<div class="parent">Scaling › Policy</div>' in html
