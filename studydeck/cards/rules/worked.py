"""The result a worked example reaches, asked with what it was given:

    ### Example: Medical Diagnosis
    Consider a medical test ... The characteristics of the test are:
    - True positive rate (sensitivity): 95% ...
    - False positive rate: 5% ...
    - Prevalence of the disease in the general population: 2%.
    ...
    Therefore, if a person tests positive, there is approximately a 27.94% chance that they actually have the disease.

-> 'Given: true positive rate (sensitivity): 95%; false positive rate: 5%; prevalence ...: 2%. Therefore, if a
person tests positive, there is approximately a [27.94%] chance ...'. The givens are shown, never blanked (a given
input is the example's set-up, not a fact to learn); a worked example's other numbers are its own steps (no
card); its conclusion is the one fact it teaches. The words that open a conclusion are data
(`conclusion_openers`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import words
from ...model import Block, Comparison, ItemList, Paragraph
from ..card import CLOZE, Blank, Draft, Part, Rule
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
    # (the givens are shown, never asked: a number the example starts from is its set-up, not what it teaches;
    # blind review: a blank over a given input is not worth learning)
    lead: list[Part] = ["Given: " + "; ".join(f"{label}: {value}" for label, value in givens) + ". "]
    front = [*lead, sentence[: m.start()], Blank(m.group(1), 1), strip_end(sentence[m.end() :]) + "."]
    yield ctx.draft(Rule.WORKED, CLOZE, [p for p in front if p], block, plain(sentence))


def _givens(ctx) -> list[tuple[str, str]]:
    """The example's first list, when it is a few short lines each giving a quantity a number: what the example
    is given, as (label, number) (the parser may set its labelled lines apart as terms, in a block of their own
    at the list's line)."""
    lg = words.lang(ctx.lang)
    blocks = ctx.section.blocks
    for k, b in enumerate(blocks):
        if not isinstance(b, (Comparison, ItemList)):
            continue
        group = [b, *(x for x in blocks[k + 1 :] if x.source.line == b.source.line)]
        lines = _in_order(group)
        if not 1 < len(lines) <= MAX_GIVENS:
            return []
        givens = [_given(strip_end(x.strip()), lg) for x in lines]
        return givens if all(givens) else []
    return []


def _in_order(group: list[Block]) -> list[str]:
    """The lines of one list as written: the labelled lines the parser set apart keep their line numbers, the
    others fill the lines between them in turn."""
    labelled: dict[int, str] = {}
    others: list[str] = []
    for x in group:
        if isinstance(x, Comparison):
            for t in x.items:
                # (a line whose label the parser cut short, 'probability that the test', is its description whole)
                whole = plain(t.term) in plain(t.description)
                labelled[t.source.line] = t.description if whole else f"{t.term}: {t.description}"
        elif isinstance(x, ItemList) and not any(x.parents):
            others += list(x.items)
    line, out = min([*labelled, group[0].source.line]), []
    while labelled or others:
        out.append(labelled.pop(line) if line in labelled else others.pop(0) if others else labelled.pop(min(labelled)))
        line += 1
    return out


_LABELLED = re.compile(r"^(?P<label>[^:$]+?)\s*:\s*(?P<value>\S.*)$")
_VALUE = re.compile(r"^(?P<n>\d+(?:[.,]\d+)?\s?%|\d*[.,]\d+)(?=\s*(?:$|[.,;(]))")
_FORMULA_VALUE = re.compile(r"^\$[^$=]+=\s*(?P<n>\d+(?:[.,]\d+)?\s?%?)\s*\$")
_ALIASED = re.compile(r"^(?P<label>.*?)\s*\((?P<alias>[^()]+)\)$")
MAX_ALIAS_WORDS = 4
MAX_NAME_WORDS = 4


def _given(line: str, lg) -> tuple[str, str] | None:
    """'True positive rate (sensitivity): 95% (if ...).' -> ('true positive rate', '95%'); a label too long to
    read as a name goes by its other name in parentheses ('The probability that the test is positive given the
    cow has BSE (true positive rate): $P(T | B) = 0.70$' -> ('true positive rate', '0.70')), else up to a
    qualifier ('prevalence of the disease in the general population' -> 'prevalence of the disease'); None
    for a line that gives no number (a share, a percentage, a formula's value)."""
    m = _LABELLED.match(line)
    if not m:
        return None
    value = m.group("value").strip()
    v = _FORMULA_VALUE.match(value) or _VALUE.match(value)
    if not v:
        return None
    label = re.sub(r"\s+", " ", plain(m.group("label")))
    if label.split()[:1] and label.split()[0].lower() in lg.articles:
        label = label.split(" ", 1)[1] if " " in label else ""
    a = _ALIASED.match(label)
    bare = a.group("label").strip() if a else label
    alias = a.group("alias").strip() if a else ""
    if alias and len(alias.split()) <= MAX_ALIAS_WORDS and alias[:1].islower() and word_count(bare) > MAX_NAME_WORDS:
        bare = alias  # (a description of the quantity, its name in parentheses after it)
    elif reading_length(bare) > MAX_GIVEN_WORDS:
        return None
    ws = bare.split()
    cut = next((j for j in range(1, len(ws)) if ws[j].lower() in lg.qualifier_preps), len(ws))
    bare = " ".join(ws[:cut])
    if not bare:
        return None
    if not bare[1:2].isupper():
        bare = bare[:1].lower() + bare[1:]
    return bare, v.group("n")
