"""Questions the notes already ask: a heading that ends in '?' over its answer, a list item that asks
('Why bother?') over the items that answer it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import words
from ...model import Block, ItemList, Paragraph
from ..card import QA, Draft, Rule
from ..text import content_words, ends_open, informative, plain, strip_end, word_count

MAX_ANSWER_WORDS = 30
MAX_ITEMS = 4


def questions(block: Block, ctx) -> Iterator[Draft]:
    section = ctx.section
    title = plain(section.title)
    if title.endswith("?") and section.blocks and block is _first_text(section.blocks):
        answer = _answer(block)
        if _teaser(answer, title, ctx.lang):
            # 'They have similar names but different uses!': the answer is in the paragraphs that follow
            answer = _following(section.blocks, block) or answer
        answer = _unfilled(answer, ctx.lang)
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


MAX_FOLLOWING_WORDS = 40


def _teaser(answer: str, title: str, lang: str) -> bool:
    """An opening line that names none of the question's words, or leans on it ('They ...', 'It depends')."""
    said = {w for w in content_words(answer, lang)}
    asked = {w for w in content_words(title, lang)}
    first = words.tokens(plain(answer))[:1]
    return not (said & asked) or bool(first) and first[0] in words.lang(lang).dangling


def _following(blocks: list[Block], first: Block) -> str:
    """The first sentence of each paragraph after the opening one, while they stay short: 'Overriding is for
    ... Overloading is for ...'."""
    out: list[str] = []
    for b in blocks[blocks.index(first) + 1 :]:
        if not isinstance(b, Paragraph) or not b.sentences:
            break
        if word_count(" ".join([*out, b.sentences[0]])) > MAX_FOLLOWING_WORDS:
            break
        out.append(b.sentences[0])
    return " ".join(out) if len(out) >= 2 else ""


def _unfilled(answer: str, lang: str) -> str:
    """'Essentially, it's a way of ...' -> 'A way of ...': a filler and the pronoun that restates the question."""
    lg = words.lang(lang)
    m = re.match(r"^([^\W\d]+(?: [^\W\d]+)?),\s+(?:it's|it is|they're|they are)\s+(\S.*)$", answer, re.S)
    if m and tuple(words.tokens(m.group(1))) in lg.fillers:
        return m.group(2)[:1].upper() + m.group(2)[1:]
    return answer
