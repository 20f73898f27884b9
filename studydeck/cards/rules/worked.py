"""The result a worked example reaches, asked with what it was given:

    ### Example: Medical Diagnosis
    Consider a medical test ... The characteristics of the test are:
    - True positive rate (sensitivity): 95% ...
    - False positive rate: 5% ...
    - Prevalence of the disease in the general population: 2%.
    ...
    Therefore, if a person tests positive, there is approximately a 27.94% chance that they actually have the disease.

-> 'Given: true positive rate (sensitivity): 95%; false positive rate: 5%; prevalence ...: 2%. Therefore, if a
person tests positive, there is approximately a [27.94%] chance ...'. A worked example's other numbers are its
own steps (no card); its conclusion is the one fact it teaches. The words that open a conclusion are data
(`conclusion_openers`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import words
from ...model import Block, Comparison, ItemList, Paragraph
from ..card import CLOZE, Blank, Draft, Rule
from ..text import in_example, plain, reading_length, strip_end, word_count

MAX_GIVENS = 4
MAX_GIVEN_WORDS = 12
MAX_CONCLUSION_WORDS = 30
_NUMBER = re.compile(r"(?<![\w.$])(\d+(?:[.,]\d+)?\s?%)")


def worked(block: Block, ctx) -> Iterator[Draft]:
    lg = words.lang(ctx.lang)
    if not isinstance(block, Paragraph) or not lg.conclusion_openers or not in_example(ctx.path, ctx.lang):
        return
    texts = [b for b in ctx.section.blocks if isinstance(b, Paragraph) and b.sentences]
    if not texts or texts[-1] is not block:
        return  # (the conclusion closes the example: its last paragraph)
    sentence = block.sentences[-1]
    toks = words.tokens(plain(sentence))
    if not toks or toks[0] not in lg.conclusion_openers or word_count(sentence) > MAX_CONCLUSION_WORDS:
        return
    found = list(_NUMBER.finditer(sentence))
    if len(found) != 1 or "$" in sentence:
        return  # (one result to recall; a formula in it is a step, not the result)
    givens = _givens(ctx)
    if not givens:
        return
    m = found[0]
    lead = "Given: " + "; ".join(givens) + ". "
    front = [lead, sentence[: m.start()], Blank(m.group(1), 1), strip_end(sentence[m.end() :]) + "."]
    yield ctx.draft(Rule.WORKED, CLOZE, [p for p in front if p], block, plain(sentence))


def _givens(ctx) -> list[str]:
    """The example's first list, when it is a few short lines each with a number: what the example is given
    (the parser may set its labelled lines apart as terms, in a block of their own at the list's line)."""
    blocks = ctx.section.blocks
    for k, b in enumerate(blocks):
        if not isinstance(b, (Comparison, ItemList)):
            continue
        group = [b, *(x for x in blocks[k + 1 :] if x.source.line == b.source.line)]
        lines = []
        for x in group:
            if isinstance(x, Comparison):
                lines += [f"{plain(t.term)}: {strip_end(plain(t.description))}" for t in x.items]
            elif isinstance(x, ItemList) and not any(x.parents):
                lines += [strip_end(plain(i)) for i in x.items]
        lines = [re.sub(r"\s*\([^()]*\)", "", x).strip().rstrip(".") for x in lines]  # (asides off)
        lines = [re.sub(r"\s+:", ":", x[:1].lower() + x[1:]) for x in lines]
        if not 1 < len(lines) <= MAX_GIVENS or any(reading_length(x) > MAX_GIVEN_WORDS for x in lines):
            return []
        if not all(_NUMBER.search(x) for x in lines):
            return []
        return lines
    return []
