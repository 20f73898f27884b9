"""The model: plain data every later stage reads, each element carrying its source file and line."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Source:
    """Where an element starts in the notes."""

    file: str
    """Path of the notes file as given on the command line (or relative to the source folder)."""
    line: int
    """1-based line number."""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"

    def __reduce__(self):
        # Pickled by its fields: a frozen dataclass's default unpickling runs Python code per object, and a
        # vault's cached parse holds hundreds of thousands (half of reading it back, on a build with nothing to do)
        return (Source, (self.file, self.line))


@dataclass(slots=True)
class Link:
    """A link reference: inline, reference-style, autolink or bare URL."""

    url: str
    text: str
    """The link text; the URL itself for bare URLs and autolinks."""
    source: Source


@dataclass(slots=True)
class Term:
    """One item of a comparison list: a term, its description, and what hangs under it."""

    term: str
    """Inline Markdown of the term, without the `**` or trailing colon."""
    description: str
    """Inline Markdown of the description: the gist first; '' when the item only has children."""
    details: list[str]
    """Further inline Markdown lines about the term (nested bullets or extra lines)."""
    attributes: list[tuple[str, str]]
    """`Key: value` lines under the description, e.g. ('Uses', 'Clustering')."""
    children: list[Term]
    """Nested comparison items (a category term with its members)."""
    links: list[Link]
    source: Source
    gist: Any = None
    """The analysis of `description` (`analyse.Sentence`), set by the analysis stage."""
    listed: bool = False
    """The item names the term and nothing more: `description` and `details` are the items of the list
    nested under it (members, findings, facts), none of them said on the term's own line."""


@dataclass(slots=True)
class Block:
    """Base of the content blocks of a section."""

    source: Source
    group: int
    """Index of the `---`-separated group within the section; links of a group belong to its blocks."""
    links: list[Link]


@dataclass(slots=True)
class Paragraph(Block):
    text: str
    """Inline Markdown, soft breaks as spaces, hard breaks as newlines."""
    sentences: list[str]
    """`text` split into sentences (inline Markdown each)."""
    analysis: list = field(default_factory=list)
    """`analyse.Sentence` of each sentence, set by the analysis stage."""
    callout: str = ""
    """The callout type the paragraph stands in ('warning', 'note', ...), '' outside one."""


@dataclass(slots=True)
class Comparison(Block):
    intro: str
    """The lead-in sentence before the list, if any ("Data splitting strategies:")."""
    items: list[Term]


@dataclass(slots=True)
class ItemList(Block):
    """A bullet list that is not a comparison: each item inline Markdown with its nested items."""

    items: list[str]
    ordered: bool
    analysis: list = field(default_factory=list)
    """`analyse.Sentence` of each of `lines`, set by the analysis stage."""
    lines: list[str] = field(default_factory=list)
    """Each item's own text and each nested item's, one a line (`items` joins nested ones to their item)."""
    parents: list[str] = field(default_factory=list)
    """For each of `lines`, the own text of the item it hangs under; '' for a top-level item."""


@dataclass(slots=True)
class Steps(Block):
    """Numbered steps: an ordered list, or consecutive `Step N:` lines."""

    intro: str
    items: list[str]
    analysis: list = field(default_factory=list)
    """`analyse.Sentence` of each step, set by the analysis stage."""


@dataclass(slots=True)
class Explicit(Block):
    """A card the author wrote: a `Q:`/`A:` pair (kind 'qa') or text with `{{c1::...}}` (kind 'cloze')."""

    kind: str
    question: str
    """Inline Markdown: the question, or the cloze text."""
    answer: str
    origin: str = "markup"
    """'markup' (`Q:`/`A:`, `{{c1::}}`) or 'details' (a heading or summary over a `<details>` answer)."""


@dataclass(slots=True)
class Table(Block):
    header: list[str]
    rows: list[list[str]]


@dataclass(slots=True)
class Code(Block):
    lang: str
    text: str


@dataclass(slots=True)
class Image(Block):
    alt: str
    src: str
    path: str | None
    """Resolved local path when the image exists under the notes folder; None otherwise."""


@dataclass(slots=True)
class Math(Block):
    tex: str
    display: bool


