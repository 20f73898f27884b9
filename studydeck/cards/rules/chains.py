"""A task or a name, a colon, and the things that do it joined by arrows, as cloud and systems notes write a
pipeline:

    Search the web server's logs as they arrive: Collector -> Parser -> Indexer for a setup with no servers
    * make a voice assistant: Listener -> Intents -> Speaker
    * face finder: Camera -> Detector

-> 'How do you search the web server's logs as they arrive, for a setup with no servers?' -> 'Collector →
Parser → Indexer'; 'Face finder: which pipeline?' -> 'Camera → Detector'. The arrows, the
templates and the words a question says for the notes' own 'we' / 'our' are data (`chain_arrows`,
`how_to`, `pipeline_of`, `you_forms`)."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from functools import lru_cache

from ... import words
from ...model import Block, Comparison
from ...notes.analyse import analyse
from ..card import QA, Draft, Rule
from ..context import block_texts
from ..text import cap, plain, strip_end, word_count

MAX_PART_WORDS = 3
MAX_PARTS = 6
MAX_NAME_WORDS = 4
MIN_GOAL_WORDS = 3
MAX_GOAL_WORDS = 20
MIN_QUALIFIER_WORDS = 2


def chains(block: Block, ctx) -> Iterator[Draft]:
    lg = words.lang(ctx.lang)
    if not lg.chain_arrows or "how_to" not in lg.templates or "pipeline_of" not in lg.templates:
        return
    for lead, chain in _pairs(block):
        asked = _chain(lead, chain, lg, ctx.lang)
        if asked:
            front, answer, key = asked
            yield ctx.draft(Rule.PIPELINE, QA, [front], block, key, answer)


def _pairs(block: Block) -> list[tuple[str, str]]:
    """(what comes before the colon, what comes after) of each line of text that has one."""
    if isinstance(block, Comparison):
        out = []
        queue = deque(block.items)  # (breadth first: a list's terms before the terms under them)
        while queue:
            t = queue.popleft()
            if t.description and not t.details:
                out.append((t.term, t.description))
            queue.extend(t.children)
        return out
    out = []
    for x, _ in block_texts(block):
        lead, colon, rest = x.partition(": ")
        if colon:
            out.append((lead, rest))
    return out


def _chain(lead: str, chain: str, lg, lang: str) -> tuple[str, str, str] | None:
    """(front, answer, identity key) of a lead and a chain of names, None when either is not of that shape."""
    if "`" in lead or "`" in chain or "$" in chain:
        return None  # ('`INPUT -> CONV -> RELU -> FC`': code, a layout of symbols)
    parts = [p.strip() for p in _arrow_pattern(lg.code).split(plain(chain).strip())]
    if not 2 <= len(parts) <= MAX_PARTS or any(not p for p in parts):
        return None
    parts[-1], qualifier = _qualified(parts[-1], lg)
    for p in parts:
        toks = words.tokens(re.sub(r"\([^)]*\)", " ", p))
        if (
            not toks
            or len(toks) > MAX_PART_WORDS
            or not re.match(r"[^\W\d_]", p)
            or any(t in lg.function_words or lg.acts(t) for t in toks)
        ):
            return None  # ('... -> nearly every frame collides': a clause, not a name)
    said = strip_end(plain(lead)).strip()
    toks = words.tokens(said)
    if not toks or said.endswith("?") or analyse(said, lang).dangling:
        return None
    answer = " → ".join(parts)
    goal = " ".join(lg.you_forms.get(w.lower(), w) for w in said.split())
    if qualifier:
        goal = f"{goal}, {qualifier}"
    if _verb_led(toks, lg):
        if not MIN_GOAL_WORDS <= word_count(goal) <= MAX_GOAL_WORDS:
            return None
        front = lg.template("how_to", goal=goal[:1].lower() + goal[1:])
        return front, answer, said.lower()
    if len(toks) > MAX_NAME_WORDS or toks[0] in lg.function_words or lg.acts(toks[0]):
        return None  # ('For translation purposes of audio', 'Scales out when ...': no name of a pipeline)
    return lg.template("pipeline_of", term=cap(goal)), answer, said.lower()


@lru_cache(maxsize=8)
def _arrow_pattern(code: str) -> re.Pattern:
    """An arrow of the language's chains, longest first, with the spaces around it; once per language."""
    arrows = "|".join(re.escape(a) for a in sorted(words.lang(code).chain_arrows, key=len, reverse=True))
    return re.compile(rf"\s*(?:{arrows})\s*")


def _qualified(last: str, lg) -> tuple[str, str]:
    """'Indexer for a setup with no servers' -> ('Indexer', 'for a setup with no servers'): what
    the notes add after the last name, from a function word on, qualifies the whole task."""
    ws = last.split()
    for k, w in enumerate(ws[1:], 1):
        if w.lower() in lg.function_words and w.lower() not in lg.conjunctions:
            if len(ws) - k > MIN_QUALIFIER_WORDS:
                return " ".join(ws[:k]), " ".join(ws[k:])
            return last, ""
    return last, ""


def _verb_led(toks: list[str], lg) -> bool:
    """'Search and chart ...', 'make a voice assistant': a base verb, then a word that can only follow a
    verb (an article, a conjunction, a possessive, a pronoun); 'Stream processing' is a name."""
    if len(toks) < 2:
        return False
    first = toks[0]
    third = first + ("es" if first.endswith(("s", "sh", "ch", "x", "z")) else "s")  # ('search' -> 'searches')
    verb = first in lg.imperatives or lg.code == "en" and lg.acts(third)
    nxt = toks[1]
    return verb and (nxt in lg.function_words or nxt in lg.you_forms)
