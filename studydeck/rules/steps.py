"""Numbered steps -> one note of overlapping clozes: each step hidden in turn, cued by the step before."""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Block, Card, Paragraph, Steps
from .text import clean, cloze, plain, render, to_html, words

MAX_DELETION_WORDS = 6
_PREP = {"in", "into", "from", "to", "by", "with", "for", "on", "at", "of", "as", "that", "which", "using", "and"}


def steps(block: Block, ctx) -> Iterator[Card]:
    if not isinstance(block, Steps) or len([i for i in block.items if plain(i)]) < 2:
        return
    if sum(len(words(plain(i))) for i in block.items) / len(block.items) > 25:
        return  # numbered paragraphs, not steps: nothing short to recall in order
    intro = plain(block.intro).rstrip(":. ") or _intro_from_before(block, ctx)
    lis = []
    items = [i for i in block.items if plain(i)]
    for n, item in enumerate(items, 1):
        before, hidden, after = _split(item)
        if not plain(hidden):
            hidden, after = item, ""
        body = render(before, (cloze(to_html(hidden), n),), after)
        lis.append(f'<li value="{n}">{body}</li>')
    head = f"<div class=\"steps-intro\">{to_html(intro)}:</div>" if intro else ""
    front = f"{head}<ol class=\"steps\">{''.join(lis)}</ol>"
    # the key: the lead-in when the notes give one, else the first step's hidden words (a section may
    # hold several unlabelled step lists)
    subject = plain(block.intro).rstrip(":. ") or _split(block.items[0])[1]
    yield ctx.card("cloze", front, "", block, "steps", subject)


def _intro_from_before(block: Steps, ctx) -> str:
    """The steps' topic when there is no lead-in: the section title."""
    return plain(ctx.section.title)


def _split(item: str) -> tuple[str, str, str]:
    """The part of a step to hide (its label, or its first words up to a preposition) and the rest."""
    text = clean(item).strip()
    m = re.match(r"^([^:]{2,40}):\s+(.+)$", text)
    if m and len(words(m.group(1))) <= MAX_DELETION_WORDS:
        label_words = {w.lower() for w in words(m.group(1)) if len(w) > 3}
        if label_words and label_words <= {w.lower() for w in words(m.group(2))}:
            # the label would give itself away: hide the description (its first words) instead
            head, rest = _first_words(m.group(2))
            return m.group(1) + ": ", head, rest
        return "", m.group(1), ": " + m.group(2)
    head, rest = _first_words(text)
    return "", head, rest


def _first_words(text: str) -> tuple[str, str]:
    toks = text.split(" ")
    cut = len(toks)
    for i, t in enumerate(toks):
        if i >= 2 and t.lower() in _PREP:
            cut = i
            break
    cut = min(cut, MAX_DELETION_WORDS)
    head = " ".join(toks[:cut]).rstrip(".,")
    rest = text[len(head):]
    return head, rest
