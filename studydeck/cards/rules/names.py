"""A sentence that gives a description its name: 'The movement of water across a membrane is called
osmosis', 'A group of similar cells working together is known as a tissue' -> 'What is osmosis?' -> 'The
movement of water across a membrane', and, when the name is not set in bold (the emphasis rule hides it
then), the cloze 'The movement of water across a membrane is called [...]' -> 'osmosis'.

The naming verbs ('is called', 'is known as', ...) and the question are the language's (`naming`,
`what_is` in studydeck/words/<lang>.toml); a language without them gives none."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import words
from ...model import Block
from ..card import CLOZE, QA, Blank, Rule
from ..text import cap, ends_open, informative, is_label, plain, strip_end, word_count
from ..text import is_term as _is_term
from .prose import _extra, _parent, _sentences, _usable
from .terms import _plural

MAX_NAME_WORDS = 4
MAX_DESCRIPTION_WORDS = 18
# ('Doing the split like this is called ...': what 'like this' points at is the description; a description
# of this many content words says it without the pointer)
MIN_UNPOINTED_WORDS = 4


def names(block: Block, ctx) -> Iterator:
    lg = words.lang(ctx.lang)
    if not lg.naming or "what_is" not in lg.templates:
        return
    for i, a, seq in _sentences(block, ctx):
        if not a.negated and not a.warning and a.kind not in ("question", "example"):
            named_before = _named_before(a, seq, i, block, ctx)
            if named_before is not None:
                yield named_before
                continue
        if not _usable(a) or a.negated or a.warning or a.dangling or a.kind in ("question", "example"):
            continue
        split = _split(_unwrapped(a.text, lg), lg)
        if not split:
            continue
        described, name, bold = split
        bare = _bare(name, lg)
        if (
            word_count(name) > MAX_NAME_WORDS
            or word_count(described) > MAX_DESCRIPTION_WORDS
            or len(informative(described, ctx.lang)) < 2
            or ends_open(described, ctx.lang)
            or is_label(name, ctx.lang)
            or not _is_term(bare, ctx.lang, ctx.facts.terms, strict=False)
            or any(t in lg.demonstratives for t in words.tokens(described))  # ('... like this is called X')
            or any(t in lg.conditions_first for t in words.tokens(name))
        ):
            continue
        extra = _extra(seq, i)
        head = described.split(" ", 1)[0]
        what = described[0].lower() + described[1:] if head[1:].islower() or len(head) == 1 else described
        asked = "what_are" if _plural(bare, lg) and "what_are" in lg.templates else "what_is"
        yield ctx.draft(Rule.NAMED, QA, [lg.template(asked, term=f"**{name}**")], block, bare, cap(what), extra=extra)
        if not bold:
            # the other way as a cloze (a Q/A of the same words would be the same card twice to the deck)
            k = a.text.lower().rfind(bare.lower())
            tail = a.text[k + len(bare) :]
            front = [a.text[:k], Blank(bare)] + ([tail] if tail else [])
            yield ctx.draft(Rule.NAMED_REVERSE, CLOZE, front, block, bare, "", extra=extra)


MAX_POINTER_WORDS = 4
MIN_BEFORE_WORDS = 3
MAX_BEFORE_WORDS = 30


def _named_before(a, seq: list, i: int, block: Block, ctx):
    """'This is called **implementation inheritance** since ...', 'In radio networks, this is called "sensing
    the carrier"', 'This type of curve is called a "rectangular hyperbola" because ...': a name given to what
    the sentence before says (the line above, or the item it hangs under). The cloze shows that sentence
    and hides the name: 'In some networks, it is possible to listen to the channel before transmitting. In
    radio networks, this is called [...].' -> 'sensing the carrier'. None for any other sentence."""
    lg = words.lang(ctx.lang)
    text = re.sub(r"\b(it|that|this)'s\b", r"\1 is", a.text, flags=re.I)  # ('And it's called X')
    split = _split(text, lg)
    if not split:
        return None
    described, name, _bold = split
    marked = re.search(
        rf"\b(?:{'|'.join(re.escape(v) for v in lg.naming)})\s+(?:(?:{'|'.join(lg.articles)})\s+)?"
        r"(?:\*\*|__|[\"“])\s*([^*_\"“”]+?)\s*[.,]?(?:\*\*|__|[\"”])",
        text,
        re.I,
    )
    if marked:
        name = marked.group(1).strip()  # ('is called **X** since ...': the name is what the author set apart)
    else:
        why = "|".join(re.escape(" ".join(r) if isinstance(r, tuple) else r) for r in lg.reasons) or "\\0"
        name = re.split(rf"\s+(?:{why})\s+", name, maxsplit=1)[0]
    pointer = words.tokens(described.rsplit(",", 1)[-1])
    if pointer[:1] and pointer[0] in lg.conjunctions:
        pointer = pointer[1:]  # ('And it is called X')
    if (
        not pointer
        or pointer[0] not in lg.demonstratives | lg.subject_pronouns
        or len(pointer) > MAX_POINTER_WORDS
        or word_count(name) > MAX_NAME_WORDS
        or is_label(name, ctx.lang)
    ):
        return None
    parent = _parent(block, i)
    before = parent if parent else seq[i - 1].text if i > 0 else ""
    if not parent and i > 0:
        prev = seq[i - 1]
        toks = words.tokens(prev.plain)
        if prev.kind in ("question", "example") or prev.dangling and not (toks and toks[0] in lg.generic_subjects):
            return None  # (a line that leans on another gives the name nothing to name; 'You may ...' leans on none)
    if not before:
        return None
    if (
        len(informative(before, ctx.lang)) < MIN_BEFORE_WORDS
        or word_count(before) > MAX_BEFORE_WORDS
        or ends_open(before, ctx.lang)
        or not before[:1].isupper()  # ('provides a low-code ...': a line whose subject is elsewhere)
        or strip_end(plain(before)).endswith(("!", "?"))
    ):
        return None
    bare = _bare(name, lg)
    if not _is_term(bare, ctx.lang, ctx.facts.terms, strict=False):
        return None
    m = re.search(rf"(\*\*|__|[\"“])?\s*{re.escape(bare)}\s*\.?(\*\*|__|[\"”])?", a.text, re.I)
    if not m:
        return None
    shown = strip_end(before) + "."
    tail = strip_end(a.text[m.end() :])
    # what follows the name ('since an object takes ...', 'because a rectangle ...') explains it: the back's
    extra = [cap(tail.lstrip(" ,")) + "."] if informative(tail, ctx.lang) else []
    front = [f"{shown} {a.text[: m.start()]}", Blank(bare), "."]
    return ctx.draft(Rule.NAMED_REVERSE, CLOZE, front, block, bare, "", extra=extra)


