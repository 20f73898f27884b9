"""Questions the notes already ask: a heading that ends in '?' over its answer; a question set in emphasis at
the head of a paragraph, as a run-in heading ('*Why use padding?* Padding keeps ...'), over what follows it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import markdown, words
from ...model import Block, Comparison, ItemList, Paragraph
from ...notes.analyse import analyse
from ..card import QA, Draft, Rule
from ..text import content_words, ends_open, informative, plain, same_stem, strip_end, word_count
from .ask import as_written

MAX_ANSWER_WORDS = 30
MAX_ITEMS = 4


def questions(block: Block, ctx) -> Iterator[Draft]:
    section = ctx.section
    title = plain(section.title)
    if title.endswith("?") and section.blocks and block is _first_text(section.blocks):
        answer = _answer(block)
        if _teaser(answer, title, ctx.lang):
            # 'They have similar names but different uses!': the answer is in the paragraphs that follow
            answer = _following(section.blocks, block) or _defined_before(section.blocks, block, ctx.lang) or answer
        elif isinstance(block, Paragraph):
            answer = _own_facts_cut(answer, title, ctx.lang)
        answer = _unfilled(answer, ctx.lang)
        if answer and len(informative(answer, ctx.lang)) >= 4 and not block.links and not ends_open(answer, ctx.lang):
            sides = _each_side(answer, title, ctx.lang)
            if sides:
                # '## How is overriding different from overloading?' over 'Overriding is for ... Overloading is
                # for ...': two facts, one card each ('Overriding vs overloading: overriding?' -> 'For methods
                # of the same name, same parameters, and different classes'; blind review: two facts in one)
                lg = words.lang(ctx.lang)
                (a, _), (b, _) = sides
                for term, said in sides:
                    front = lg.template("contrast_side", first=a, second=_inside(b), term=_inside(term))
                    yield ctx.draft(Rule.QUESTION, QA, [front], block, f"{title}/{term}", said)
            else:
                yield ctx.draft(Rule.QUESTION, QA, [section.title], block, title, answer)
    if isinstance(block, Paragraph) and block.analysis:
        yield from _run_in(block, ctx)


_RUN_IN = re.compile(r"^(\*\*|__|\*|_)(?=\S)(?P<q>[^*_]+\?)(?<=\S)\1$")
MAX_EXTRA = 2
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _run_in_question(block: Block) -> str:
    """The question a paragraph opens with when it is set in emphasis as a run-in heading, else ''."""
    if not isinstance(block, Paragraph) or not block.analysis:
        return ""
    a = block.analysis[0]
    m = _RUN_IN.match(a.text.strip())
    if not m or a.kind != "question" or a.dangling or a.scenario or word_count(m.group("q")) < 3:
        return ""  # ('Why?': nothing asked on its own)
    return m.group("q").strip()


def answers_question(block: Block, ctx) -> bool:
    """The block answers the run-in question of the paragraph before it, which stands alone."""
    blocks = ctx.section.blocks
    k = next((i for i, b in enumerate(blocks) if b is block), 0)
    before = blocks[k - 1] if k else None
    return isinstance(before, Paragraph) and len(before.sentences) == 1 and bool(_run_in_question(before))


def _run_in(block: Paragraph, ctx) -> Iterator[Draft]:
    """'*Why use stride 1?* Smaller strides work better. ...' -> 'Why use stride 1?' -> 'Smaller strides work
    better'; a question alone in its paragraph is answered by the block under it (a paragraph, or a short
    list: its items, or its terms with their gists on the back). The emphasis says the author set the question
    apart as a heading is; a question in plain prose ('So what changes?') is most often rhetorical."""
    question = _run_in_question(block)
    if not question:
        return
    lg = words.lang(ctx.lang)
    rest = block.sentences[1:]
    extra: list[str] = []
    if rest:
        answer, extra = _sentences_answer(rest)
    else:
        blocks = ctx.section.blocks
        k = blocks.index(block)
        after = blocks[k + 1] if k + 1 < len(blocks) else None
        if isinstance(after, Paragraph) and after.sentences:
            answer, extra = _sentences_answer(after.sentences)
        elif isinstance(after, Comparison) and 2 <= len(after.items) <= MAX_ITEMS and not after.intro:
            terms = [strip_end(t.term) for t in after.items]
            answer = "; ".join([terms[0], *(as_written(t, lg) for t in terms[1:])])
            # each gist's first sentence on the back: what the short labels mean
            extra = [f"{t}: {_SENTENCE_END.split(d.description)[0]}" for t, d in zip(terms, after.items, strict=True)]
        elif isinstance(after, ItemList):
            answer = _answer(after)
        else:
            answer = ""
    if not answer or len(informative(answer, ctx.lang)) < 3 or ends_open(answer, ctx.lang) or answer.endswith(":"):
        return
    first = analyse(answer, ctx.lang)
    if first.kind == "question" or first.scenario:
        return  # answered by another question, or by an exercise's own story
    yield ctx.draft(Rule.QUESTION, QA, [question], block, plain(question), strip_end(answer), extra=extra)


def _sentences_answer(sentences: list[str]) -> tuple[str, list[str]]:
    """The sentences that fit one answer (the first at least, when it fits alone), the next ones as extra."""
    out: list[str] = []
    for s in sentences:
        if word_count(" ".join([*out, s])) > MAX_ANSWER_WORDS:
            break
        out.append(s)
    return " ".join(out), sentences[len(out) : len(out) + MAX_EXTRA]


def _first_text(blocks: list[Block]) -> Block | None:
    return next(
        (
            b
            for b in blocks
            if isinstance(b, (Paragraph, ItemList)) and (getattr(b, "text", "") or getattr(b, "items", None))
        ),
        None,
    )


def _answer(block: Block) -> str:
    if isinstance(block, Paragraph):
        out = []
        for s in block.sentences:
            if word_count(" ".join([*out, s])) > MAX_ANSWER_WORDS:
                break
            out.append(s)
        return " ".join(out)
    if isinstance(block, ItemList) and len(block.items) <= MAX_ITEMS:
        answer = "; ".join(strip_end(i) for i in block.items)
        return answer if word_count(answer) <= MAX_ANSWER_WORDS else ""
    return ""


MAX_FOLLOWING_WORDS = 40


def _teaser(answer: str, title: str, lang: str) -> bool:
    """An opening line that names none of the question's words, or leans on it ('They ...', 'It depends')."""
    said = {w for w in content_words(answer, lang)}
    asked = {w for w in content_words(title, lang)}
    first = words.tokens(plain(answer))[:1]
    return not (said & asked) or bool(first) and first[0] in words.lang(lang).dangling


