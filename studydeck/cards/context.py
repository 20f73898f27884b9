"""What a rule sees besides its block: the file, domain and section, the file's language and terms."""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from dataclasses import dataclass, field
from functools import cached_property

from .. import markdown, words
from ..model import Block, Comparison, Domain, ItemList, NotesFile, Paragraph, Section, Term
from .card import Draft, Part, Rule
from .text import expansions, is_label, plain

CONTEXT_SEP = " › "
_NUMBERING = re.compile(r"^\s*(?:\\?\[\d+\]|\(\d+\)|\d+(?:\.\d+)*\.?|[IVX]+\.)\s+")


def tags_for(notes: NotesFile, section: Section) -> list[str]:
    """One hierarchical tag from the heading path: Study_Notes::SageMaker::Data_Wrangler."""
    parts = [notes.deck, *section.path]
    return ["::".join(re.sub(r"[^\w.+-]+", "_", markdown.to_plain(p)).strip("_") or "_" for p in parts)]


@dataclass(frozen=True, slots=True)
class FileFacts:
    """What the rules of one domain need to know of the rest of its file (part of the domain's cache key)."""

    terms: frozenset[str]
    uses: dict = field(default_factory=dict)
    said: dict = field(default_factory=dict)
    """Lower-cased subject -> how many sentences of the file are about it: a question about a subject
    the notes say much of ('What does X provide?') has many answers."""
    """Lower-cased subject -> how many purposes the file's sentences give it ('X is used to ...')."""
    """Lower-cased terms the notes name: headings, list terms, subjects of definitions."""
    places: dict = field(default_factory=dict)
    """Section id -> the heading part of its card keys: its own title when no other section shares it
    (so a section moved under another heading keeps its notes), its path otherwise."""
    hints: dict = field(default_factory=dict)
    """Lower-cased name -> the kind of thing it is, shown as its blank's hint ('pub/sub' -> 'service'):
    the file's front matter `hints:`, the notes' own domain words (none by default)."""
    spelled: dict = field(default_factory=dict)
    """'bse bovine spongiform encephalopathy' -> the slug of the domain where the notes first write an acronym
    out ('BSE (Bovine Spongiform Encephalopathy)'): asked there, once in the file."""
    mentions: dict = field(default_factory=dict)
    """Lower-cased acronym the notes write out -> how many blocks and headings of the file name it ('CNN',
    'CNNs'): one named once, inside a description of something else, is no subject of the notes."""
    goes_on: dict = field(default_factory=dict)
    """Section id -> {heading that only says it goes on ('Deeper Dive', the language's `going_on`) -> the
    heading of its level before it that names a place ('Introduction to Firewalls'), '' for none}: for the
    last section of each such heading up to this one, the heading of the same or another domain that
    places its cards (goes_on_from)."""

    def domains_digest_parts(self, domains: list[Domain]) -> list[list]:
        """What each domain's cards read of these facts: only the entries for words its own text holds (so an
        edit in one domain leaves the others' cards cached), found for all domains at once (words_in), not by
        searching every text for every word (a file of 650 domains and 900 words searched 1.7 GB)."""
        keys = {
            *self.terms,
            *self.uses,
            *self.said,
            *self.hints,
            *(k.split(" ", 1)[0] for k in self.spelled),
            *self.mentions,
        }
        out = []
        for domain, held in zip(domains, words_in(sorted(keys), [_domain_text(d) for d in domains]), strict=True):
            out.append(
                [
                    sorted(t for t in self.terms if t in held),
                    sorted((k, v) for k, v in self.uses.items() if k in held),
                    sorted((k, v) for k, v in self.said.items() if k in held),
                    sorted((k, v) for k, v in self.hints.items() if k in held),
                    sorted((k, v) for k, v in self.spelled.items() if k.split(" ", 1)[0] in held),
                    sorted((k, v) for k, v in self.mentions.items() if k in held),
                    [sorted(self.goes_on.get(id(s), {}).items()) for s in domain.sections],
                ]
            )
        return out


