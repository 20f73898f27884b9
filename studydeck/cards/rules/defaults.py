"""A state a thing has by default, as notes on software and services say it:

    - By default, all inbound traffic is denied, and all outbound traffic is allowed.

-> one cloze per state, the other shown: 'By default, all inbound traffic is [...], and all outbound traffic
is allowed.' The state is an everyday word ('denied', 'private', 'disabled'), yet it is the fact; the phrase
that marks a default is data (`default_markers` in studydeck/words/<lang>.toml)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import words
from ..card import CLOZE, Blank, Draft, Part, Rule
from ..text import plain, word_count
from .prose import _sentences

MAX_STATE_WORDS = 3
MAX_DEFAULT_WORDS = 30


def defaults(block, ctx) -> Iterator[Draft]:
    lg = words.lang(ctx.lang)
    if not lg.default_markers or not lg.copulas:
        return
    for _i, a, _seq in _sentences(block, ctx):
        text = a.text.strip()
        if a.kind in ("question", "example") or a.scenario or word_count(text) > MAX_DEFAULT_WORDS:
            continue
        if "$" in text or "`" in text or "**" in text or "[" in text:
            continue  # (a formula, code or a link in the sentence: no plain state to hide)
        low = plain(text).lower()
        if not any(low.startswith(m + ",") or re.search(rf"\b{re.escape(m)}[.;]?$", low) for m in lg.default_markers):
            continue
        front = _states(text, lg)
        if front:
            yield ctx.draft(Rule.DEFAULT, CLOZE, front, block, plain(text))


def _states(text: str, lg) -> list[Part]:
    """The sentence with the state of each of its clauses ('S is P', 'S are not P', joined by ', and') as a
    blank; [] when a clause is no such short state."""
    copulas = "|".join(re.escape(c) for c in sorted(lg.copulas, key=len, reverse=True))
    negations = "|".join(re.escape(n) for n in lg.negations) or "\0"
    markers = "|".join(re.escape(m) for m in lg.default_markers)
    body = text.rstrip(".")
    parts: list[Part] = []
    at = 0
    n = 0
    leading = re.match(rf"^\s*(?:{markers}),", body, re.I) is not None
    for clause in re.finditer(r"[^,;]+", body):
        if not leading and not re.search(rf"\b(?:{markers})\s*$", clause.group(0), re.I):
            continue  # ('..., a default group is automatically created, which ... by default': the marker's own clause)
        said = re.sub(rf"\s+(?:{markers})\s*$", "", clause.group(0), flags=re.I)
        m = re.search(
            rf"\b(?:{copulas})\s+(?:(?:{negations})\s+)?"
            rf"([^\W\d_][\w-]*(?:\s+[^\W\d_][\w-]*){{0,{MAX_STATE_WORDS - 1}}})$",
            said,
            re.I,
        )
        if not m:
            continue
        state = m.group(1)
        before = words.tokens(plain(said[: m.start()]))
        if not before or before[-1] in lg.dangling or before[-1] in lg.anaphora or before[-1] in lg.subject_pronouns:
            return []  # '... but this is not done by default': what is in that state is the sentence before
        if any(w.lower() in lg.function_words for w in state.split()[-1:]) or re.search(markers, state, re.I):
            continue
        start = clause.start() + m.start(1)
        n += 1
        parts += [body[at:start], Blank(state, n)]
        at = start + len(state)
    if not n:
        return []
    parts.append(body[at:] + ".")
    return [p for p in parts if p != ""]
