"""List lines that leave their subject to the line or heading above them, as notes are often written:

    - Arc elasticity estimate
        - Requires information on two price-quantity combinations

-> 'What does the arc elasticity estimate require?' -> 'Information on two price-quantity combinations'.
The openers ('Requires', 'Useful for', 'Also known as') and the question each asks are word lists
(`implied_*`, `object_verbs` in studydeck/words/<lang>.toml)."""

from __future__ import annotations

from collections.abc import Iterator

from ... import words
from ...model import Block, ItemList
from ..card import QA, Draft, Rule
from ..text import cap, ends_open, heading_name, is_label, names_something, plain, strip_end, word_count
from ..text import is_term as _is_term
from .ask import after, named, opener_question
from .prose import _parent, _usable
from .terms import _plural

MAX_ANSWER_WORDS = 20


def implied(block: Block, ctx) -> Iterator[Draft]:
    if not isinstance(block, ItemList):
        return
    lg = words.lang(ctx.lang)
    heading = heading_name(ctx.path[-1]) if ctx.path and ctx.section.level > 0 else ""
    for i, a in enumerate(block.analysis):
        # a top-level line leaves its subject to the heading ('## SM Pipeline' over '- ensures reproducibility')
        owner = _owner(_parent(block, i) or heading, ctx)
        if not owner or a.subject or a.negated or a.warning or a.kind in ("question", "example"):
            continue
        # ('Also known as ...' opens with a word that leans on the line above: here, by design)
        if not _usable(a) and not (a.dangling and opener_question(a.plain, owner, lg)):
            continue
        asked = _question(a.plain, owner, lg, first=_first_line(block, i, ctx))
        if not asked:
            continue
        front, answer, key = asked
        answer = strip_end(answer)
        if (
            word_count(answer) > MAX_ANSWER_WORDS
            or ends_open(answer, ctx.lang)
            or answer.endswith(":")
            or not names_something(answer, ctx.lang)
        ):
            continue
        yield ctx.draft(Rule.IMPLIED, QA, [front], block, f"{plain(owner)} {key}", cap(answer))


def _owner(parent: str, ctx) -> str:
    """The item above as the line's subject: a name (no sentence, no label like 'Pros')."""
    p = strip_end(plain(parent)).rstrip(":").strip()
    if not p or "\\" in p or is_label(p, ctx.lang) or not _is_term(p, ctx.lang, ctx.facts.terms, strict=False):
        return ""
    return p


def _first_line(block: ItemList, i: int, ctx) -> bool:
    """The first line said of its owner: under its item, or the section's first line under its heading."""
    parent = block.parents[i]
    if parent:
        return block.parents.index(parent) == i
    return i == 0 and bool(ctx.section.blocks) and ctx.section.blocks[0] is block


def _question(line: str, owner: str, lg, first: bool = False) -> tuple[str, str, str] | None:
    """(front, answer, identity key) of a line whose opener asks one thing of `owner`."""
    opened = opener_question(line, owner, lg)
    if opened:
        return opened
    toks = words.tokens(line)
    if not toks:
        return None
    verb = toks[0]
    base = (lg.object_verbs or {}).get(verb)
    if base and base != verb and "does_verb" in lg.templates and len(toks) > 2:
        return lg.template("does_verb", term=named(owner, lg), verb=base), after(line, 1), base
    if not first or not lg.acts(verb) or len(toks) <= 3:
        return None
    # '- Interacts with the D-Ala end of the chain' first under 'Glycopeptides': what the name does (only the
    # first line: 'What does X do?' asked of a later one has the first one's answer too)
    template = "what_do" if _plural_verb(verb, lg) or lg.code == "en" and _plural(owner, lg) else "what_does"
    return (lg.template(template, term=named(owner, lg)), line, "does") if template in lg.templates else None


def _plural_verb(verb: str, lg) -> bool:
    """'interagiscono': the language's plural form of a verb (English marks the singular, 'interacts')."""
    return bool(lg.plural_verb_endings) and verb.endswith(lg.plural_verb_endings)
