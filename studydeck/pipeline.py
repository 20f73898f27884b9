"""The build: read and parse every notes file first, then write the deck and the sheets from the model."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import markdown
from .cards import make_cards
from .files import atomic_path, write_if_changed
from .identity import REMOVED_TAG, STATE_NAME, dump_state, load_state
from .model import Card, NotesFile

if TYPE_CHECKING:
    from .pdf import Fit
from .parse import parse_notes
from .read import find_notes, is_blank, read_notes
from .report import NotesError, Report


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
    preview: Path | None = None


def load(source: Path, report: Report) -> list[NotesFile]:
    """Every notes file under `source`, parsed; domain slugs made unique across files."""
    root = source if source.is_dir() else source.parent
    notes: list[NotesFile] = []
    blank: list[str] = []
    for path in find_notes(source):
        name = str(path.relative_to(root)) if source.is_dir() else path.name
        text = read_notes(path, name, report)
        if is_blank(text):
            blank.append(name)
            continue
        notes.append(parse_notes(text, name, path.parent, root, report))
    if not notes:
        where = blank[0] if len(blank) == 1 else str(source)
        raise NotesError(where, "empty notes (nothing but blank lines or `---`): nothing to build")
    for name in blank:
        report.warn(name, "empty notes file (nothing but blank lines or `---`); skipped")
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
        from .media import attach

        for nf in result.notes:
            result.cards.extend(make_cards(nf))
        media = attach(result.cards, result.notes, opts.source)
        name = deck_name(result.notes, opts.source, opts.deck_name)
        target = opts.output / f"{markdown.slugify(name)}.apkg"
        state_path = opts.output / STATE_NAME
        state = load_state(state_path)
        with atomic_path(target) as tmp, tempfile.TemporaryDirectory() as media_dir:
            written = write_deck(result.cards, tmp, opts.templates, media.files(Path(media_dir)), state=state)
        write_if_changed(state_path, dump_state(written.state))
        moves: dict[tuple[str, str], list[str]] = {}
        for where, old_deck, new_deck in written.moved:
            moves.setdefault((old_deck, new_deck), []).append(where)
        for (old_deck, new_deck), wheres in sorted(moves.items()):
            report.info(
                f"{wheres[0]}: {len(wheres)} note(s) moved from {old_deck} to {new_deck}; Anki updates them in place "
                f"but keeps their cards in {old_deck}: move them there with Browse › Change Deck"
            )
        for gone in written.removed:
            report.info(
                f"{gone.source or gone.deck}: note removed from the notes since the last build; "
                f"kept in Anki suspended, tagged {REMOVED_TAG}: {_plain(gone.fields[0])[:70]}"
            )
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
        total = sum(len(nf.domains) for nf in result.notes)
        report.step("sheets", 0, total)
        for nf in result.notes:
            for domain in nf.domains:
                sheet = condense(domain, nf.deck, nf.meta, opts.page)
                # all.pdf is the file of every sheet: a domain titled "All" steps aside.
                target = sheet_dir / f"{domain.slug if domain.slug + '.pdf' != ALL_SHEETS else domain.slug + '-domain'}.pdf"
                with atomic_path(target) as tmp:
                    result.fits[domain.slug] = render_pdf(sheet, tmp, [root], report, opts.templates)
                result.sheets[domain.slug] = target
                wanted.add(target)
                report.step("sheets", len(result.sheets), total)
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
    from .preview import write_preview

    write_preview(result, opts, report)
    return result


def _plain(html_text: str) -> str:
    import html as html_lib
    import re

    return html_lib.unescape(re.sub(r"<[^>]+>", "", html_text)).strip()
