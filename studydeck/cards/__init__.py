"""Stage 3: the model to cards. Rules (`rules/`) propose drafts, the passes (`passes.py`) gate and merge
them, `render.py` turns them into the HTML fields Anki stores."""

from __future__ import annotations

import re

from .. import markdown, words
from ..model import Card, Comparison, Domain, ItemList, Link, NotesFile, Paragraph
from .card import Draft
from .context import CONTEXT_SEP, Ctx, FileFacts, file_facts, tags_for
from .passes import FILE_PASSES, SECTION_PASSES
from .render import card as render_card
from .rules import RULES
from .text import content_words, is_label, same_stem

__all__ = [
    "CONTEXT_SEP",
    "RULES",
    "SECTION_PASSES",
    "FILE_PASSES",
    "make_cards",
    "domain_cards",
    "finish_cards",
    "section_cards",
    "file_facts",
    "FileFacts",
    "tags_for",
    "Ctx",
]


def make_cards(notes: NotesFile) -> list[Card]:
    facts = file_facts(notes)
    cards: list[Card] = []
    for domain in notes.domains:
        cards.extend(domain_cards(notes, domain, facts))
    return finish_cards(cards)


def domain_cards(notes: NotesFile, domain: Domain, facts: FileFacts) -> list[Card]:
    """One domain's cards before the file-wide passes: a function of the domain, the file's deck name and
    `facts` only (the build caches them per domain on that)."""
    out: list[Card] = []
    for section in domain.sections:
        ctx = Ctx(notes, domain, section, facts)
        drafts = [d for block in section.blocks for _name, rule in RULES for d in rule(block, ctx)]
        out.extend(section_cards(ctx, drafts))
    return out


def section_cards(ctx: Ctx, drafts: list[Draft]) -> list[Card]:
    """A section's drafts through the section passes (the quality gate first), rendered: the one way a
    draft becomes a card, whoever wrote it (the rules, or a language model: studydeck/llm/adapter.py)."""
    for _name, run in SECTION_PASSES:
        drafts = run(drafts, ctx)
    groups = _group_links(ctx.section)
    pointers = _group_links(ctx.section, pointers_only=True)
    _place_orphan_links(ctx, drafts, groups, pointers)
    out: list[Card] = []
    for d in drafts:
        sources = []
        if d.block is not None and d.rule.policy.group_links:
            group = groups.get(d.block.group, [])
            # a group's few 'Learn more' links serve all its cards; a page of inline links does not
            sources = list(group) if len(group) <= 3 else [*pointers.get(d.block.group, []), *d.block.links]
        for link in d.links:
            if all(link.url != s.url for s in sources):
                sources.append(link)
        path = d.path or ctx.path
        shown = d.shown if d.shown is not None else path
        if d.kind == "cloze" and not shown and not d.rule.policy.own and path and not d.rule.policy.bare:
            continue  # every heading names the answer ('[...]' under 'Step Functions'): the label would tell
        if shown and all(is_label(h, ctx.lang) for h in shown):
            # 'Deeper Dive', 'Lecture 17': a label names no place; the domain's (or the file's) title says
            # what it is about
            domain = markdown.to_plain(ctx.domain.title)
            owner = domain if domain not in shown and not is_label(domain, ctx.lang) else ctx.notes.title
            # ('## Deeper Dive' right after '## Introduction to Firewalls': it goes on with that section)
            owner = _goes_on_from(ctx, shown) or owner
            if owner and owner not in shown:
                shown = (markdown.to_plain(owner), *shown)
            if all(is_label(h, ctx.lang) for h in shown) and (topic := _topic(ctx, d)):
                # 'Lecture 17' over the whole file: the name its block speaks of ('Lecture 17 › CSMA')
                shown = (*shown, topic)
        # ('## Amazon GuardDuty:': a heading's closing colon leads into what is under it, no part of its name)
        shown = tuple(h.rstrip().rstrip(":").rstrip() or h for h in shown)
        # (a statement that stands alone under a heading that names its answer: the file's title, no heading)
        bare = d.rule.policy.bare and not shown
        context = CONTEXT_SEP.join(shown) or (path[-1] if path and not bare else ctx.notes.title or ctx.notes.deck)
        key = ctx.key(d)
        out.append(render_card(d, key, ctx.deck, ctx.domain.slug, ctx.tags, sources, context, CONTEXT_SEP.join(path)))
    return out


def _goes_on_from(ctx: Ctx, shown: tuple[str, ...]) -> str:
    """The heading a label heading goes on from: '## Deeper Dive' (the language's `going_on`) right after a
    section of its level that names a place ('## Introduction to Firewalls'); '' when the label opens its
    level, or the section before it is a label too (FileFacts.goes_on)."""
    lg = words.lang(ctx.lang)
    if not shown or markdown.to_plain(shown[0]).lower().strip(" .:") not in lg.going_on:
        return ""  # ('# Miscellaneous' after '# Data Lakes' is a section of its own)
    # the last section of the first label shown: this one, or the one over it
    title = ctx.facts.goes_on.get(id(ctx.section), {}).get(shown[0], "")
    return "" if title in shown else title


