"""Stage 3: the model to cards, by an ordered list of small rules, one per pattern in the notes."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from . import markdown
from .model import Block, Card, Comparison, Domain, Explicit, Link, NotesFile, Paragraph, Section, Steps, Term

CONTEXT_SEP = " › "


class _Ctx:
    """What a rule needs besides the block: the file, domain and section it is in."""

    def __init__(self, notes: NotesFile, domain: Domain, section: Section):
        self.notes = notes
        self.domain = domain
        self.section = section
        self.deck = f"{notes.deck}::{domain.title}"
        self.context = CONTEXT_SEP.join(section.path)
        self.tags = tags_for(notes, section)
        self._groups: dict[int, tuple[list[Link], set[str]]] | None = None

    def sources(self, block: Block) -> list[Link]:
        """Links of the block's `---` group in its section."""
        if self._groups is None:
            # Once per section, not once per card: a long section would otherwise cost cards × blocks.
            self._groups = {}
            for b in self.section.blocks:
                out, seen = self._groups.setdefault(b.group, ([], set()))
                for link in b.links:
                    if link.url not in seen:
                        seen.add(link.url)
                        out.append(link)
        return list(self._groups.get(block.group, ([], None))[0])

    def card(self, kind: str, front: str, answer: str, block: Block, rule: str, subject: str, extra: str = "", source=None) -> Card:
        return Card(
            kind=kind,
            front=front,
            answer=answer,
            context=self.context,
            extra=extra,
            sources=self.sources(block),
            tags=self.tags,
            key=(self.notes.deck, *self.section.path, rule, subject),
            rule=rule,
            source=source or block.source,
            deck=self.deck,
            domain=self.domain.slug,
        )


def tags_for(notes: NotesFile, section: Section) -> list[str]:
    """One hierarchical tag from the heading path: Study_Notes::SageMaker::Data_Wrangler."""
    parts = [notes.deck, *section.path]
    return ["::".join(re.sub(r"[^\w.+-]+", "_", markdown.to_plain(p)).strip("_") or "_" for p in parts)]


Rule = Callable[[Block, _Ctx], Iterator[Card]]


def comparison_terms(block: Block, ctx: _Ctx) -> Iterator[Card]:
    """Comparison item -> term to gist, and the reverse."""
    if not isinstance(block, Comparison):
        return
    for term in _flatten(block.items):
        if not term.description:
            continue
        gist = markdown.sentences(term.description)[0] if term.description else ""
        term_html = markdown.to_html(term.term)
        extra = "<br>".join(markdown.to_html(d) for d in [*term.details[:3]])
        yield ctx.card("qa", f"{term_html}?", markdown.to_html(gist), block, "term", markdown.to_plain(term.term), extra, term.source)
        hidden = _hide(gist, term.term)
        yield ctx.card("qa", f"Which term: {markdown.to_html(hidden)}", term_html, block, "term-reverse", markdown.to_plain(term.term), "", term.source)


def definitions(block: Block, ctx: _Ctx) -> Iterator[Card]:
    """`X is a Y that ...` -> cloze on X."""
    if not isinstance(block, Paragraph):
        return
    for sent in block.sentences:
        if _CLOZE.search(sent) or _HIGHLIGHT.search(sent):
            continue
        m = re.match(r"^((?:Amazon |AWS |SageMaker )?[A-Z][\w.-]*(?: [A-Z0-9][\w.-]*){0,4}) (is|are) (a|an) (.+)$", sent)
        if m:
            subject = m.group(1)
            cloze = "{{c1::" + markdown.to_html(subject) + "}} " + markdown.to_html(sent[len(subject) + 1 :])
            yield ctx.card("cloze", cloze, "", block, "definition", subject)


def steps(block: Block, ctx: _Ctx) -> Iterator[Card]:
    """Numbered steps -> one cloze per step."""
    if not isinstance(block, Steps) or len(block.items) < 2:
        return
    parts = [f"{i}. {{{{c{i}::{markdown.to_html(item)}}}}}" for i, item in enumerate(block.items, 1)]
    yield ctx.card("cloze", "<br>".join(parts), "", block, "steps", markdown.to_plain(block.items[0])[:40])


_CODE_SPAN = re.compile(r"`[^`]*`")
_CLOZE = re.compile(r"\{\{c(\d+)::(.+?)\}\}")
_HIGHLIGHT = re.compile(r"==(?=\S)(.+?)(?<=\S)==")


def explicit(block: Block, ctx: _Ctx) -> Iterator[Card]:
    """Cards the author wrote: Q:/A: pairs, {{c1::...}} clozes and ==highlights==, never inside code."""
    if isinstance(block, Explicit) and block.kind == "qa":
        yield ctx.card("qa", markdown.to_html(block.question), markdown.to_html(block.answer), block, "explicit-qa", markdown.to_plain(block.question))
        return
    if not isinstance(block, Paragraph):
        return
    for sent in block.sentences:
        outside = _CODE_SPAN.sub("", sent)
        if _CLOZE.search(outside) or _HIGHLIGHT.search(outside):
            text = _protect_code(sent, lambda s: _HIGHLIGHT.sub(lambda m: "{{c1::" + m.group(1) + "}}", s))
            html = _protect_code(text, lambda s: s, render=True)
            first = _CLOZE.search(text)
            yield ctx.card("cloze", html, "", block, "explicit-cloze", markdown.to_plain(first.group(2)) if first else sent[:40])


def _protect_code(text: str, fn, render: bool = False) -> str:
    """Apply `fn` outside code spans; when rendering, keep cloze markers intact through Markdown."""
    parts = re.split(r"(`[^`]*`)", text)
    out = [p if p.startswith("`") else fn(p) for p in parts]
    joined = "".join(out)
    if not render:
        return joined
    # Markdown would not touch {{c1::x}}, but render the inner text of each deletion on its own.
    return markdown.to_html(joined)


RULES: list[tuple[str, Rule]] = [
    ("explicit", explicit),
    ("comparison", comparison_terms),
    ("definition", definitions),
    ("steps", steps),
]


def make_cards(notes: NotesFile) -> list[Card]:
    cards: list[Card] = []
    for domain in notes.domains:
        for section in domain.sections:
            ctx = _Ctx(notes, domain, section)
            for block in section.blocks:
                for _name, rule in RULES:
                    cards.extend(rule(block, ctx))
    return _dedupe(cards)


def _flatten(terms: list[Term]) -> Iterator[Term]:
    for t in terms:
        yield t
        yield from _flatten(t.children)


def _hide(text: str, term: str) -> str:
    plain = markdown.to_plain(term)
    return re.sub(re.escape(plain), "[…]", text, flags=re.I) if plain else text


def _dedupe(cards: list[Card]) -> list[Card]:
    seen: set[tuple[str, ...]] = set()
    out: list[Card] = []
    for c in cards:
        if c.key in seen:
            continue
        seen.add(c.key)
        out.append(c)
    return out
