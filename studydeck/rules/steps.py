"""Numbered steps -> one note of overlapping clozes: each step hidden in turn, cued by the step before."""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Block, Card, Paragraph, Steps
from .text import clean, cloze, content_words, key_words, leaked, plain, render, same_stem, to_html, words

MAX_DELETION_WORDS = 6
_PREP = {"in", "into", "from", "to", "by", "with", "for", "on", "at", "of", "as", "that", "which", "using", "and"}


def steps(block: Block, ctx) -> Iterator[Card]:
    if not isinstance(block, Steps) or len([i for i in block.items if plain(i)]) < 2:
        return
    if sum(len(words(plain(i))) for i in block.items) / len(block.items) > 25:
        return  # numbered paragraphs, not steps: nothing short to recall in order
    intro = plain(block.intro).rstrip(":. ") or _purpose_nearby(block, ctx)
    if not intro:
        return  # steps that do not say what they are for ('Bedrock:') make no card
    lis = []
    items = [i for i in block.items if plain(i)]
    for n, item in enumerate(items, 1):
        before, hidden, after = _split(item)
        if not plain(hidden):
            hidden, after = item, ""
        if n == 1 and not intro and not before:
            # no lead-in names the list: the first step would be asked with no cue at all; it is the
            # cue of the second
            hidden = _NOTHING
            after = item
        if hidden is not _NOTHING and not _key_term(plain(hidden)):
            # 'Run a fine-tuning job', 'Load tabular data': a common phrase, nothing to recall by name;
            # hide the name the step uses instead ('... with StartIngestionJob'), if it does not leak
            whole = before + hidden + after
            name = _NAME.search(whole[1:])
            if name and not leaked(name.group(0), intro + " " + whole.replace(name.group(0), " ")):
                k = name.start() + 1
                before, hidden, after = whole[:k], name.group(0), whole[k + len(name.group(0)) :]
            else:
                hidden, after = _NOTHING, whole
        if hidden is _NOTHING:
            # every part would give itself away: the step is shown, as the cue of the next one, but not asked
            lis.append(f'<li value="{n}">{render(after)}</li>')
            continue
        body = render(before, (cloze(to_html(hidden), n),), after)
        lis.append(f'<li value="{n}">{body}</li>')
    if sum("{{c" in li for li in lis) < 2:
        return  # one step asked alone is no sequence: 'To use a knowledge base: 1. [...]' reads as a fragment
    head = f"<div class=\"steps-intro\">{render(intro)}:</div>" if intro else ""
    front = f"{head}<ol class=\"steps\">{''.join(lis)}</ol>"
    # the key: the lead-in when the notes give one, else the first step's hidden words (a section may
    # hold several unlabelled step lists)
    first = _split(block.items[0])[1]
    subject = plain(block.intro).rstrip(":. ") or (plain(block.items[0]) if first is _NOTHING else first)
    yield ctx.card("cloze", front, "", block, "steps", subject)


_PURPOSE = re.compile(r"^(To [a-z][\w-]* [^,]{3,60}?), (?:you )?(?:must|should|need to|can)\b")


def _purpose_nearby(block: Steps, ctx) -> str:
    """What steps without a lead-in are for, from a sentence of their group that says it ('To use a
    knowledge base in Amazon Bedrock, you must first ...'); '' when none does."""
    for b in ctx.section.blocks:
        if isinstance(b, Paragraph) and b.group == block.group:
            for sent in b.sentences:
                m = _PURPOSE.match(plain(sent))
                if m:
                    return m.group(1)
    return ""


_NAME = re.compile(r"(?<![\w.])(?:[A-Z][\w-]*[A-Z0-9][\w-]*|[A-Z][a-z][\w-]*(?: [A-Z][\w-]*){1,3})(?![\w-])")


def _key_term(text: str) -> bool:
    """A step worth hiding names something: a capitalised word after the first ('Amazon S3'), an
    acronym or a number; 'Load tabular data' or 'Ingest the data' only says what to do."""
    ws = words(text)
    return any(any(ch.isupper() for ch in w) or any(ch.isdigit() for ch in w) for w in ws[1:]) or any(
        sum(ch.isupper() for ch in w) > 1 for w in ws[:1]
    )


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
        bad = leaked(m.group(1), m.group(2))
        if bad:
            # 'Full visibility and control: Full visibility with model notebooks': hide what the label
            # does not say ('model notebooks'); 'Automatic model creation: ... done automatically': nothing
            toks = m.group(2).split(" ")
            k = 0
            while k < len(toks) and (any(same_stem(w, b) for w in content_words(toks[k]) for b in key_words(m.group(1))) or toks[k].lower() in _PREP):
                k += 1
            if k == 0 or k == len(toks):
                return "", _NOTHING, text
            head, rest = _first_words(" ".join(toks[k:]))
            return m.group(1) + ": " + " ".join(toks[:k]) + " ", head, rest
        return "", m.group(1), ": " + m.group(2)
    head, rest = _first_words(text)
    return "", head, rest


_NOTHING = "\x00"


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
