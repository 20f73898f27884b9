"""A name with its other name in parentheses, as a list item's label writes it:

    - True positive rate (sensitivity): 95% ...

-> 'What else is the true positive rate called?' -> 'Sensitivity'. The other name is a short noun phrase
in lower case (no acronym: those are read with the name; no aside: '(taller than S)', '(di vecchia
generazione)', '(e.g. ...)' open with a function word or say more than a name). A name's other name is no
number of the worked example it stands in: the card is kept there too (its rule's policy)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import words
from ...model import Block, Comparison, ItemList
from ..card import QA, Draft, Rule
from ..text import cap, is_label, is_term, plain
from .ask import named

MAX_ALIAS_WORDS = 3
MAX_ALIAS_ZIPF = 4.2
MIN_NAME_WORDS = 3
_ALIASED = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<alias>[^()]+)\)$")


def aliases(block: Block, ctx) -> Iterator[Draft]:
    lg = words.lang(ctx.lang)
    if not isinstance(block, Comparison) or "also_called" not in lg.templates:
        return
    for t in block.items:
        m = _ALIASED.match(plain(t.term).strip().rstrip(":"))
        if not m:
            continue
        name, alias = m.group("name").strip(), m.group("alias").strip()
        if not _alias(alias, lg) or not is_term(name, ctx.lang) or is_label(name, ctx.lang):
            continue
        if len(name.split()) < MIN_NAME_WORDS or alias.lower() in name.lower() or name.lower() in alias.lower():
            continue  # ('hdd cold (archive)', 's3 standard (general purpose)': a short name's gloss says its kind)
        front = lg.template("also_called", term=named(name, lg))
        yield ctx.draft(Rule.ALIAS, QA, [front], block, f"{name}/alias", cap(alias), source=t.source)


def _alias(alias: str, lg) -> bool:
    """'sensitivity', 'prior probability': a short lower-case noun phrase, no acronym, no aside."""
    toks = words.tokens(alias)
    ws = alias.split()
    if not toks or len(ws) > MAX_ALIAS_WORDS or not alias[:1].islower() or not all(w.isalpha() for w in ws):
        return False
    if any(t in lg.function_words or t in lg.negations or t in lg.comparatives for t in toks):
        return False
    # a term, not a gloss in everyday words ('(old generation)', '(general purpose)' say what kind it is)
    return min(words.zipf(t, lg.code) for t in toks) < MAX_ALIAS_ZIPF


MIN_GLOSS_WORDS = 3
MAX_SUBTYPE_GLOSS_WORDS = 16
_GLOSSED = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<gloss>[^()]+)\)\s*(?:\^\[.*\])?\s*\.?$")


def subtypes(block: Block, ctx) -> Iterator[Draft]:
    """The kinds of a name, each glossed in parentheses, under the line that names it:

        - La __resistenza__ indica la capacità di un batterio ...
            - Resistenza estrinseca (acquisita mediante selezione naturale)
            - Resistenza intrinseca (il batterio manca della struttura target dell'ab.)

    -> 'Che cos'è Resistenza intrinseca?' -> 'Il batterio manca della struttura target dell'ab.': a kind's
    name holds the parent's name ('resistenza'), its gloss says what sets it apart (a phrase, no example:
    '(e.g. ...)', no acronym)."""
    lg = words.lang(ctx.lang)
    if not isinstance(block, ItemList) or "what_is" not in lg.templates or not block.lines:
        return
    for line, parent in zip(block.lines, block.parents, strict=True):
        if not parent:
            continue
        m = _GLOSSED.match(plain(line).strip())
        if not m:
            continue
        name, gloss = m.group("name").strip(), m.group("gloss").strip().rstrip(".")
        toks = words.tokens(gloss)
        if len(gloss.split()) < MIN_GLOSS_WORDS or len(gloss.split()) > MAX_SUBTYPE_GLOSS_WORDS:
            continue
        if toks[0] in lg.function_words - lg.articles or any(
            tuple(toks[: len(e.split())]) == tuple(e.split()) for e in lg.example_openers
        ):
            continue  # ('(di vecchia generazione)', '(e.g. Redis, Memcached)': a qualifier or examples)
        head = words.tokens(plain(parent))
        said = [w for w in words.tokens(name) if w not in lg.function_words]
        if len(said) < 2 or not is_term(name, ctx.lang) or not any(w in head for w in said):
            continue  # (a kind's name says whose kind it is: 'Resistenza intrinseca' under '... resistenza ...')
        front = lg.template("what_is", term=f"**{name}**")
        yield ctx.draft(Rule.WHAT_IS, QA, [front], block, name, cap(gloss))
