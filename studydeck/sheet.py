"""Stage 5a: condense a domain of the model into what fits on its cheat sheet (plain data for the template)."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import markdown
from .model import Code, Comparison, Domain, Image, ItemList, Link, Paragraph, Steps, Table, Term

GIST_WORDS = 14  # devhints: table descriptions of about 8 words; notes need a bit more


@dataclass(slots=True)
class Entry:
    kind: str
    """'kv' (key/gist row), 'text', 'steps', 'code', 'table', 'image'."""
    key: str = ""
    value: str = ""
    items: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    level: int = 0


@dataclass(slots=True)
class Box:
    title: str
    path: tuple[str, ...]
    entries: list[Entry]
    refs: list[int]


@dataclass(slots=True)
class Sheet:
    title: str
    deck: str
    slug: str
    boxes: list[Box]
    links: list[Link]


def condense(domain: Domain, deck: str) -> Sheet:
    links: list[Link] = []
    index: dict[str, int] = {}
    boxes: list[Box] = []
    for section in domain.sections:
        entries: list[Entry] = []
        for block in section.blocks:
            entries.extend(_entries(block))
        refs = []
        for link in section.links:
            if link.url not in index:
                links.append(link)
                index[link.url] = len(links)
            if index[link.url] not in refs:
                refs.append(index[link.url])
        if entries or refs:
            title = section.title if len(section.path) > 1 else "Overview"
            boxes.append(Box(title, section.path, entries, refs))
    return Sheet(domain.title, deck, domain.slug, boxes, links)


def gist(text: str, words: int = GIST_WORDS) -> str:
    """The first sentence, cut to about `words` words at a clause boundary when possible."""
    first = markdown.sentences(text)[0] if text else ""
    plain = markdown.to_plain(first)
    toks = plain.split()
    if len(toks) <= words:
        return plain
    cut = " ".join(toks[:words])
    for sep in (", ", "; ", " — ", " - "):
        pos = cut.rfind(sep)
        if pos > len(cut) // 2:
            return cut[:pos] + "…"
    return cut.rstrip(",;:") + "…"


def _terms(terms: list[Term], level: int = 0):
    for t in terms:
        value = gist(t.description) if t.description else ""
        uses = [v for k, v in t.attributes if k.lower() == "uses"]
        if uses:
            value = f"{value} <{uses[0]}>" if value else uses[0]
        yield Entry("kv", key=markdown.to_plain(t.term), value=value, level=level)
        yield from _terms(t.children, level + 1)


def _entries(block):
    if isinstance(block, Comparison):
        yield from _terms(block.items)
    elif isinstance(block, Paragraph):
        for sent in block.sentences[:2]:
            yield Entry("text", value=gist(sent, 25))
    elif isinstance(block, Steps):
        yield Entry("steps", items=[gist(i, 12) for i in block.items])
    elif isinstance(block, ItemList):
        yield Entry("list", items=[gist(i, 12) for i in block.items])
    elif isinstance(block, Code):
        yield Entry("code", value="\n".join(block.text.splitlines()[:8]))
    elif isinstance(block, Table):
        yield Entry("table", items=[markdown.to_plain(h) for h in block.header], rows=[[markdown.to_plain(c) for c in r] for r in block.rows[:12]])
    elif isinstance(block, Image) and block.path:
        yield Entry("image", key=block.alt, value=block.path)
