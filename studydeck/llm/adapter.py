"""One checked answer item to one studydeck card: the only place that knows how the card engine makes a card.

A model's card is a draft like a rule's (text parts and deletions), through the same section passes and
quality gate (`cards.section_cards`), rendered the same way. Nothing else in llm/ knows how cards are made.
"""

from __future__ import annotations

import re

from ..cards import section_cards
from ..cards.card import CLOZE, QA, Blank, Draft, Rule
from ..model import Block, Card, Section, Table
from .checks import Item

MODEL_RULE = Rule.MODEL_QA.label
"""The rule name model-written cards carry: the preview shows it, the summary counts it."""


def model_cards(items: list[tuple[Item, Block]], ctx) -> list[Card]:
    """A section's checked items, each with the block its answer comes from, as cards; the engine's
    quality gate may drop some (the writer counts them)."""
    return section_cards(ctx, [model_draft(item, block, ctx) for item, block in items])


def model_draft(item: Item, block: Block, ctx) -> Draft:
    """A card as the rules make one for the author's own `{{c1::}}` or Q:/A: (cards/rules/explicit.py), keyed
    by deck, heading path and the normalised answer: a rewritten section keeps the notes whose answers it kept."""
    subject = f"{item.kind}:{normalised(item.answer)}"
    extra = [item.extra] if item.extra else []
    if item.kind == "qa":
        return ctx.draft(Rule.MODEL_QA, QA, [item.front], block, subject, item.answer, extra=extra)
    m = re.search(r"\{\{c1::.*?\}\}", item.front)
    front = [p for p in (item.front[: m.start()], Blank(item.answer, 1, item.hint), item.front[m.end() :]) if p]
    return ctx.draft(Rule.MODEL_CLOZE, CLOZE, front, block, subject, extra=extra)


KEPT_RULES = ("explicit-qa", "explicit-cloze", "question", "table", "choice")
"""Rule cards a section keeps when the model writes its prose: the author's own cards, and tables."""


def kept_from_rules(card: Card, section: Section) -> bool:
    return card.rule in KEPT_RULES or any(isinstance(b, Table) and b.source == card.source for b in section.blocks)


def normalised(answer: str) -> str:
    """'Amazon  S3 Glacier.' and 'amazon s3 glacier' are one answer: lower case, words only."""
    return " ".join(re.findall(r"\w+", answer.lower()))