@dataclass(slots=True)
class Section:
    """A heading and the blocks under it, up to the next heading."""

    title: str
    level: int
    path: tuple[str, ...]
    """Heading path from the domain down to this section, the domain's title first."""
    source: Source
    blocks: list[Block] = field(default_factory=list)
    markup: str = ""
    """The heading as written (inline Markdown, `title` is its plain text): the sheet draws its formulas."""

    @property
    def links(self) -> list[Link]:
        return [link for block in self.blocks for link in block.links]


@dataclass(slots=True)
class Domain:
    """A top-level section of a notes file: one subdeck and one cheat sheet."""

    title: str
    slug: str
    source: Source
    sections: list[Section]
    """In document order; the first holds the blocks directly under the domain heading."""
    parts: list[str] = field(default_factory=list)
    """For the domains of a file that share a sheet (a run of them, titled by the file): their names, which the
    sheet prints under its title."""


@dataclass(slots=True)
class NotesFile:
    path: str
    deck: str
    """Deck name: front matter `deck:`, else the H1 title, else the file name."""
    title: str
    meta: dict
    """Front matter."""
    domains: list[Domain]
    lang: str = "en"
    """Language of the notes (a file of `studydeck/words/`), set by the analysis stage."""
    looked_up: dict[str, bool] = field(default_factory=dict)
    """Files besides itself its parse looked for (images) -> whether each was there; '*name' -> False for
    a bare name looked for in the whole folder and not found; '=path=hash' for a note it embeds. A parse
    kept in the build cache holds while these are as they were."""


def sheet_header(notes: NotesFile) -> str:
    """What a sheet's header names: the deck the front matter names, else the file's title (front matter
    `title:`, its title heading, a lone top heading over the rest), its file name only when it has none."""
    return str(notes.meta.get("deck") or notes.title)


def outline(notes: NotesFile) -> str:
    """A compact text summary of the model: what the parser tests compare against."""
    lines = [f"deck: {notes.deck}"]
    for d in notes.domains:
        lines.append(f"domain {d.title} [{d.slug}] @{d.source.line}")
        for s in d.sections:
            lines.append(f"  section {' > '.join(s.path)} @{s.source.line}")
            for b in s.blocks:
                lines.extend("    " + x for x in _outline_block(b))
    return "\n".join(lines) + "\n"


def _outline_block(b: Block) -> list[str]:
    name = type(b).__name__.lower()
    head = f"{name} @{b.source.line} g{b.group}"
    if b.links:
        head += " links=" + ",".join(link.url for link in b.links)
    out = [head]
    if isinstance(b, Comparison):
        for t in b.items:
            out.extend(_outline_term(t, "  "))
    elif isinstance(b, Explicit):
        out.append(f"  {b.kind}: {b.question[:40]} -> {b.answer[:40]}")
    elif isinstance(b, Paragraph):
        out.append(f"  {len(b.sentences)} sentences: {b.text[:60]}")
    elif isinstance(b, (Steps, ItemList)):
        out.extend(f"  - {x[:60]}" for x in b.items)
    elif isinstance(b, Table):
        out.append(f"  {len(b.header)} cols x {len(b.rows)} rows")
    elif isinstance(b, Image):
        out.append(f"  {b.src} {'found' if b.path else 'missing'}")
    elif isinstance(b, Code):
        out.append(f"  {b.lang or 'text'}: {len(b.text.splitlines())} lines")
    return out


def _outline_term(t: Term, indent: str) -> list[str]:
    out = [f"{indent}term {t.term} :: {t.description[:50]}"]
    out.extend(f"{indent}  {k}: {v}" for k, v in t.attributes)
    for c in t.children:
        out.extend(_outline_term(c, indent + "  "))
    return out


@dataclass(slots=True)
class Card:
    """One generated note: a question/answer pair or a cloze, with where it came from."""

    kind: str
    """'qa' or 'cloze'."""
    front: str
    """HTML. For a cloze, the text with `{{c1::...}}` deletions."""
    answer: str
    """HTML of the answer alone (Q/A); '' for a cloze."""
    context: str
    """The heading path shown on the card: 'Cell structure › Organelles'."""
    extra: str
    """HTML: explanation shown on the back."""
    sources: list[Link]
    tags: list[str]
    key: tuple[str, ...]
    """Stable identity: (deck, heading path, rule, subject). Never the wording."""
    rule: str
    source: Source
    deck: str
    """Full deck name, 'Deck::Domain'."""
    domain: str
    """Slug of the domain, for grouping."""
    path: str = ""
    """The full heading path of the card's section (and comparison parents); `context` may show less of
    it when its last headings would name the answer."""
