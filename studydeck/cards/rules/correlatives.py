"""'The more narrowly defined the product, the more elastic the demand' (a comparative correlative: one
quantity moves with another) -> a cloze hiding how the second one moves: 'The more narrowly defined the
product, [...] the demand' -> 'the more elastic'. The direction is the fact, so it is the blank.

The opener ('the') and the comparatives ('more', 'higher', ...) are word lists of the language
(`correlative_openers`, `comparatives` in studydeck/words/<lang>.toml); a language without them gives none."""

from __future__ import annotations

from collections.abc import Iterator

from ... import words
from ...model import Block
from ..card import CLOZE, Blank, Rule
from ..text import plain, strip_end, word_count
from .prose import _extra, _sentences, _usable

MAX_HALF_WORDS = 12


def correlatives(block: Block, ctx) -> Iterator:
    lg = words.lang(ctx.lang)
    if not lg.correlative_openers or not lg.comparatives:
        return
    for i, a, seq in _sentences(block, ctx):
        if not _usable(a) or a.warning:
            continue
        text = strip_end(plain(a.text))
        first, comma, second = text.partition(", ")
        if not comma or "," in second:
            continue
        f, s = first.split(), second.split()
        if not (_compares(f, lg) and _compares(s, lg)) or len(f) < 3:
            continue
        # the blank: the opener, the comparative and, after 'more'/'less', the word it grades
        k = 3 if len(s) > 2 and s[1].lower() in lg.comparatives and s[1].isalpha() and _graded(s, lg) else 2
        hidden, rest = " ".join(s[:k]), " ".join(s[k:])
        if word_count(first) > MAX_HALF_WORDS or word_count(second) > MAX_HALF_WORDS:
            continue
        front = [first + ", ", Blank(hidden)] + ([" " + rest] if rest else [])
        yield ctx.draft(Rule.CORRELATIVE, CLOZE, front, block, first.lower(), "", extra=_extra(seq, i))


def _compares(ws: list[str], lg) -> bool:
    return len(ws) >= 2 and ws[0].lower() in lg.correlative_openers and ws[1].lower() in lg.comparatives


def _graded(s: list[str], lg) -> bool:
    """'the more elastic the demand': 'more' grades the next word unless an article follows ('the more the
    merrier' has none to grade)."""
    return s[1].lower() in ("more", "less") and s[2].lower() not in lg.articles | lg.correlative_openers
