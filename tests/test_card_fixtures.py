"""Card cases as data: every `tests/fixtures/cards/<pattern>/<case>.md` gives exactly the cards written by
hand in `<case>.cards` (front and back as a learner reads them, a blank line between cards; EXTRA: lines
when the back carries more; CONTEXT: lines, when the case is about the place a card shows on its front, and then
on every card of it). An empty .cards file: the notes must give no card at all.

A new pattern is a new folder of cases; a new case is a pair of files."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES

from studydeck.build.pipeline import load
from studydeck.cards import make_cards
from studydeck.report import Report
from tools.card_text import card_texts, plain

CASES = sorted((FIXTURES / "cards").glob("*/*.md"))


def _text(md: Path, context: bool = False) -> str:
    out = []
    for nf in load(md, Report(quiet=True)):
        for card in make_cards(nf):
            for front, back in card_texts(card):
                block = [f"CONTEXT: {card.context}"] if context else []
                block += [f"Q: {front}", f"A: {back}"]
                if card.extra:
                    block.append(f"EXTRA: {plain(card.extra)}")
                out.append("\n".join(block))
    return "\n\n".join(out).strip()


def _expected(md: Path) -> str:
    return md.with_suffix(".cards").read_text(encoding="utf-8").strip()


@pytest.mark.parametrize("md", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_card_case(md: Path):
    expected = _expected(md)
    assert _text(md, context="CONTEXT: " in expected) == expected


def test_every_case_has_its_cards_file():
    assert CASES and all(md.with_suffix(".cards").is_file() for md in CASES)
