"""A formula the notes state for a named thing: the first display formula of a section whose heading is a
term, or that a lead-in names ('Bayes' theorem is stated as:'), asked as '<term>: formula?'."""

from __future__ import annotations

from collections.abc import Iterator

from ... import words
from ...model import Block, Math, Paragraph
from ..card import QA, Draft, Rule
from ..text import is_term, plain, word_count

MAX_TEX = 160


def formulas(block: Block, ctx) -> Iterator[Draft]:
    if not isinstance(block, Math) or not block.display or len(block.tex) > MAX_TEX or not block.tex.strip():
        return
    blocks = ctx.section.blocks
    maths = [b for b in blocks if isinstance(b, Math) and b.display]
    if maths[:1] != [block]:
        return  # the section's first formula only: later ones derive or apply it
    i = blocks.index(block)
    lead = blocks[i - 1] if i > 0 and isinstance(blocks[i - 1], Paragraph) else None
    lg = words.lang(ctx.lang)
    if "formula" not in lg.templates:
        return
    name = ctx.path[-1] if ctx.path else ""
    if lead is not None and lead.analysis:
        last = lead.analysis[-1]
        subject = plain(last.subject)
        heading = {w.lower().strip("'’s") for w in name.split()}
        own = {w.lower().strip("'’s") for w in subject.split()}
        if (
            last.plain.endswith(":")
            and subject
            and not own <= heading
            and is_term(subject, ctx.lang, ctx.facts.terms, strict=False)
        ):
            name = subject  # ('The theorem is stated as:' under 'Bayes' Theorem': the heading names it better)
    if not name or word_count(name) > 6 or not is_term(name, ctx.lang, ctx.facts.terms, strict=False):
        return
    front = lg.template("formula", term=f"**{name}**")
    yield ctx.draft(Rule.FORMULA, QA, [front], block, f"{name}/formula", f"${block.tex.strip()}$")