_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*\b")


def _topic(ctx: Ctx, d: Draft) -> str:
    """The name a card's block speaks of most, when every heading over it is a label ('Lecture 17', 'Week
    3'): an acronym said twice in the block or in another block too (a recurring subject, not a passing
    symbol), most often in this block; none when the front already names it or the answer holds it (a leak)."""
    if d.block is None:
        return ""
    units = {u for group in words.units() for u in group}
    counts: dict[str, list[int]] = {}
    for b in ctx.section.blocks:
        # one list read as its terms and its other lines: two blocks of one source line, one block here
        for name in _ACRONYM.findall(markdown.to_plain(_said(b))):
            if name.lower() not in units and name not in units:
                counts.setdefault(name, []).append(b.source.line)
    mine = d.block.source.line
    ranked = sorted(
        (n for n, at in counts.items() if at.count(mine) > 1 or mine in at and len(set(at)) > 1),
        key=lambda n: -counts[n].count(mine),
    )
    if not ranked:
        return ""
    best = ranked[0]
    said = f"{markdown.to_plain(d.visible())} {markdown.to_plain(d.answers())}"
    if re.search(rf"\b{re.escape(best)}\b", said, re.IGNORECASE):
        return ""  # the front says it already, or the card asks it
    return best


def _said(b) -> str:
    """Every line of a block's text, a definition list's terms and descriptions included."""
    if isinstance(b, Comparison):
        out: list[str] = []

        def add(items) -> None:
            for t in items:
                out.extend([t.term, t.description, *t.details])
                add(t.children)

        add(b.items)
        return " ".join(out)
    return _block_text(b)


def _pointer(b) -> bool:
    """A block of nothing but links: its reference lines were taken out of its text by the parser."""
    if isinstance(b, Paragraph):
        return not b.text.strip()
    return isinstance(b, ItemList) and not any(x.strip() for x in b.items)


def _group_links(section, pointers_only: bool = False) -> dict[int, list[Link]]:
    """The links of each `---` group of a section; `pointers_only`: only those of lines that are nothing
    but a pointer ('Learn more about [X](url).', a bare link): they serve every card of the group."""
    out: dict[int, list[Link]] = {}
    for b in section.blocks:
        group = out.setdefault(b.group, [])
        if pointers_only and not _pointer(b):
            continue
        for link in b.links:
            if all(link.url != s.url for s in group):
                group.append(link)
    return out


def _place_orphan_links(ctx: Ctx, drafts: list[Draft], groups: dict, pointers: dict) -> None:
    """A `---` group of nothing but links ('Learn more about [NAT gateways](...)' at the head of a section)
    gives no card: each link whose words only one carded group of the section speaks of ('Set up a NAT
    gateway ...') goes on that group's cards; a link no group or several groups name stays off."""
    carded = {d.block.group for d in drafts if d.block is not None and d.rule.policy.group_links}
    heading = {w for h in ctx.path for w in content_words(h, ctx.lang)}
    said: dict[int, list[str]] = {}
    for b in ctx.section.blocks:
        if b.group in carded:
            said.setdefault(b.group, []).extend(content_words(_block_text(b), ctx.lang))
    for g, blocks in _blocks_by_group(ctx.section).items():
        if g in carded or not all(_pointer(b) for b in blocks):
            continue
        for link in groups.get(g, []):
            named = [w for w in content_words(link.text, ctx.lang) if not any(same_stem(w, h) for h in heading)]
            if not named:
                continue
            homes = [h for h, ws in said.items() if _says_in_a_row(named, ws)]
            if not homes:  # (the words in a row first: 'NAT gateways' over 'an internet gateway or NAT device')
                homes = [h for h, ws in said.items() if all(any(same_stem(n, w) for w in ws) for n in named)]
            if len(homes) == 1:
                for table in (groups, pointers):
                    if all(link.url != x.url for x in table.setdefault(homes[0], [])):
                        table[homes[0]].append(link)


def _says_in_a_row(named: list[str], ws: list[str]) -> bool:
    n = len(named)
    return any(all(same_stem(a, b) for a, b in zip(named, ws[k : k + n], strict=True)) for k in range(len(ws) - n + 1))


def _blocks_by_group(section) -> dict[int, list]:
    out: dict[int, list] = {}
    for b in section.blocks:
        out.setdefault(b.group, []).append(b)
    return out


def _block_text(b) -> str:
    if isinstance(b, Paragraph):
        return b.text
    if isinstance(b, ItemList):
        return " ".join(b.items)
    return ""


def finish_cards(cards: list[Card]) -> list[Card]:
    """The file-wide passes over every domain's cards."""
    for _name, run in FILE_PASSES:
        cards = run(cards)
    return cards