def _unwrapped(text: str, lg) -> str:
    """'(Side note: making many classes share one interface like this is called **polymorphism.**)' ->
    'making many classes share one interface is called **polymorphism.**': a sentence set in parentheses
    as an aside, its label ('Side note:', the language's `asides`) and a closing 'like this' (`deictic_tails`)
    left out, when what stays says all of it."""
    m = re.fullmatch(r"\((.+)\)\.?", text.strip())
    if m and "(" not in m.group(1) and ")" not in m.group(1):
        text = m.group(1).strip()
        label = re.match(r"^([^:]{1,20}):\s+(\S.*)$", text)
        if label and tuple(words.tokens(label.group(1))) in lg.asides:
            text = label.group(2)
    low = text.lower()
    for verb in lg.naming:
        for tail in lg.deictic_tails:
            low_tail = f" {' '.join(tail)} {verb} "
            k = low.find(low_tail)
            if k > 0 and len(informative(text[:k], lg.code)) >= MIN_UNPOINTED_WORDS:
                return text[:k] + text[k + len(low_tail) - len(verb) - 2 :]
    return text


def _split(text: str, lg) -> tuple[str, str, bool] | None:
    """(what is described, its name, whether the name is set in bold) of '<description> is called <name>'."""
    low = text.lower()
    for verb in sorted(lg.naming, key=len, reverse=True):
        k = low.find(f" {verb} ")
        if k <= 0:
            continue
        described = text[:k].strip()
        rest = strip_end(text[k + len(verb) + 2 :].strip())
        lead = re.match(r"((?:\*\*|__)[^*_]+(?:\*\*|__)[^,;]*),\s+(?:and|or)\s", rest)
        if lead:
            # 'are called **finite** real numbers, and the others are **infinite**': the name, then a clause
            # of its own about the rest
            rest = lead.group(1)
        bold = bool(re.fullmatch(r"(\*\*|__).+(\*\*|__)\.?", rest.strip()))
        name = plain(rest).strip(" .\"'“”")
        if "," in name or not name:
            return None  # ('is called X, which ...': more than its name follows)
        # (a formula in the description stays one: '$\mathbb{R}$' is drawn, its plain text is TeX source)
        return (described if "$" in described else plain(described)), name, bold
    return None


def _bare(name: str, lg) -> str:
    """The name without its article ('a tissue' -> 'tissue'), as the notes' terms are kept."""
    ws = name.split(" ", 1)
    return ws[1] if len(ws) == 2 and ws[0].lower() in lg.articles else name
