"""A term in bold glossed right after it, as notes in any language do:

    Produrrà eventualmente __aloni di inibizione__, ovvero zone in cui il farmaco ha impedito la crescita.
    The filter slides over the input and computes **dot products**, i.e. sums of elementwise products.

-> 'Che cosa sono aloni di inibizione?' -> 'Zone in cui il farmaco ha impedito la crescita'. The words that
open such a gloss are data (`gloss_markers` in studydeck/words/<lang>.toml)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import words
from ...model import Block
from ..card import QA, Draft, Rule
from ..text import cap, ends_open, is_label, is_term, plain, strip_end, word_count
from .implied import _plural_kind
from .prose import _sentences
from .terms import _plural

MAX_GLOSS_WORDS = 16


def appositions(block: Block, ctx) -> Iterator[Draft]:
    lg = words.lang(ctx.lang)
    if not lg.gloss_markers or "what_is" not in lg.templates:
        return
    markers = "|".join(re.escape(m) for m in sorted(lg.gloss_markers, key=len, reverse=True))
    for _i, a, _seq in _sentences(block, ctx):
        if a.kind in ("question", "example") or a.negated or a.scenario:
            continue
        m = re.search(rf"(\*\*|__)([^*_]{{2,60}})\1,?\s+(?:{markers})(?![\w])[,:]?\s+(.+)$", a.text, re.I)
        if not m:
            continue
        name, gloss = m.group(2).strip(), strip_end(re.split(r"(?<=[a-z)])\.\s+(?=[A-Z])", m.group(3))[0])
        gloss = re.sub(r"\^\[.*$", "", gloss).strip()  # (a footnote after it is no part of the gloss)
        if not is_term(name, ctx.lang, ctx.facts.terms, strict=False) or is_label(name, ctx.lang):
            continue
        if not gloss or word_count(gloss) > MAX_GLOSS_WORDS or ends_open(gloss, ctx.lang) or "**" in gloss:
            continue
        plural = (_plural(name, lg) or _plural_kind(name, gloss, lg)) and "what_are" in lg.templates
        front = lg.template("what_are" if plural else "what_is", term=f"**{name}**")
        yield ctx.draft(Rule.WHAT_IS, QA, [front], block, plain(name), cap(gloss))