def _inside(name: str) -> str:
    """'Overloading' inside a sentence: lower-cased unless it is written as a name ('RBBB', 'McCabe')."""
    return name if any(c.isupper() for c in name[1:]) else name.lower()


def _each_side(answer: str, title: str, lang: str) -> list[tuple[str, str]]:
    """[('Overriding', 'For methods of ...'), ('Overloading', 'For methods of ...')] of a heading that asks how
    two names differ, answered by two sentences, each opening with one of them and its copula; [] otherwise."""
    lg = words.lang(lang)
    said = markdown.sentences(answer)
    if "contrast_side" not in lg.templates or len(said) != 2:
        return []
    asked = words.tokens(title)
    out = []
    for sentence in said:
        ws = plain(sentence).split()
        if len(ws) < 4 or ws[1].lower() not in lg.copulas or ws[0].lower() not in asked:
            return []
        rest = " ".join(ws[2:])
        out.append((ws[0], strip_end(rest[:1].upper() + rest[1:])))
    first, second = (t.lower() for t, _ in out)
    # (a side that names either name again is no fact of its own: the one card keeps both)
    repeats = any(first in r.lower().split() or second in r.lower().split() for _, r in out)
    return out if first != second and not repeats else []


def _following(blocks: list[Block], first: Block) -> str:
    """The first sentence of each paragraph after the opening one, while they stay short: 'Overriding is for
    ... Overloading is for ...'."""
    out: list[str] = []
    for b in blocks[blocks.index(first) + 1 :]:
        if not isinstance(b, Paragraph) or not b.sentences:
            break
        if word_count(" ".join([*out, b.sentences[0]])) > MAX_FOLLOWING_WORDS:
            break
        out.append(b.sentences[0])
    return " ".join(out) if len(out) >= 2 else ""


def _own_facts_cut(answer: str, title: str, lang: str) -> str:
    """'## What is inheritance?' over 'Essentially, it's a way of putting similar objects together ...
    Inheritance is best used with relating subtypes ...': a later sentence whose subject is the asked name
    again says another fact of it (the sentence rules ask it); the answer stops before it."""
    said = markdown.sentences(answer)
    asked = content_words(title, lang)
    for k, sentence in enumerate(said[1:], 1):
        subject = content_words(analyse(sentence, lang).subject, lang)
        if subject and asked and all(any(same_stem(w, a) for a in asked) for w in subject):
            return " ".join(said[:k])
    return answer


def _defined_before(blocks: list[Block], first: Block, lang: str) -> str:
    """'## What is Amazon EC2?' over '- **Amazon EC2** is a scalable compute service ...' then '- It provides
    flexibility ...': the bold name's line, read as a term, came before the first plain text; what it is ('A
    scalable compute service ...') answers the heading, not the line leaning on it. '' when no such line."""
    lg = words.lang(lang)
    for b in blocks[: blocks.index(first)]:
        if not isinstance(b, Comparison) or not b.items or not b.items[0].description:
            continue
        t = b.items[0]
        said = plain((markdown.sentences(t.description) or [""])[0])
        name = plain(t.term)
        said = said[len(name) :].strip() if said.lower().startswith(name.lower()) else said  # (the line restates it)
        verb, _, rest = said.partition(" ")
        if verb.lower() in lg.copulas and word_count(rest) <= MAX_ANSWER_WORDS and not ends_open(rest, lang):
            return strip_end(rest[:1].upper() + rest[1:])
    return ""


def _unfilled(answer: str, lang: str) -> str:
    """'Essentially, it's a way of ...' -> 'A way of ...': a filler and the pronoun that restates the question."""
    lg = words.lang(lang)
    m = re.match(r"^([^\W\d]+(?: [^\W\d]+)?),\s+(?:it's|it is|they're|they are)\s+(\S.*)$", answer, re.S)
    if m and tuple(words.tokens(m.group(1))) in lg.fillers:
        return m.group(2)[:1].upper() + m.group(2)[1:]
    return answer
