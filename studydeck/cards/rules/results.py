"""Results listed under the sentence that sets up their symbols, as maths notes list laws:

    Let $(a_n)$ and $(b_n)$ be convergent real sequences, and let $x = lim a_n$ and $y = lim b_n$.
     - the sequence $(a_n + b_n)$ converges to $x+y$.
     - If $c$ is a limit point of $(a_n)$, then $L^- \\leq c \\leq L^+$

-> one cloze per result, the set-up on its front and the formula it ends with hidden: '... the sequence
$(a_n b_n)$ converges to [...]' -> '$xy$'. A result ends so after a word that leads into a value (`result_leads`:
'to', 'then', 'is', 'equals'); others (prose, a formula with no lead) are no such card."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import words
from ...model import Block, Comparison, ItemList, Paragraph
from ..card import CLOZE, Blank, Draft, Rule
from ..text import plain, reading_length, strip_end

MAX_SETUP_WORDS = 30
MAX_RESULT_WORDS = 22
MAX_TEX = 40
_LAST_FORMULA = re.compile(r"^(.*\S)\s+(\$[^$]+\$)\s*\.?$")


def results(block: Block, ctx) -> Iterator[Draft]:
    lg = words.lang(ctx.lang)
    if isinstance(block, ItemList) and not any(block.parents):
        items = list(block.items)
    elif isinstance(block, Comparison):
        # (a list whose lines open with a name, 'the sequence $(a_n + b_n)$ converges to ...', is read as terms;
        # their lines are still the results)
        items = [t.description for t in block.items if plain(t.term) and plain(t.term) in plain(t.description)]
    else:
        return
    setup = _setup(block, ctx, lg) if lg.result_leads and items else ""
    if not setup and isinstance(block, Comparison) and block.intro:
        setup = _setup_sentence(block.intro, lg)  # ('For any $S$, we have:' over the list, its intro)
    if not setup:
        return
    for n, item in enumerate(items):
        text = strip_end(item.strip()).rstrip(".")
        m = _LAST_FORMULA.match(text)
        if not m or reading_length(text) > MAX_RESULT_WORDS or len(m.group(2)) > MAX_TEX:
            continue
        before = m.group(1)
        lead = words.tokens(plain(before))[-1:]
        # ('If $M$ is an upper bound for $S$, $sup(S) \leq M$': a condition, a comma, then what follows)
        conditional = before.endswith(",") and tuple(words.tokens(plain(before))[:1]) in lg.conditions
        if not (lead and lead[0] in lg.result_leads or conditional) or before.count("$") % 2:
            continue
        if len(re.sub(r"\$[^$]*\$", "", before).split()) < 2:
            continue  # ('$x \\leq x$': a formula alone, nothing leads into what is hidden)
        # (after a full stop the result is a sentence of its own; after a lead-in it goes on the set-up's)
        said = before[:1].upper() + before[1:] if setup.endswith((".", ":")) else before[:1].lower() + before[1:]
        front = [f"{setup} {said} ", Blank(m.group(2), 1), "."]
        yield ctx.draft(Rule.STATEMENT_PART, CLOZE, front, block, f"{plain(setup)} #{n} {plain(before)}")


def _setup(block: Block, ctx, lg) -> str:
    """The paragraph right before the list when its last sentence sets up the symbols of what follows ('Let
    ... be ...', 'If ..., let ...', 'For any $S$, we have:'), ending as a lead-in; '' for any other."""
    blocks = ctx.section.blocks
    k = next((j for j, b in enumerate(blocks) if b is block), 0)
    # (the parser may set a list's labelled lines apart as a block of their own, before the list)
    while k > 0 and blocks[k - 1].source.line == block.source.line and not isinstance(blocks[k - 1], Paragraph):
        k -= 1
    prev = blocks[k - 1] if k > 0 else None
    if not isinstance(prev, Paragraph) or not prev.sentences or "$" not in prev.text:
        return ""
    said = " ".join(prev.sentences[-2:]) if len(prev.sentences) > 1 else prev.sentences[-1]
    return _setup_sentence(said, lg)


def _setup_sentence(said: str, lg) -> str:
    """The set-up as it leads into the results, '' when the sentence sets nothing up."""
    toks = words.tokens(plain(said))
    if not toks or reading_length(said) > MAX_SETUP_WORDS:
        return ""
    opens = (
        toks[0] in lg.setup_openers
        or (toks[0],) in lg.conditions
        or any(tuple(toks[: len(q)]) == q for q in lg.quantifiers)
    )
    if not opens:
        return ""
    said = said.rstrip()
    if said.endswith((":", ".", ",")):
        return said
    # ('For all extended reals $x, y, z$' -> '..., '; 'Then we have' -> 'Then we have:', what follows a sentence)
    return said + (":" if words.tokens(plain(said))[-1:] in (["have"], ["then"]) else ",")
