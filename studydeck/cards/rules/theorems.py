"""A result stated under its own name: a heading that names it ('Bolzano-Weierstrass Theorem', 'The zero
test') over a first sentence 'If ..., then ...' -> '<name>: what does it state?' -> the statement."""

from __future__ import annotations

from collections.abc import Iterator

from ... import words
from ...model import Block, Paragraph
from ..card import QA, Draft, Rule
from ..text import ends_open, heading_name, is_label, plain, strip_end, word_count
from .formulas import _nameable

MAX_STATEMENT_WORDS = 30


def theorems(block: Block, ctx) -> Iterator[Draft]:
    lg = words.lang(ctx.lang)
    if "states" not in lg.templates or not lg.consequence or not isinstance(block, Paragraph) or not ctx.path:
        return
    first = next((b for b in ctx.section.blocks if isinstance(b, Paragraph) and b.sentences), None)
    if first is not block or ctx.section.level == 0:
        return
    name = heading_name(ctx.path[-1]).rstrip(".")
    if not name or name.endswith("?") or is_label(name, ctx.lang) or not _nameable(name, ctx):
        return
    sentence = block.sentences[0]
    toks = words.tokens(plain(sentence))
    if not toks or (toks[0],) not in lg.conditions or not any(t in lg.consequence for t in toks[2:]):
        return  # not 'If ..., then ...': a remark, not the result
    if word_count(sentence) > MAX_STATEMENT_WORDS or ends_open(sentence, ctx.lang):
        return  # ('... converges and': the sentence was cut inside a formula)
    front = lg.template("states", term=f"**{name}**")
    yield ctx.draft(Rule.STATEMENT, QA, [front], block, f"{name}/states", strip_end(sentence))
