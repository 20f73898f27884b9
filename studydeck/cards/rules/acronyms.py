"""An acronym written out beside it, in parentheses either way:

    ... has BSE (Bovine Spongiform Encephalopathy), given that ...
    - Carrier Sensing Multiple Access (CSMA)

-> 'What does BSE stand for?' -> 'Bovine Spongiform Encephalopathy'. Only when the written-out words'
initials spell the acronym (the language's `function_words` skipped: 'Network Access Control List (NACL)',
'Bucket Access Control List (ACL)' reads 'Access Control List'); a gloss in parentheses that is no
expansion ('Accelerated Computing (GPU)', 'FTP (Data Transfer)') gives no card. The expansion holds beyond
a worked example it is written in (its rule's policy)."""

from __future__ import annotations

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
            front = lg.template("stands_for", term=f"**{abbr}**")
            yield ctx.draft(Rule.ACRONYM, QA, [front], block, f"{abbr}/expansion", expansion, source=source)
