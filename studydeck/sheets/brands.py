"""Stage 5a, names: the brand prefixes of a domain's names, read from the notes themselves.

Notes on one vendor's products name them with and without the vendor ("<Brand> Lens" in one line, "Lens"
in the next): on a sheet the prefix only takes room. A word is such a prefix when the notes nearly always
write it before another name, before several different names, and write those names mostly without it.
Nothing here knows a vendor: a physics or biology file has no such word and keeps every name whole.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from .. import words
from ..model import Comparison, Domain, ItemList, Paragraph, Steps, Table, Term

NAME = re.compile(r"(?<![\w.'’/-])([A-Z][\w/+-]*)(?![\w'’-])")
"""A capitalised word: a name, or the first word of a sentence."""
SHARE = 0.7  # of a prefix's uses, at least this many stand before another name
NAMES = 3  # it stands before at least this many different names ...
ALONE = 2  # ... of which at least this many the notes also write without it ...
MOSTLY = 2.0  # ... and those names stand alone at least this many times as often as after it


def brand_prefixes(domain: Domain, lang: str = words.DEFAULT) -> frozenset[str]:
    """The words the domain's notes use as a droppable prefix of their names."""
    lg = words.lang(lang)
    everyday = lg.function_words | lg.imperatives | lg.articles | lg.dangling
    uses: Counter[str] = Counter()
    before: Counter[str] = Counter()
    names: dict[str, set[str]] = defaultdict(set)
    alone: Counter[str] = Counter()
    for text in _texts(domain):
        found = list(NAME.finditer(text))
        for k, m in enumerate(found):
            word = m.group(1)
            # 'Pooling Layer': part of a name ('Use Lens' is not)
            glued = (
                k > 0 and text[found[k - 1].end() : m.start()] == " " and found[k - 1].group(1).lower() not in everyday
            )
            if not glued:
                alone[word] += 1
            if word.lower() in everyday:
                continue  # 'Use Lens to ...': a sentence's first word, not a prefix
            uses[word] += 1
            if k + 1 < len(found) and text[m.end() : found[k + 1].start()] == " ":
                before[word] += 1
                names[word].add(found[k + 1].group(1))
    return frozenset(
        w
        for w in uses
        if before[w] >= SHARE * uses[w]
        and len(names[w]) >= NAMES
        and sum(1 for n in names[w] if alone[n]) >= ALONE
        and sum(alone[n] for n in names[w]) >= MOSTLY * before[w]
    )


def strip(text: str, prefixes: frozenset[str]) -> str:
    """`text` without the prefixes before a name ('<Brand> Lens' -> 'Lens')."""
    if not prefixes:
        return text
    return re.sub(rf"\b(?:{'|'.join(map(re.escape, sorted(prefixes)))}) (?=[A-Z])", "", text)


def _texts(domain: Domain):
    for section in domain.sections:
        yield section.title
        for block in section.blocks:
            if isinstance(block, Paragraph):
                yield from block.sentences
            elif isinstance(block, (ItemList, Steps)):
                yield from block.items
            elif isinstance(block, Comparison):
                yield from _terms(block.items)
            elif isinstance(block, Table):
                yield from (c for row in [block.header, *block.rows] for c in row)


def _terms(terms: list[Term]):
    for t in terms:
        yield t.term
        yield t.description
        yield from _terms(t.children)
