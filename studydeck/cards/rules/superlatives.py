"""A sentence that opens with what it singles out and ends with the thing:

    The largest bottleneck to be aware of when constructing ConvNet architectures is the memory bottleneck.
    The only change from plain LR is the $w^{(i)}$ multiplied onto each squared-error term.

-> 'What is the largest bottleneck to be aware of when constructing ConvNet architectures?' -> 'The memory
bottleneck' (the reverse of 'X is the only way to Y', rules/ask.singled_out). The words that single out are
the language's `superlatives`, `only_words` and `superlative_endings` ('-est')."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import words
from ...model import Block, Comparison
from ...notes.analyse import analyse
from ..card import CLOZE, QA, Blank, Draft, Rule
from ..text import cap, ends_open, heading_name, informative, is_label, is_term, plain, strip_end, word_count
from .ask import named
from .prose import _sentences

MAX_SINGLED_WORDS = 16
MAX_THING_WORDS = 12
MIN_SAID_FOR = 3


def superlatives(block: Block, ctx) -> Iterator[Draft]:
    lg = words.lang(ctx.lang)
    if "what_is" not in lg.templates or not lg.definite or not (lg.superlatives or lg.only_words):
        return
    copulas = "|".join(re.escape(c) for c in sorted(lg.copulas, key=len, reverse=True))
    said = [a for _i, a, _seq in _sentences(block, ctx)]
    if isinstance(block, Comparison) and block.intro:
        # (the paragraph over a list of terms is the list's intro: 'The largest bottleneck ... There are three
        # major sources of memory ...:')
        said = [analyse(x, ctx.lang) for x in re.split(r"(?<=[.!?])\s+(?=[A-Z])", block.intro)]
    for a in said:
        if a.kind in ("question", "example") or a.negated or a.warning or a.scenario:
            continue
        m = re.match(rf"^({re.escape(lg.definite)}\s+(\S+)\s+.+?)\s+({copulas})\s+(.+?)\.?$", a.text, re.I)
        if not m or not _singles_out(m.group(2).lower(), lg):
            continue
        said, thing = m.group(1), strip_end(re.split(r"[,;]\s|\s+which\s|\s+since\s|\s+because\s", m.group(4))[0])
        toks = words.tokens(plain(said))
        if word_count(said) > MAX_SINGLED_WORDS or len(informative(" ".join(toks[2:]), ctx.lang)) < MIN_SAID_FOR:
            continue  # ('The most common form is ...', 'The only human cell is ...': singled out of what is unsaid)
        if said.count("$") % 2 or thing.count("$") % 2 or any(t in lg.dangling for t in toks[2:]):
            continue  # ('The best practice here is ...': 'here' leans on the text before)
        first = words.tokens(plain(thing))[:1]
        if not thing or word_count(thing) > MAX_THING_WORDS or ends_open(thing, ctx.lang):
            continue
        if not (first and first[0] in lg.articles or re.match(r"[A-Z0-9$\\`*_]", thing)):
            continue  # ('... is to use max-pooling', '... is almost the same as RTD': an advice, a likeness, no thing)
        front = lg.template(
            "what_are" if m.group(3).lower() != "is" and m.group(3).lower() in ("are",) else "what_is",
            term=said[0].lower() + said[1:],
        )
        whose = _whose_difference(toks, ctx)
        if whose == "":
            continue  # ('The only difference from the first edition' under 'Overview': whose, it does not say)
        if whose:
            # 'The only change from plain LR is ...' under 'Locally weighted regression (LWR)': a difference
            # is the heading's name's, which the question must say ('What is the only change from plain
            # LR?' asks of nothing; blind review)
            front = f"**{whose}**: {front[:1].lower()}{front[1:]}"
        yield ctx.draft(Rule.SINGLED_OUT, QA, [front], block, plain(said), cap(thing))


def _whose_difference(toks: list[str], ctx) -> str | None:
    """The heading's name, when what is singled out is how something differs from another ('the only change
    from plain LR', 'the main difference to RNNs': a noun of the language's `difference_nouns` then one of its
    `difference_preps`); '' when the heading names nothing (a label, no heading); None for any other phrase."""
    lg = words.lang(ctx.lang)
    if len(toks) < 4 or toks[2] not in lg.difference_nouns:
        return None
    if not any(tuple(toks[3 : 3 + len(p)]) == p for p in lg.difference_preps):
        return None
    name = heading_name(ctx.path[-1]) if ctx.path else ""
    if not name or is_label(name, ctx.lang) or word_count(name) > MAX_WHOSE_WORDS:
        return ""
    return name


MAX_WHOSE_WORDS = 6
MAX_ONE_WORDS = 5


def only_one(block: Block, ctx) -> Iterator[Draft]:
    """'La 3/a generazione è l'unica capace di superare la BEE' under '##### Cefalosporine': a thing that is the
    only one of its kind, said of a noun phrase that is no name of the notes (a name's 'X is the only way to Y'
    is asked by the definitions rule) -> the cloze on that thing: '[La 3/a generazione] è l'unica capace di
    superare la BEE, ...' (the heading on the card says whose)."""
    lg = words.lang(ctx.lang)
    if not lg.only_words or not lg.copulas or not ctx.path or ctx.section.level == 0:
        return
    copulas = "|".join(re.escape(c) for c in sorted(lg.copulas, key=len, reverse=True))
    only = "|".join(re.escape(w) for w in sorted(lg.only_words, key=len, reverse=True))
    articles = "|".join(re.escape(a) for a in sorted(lg.articles, key=len, reverse=True))
    for _i, a, _seq in _sentences(block, ctx):
        if a.kind in ("question", "example") or a.negated or a.warning or a.scenario or a.dangling:
            continue
        m = re.match(
            rf"^(?P<thing>[^,;:()]+?)\s+(?:{copulas})\s+(?:(?:{articles})\s*)?(?:{only})\s+(?P<rest>\S.*)$",
            re.sub(r"\*\*|__", "", a.text),
            re.I,
        )
        if not m:
            continue
        thing, rest = m.group("thing").strip(), m.group("rest")
        toks = words.tokens(plain(thing))
        if not toks or toks[0] not in lg.articles or word_count(thing) > MAX_ONE_WORDS:
            continue  # (a name of the notes, 'Lustre is the only ...', is the definitions rule's)
        if len(informative(rest, ctx.lang)) < 2 or thing.count("$") % 2:
            continue
        text = re.sub(r"\*\*|__", "", a.text)
        k = text.find(thing)
        front = [Blank(thing, 1), text[k + len(thing) :]]
        yield ctx.draft(Rule.SINGLED_OUT_THING, CLOZE, front, block, plain(thing))


