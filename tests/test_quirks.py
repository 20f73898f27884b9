"""Real-world notes quirks (tests/fixtures/quirks, minimal snippets of what the corpus holds): what each becomes."""

from __future__ import annotations

from pathlib import Path

from studydeck.cards import make_cards
from studydeck.model import Code, Comparison, Explicit, Image, Paragraph, Table
from studydeck.notes.parse import parse_notes
from studydeck.notes.read import decode
from studydeck.report import Report

QUIRKS = Path(__file__).resolve().parent / "fixtures" / "quirks"


def _parse(name: str):
    md = QUIRKS / name
    report = Report(quiet=True)
    notes = parse_notes(decode(md.read_bytes(), md.name, report), md.name, md.parent, md.parent, report)
    return notes, [str(w) for w in report.warnings]


def _blocks(notes):
    return [b for d in notes.domains for s in d.sections for b in s.blocks]


def _texts(notes):
    return [b.text for b in _blocks(notes) if isinstance(b, Paragraph)]


def test_gitbook_hint_entities_emoji_and_figures():
    notes, warnings = _parse("gitbook.md")
    texts = _texts(notes)
    assert texts == [
        "An 🍊orange **is a** fruit.",
        "**Quick sidenote!** All objects extend the `Object` class.",
        "Use `:tangerine:` literally in code.",  # shortcodes inside code stay as written
    ]
    images = [b for b in _blocks(notes) if isinstance(b, Image)]
    # the figcaption names the image instead of becoming a paragraph; an image-only line is no text
    assert [(i.alt, i.path) for i in images] == [("The naive approach", None), ("", None)]
    assert warnings == [
        "gitbook.md:16: warning: image '../.gitbook/assets/image (3).png' is outside the notes folder; refused",
        "gitbook.md:18: warning: image '../.gitbook/assets/image%20(33)%20(1).png' is outside the notes folder;"
        " refused",
    ]


def test_obsidian_callouts_embeds_block_ids_wikilinks():
    notes, warnings = _parse("obsidian.md")
    assert _texts(notes) == [
        "A /24 subnet holds 256 addresses.",  # the callout title over a body, a label, is left out
        "A subnet is a range of IP addresses in a VPC.",
        "See route tables and NAT.",
    ]
    images = [b for b in _blocks(notes) if isinstance(b, Image)]
    assert [(i.src, i.alt) for i in images] == [("diagram.png", "")]
    assert warnings == [
        "obsidian.md:12: warning: image 'diagram.png' not found",
        "obsidian.md:14: warning: embedded note '![[Other note]]' not found; left out",
    ]


def test_details_blocks_are_question_and_answer():
    notes, _ = _parse("details.md")
    qa = [b for b in _blocks(notes) if isinstance(b, Explicit)]
    assert [(b.question, b.source.line) for b in qa] == [
        ("Show all labels of the pods", 7),  # a generic summary ('show'): the heading is the question
        ("What selects pods by label?", 19),  # a real summary is the question
    ]
    assert "kubectl get po --show-labels" in qa[0].answer
    assert qa[1].answer == "A label selector."
    assert "show" not in _texts(notes)
    assert any(isinstance(b, Code) for b in _blocks(notes))  # the code is still there for the sheet
    cards = make_cards(notes)
    assert [c.rule for c in cards] == ["explicit-qa", "explicit-qa"]
    assert "<code>kubectl get po --show-labels</code>" in cards[0].answer


def test_raw_html_headings_are_headings():
    notes, _ = _parse("html-headings.md")
    assert notes.deck == "Storage notes"
    assert [(d.title, d.source.line) for d in notes.domains] == [("S3", 3), ("EBS & EFS", 7)]
    comp = [b for b in _blocks(notes) if isinstance(b, Comparison)]
    assert [t.term for t in comp[0].items] == ["Standard", "Glacier"]


