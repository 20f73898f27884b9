"""Questions the notes already ask: a heading that ends in '?' over its answer, a list item that asks
('Why bother?') over the items that answer it."""

from __future__ import annotations

from collections.abc import Iterator

from ...model import Block, ItemList, Paragraph
from ..card import QA, Draft, Rule
from ..text import ends_open, informative, plain, strip_end, word_count

MAX_ANSWER_WORDS = 30
MAX_ITEMS = 4


def questions(block: Block, ctx) -> Iterator[Draft]:
    section = ctx.section
    title = plain(section.title)
    if title.endswith("?") and section.blocks and block is _first_text(section.blocks):
        answer = _answer(block)
        if answer and len(informative(answer, ctx.lang)) >= 4 and not block.links and not ends_open(answer, ctx.lang):
            yield ctx.draft(Rule.QUESTION, QA, [section.title], block, title, answer)


def _first_text(blocks: list[Block]) -> Block | None:
    return next(
        (
            b
            for b in blocks
            if isinstance(b, (Paragraph, ItemList)) and (getattr(b, "text", "") or getattr(b, "items", None))
        ),
        None,
    )


def _answer(block: Block) -> str:
    if isinstance(block, Paragraph):
        out = []
        for s in block.sentences:
            if word_count(" ".join([*out, s])) > MAX_ANSWER_WORDS:
                break
            out.append(s)
        return " ".join(out)
    if isinstance(block, ItemList) and len(block.items) <= MAX_ITEMS:
        answer = "; ".join(strip_end(i) for i in block.items)
        return answer if word_count(answer) <= MAX_ANSWER_WORDS else ""
    return ""
