"""An advice whose condition comes first ('If the dataset is small, prefer simple models'), read the same way
wherever it is written: a sentence of prose (prose.conditions) or a term's description (terms)."""

from __future__ import annotations

import re

from ... import words
from ...model import Block
from ...notes.analyse import Sentence, analyse
from ..card import QA, Draft, Rule
from ..text import cap, content_words, ends_open, informative, plain, same_stem, strip_end, word_count

MAX_THING_WORDS = 12
MAX_CONDITION_WORDS = 15


def leading_choice(a: Sentence, block: Block, ctx, extra: list[str]) -> Draft | None:
    """'If the dataset is small, prefer simple models over deep networks' (the condition first) -> 'When
    should you prefer simple models over deep networks?' -> 'If the dataset is small'. A hedge between the
    comma and the verb ('you might want to choose') is the language's `choice_hedges`; examples after
    the thing ('like linear or tree-based ones') stay on the back."""
    lg = words.lang(ctx.lang)
    text = re.sub(r"\*\*|__", "", a.text)
    head, comma, rest = text.partition(", ")
    low = [w.lower() for w in head.split()]
    conj = next((c for c in lg.conditions if tuple(low[: len(c)]) == c and len(low) > len(c)), None)
    if not comma or not conj or "," in head:
        return None
    rest_low = rest.lower()
    for hedge in lg.choice_hedges:  # (longest first)
        if rest_low.startswith(hedge + " "):
            rest = rest[len(hedge) + 1 :]
            break
    ws = strip_end(rest).split()
    verb = ws[0].lower() if ws else ""
    if verb not in lg.choice_verbs or len(ws) < 2 or (verb,) in lg.warnings or a.warning:
        return None
    thing = " ".join(ws[1:])
    for aside in lg.example_openers:
        k = f" {thing.lower()} ".find(f" {aside} ")
        if k > 0:
            # ('simple models like X over deep networks': what it is preferred over stays)
            over = min((j for c in lg.contrast_preps if (j := thing.lower().find(f" {c} ", k)) > 0), default=-1)
            thing = thing[: k - 1].rstrip(",") + (thing[over:] if over > 0 else "")
            break
    cond = strip_end(head)
    if _named_by_its_property(thing, ctx):
        return None
    if (
        word_count(thing) > MAX_THING_WORDS
        or ends_open(thing, ctx.lang)
        or ends_open(cond, ctx.lang)
        or word_count(cond) > MAX_CONDITION_WORDS
        or analyse(cond, ctx.lang).dangling
        or len(informative(cond, ctx.lang)) < 2
        or any(t in lg.negations for t in words.tokens(plain(thing)))
        or analyse(thing, ctx.lang).dangling
    ):
        return None
    front = lg.template("when_should", verb=verb, thing=thing)
    return ctx.draft(Rule.CONDITION, QA, [front], block, f"{verb} {plain(thing)}", cap(cond), extra=extra)


def _named_by_its_property(thing: str, ctx) -> bool:
    """'consider instance types that offer scalability options', 'choose a model that can scale well': the
    thing chosen is a kind of thing ('instance types', 'a model') picked by the very property the condition
    asks for, so the card's answer follows from its question (blind review: 'When should you choose a
    scalable model? -> if your dataset is expected to grow' has nothing to recall). A choice worth a card
    names what is chosen: 'simpler models over deep networks', 'Newton's method'."""
    lg = words.lang(ctx.lang)
    toks = words.tokens(plain(thing))
    k = next((j for j, t in enumerate(toks) if t in lg.relatives), None)
    if not k:
        return False
    # (a word of the heading is the kind too: 'choose a store that ...' under 'Choosing a store')
    heading = [w for h in ctx.path for w in content_words(h, ctx.lang)]
    head = [w for w in informative(" ".join(toks[:k]), ctx.lang) if not any(same_stem(w, h) for h in heading)]
    return not head