def _singles_out(word: str, lg) -> bool:
    """'largest', 'most', 'only', 'main': a word that singles one thing out of many."""
    if word in lg.superlatives or word in lg.only_words:
        return True
    return any(word.endswith(e) and len(word) > len(e) + 3 for e in lg.superlative_endings)


MAX_RESTRICTED_WORDS = 12


def restricted(block: Block, ctx) -> Iterator[Draft]:
    """'Token passing is only used in ring networks', 'So, CSMA is only applicable for short distance
    transmission': what a name is restricted to, said with an `only` before a state and its preposition (a
    participle or an adjective: 'used', 'applicable', 'available') -> 'What is CSMA only applicable for?' ->
    'Short distance transmission'. The cloze on the name would fit every name the notes give a use; the
    restriction is the fact. The prepositions are data (`restriction_preps`); a condition ('only valid if')
    is the conditions rule's."""
    lg = words.lang(ctx.lang)
    if "only_for" not in lg.templates or not lg.only_words or not lg.restriction_preps:
        return
    copulas = "|".join(re.escape(c) for c in sorted(lg.copulas, key=len, reverse=True))
    only = "|".join(re.escape(w) for w in sorted(lg.only_words, key=len, reverse=True))
    preps = "|".join(re.escape(w) for w in sorted(lg.restriction_preps, key=len, reverse=True))
    for _i, a, _seq in _sentences(block, ctx):
        if a.kind in ("question", "example") or a.negated or a.warning or a.scenario:
            continue
        text = re.sub(r"\*\*|__", "", a.text)
        opener = re.match(r"^([^\W\d]+(?: [^\W\d]+)?),\s+(\S.*)$", text)
        said = tuple(words.tokens(opener.group(1))) if opener else ()
        if said and (" ".join(said) in lg.conclusion_openers or said in lg.additive_openers):
            text = opener.group(2)  # ('So, CSMA is only ...': the clause after the opener stands alone)
        m = re.match(
            rf"^(?P<term>[^,;:()]+?)\s+(?P<cop>{copulas})\s+(?:{only})\s+(?P<state>[^\W\d]+)\s+(?P<prep>{preps})\s+"
            r"(?P<rest>\S.*)$",
            text,
            re.I,
        )
        if not m or not _a_state(m.group("state").lower(), lg):
            continue
        term = m.group("term").strip()
        if words.tokens(term)[:1] and words.tokens(term)[0] in lg.dangling | lg.articles:
            continue  # ('It is only used in ...', 'The value is only valid for ...': no name to ask by)
        if not is_term(term, ctx.lang, ctx.facts.terms, strict=False):
            continue
        rest = strip_end(re.split(r"[,;]\s|\s+which\s|\s+since\s|\s+because\s|\s+\*?\(", m.group("rest"))[0])
        if not rest or word_count(rest) > MAX_RESTRICTED_WORDS or ends_open(rest, ctx.lang) or rest.count("$") % 2:
            continue
        front = lg.template(
            "only_for",
            copula=m.group("cop").lower(),
            term=_as_said(term, lg),
            state=f"{m.group('state').lower()} {m.group('prep').lower()}",
        )
        subject = f"{plain(term)}/only {m.group('state').lower()}"
        yield ctx.draft(Rule.RESTRICTED, QA, [front], block, subject, cap(rest))


def _as_said(term: str, lg) -> str:
    """'Tape drives' -> 'tape drives' (capital only as the sentence's first word); a name keeps its case
    ('Amazon Redshift', 'CSMA', 'LTO cartridges')."""
    ws = term.split()
    if len(ws) > 1 and ws[0][1:].islower() and all(w.islower() for w in ws[1:]):
        return term[:1].lower() + term[1:]
    return named(term, lg)


def _a_state(word: str, lg) -> bool:
    """'used', 'applicable', 'available', 'suitable': what a name may be only, before a preposition."""
    if word in lg.state_adjectives:
        return True
    endings = (*lg.participle_endings, *lg.ability_endings)
    return any(word.endswith(e) and len(word) > len(e) + 1 for e in endings)
