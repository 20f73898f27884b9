"""One checked answer item to one studydeck card: the only place that knows how the card engine makes a card.

NOTE: kept to this module on purpose. The card engine is being rewritten (structured cards: text parts
and deletions with hints, rendered to HTML at the edges); porting the model writer to it means porting
`model_cards` (and the rule names in `KEPT_RULES`), plus the one line in the build that makes a section's
`ctx` for it. Nothing else in llm/ knows how cards are made.
"""

from __future__ import annotations

import re

from ..model import Block, Card, Section, Table
from ..rules.text import cloze, render, to_html
from .checks import Item

MODEL_RULE = "model"
"""The rule name model-written cards carry: the preview shows it, the summary counts it."""


def model_cards(items: list[tuple[Item, Block]], ctx) -> list[Card]:
    """A section's checked items, each with the block its answer comes from, as cards; the engine may drop
    some (the writer counts them)."""
    return [model_card(item, block, ctx) for item, block in items]


def model_card(item: Item, block: Block, ctx) -> Card:
    """A card as the rules make one for the author's own `{{c1::}}` or Q:/A: (rules/explicit.py), keyed by
    deck, heading path and the normalised answer: a rewritten section keeps the notes whose answers it kept."""
    subject = f"{item.kind}:{normalised(item.answer)}"
    extra = render(item.extra) if item.extra else ""
    if item.kind == "qa":
        # (render: braces the model left in a question or answer can never read as a deletion)
        return ctx.card("qa", render(item.front), render(item.answer), block, MODEL_RULE, subject, extra=extra)
    m = re.search(r"\{\{c1::.*?\}\}", item.front)
    front = render(item.front[: m.start()], (cloze(to_html(item.answer), 1, item.hint),), item.front[m.end() :]).strip()
    return ctx.card("cloze", front, "", block, MODEL_RULE, subject, extra=extra)


KEPT_RULES = ("explicit-qa", "explicit-cloze", "question", "table")
"""Rule cards a section keeps when the model writes its prose: the author's own cards, and tables."""


def kept_from_rules(card: Card, section: Section) -> bool:
    return card.rule in KEPT_RULES or any(isinstance(b, Table) and b.source == card.source for b in section.blocks)


def normalised(answer: str) -> str:
    """'Amazon  S3 Glacier.' and 'amazon s3 glacier' are one answer: lower case, words only."""
    return " ".join(re.findall(r"\w+", answer.lower()))