def words_in(keys: list[str], texts: list[str]) -> list[set[str]]:
    """For each text, the keys that occur in it anywhere (`key in text`, mid-word too: 'ml' in 'html').

    A key can only occur in a text whose words (runs of non-space characters) hold each word of the key as the
    key places it: one with spaces on both sides is a word of the text, the key's first ('sagemaker' in
    'sagemaker (2)') ends one of them, its last ('(2)') begins one, a key of one word lies inside one. Only the
    texts that hold all of a key's words so are searched for it (a key of no word: every text; one of one word
    is in all of them), so the answer is that of searching every text for every key."""
    held = [set(text.split()) for text in texts]  # each text's words
    vocab = sorted(set().union(*held))
    joined = "\n".join(vocab)  # (no word holds a space: a match inside it is inside one word)
    starts = list(itertools.accumulate((len(w) + 1 for w in vocab[:-1]), initial=0))
    # How each of a key's words must stand in a text: (word, begins one, ends one)
    shapes = {}
    for key in keys:
        parts = key.split()
        shapes[key] = [
            (w, i > 0 or key[:1].isspace(), i < len(parts) - 1 or key[-1:].isspace()) for i, w in enumerate(parts)
        ]
    fits: dict[tuple[str, bool, bool], set[str]] = {}  # -> the texts' words that stand so
    for word, begins, ends in {how for how_all in shapes.values() for how in how_all}:
        if begins and ends:
            fits[word, begins, ends] = {word}
            continue
        found = fits[word, begins, ends] = set()
        at = joined.find(word)
        while at >= 0:
            k = bisect.bisect_right(starts, at) - 1
            off = at - starts[k]
            if (not begins or off == 0) and (not ends or off + len(word) == len(vocab[k])):
                found.add(vocab[k])
            at = joined.find(word, at + 1)
    wanted = set().union(*fits.values())
    texts_of: dict[str, int] = {}  # a text's word that some key needs -> the texts holding it, a bit each
    for i, own in enumerate(held):
        bit = 1 << i
        for word in wanted & own:
            texts_of[word] = texts_of.get(word, 0) | bit
    may_of = {  # (how a key's word stands) -> the texts that may hold it so
        how: functools.reduce(operator.or_, (texts_of.get(w, 0) for w in fit), 0) for how, fit in fits.items()
    }
    every = (1 << len(texts)) - 1
    out: list[set[str]] = [set() for _ in texts]
    for key, how_all in shapes.items():
        may = every
        for how in how_all:
            may &= may_of[how]
        whole = len(how_all) == 1 and how_all[0][0] == key  # one word, no space: in any text a word of which holds it
        while may:
            low = may & -may
            may ^= low
            i = low.bit_length() - 1
            if whole or key in texts[i]:
                out[i].add(key)
    return out


def _domain_text(domain: Domain) -> str:
    """Every word of a domain, lower-cased plain text: headings, list terms and descriptions, sentences."""
    parts: list[str] = []

    def add(items: list[Term]) -> None:
        for t in items:
            parts.extend([t.term, t.description, *t.details])
            add(t.children)

    for s in domain.sections:
        parts.append(s.title)
        for b in s.blocks:
            if isinstance(b, Comparison):
                add(b.items)
            for attr in ("text", "items", "lines", "intro", "question", "answer"):
                v = getattr(b, attr, None)
                if isinstance(v, str):
                    parts.append(v)
                elif isinstance(v, list):
                    parts.extend(x for x in v if isinstance(x, str))
            if hasattr(b, "rows"):
                parts.extend(c for r in [b.header, *b.rows] for c in r)
    return " ".join(plain(p) for p in parts if p).lower()


def file_facts(notes: NotesFile) -> FileFacts:
    terms: set[str] = set()
    uses: dict[str, int] = {}
    said: dict[str, int] = {}

    def add(items: list[Term]) -> None:
        for t in items:
            terms.add(plain(t.term).lower())
            add(t.children)

    sections = [s for d in notes.domains for s in d.sections]
    for s in sections:
        terms.add(plain(s.title).lower())
        for b in s.blocks:
            if isinstance(b, Comparison):
                add(b.items)
            elif isinstance(b, (Paragraph, ItemList)):
                for a in b.analysis:
                    if a.kind == "definition" and a.subject:
                        terms.add(plain(a.subject).lower())
                    if a.subject:
                        said[plain(a.subject).lower()] = said.get(plain(a.subject).lower(), 0) + 1
                    if a.kind == "purpose" and a.subject:
                        uses[plain(a.subject).lower()] = uses.get(plain(a.subject).lower(), 0) + 1
    terms.discard("")
    uses = _with_prefixed(uses)
    count: dict[str, int] = {}
    for s in sections:
        count[s.title] = count.get(s.title, 0) + 1
    places = {id(s): (s.title,) if count[s.title] == 1 else tuple(s.path) for s in sections}
    spelled: dict[str, str] = {}
    texts: list[list[str]] = []  # each heading's and each block's lines, plain: a mention counts once in each
    for d in notes.domains:
        for s in d.sections:
            texts.append([plain(s.title)])
            for b in s.blocks:
                lines = [plain(x) for x, _ in block_texts(b)]
                texts.append(lines)
                for line in lines:
                    for abbr, said_out in expansions(line, notes.lang):
                        spelled.setdefault(f"{abbr} {said_out}".lower(), d.slug)
    abbrs = {k.split(" ", 1)[0].upper() for k in spelled}
    mentions: dict[str, int] = {}
    if abbrs:
        named = re.compile(r"\b(" + "|".join(sorted(map(re.escape, abbrs))) + r")s?\b")
        for t in texts:
            for abbr in {m.group(1) for x in t for m in named.finditer(x)}:
                mentions[abbr.lower()] = mentions.get(abbr.lower(), 0) + 1
    return FileFacts(
        frozenset(terms), uses, said, places, hints_of(notes.meta), spelled, mentions, _goes_on(sections, notes.lang)
    )


