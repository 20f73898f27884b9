"""A card as a learner reads it, in plain text: the front with clozes blanked, then the back."""

from __future__ import annotations

import html
import re

from studydeck.model import Card

_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::([^}]*))?\}\}")


def plain(h: str) -> str:
    h = re.sub(r"<br\s*/?>|</li>|</div>", "\n", h)
    return html.unescape(re.sub(r"<[^>]+>", "", h)).strip()


def card_texts(c: Card) -> list[tuple[str, str]]:
    """(front, back) of each card of the note: one for Q/A, one per cloze number."""
    if c.kind == "qa":
        return [(plain(c.front), plain(c.answer))]
    out = []
    steps = re.match(r'(.*?)<ol class="steps">(.*)</ol>', c.front, re.S)
    if steps:
        # overlapping clozes: the card shows the step before as its cue (card.css hides the others)
        items = re.findall(r"<li[^>]*>(.*?)</li>", steps.group(2), re.S)
        for n, item in enumerate(items, 1):
            if not _CLOZE.search(item):
                continue  # a step shown only as the cue of the next: Anki makes no card of it
            # the first step has no step before it: the lead-in alone is its cue (no '0.' line)
            cue = f"\n{n - 1}. " + plain(_CLOZE.sub(lambda m: m.group(2), items[n - 2])) if n > 1 else ""
            q = _CLOZE.sub(lambda m: f"[{m.group(3) or '...'}]", item)
            a = _CLOZE.sub(lambda m: f"[[{m.group(2)}]]", item)
            # the back, as Anki shows it, keeps the lead-in and the cue: the answer read in its place
            head = plain(steps.group(1)) + cue + f"\n{n}. "
            out.append((head + plain(q), head + plain(a)))
        return out
    for n in sorted({int(m.group(1)) for m in _CLOZE.finditer(c.front)}):

        def q(m, n=n):
            if int(m.group(1)) == n:
                return f"[{m.group(3) or '...'}]"
            return m.group(2)

        def a(m, n=n):
            return f"[[{m.group(2)}]]" if int(m.group(1)) == n else m.group(2)

        out.append((plain(_CLOZE.sub(q, c.front)), plain(_CLOZE.sub(a, c.front))))
    return out


def card_text(c: Card, first_only: bool = False) -> str:
    lines = [f"  context: {c.context}"]
    for k, (f, b) in enumerate(card_texts(c)):
        if first_only and k:
            break
        lines.append(f"  Q: {f}")
        lines.append(f"  A: {b}")
    if c.extra:
        lines.append(f"  extra: {clip(plain(c.extra), 300)}")
    if c.sources:
        lines.append(f"  sources: {len(c.sources)}")
    return "\n".join(lines)


def clip(text: str, n: int) -> str:
    """A long extra shortened for a reviewer's sheet, marked so the cut is not taken for the card's."""
    return text if len(text) <= n else text[:n].rstrip() + " [... shortened in this sample]"
