"""What a rule sees besides its block: the file, domain and section, and how a card is made from them."""
from __future__ import annotations

import re

from .. import markdown
from ..model import Block, Card, Domain, Link, NotesFile, Section, Source

CONTEXT_SEP = " › "


def tags_for(notes: NotesFile, section: Section) -> list[str]:
    """One hierarchical tag from the heading path: Study_Notes::SageMaker::Data_Wrangler."""
    parts = [notes.deck, *section.path]
    return ["::".join(re.sub(r"[^\w.+-]+", "_", markdown.to_plain(p)).strip("_") or "_" for p in parts)]


class Ctx:
    """The file, domain and section a block is in; `card()` fills in what every card shares."""

    def __init__(
        self,
        notes: NotesFile,
        domain: Domain,
        section: Section,
        known: set[str] | None = None,
        place: tuple[str, ...] | None = None,
        services: set[str] | None = None,
    ):
        self.notes = notes
        self.services = services or set()
        """Lower-cased names the notes write as 'Amazon X' / 'AWS X' somewhere: 'cloudwatch'."""
        self.place = place or section.path
        """The heading part of card keys: the section's own title when no other section shares it, so a
        section moved under another heading keeps its notes; the full path otherwise."""
        self.domain = domain
        self.section = section
        self.deck = f"{notes.deck}::{domain.title}"
        self.context = CONTEXT_SEP.join(markdown.to_plain(p) for p in section.path)
        self.tags = tags_for(notes, section)
        self.known = known or set()
        """Lower-cased terms seen anywhere in the notes (headings, comparison terms, sentence subjects)."""
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

    def card(
        self,
        kind: str,
        front: str,
        answer: str,
        block: Block,
        rule: str,
        subject: str,
        extra: str = "",
        source: Source | None = None,
        links: list[Link] | None = None,
        context: str | None = None,
        key_rule: str | None = None,
    ) -> Card:
        sources = self.sources(block)
        for link in links or []:
            if all(link.url != s.url for s in sources):
                sources.append(link)
        return Card(
            kind=kind,
            front=front,
            answer=answer,
            context=context or self.context,
            extra=extra,
            sources=sources,
            tags=list(self.tags),
            key=(self.notes.deck, *self.place, key_rule or rule, subject.lower()),
            rule=rule,
            source=source or block.source,
            deck=self.deck,
            domain=self.domain.slug,
            path=context or self.context,
        )