def _goes_on(sections: list[Section], lang: str) -> dict[int, dict[str, str]]:
    """FileFacts.goes_on: what each label heading that says it goes on follows, read once for the file
    (a label may head a domain of its own: the heading before it is another domain's)."""
    going_on = words.lang(lang).going_on
    out: dict[int, dict[str, str]] = {}
    last: dict[str, str] = {}
    for k, s in enumerate(sections):
        title = markdown.to_plain(s.title)
        if markdown.to_plain(title).lower().strip(" .:") in going_on:
            last[title] = _before(sections, k, lang)
        if last:
            out[id(s)] = dict(last)
    return out


def _before(sections: list[Section], at: int, lang: str) -> str:
    """The heading of the section of `at`'s level before it, when it names a place; '' when `at` opens its
    level or that section is a label too."""
    level = sections[at].level
    for s in reversed(sections[:at]):
        if s.level < level:
            return ""
        if s.level == level:
            title = markdown.to_plain(s.title)
            return "" if is_label(title, lang) else title
    return ""


def _with_prefixed(counts: dict[str, int]) -> dict[str, int]:
    """'Use Amazon CloudWatch to monitor ...' and, in another section, 'use CloudWatch to send notifications':
    one name written with and without its leading word, its purposes counted together (a question 'What is
    CloudWatch used for?' would have either answer)."""
    out = dict(counts)
    for name, n in counts.items():
        head, _, rest = name.partition(" ")
        if rest and head.isalpha() and rest in counts:
            out[name] = out[rest] = counts[rest] + n
    return out


def hints_of(meta: dict) -> dict[str, str]:
    """Front matter `hints: {service: [Pub/Sub, Cloud Monitoring]}` -> {'pub/sub': 'service', ...}."""
    out: dict[str, str] = {}
    for kind, names in (meta.get("hints") or {}).items():
        for name in names:
            out[plain(str(name)).strip().lower()] = str(kind).strip()
    return out


class Ctx:
    """The file, domain and section a block is in; `draft()` starts a card there."""

    def __init__(self, notes: NotesFile, domain: Domain, section: Section, facts: FileFacts):
        self.notes = notes
        self.domain = domain
        self.section = section
        self.facts = facts
        self.lang = notes.lang
        self.place = facts.places.get(id(section), section.path)
        # shown without the outline's numbering ('2.1.4 Ribosomes' -> 'Ribosomes', '[1] EC2' -> 'EC2')
        self.path = tuple(_NUMBERING.sub("", markdown.to_plain(p)) or markdown.to_plain(p) for p in section.path)
        self.deck = f"{notes.deck}::{domain.title}"
        self.tags = tags_for(notes, section)
        self.resolved: dict[int, tuple] = {}  # the prose rules' sentences of each block, pronouns resolved
        self.memo: dict[str, object] = {}  # what a rule finds once for the whole section (formulas' equations)
        self._symbols: dict[str, bool] = {}

    @cached_property
    def plain_lines(self) -> list[str]:
        """The section's lines of text (block_texts), as plain text."""
        return [plain(x) for b in self.section.blocks for x, _ in block_texts(b)]

    def symbol_in_use(self, name: str) -> bool:
        """'N', 'G' set apart as labels ('G – mean number of frames ...') in a section whose other lines keep
        using them ('At high load G>N'): a symbol the notes reason with, one of their names; a letter
        glossed once and never used again is a variable of one passage, no card."""
        p = plain(name).strip("$*_ ")
        if len(p) != 1 or not p.isupper():
            return False
        if p not in self._symbols:  # (asked of each marked definition and list term of the section)
            used = re.compile(rf"(?<![\w'’]){re.escape(p)}(?![\w'’])")
            self._symbols[p] = sum(1 for x in self.plain_lines if used.search(x)) > MIN_SYMBOL_LINES
        return self._symbols[p]

    def draft(
        self, rule: Rule, kind: str, front: list[Part], block: Block, subject: str, answer: str = "", **more
    ) -> Draft:
        more.setdefault("source", block.source)
        return Draft(rule=rule, kind=kind, front=front, answer=answer, subject=subject, block=block, **more)

    def key(self, d: Draft) -> tuple[str, ...]:
        return (self.notes.deck, *self.place, d.rule.policy.key, d.subject.lower())


MIN_SYMBOL_LINES = 3  # the line that glosses a symbol, and more than two others that use it


def block_texts(block: Block) -> list[tuple[str, object]]:
    """A block's lines of text with the source of each: a paragraph's sentences, a list's items, a definition
    list's terms and descriptions (each item's own source)."""
    if isinstance(block, Paragraph):
        return [(s, block.source) for s in block.sentences]
    if isinstance(block, ItemList):
        return [(x, block.source) for x in (block.lines or block.items)]
    out: list[tuple[str, object]] = []
    if isinstance(block, Comparison):

        def add(items) -> None:
            for t in items:
                out.extend((x, t.source) for x in [t.term, t.description, *t.details] if x)
                add(t.children)

        add(block.items)
    return out
