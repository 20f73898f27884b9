"""A sentence that names the symbols it speaks of, two names or more ('... where the prior probability
$P(A)$ and the likelihoods $P(B|A)$ and $P(B|A^c)$ are known'): each name asked by its symbols ('What is
$P(A)$ called?' -> 'Prior probability'; 'What are $P(B|A)$ and $P(B|A^c)$ called?' -> 'Likelihoods')."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import words
from ...model import Block, ItemList, Paragraph
from ..card import QA, Draft, Rule
from ..text import cap, is_label

# a symbol that is a function of its arguments ('$P(B|A)$', '$g(z)$', '$h_\\theta(x)$'): a single letter
# ('$L$', '$x$') is a variable of its passage, named as often as it is used ('real numbers $L$ and $K$')
_FUNCTION_SYMBOL = r"\$[A-Za-z](?:_\{?[\w\\]+\}?)?\s*\([^$()]{1,16}\)\$"
_NAME = r"((?:[A-Za-z][\w'’-]* ){1,3})"
MIN_NAMES = 2


def symbols(block: Block, ctx) -> Iterator[Draft]:
    lg = words.lang(ctx.lang)
    if not {"called", "symbols_called"} <= lg.templates.keys() or not isinstance(block, (Paragraph, ItemList)):
        return
    lines = block.sentences if isinstance(block, Paragraph) else (block.lines or block.items)
    for line in lines:
        named = _named_symbols(line, ctx)
        if len(named) < MIN_NAMES:
            continue
        for name, syms in named:
            if len(syms) == 1:
                front = lg.template("called", term=syms[0])
            else:
                front = lg.template("symbols_called", first=", ".join(syms[:-1]), last=syms[-1])
            yield ctx.draft(Rule.SYMBOL_NAME, QA, [front], block, f"{' '.join(syms)}/name", cap(name))


def _named_symbols(line: str, ctx) -> list[tuple[str, list[str]]]:
    """('prior probability', ['$P(A)$']), ('likelihoods', ['$P(B|A)$', '$P(B|A^c)$']): each name a sentence
    writes before its symbols (an article or a conjunction before it: 'where the prior ...', 'and the
    likelihoods ...'), the symbols after it joined by the language's conjunctions."""
    lg = words.lang(ctx.lang)
    joins = "|".join(re.escape(c) for c in lg.conjunctions) or "and"
    out: list[tuple[str, list[str]]] = []
    pattern = re.compile(rf"{_NAME}({_FUNCTION_SYMBOL}(?:,? (?:{joins}) {_FUNCTION_SYMBOL})*)")
    for m in pattern.finditer(line):
        toks = m.group(1).split()
        name: list[str] = []
        for w in reversed(toks):
            low = w.lower()
            if low in lg.articles or low in lg.function_words or low in lg.copulas or lg.acts(low):
                break
            name.insert(0, w)
        before = toks[: len(toks) - len(name)] or line[: m.start()].split()[-1:]
        if not name or not before or before[-1].lower() not in set(lg.articles) | set(lg.conjunctions):
            continue  # ('Bernoulli with parameter $h(x)$': no article before the name, no name said)
        text = " ".join(name)
        if is_label(text, ctx.lang):
            continue
        out.append((text, re.findall(_FUNCTION_SYMBOL, m.group(2))))
    return out
