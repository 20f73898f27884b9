"""The sentences of a definition list's descriptions, read as prose: a term's description often says more
than its gist ('**Cost**: Instances are billed on an hourly basis. ...', '**Model complexity**: Simple
models might not capture ..., whereas overly complex models can lead to overfitting'). Each sentence after
the one the term's own card asks (or every sentence, when the list is advice whose items name no gist) is
read by the sentence rules as a paragraph of its own, with 'This algorithm', 'It', 'These' standing for the
term, and its cards are placed under the term (`Heading › Term`), with the term's links."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import markdown, words
from ...model import Block, Comparison, Paragraph, Term
from ...notes.analyse import analyse
from ..card import QA, Draft, Rule
from ..text import in_example, is_label, is_term, plain
from .questions import answers_question
from .sentences import SENTENCE_RULES
from .terms import _gist, _named_by_its_line, _plural, _same, advises


def described(block: Block, ctx) -> Iterator[Draft]:
    if not isinstance(block, Comparison) or in_example(ctx.path, ctx.lang):
        return
    if answers_question(block, ctx):
        return
    yield from _walk(block, block.items, ctx, (), advises(block, ctx.lang))


_GLUED = re.compile(r"[a-z]{2}\.[A-Z][a-z]")


def _stand_in(sentence: str, name: str, last: str, lg) -> tuple[str, str]:
    """('K-Means Algorithm looks to see ...', the name put in) of 'It first looks to see ...': the name for a
    pointer that opens the sentence, without an adverb of sequence or frequency after it; a demonstrative's
    noun phrase goes ('This supervised learning algorithm is ...' -> 'DeepAR is ...'), its noun stays when the
    name does not hold it ('These instances are ...' under 'General Purpose' -> 'General Purpose instances
    are ...'); 'It', 'They' stand for the name as the sentence before put it in. ('', '') when the sentence
    opens with no pointer."""
    ws = sentence.split(" ")
    if len(ws) < 3 or ws[0].lower().strip(",") not in lg.anaphora:
        return "", ""

    def verb(w: str) -> bool:
        w = w.lower().strip(",")
        return w in lg.copulas or w in lg.verbs or w in lg.modals or lg.acts(w)

    owner, k = last or name, 1
    if ws[0].lower() in lg.demonstratives and not verb(ws[1]):
        k = next((j for j in range(2, min(len(ws) - 1, 5)) if verb(ws[j])), 0)
        if not k or not all(x.islower() for x in ws[1:k]):
            return "", ""  # ('These Reserved Instances ...': a name of its own, not the term's noun)
        noun = ws[k - 1].lower().strip(",")
        if noun not in words.tokens(plain(name)) and _plural(ws[k - 1], lg) and not _plural(name, lg):
            owner = f"{name} {ws[k - 1]}"  # (a class of them: 'This algorithm' under 'IP Insights' is the name)
        else:
            owner = name
    rest = ws[k:]
    if len(rest) > 1 and rest[0].lower() in (*lg.sequence_openers, *lg.adverbs):
        rest = rest[1:]
    return " ".join([owner, *rest]), owner


def _stood_in(sentences: list[str], term: str, lang: str) -> list[str]:
    """Each sentence of a term's description with the term for the pointer that opens it (`_stand_in`),
    while the sentence before is about the term; after one about another thing ('Tagging is fundamental
    ...'), 'This is critical ...' points at that, and is left as it is (it leans on its context: no card)."""
    lg = words.lang(lang)
    out = []
    about, last = True, ""  # (the first sentence of a description follows its term)
    for sentence in sentences:
        sentence = sentence.strip()
        if _GLUED.search(sentence):
            out.append("")  # 'than neural networks.Tree-based models': a leftover glued on, no sentence to read
            about = False
            continue
        text, owner = _stand_in(sentence, plain(term).strip(), last, lg) if about else ("", "")
        a = analyse(text or sentence, lang)
        about = bool(owner) or (_same(a.subject, term, lang) if a.subject else not a.dangling)
        last = owner or (a.subject if about and a.subject else last)
        out.append(text or sentence)
    return out


def _within(subject: str, name: str) -> bool:
    """'CSMA' in 'CSMA/CD (CSMA with Collision Detection)': a name the item's own name is made of (an acronym
    of two letters or more, set apart by a slash or in its parentheses), that its lines may say for it."""
    s = plain(subject).strip()
    return len(s) > 1 and s.isupper() and bool(re.search(rf"(?<![\w-]){re.escape(s)}(?=/|\s|$)", plain(name)))


def _owner(block: Comparison, ctx) -> str:
    """What a list is about, as its intro's last sentence names it ('SageMaker Autopilot performs the following
    key tasks'); '' with no intro (a heading over a list is no subject of its items' sentences)."""
    said = markdown.sentences(block.intro) if block.intro else []
    a = analyse(said[-1], ctx.lang) if said else None
    return plain(a.subject) if a is not None and a.subject else ""  # (it points ahead, at the list: dangling)


def _walk(block: Comparison, items: list[Term], ctx, parents: tuple[str, ...], advice: bool) -> Iterator[Draft]:
    for t in items:
        name = plain(t.term).strip()
        if t.children:
            yield from _walk(block, t.children, ctx, (*parents, name), advice)
        if not (t.description or t.details) or is_label(name, ctx.lang):
            continue
        if not is_term(name, ctx.lang, ctx.facts.terms, strict=False) and not _named_by_its_line(t, ctx.lang):
            continue
        sentences = [s for line in [t.description, *t.details] for s in (markdown.sentences(line) or [line])]
        # the first sentence is the term's gist, asked by the terms rule, unless it is none (an advice list's
        # factor: 'SageMaker instances are billed on an hourly basis')
        said_first = _gist(t, ctx.lang, ctx.facts.terms)
        gist = bool(said_first) and not advice
        first = words.tokens(plain(said_first))[:1]
        asked = (words.lang(ctx.lang).object_verbs or {}).get(first[0]) if gist and first else None
        said = _stood_in(sentences, t.term, ctx.lang)
        if t.listed:
            # (a name over its facts, one a line: those that lean on it, 'They are ...', go on the back of its
            # card (the terms rule); one that names its own subject, 'So, CSMA is only applicable for ...' under
            # 'CSMA/CD', is read as prose)
            anaphora = words.lang(ctx.lang).anaphora
            said = [
                x if words.tokens(plain(o))[:1] not in ([a] for a in anaphora) else ""
                for x, o in zip(said, sentences, strict=True)
            ]
        said = said[1 if gist else 0 :]
        said = [x for x in said if x]
        if not said:
            continue
        para = Paragraph(t.source, block.group, list(t.links), " ".join(said), said)
        para.analysis = [analyse(s, ctx.lang) for s in said]
        path = (*ctx.path, *parents, name)
        for _name, rule in SENTENCE_RULES:
            for d in rule(para, ctx):
                if (
                    not _same(d.subject, name, ctx.lang)
                    and name.lower() not in d.subject.lower()
                    and not _within(d.subject.split("/")[0], name)
                    and not (d.rule is Rule.HOW_TO and name.lower() in d.answer.lower())
                ):
                    # (a task the item's name answers, 'use Redshift Spectrum to query ...' under 'Redshift', is
                    # about the item; '[...] automates the search for ...' under 'Hyperparameter optimization', 'What
                    # is Performs feature selection?' under 'L1 term': a card about another thing than the item); a
                    # question
                    # about what the whole list is about ('SageMaker Autopilot performs the following tasks') asks
                    # one fact of it, placed under the item
                    owner = _owner(block, ctx)
                    if d.kind != QA or not owner or not _same(d.subject, owner, ctx.lang):
                        continue
                if asked and d.kind == QA and plain(d.visible()).rstrip("?").endswith(f" {asked}"):
                    continue  # ('It provides you with a choice ...' after 'provides a pixel-level approach ...': a
                    # second 'What does X provide?' beside the term's own would have two answers)
                if d.rule in (Rule.WHAT_IS, Rule.DEFINITION):
                    continue  # what the term is, the terms rule asks of its gist (a later 'It is a Y' is an aside)
                if not d.path:
                    d.path = path
                if not d.links:
                    d.links = list(t.links)
                yield d