def test_mathjax_becomes_math_cards_keep_delimiters():
    notes, _ = _parse("mathjax.md")
    assert notes.deck == "ConvNets"  # front matter
    comp = [b for b in _blocks(notes) if isinstance(b, Comparison)][0]
    assert comp.items[1].description == "$F * F * D_1$"
    card = next(c for c in make_cards(notes) if "Weights per filter" in c.front and c.answer)
    # `*` and `_` inside the formula are TeX, not emphasis; Anki's MathJax reads \( \)
    assert r"\(F * F * D_1\)" in card.answer and "<em>" not in card.answer
    assert "$$a * b * c$$" in _texts(notes)[0]


def test_h2_intro_then_h1_domains_and_toc_dropped():
    notes, _ = _parse("h2-then-h1.md")
    assert [d.title for d in notes.domains] == ["Study guide", "Sagemaker", "Glue"]
    intro = notes.domains[0]
    assert [s.path for s in intro.sections] == [("Study guide",), ("Study guide", "Table of Contents")]
    assert intro.sections[1].blocks == []  # links to anchors of the same page teach nothing
    assert not any(c.rule == "steps" for c in make_cards(notes))


def test_table_cells_with_br():
    notes, _ = _parse("table-br.md")
    table = next(b for b in _blocks(notes) if isinstance(b, Table))
    assert table.rows == [
        ["**On-Demand**", "Linux: per second; Other OS: per hour", "None"],
        ["**Reserved**", "Up to 72% off", "No Upfront; All Upfront"],
    ]


def test_korean_notes_and_stray_empty_items():
    notes, _ = _parse("korean.md")
    assert notes.domains[0].title == "[1] EC2 인스턴스"
    assert notes.domains[0].slug == "1-ec2-인스턴스"
    comp = next(b for b in _blocks(notes) if isinstance(b, Comparison))
    assert comp.items[0].description == "부서별, 리소스 별 등등 태그를 설정할 수 있다."  # no stray '*'
    assert [t.term for t in comp.items] == ["태그 추가", "내 AMI", "커뮤니티 AMI"]


def test_crlf_without_final_newline():
    notes, _ = _parse("crlf-no-final-newline.md")
    comp = next(b for b in _blocks(notes) if isinstance(b, Comparison))
    assert [(t.term, t.description, t.source.line) for t in comp.items] == [
        ("Alpha", "first letter", 5),
        ("Beta", "second letter", 6),
    ]


def test_lone_h2_is_the_title_toc_and_anchors_dropped_nested_items_kept():
    notes, _ = _parse("lone-h2.md")
    assert notes.deck == "lone h2"  # no H1, no front matter deck: the file name (as documented)
    assert notes.title == "Convolutional Neural Networks"
    assert [d.title for d in notes.domains] == ["Convolutional Neural Networks", "Architecture Overview", "Layers"]
    assert _texts(notes)[0] == "ConvNets are neural networks for images."  # no TOC, no 'Table of Contents:', no anchor
    layers = notes.domains[2].sections[0].blocks[0]
    assert layers.items == [
        "Pillars: Operational excellence: run and monitor systems; Security-protect data",
        "Tool scans workloads",
    ]
    overview = notes.domains[1].sections[0].blocks
    assert not any(isinstance(b, Comparison) for b in overview)  # 'There' and 'Each layer' are not terms


def test_gitbook_metadata_headings_and_remote_badges():
    notes, _ = _parse("gitbook-meta.md")
    assert [d.title for d in notes.domains] == ["인스턴스"]  # no 'author : ...' sections, no badge-only domain
    assert notes.domains[0].sections[0].blocks[0].items == ["태그 추가 : 태그를 설정할 수 있다."]


def test_emoji_codes_leave_cloze_hints_alone():
    from studydeck.notes.dialects import _emoji

    # `::two::` is cloze syntax, not the :two: code; a code glued to a word still counts (the corpus has it)
    assert _emoji("{{c2::two::hint}} and :tangerine:orange") == "{{c2::two::hint}} and 🍊orange"
