"""Property tests: any Markdown (headings, lists, links, HTML, unicode) parses, gives cards, and they render in Anki."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from anki_check import load_deck
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studydeck.cards import make_cards
from studydeck.cards.context import words_in
from studydeck.deck.apkg import note_types, to_note, write_deck
from studydeck.notes.parse import parse_notes
from studydeck.report import Report

WORDS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=0, max_size=25
)
PLAIN = st.sampled_from(
    ["Alpha", "beta split", "Stratified split", "EC2 인스턴스", "café", "🍊", "x_1", "a*b", "The chi square"]
)
TEXT = st.one_of(PLAIN, WORDS)
URL = st.sampled_from(
    ["https://example.com/a", "javascript:alert(1)", "#anchor", "data:text/html,x", "../up.png", "/etc/passwd", ""]
)
SNIPPETS = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '<img src="x.png" onerror="alert(1)">',
        "<details><summary>show</summary>",
        "</details>",
        "<h2>Raw heading</h2>",
        '{% hint style="info" %}',
        "{% endhint %}",
        ">[!TIP] Note",
        "![[pic.png]]",
        "![[Other note]]",
        "text ^block1",
        "\\\\(x_1 * y\\\\)",
        ":tangerine:",
        "&#x20;",
        "<br>",
        "{{c1::cloze}}",
        "==high==",
        "Q: What?\nA: That.",
        "Step 1: do\nStep 2: done",
        "```python",
        "```",
        "---",
        "| a | b |\n|---|---|\n| 1<br>2 | 3 |",
        "<iframe src='https://e'></iframe>",
        "<form><input></form>",
        "[[Link|alias]]",
        "$x^2$",
        "$$\nx\n$$",
    ]
)


@st.composite
def blocks(draw):
    kind = draw(st.integers(0, 6))
    if kind == 0:
        return "#" * draw(st.integers(1, 6)) + " " + draw(TEXT)
    if kind == 1:
        items = draw(st.lists(st.tuples(TEXT, TEXT, st.booleans()), min_size=1, max_size=5))
        return "\n".join(("  " if nested else "") + f"- {t}: {d}" for t, d, nested in items)
    if kind == 2:
        return "\n".join(f"{i}. {t}" for i, t in enumerate(draw(st.lists(TEXT, min_size=1, max_size=4)), 1))
    if kind == 3:
        return f"{draw(TEXT)} [{draw(TEXT)}]({draw(URL)}) ![{draw(TEXT)}]({draw(URL)}) {draw(TEXT)}"
    if kind == 4:
        return draw(SNIPPETS)
    if kind == 5:
        return f"{draw(PLAIN)} is a {draw(TEXT)} that {draw(TEXT)}."
    return draw(WORDS)


DOCS = st.lists(blocks(), min_size=0, max_size=14).map(lambda bs: "\n\n".join(bs))


def _cards(text: str):
    report = Report(quiet=True)
    here = Path(tempfile.gettempdir())
    notes = parse_notes(text, "prop.md", here, here, report)
    return notes, make_cards(notes)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCS)
def test_any_markdown_parses_and_gives_safe_cards(text):
    notes, cards = _cards(text)
    assert notes.domains
    qa, cloze = note_types()
    for card in cards:
        assert card.kind in ("qa", "cloze")
        for value in to_note(card, qa, cloze).fields:
            low = value.lower()
            assert "<script" not in low and "javascript:" not in low and "<iframe" not in low
            assert not re.search(r"<[^>]*\son\w+\s*=", low)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(DOCS, min_size=1, max_size=3))
def test_generated_cards_render_in_anki(docs):
    cards = [c for d in docs for c in _cards(d)[1]]
    if not cards:
        return
    with tempfile.TemporaryDirectory() as tmp:
        apkg = Path(tmp) / "p.apkg"
        write_deck(cards, apkg)
        rendered = load_deck(apkg, Path(tmp))
        assert len(rendered) >= len({c.key for c in cards})  # a cloze note may give several cards
        for r in rendered:
            assert r.question.strip(), r.fields
            assert "{{c" not in r.question and "{{c" not in r.answer


SPACED = st.text(alphabet=st.sampled_from("ab (2)-\xa0\n"), max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(SPACED, max_size=8), st.lists(SPACED, min_size=1, max_size=6))
def test_the_words_a_domain_holds_are_found_as_searching_its_text_for_each_would(keys, texts):
    # the card key reads the file's words a domain holds: found for all domains at once, never another answer
    assert words_in(keys, texts) == [{k for k in keys if k in text} for text in texts]


def test_the_words_a_domain_holds_mid_word_and_across_words():
    texts = ["use html (2) here", "sagemaker (2)\nand x", "the sagemaker (20) ", "(2)"]
    keys = ["ml", "sagemaker (2)", "ker (2", "(2)", " here", "", "and  x", "(2) here", "sagemaker (20) "]
    assert words_in(keys, texts) == [
        {"ml", "(2)", " here", "", "(2) here"},
        {"sagemaker (2)", "ker (2", "(2)", ""},
        {"ker (2", "", "sagemaker (20) "},
        {"(2)", ""},
    ]
