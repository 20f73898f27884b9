"""An acronym written out beside it, in parentheses either way:

    ... has BSE (Bovine Spongiform Encephalopathy), given that ...
    - Carrier Sensing Multiple Access (CSMA)

-> 'What does BSE stand for?' -> 'Bovine Spongiform Encephalopathy'. Only when the written-out words'
initials spell the acronym (the language's `function_words` skipped: 'Network Access Control List (NACL)',
'Bucket Access Control List (ACL)' reads 'Access Control List'); a gloss in parentheses that is no
expansion ('Accelerated Computing (GPU)', 'FTP (Data Transfer)') gives no card. The expansion holds beyond
a worked example it is written in (its rule's policy).

Only an acronym that is a subject of the notes: in a heading of its path, the term or label its text opens
with, the subject its sentence opens with (after articles or an opening phrase and its comma:
'Between networks, Border Gateway Protocol (BGP) carries ...'), or named in another block or heading of the
file. One written out once inside a description of something else ('This uses a convolutional neural
network (CNN) pretrained ...') gives no card."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import words
from ...model import Block
from ..card import QA, Draft, Rule
from ..context import block_texts
from ..text import expansions, plain


def acronyms(block: Block, ctx) -> Iterator[Draft]:
    lg = words.lang(ctx.lang)
    if "stands_for" not in lg.templates:
        return
    seen: set[str] = set()
    for text, source in block_texts(block):
        for abbr, expansion in expansions(plain(text), ctx.lang):
            if abbr in seen or ctx.facts.spelled.get(f"{abbr} {expansion}".lower(), ctx.domain.slug) != ctx.domain.slug:
                continue  # (written out in an earlier domain of the file too: asked there once)
            seen.add(abbr)
            if any(expansion.lower() in plain(h).lower() for h in ctx.path):
                continue  # ('Artificial intelligence / ML' over 'AI (Artificial intelligence)': on the front)
            if not _a_subject(abbr, expansion, plain(text), ctx, lg):
                continue  # (named once, in passing: 'a convolutional neural network (CNN) pretrained for ...')
            front = lg.template("stands_for", term=f"**{abbr}**")
            yield ctx.draft(Rule.ACRONYM, QA, [front], block, f"{abbr}/expansion", expansion, source=source)


_OPENING_WORDS = 4  # an opening phrase closed by a comma, before the subject
_SENTENCE_END = re.compile(r"[.!?;:]\s+|\s[-–—]\s")


def _a_subject(abbr: str, expansion: str, text: str, ctx, lg) -> bool:
    """The acronym is (part of) a heading, named in another block or heading, or its text or sentence opens
    with it: nothing before it but function words, or a phrase closed by a comma."""
    named = re.compile(rf"\b{re.escape(abbr)}s?\b")
    if any(named.search(plain(h)) for h in ctx.path) or ctx.facts.mentions.get(abbr.lower(), 0) > 1:
        return True
    m = re.search(rf"\(\s*{re.escape(abbr)}s?\s*\)|\b{re.escape(abbr)}s?\s*\(", text)
    if not m:
        return True
    before = text[: m.start()]
    if m.group(0).startswith("("):  # written out before it: its words are the group's start
        ws = before.split()
        before = " ".join(ws[: max(0, len(ws) - len(expansion.split()))])
    before = _SENTENCE_END.split(before)[-1].strip(" *_-•")
    if before.endswith(",") and "," not in before[:-1] and len(before.split()) <= _OPENING_WORDS:
        return True  # ('Between networks, Border Gateway Protocol (BGP) carries ...')
    # nothing but articles and the name's own capitalised words ('Object Access Control List (ACL)')
    return all(
        w.lower() in lg.articles or (w[0].isupper() and w.lower() not in lg.function_words)
        for w in re.findall(r"[^\W\d_]+", before)
    )
