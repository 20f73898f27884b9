"""What a build is asked for (Options) and what it made (Result), and the names of the files it writes:
plain data the pipeline fills in and the preview, the summary and the command line read."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Card, NotesFile

if TYPE_CHECKING:
    from ..sheets.pdf import Fit

ALL_SHEETS = "all.pdf"
"""Every sheet in one PDF, beside the sheets."""

KIND_LABELS = {"qa": "Q/A", "cloze": "Cloze"}
"""The kinds of card, as the summary and the preview name them."""


@dataclass
class Options:
    source: Path
    output: Path
    only: str | None = None
    templates: Path | None = None
    deck_name: str | None = None
    page: str | None = None
    """Cheat sheet paper and orientation, e.g. 'letter' or 'a4 portrait' (front matter `sheet:` otherwise)."""
    jobs: int | None = None
    """Processes rendering sheets; None: one per core."""
    cards: str | None = None
    """Who writes the cards: 'rules', 'llm' or 'auto' (llm/); None: front matter `cards:`, else the rules."""
    llm: object | None = None
    """llm.Settings (where the model is); None: from the environment, read only when a model is wanted."""
    sheets: str | None = None
    """'per-domain': a sheet per domain, always; None: a file whose domains fit one page legibly gets one
    sheet for the whole file, a bigger one shares sheets by runs of small domains, alone or in a folder
    (front matter `sheet: {per: domain|file}` decides for one file)."""
    include: list[str] = field(default_factory=list)
    """Globs of files read as notes whatever they look like (a LICENSE, a table of contents)."""
    exclude: list[str] = field(default_factory=list)
    """Globs of files and folders never read."""


@dataclass
class DeckCounts:
    """The deck's cards as Anki will have them (as the preview shows them): per domain by kind, the flagged
    ones per domain, the suspended copies of removed notes."""

    kinds: dict[str, Counter] = field(default_factory=dict)
    flagged: Counter = field(default_factory=Counter)
    removed: int = 0

    @property
    def total(self) -> Counter:
        return sum(self.kinds.values(), Counter())


@dataclass
class Result:
    notes: list[NotesFile] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    """The deck's cards: this build's, or for a sheets-only build the last build's when no notes file
    changed since (a sheets-only build makes no cards)."""
    cards_known: bool = True
    """False for a sheets-only build that found no cards of the notes as they are: the preview shows none."""
    deck_name: str = ""
    deck_file: Path | None = None
    """Where the deck is written (whether or not this build wrote it)."""
    deck_path: Path | None = None
    """The deck, when this build made or checked it (not in a sheets-only build)."""
    sheets: dict[str, Path] = field(default_factory=dict)
    fits: dict[str, Fit] = field(default_factory=dict)
    """Per sheet; a sheet kept from the previous build has renders == 0."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per phase: parse, keys, cards, deck, sheets (wall time, sheets overlap cards and deck)."""
    rendered: list[str] = field(default_factory=list)
    """Slugs of the sheets rendered by this build (the others were current)."""
    carded: list[str] = field(default_factory=list)
    """Slugs of the domains whose cards were made by this build (the others came from the cache)."""
    deck_written: bool = False
    preview: Path | None = None
    inputs: list[Path] = field(default_factory=list)
    """Every file and folder the build read: the notes, their folders, images, templates."""
    model: object | None = None
    """llm.Stats: what the model writer did; None when the rules wrote every card."""
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """Markdown files (and folders) under the source that are not notes, and why: for the summary."""
    prepared: list | None = None
    """Each card's deck/apkg.Prepared (its guid, fields, card ordinals), when this build wrote the deck:
    the preview's notes, not made again."""
    written: tuple | None = None
    """What the deck this build wrote holds, when it wrote one: its cards (deck/apkg.DeckResult.written) and
    its images (file -> media name, deck/media.Media.names): the preview's, not read back from the package."""
    sheet_of: dict[str, str] = field(default_factory=dict)
    """Domain slug -> the slug of its file's one sheet, for the domains of a file printed on one page."""
    counts: DeckCounts = field(default_factory=DeckCounts)
    """The deck's cards counted as the preview shows them, for the summary (empty without a deck)."""


def deck_name(notes: list[NotesFile], source: Path, explicit: str | None) -> str:
    """--deck-name, else the one deck the notes name, else the source folder's (or file's) name."""
    if explicit:
        return explicit
    names = {nf.deck for nf in notes}
    if len(names) == 1:
        return names.pop()
    return source.resolve().name if source.is_dir() else source.stem


def sheet_name(slug: str) -> str:
    """A domain's sheet file: all.pdf is the file of every sheet, so a domain titled "All" steps aside."""
    return f"{slug}.pdf" if f"{slug}.pdf" != ALL_SHEETS else f"{slug}-domain.pdf"
