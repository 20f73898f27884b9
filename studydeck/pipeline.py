"""The build: read and parse every notes file first, then write the deck and the sheets from the model."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import markdown
from .cards import make_cards
from .files import atomic_path
from .model import Card, NotesFile

if TYPE_CHECKING:
    from .pdf import Fit
from .parse import parse_notes
from .read import find_notes, read_notes
from .report import Report


ALL_SHEETS = "all.pdf"


@dataclass
class Options:
    source: Path
    output: Path
    only: str | None = None
    templates: Path | None = None
    deck_name: str | None = None
    page: str | None = None
    """Cheat sheet paper and orientation, e.g. 'letter' or 'a4 portrait' (front matter `sheet:` otherwise)."""


@dataclass
class Result:
    notes: list[NotesFile] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    deck_path: Path | None = None
    sheets: dict[str, Path] = field(default_factory=dict)
    fits: dict[str, "Fit"] = field(default_factory=dict)


def load(source: Path, report: Report) -> list[NotesFile]:
    """Every notes file under `source`, parsed; domain slugs made unique across files."""
    root = source if source.is_dir() else source.parent
    notes: list[NotesFile] = []
    for path in find_notes(source):
        name = str(path.relative_to(root)) if source.is_dir() else path.name
        text = read_notes(path, name, report)
        notes.append(parse_notes(text, name, path.parent, root, report))
    seen: set[str] = set()
    for nf in notes:
        for d in nf.domains:
            slug, n = d.slug, 2
            while slug in seen:
                slug = f"{d.slug}-{n}"
                n += 1
            d.slug = slug
            seen.add(slug)
    return notes


def deck_name(notes: list[NotesFile], source: Path, explicit: str | None) -> str:
    if explicit:
        return explicit
    names = {nf.deck for nf in notes}
    if len(names) == 1:
        return names.pop()
    return source.resolve().name if source.is_dir() else source.stem


def build(opts: Options, report: Report) -> Result:
    result = Result()
    result.notes = load(opts.source, report)
    if opts.only in (None, "deck"):
        from .deck import write_deck

        for nf in result.notes:
            result.cards.extend(make_cards(nf))
        name = deck_name(result.notes, opts.source, opts.deck_name)
        target = opts.output / f"{markdown.slugify(name)}.apkg"
        with atomic_path(target) as tmp:
            write_deck(result.cards, tmp, opts.templates)
        for old in opts.output.glob("*.apkg"):
            if old != target:
                old.unlink()  # exactly one deck in the output folder
        result.deck_path = target
    if opts.only in (None, "sheets"):
        from .pdf import render_pdf, write_all
        from .sheet import condense

        root = opts.source if opts.source.is_dir() else opts.source.parent
        sheet_dir = opts.output / "cheatsheets"
        wanted = set()
        for nf in result.notes:
            for domain in nf.domains:
                sheet = condense(domain, nf.deck, nf.meta, opts.page)
                # all.pdf is the file of every sheet: a domain titled "All" steps aside.
                target = sheet_dir / f"{domain.slug if domain.slug + '.pdf' != ALL_SHEETS else domain.slug + '-domain'}.pdf"
                with atomic_path(target) as tmp:
                    result.fits[domain.slug] = render_pdf(sheet, tmp, [root], report, opts.templates)
                result.sheets[domain.slug] = target
                wanted.add(target)
        if result.fits:
            # Every domain in one file, for printing in one go.
            target = sheet_dir / ALL_SHEETS
            with atomic_path(target) as tmp:
                write_all(list(result.fits.values()), tmp)
            wanted.add(target)
            for fit in result.fits.values():
                fit.document = None  # laid-out pages are large: free them once written
        for old in sheet_dir.glob("*.pdf"):
            if old not in wanted:
                old.unlink()
    return result
