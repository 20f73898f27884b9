"""Stage 6: the deck's cards and the sheets to output/preview.html, one offline page to check before importing."""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import mimetypes
import pickle
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .. import templates
from ..build.cache import file_hash, template_files, tool_version
from ..build.options import ALL_SHEETS, KIND_LABELS, DeckCounts
from ..deck.identity import REMOVED_TAG
from ..deck.media import attach
from ..files import write_if_changed
from ..model import Card, Source
from ..report import NotesError, Report
from . import pages
from .anki import (
    TemplateError,
    WrittenCard,
    cloze_answers,
    cloze_numbers,
    no_cloze,
    plain_text,
    read_deck,
    render_cloze,
    render_template,
)

if TYPE_CHECKING:
    import genanki

    from ..build.options import Options, Result

LONG_ANSWER_WORDS = 30  # CARDS.md: a Q/A answer of 12 words or so, 30 at the most
LEAK_MIN_LETTERS = 5  # shorter words (the, with, data) are shared by chance more often than they give anything away
# Rules that rewrite a sentence of free prose into a question ("Configure X to do Y." -> "How do you do
# Y?") or hide a number in it: the rewording or the choice of blank can go wrong, so their cards deserve a
# second look. Rules that take a card from the notes' structure (comparison lists, tables, steps), from
# the author's markup, or that hide the subject of a sentence kept as written are not listed. A rule can
# also say so itself: a Card with a `confidence` attribute below 0.5 (or "low") counts as low confidence.
LOW_CONFIDENCE_RULES = frozenset({"recommendation", "means", "when", "store", "number", "numbers"})
THUMB_WIDTH = 320  # px: enough to recognise a sheet's layout, small enough to embed thirteen of them


# --- the deck's cards, as Anki will have them ----------------------------------------------------------


@dataclass(slots=True)
class CardView:
    """One Anki card of a note: what the learner sees on each side, and what looks doubtful about it."""

    card: Card
    ordinal: int
    """Anki's card ordinal: 0 for Q/A, n - 1 for the cloze deletion cn."""
    guid: str
    front: str = ""
    back: str = ""
    flags: list[str] = field(default_factory=list)
    fields: dict[str, str] | None = None
    """The note's fields as written in the deck, when the card is not one of this build's (a removed note)."""
    removed: bool = False
    """A note gone from the notes that the deck still carries, suspended, so the learner can delete it."""
    text: tuple[str, str] | None = None
    """Its front and back as plain text (what the paged preview's search reads), kept with its faces."""

    @property
    def number(self) -> str:
        return f"c{self.ordinal + 1}" if self.card.kind == "cloze" else ""

    @property
    def anchor(self) -> str:
        """The card's id on its page (a guid has characters a URL's fragment would need escaped)."""
        return f"card-{self.guid.encode('utf-8').hex()}-{self.ordinal}"


def expand(
    cards: list[Card], templates_dir: Path | None = None, known: dict | None = None, prepared: list | None = None
) -> list[CardView]:
    """Every Anki card of the deck's notes: one per Q/A note, one per cloze number of a cloze note.

    The notes and their card ordinals come from deck/apkg.py and genanki, the code that writes the .apkg, so
    the count is the deck's own. `known`: the last build's marks by (guid, ordinal, *_marked(card)), which
    a card that reads the same keeps. `prepared`: each card's deck/apkg.Prepared, when the deck writer made
    them this build (their guid and card ordinals, not made again).
    """
    # genanki (0.1 s): loaded only when the preview is made again
    from ..deck.apkg import note_types, to_note

    qa, cloze = note_types(templates_dir)
    views = []
    if prepared is not None and len(prepared) != len(cards):
        prepared = None
    for i, card in enumerate(cards):
        if prepared is not None:
            guid, ordinals = prepared[i][0], sorted(prepared[i][2])
        else:
            note = to_note(card, qa, cloze)
            guid, ordinals = note.guid, sorted(c.ord for c in note.cards)
        for ordinal in ordinals:
            flags = known.get((guid, ordinal, *_marked(card))) if known else None
            views.append(CardView(card, ordinal, guid, flags=quality(card, ordinal) if flags is None else flags))
    return views


def render(view: CardView, qa: genanki.Model, cloze: genanki.Model) -> None:
    """Fill in the front and back of `view` with its note type's templates, as Anki renders them."""
    # genanki (0.1 s): loaded only when the preview is made again
    from ..deck.apkg import CLOZE_FIELDS, to_note

    is_cloze = view.card.kind == "cloze"
    model = cloze if is_cloze else qa
    fields = view.fields
    if fields is None:
        note = to_note(view.card, qa, cloze)
        fields = {f["name"]: value for f, value in zip(model.fields, note.fields, strict=True)}
    tmpl = model.templates[0 if is_cloze else view.ordinal]
    try:
        text = CLOZE_FIELDS[0]
        if is_cloze and view.ordinal + 1 not in cloze_numbers(fields[text]):
            error = no_cloze(view.ordinal + 1)
            view.front = render_template(tmpl["qfmt"], {**fields, text: ""}, view.ordinal) + error
            view.back = error
            return
        view.front = render_template(tmpl["qfmt"], fields, view.ordinal)
        view.back = render_template(tmpl["afmt"], fields, view.ordinal, front_side=view.front, cloze_back=is_cloze)
    except TemplateError as e:  # a --templates file of the user's: Anki would show this card as an error
        raise NotesError(f"note type '{model.name}'", f"template: {e}") from None


def _marked(card: Card) -> tuple:
    """What quality() reads of a card."""
    return (card.kind, card.front, card.answer, card.rule, getattr(card, "confidence", None))


def quality(card: Card, ordinal: int) -> list[str]:
    """Warnings a reviewer should look at: a long answer, answer words on the front, a rule that guesses."""
    if card.kind == "cloze" and ordinal + 1 not in cloze_numbers(card.front):
        return [f"Anki shows an error: no complete cloze c{ordinal + 1} in the text"]
    if card.kind == "cloze":
        answer = " ".join(plain_text(a) for a in cloze_answers(card.front, ordinal))
        front = plain_text(render_cloze(card.front, ordinal, back=False))
    else:
        answer, front = plain_text(card.answer), plain_text(card.front)
    flags = []
    words = len(answer.split())
    if words > LONG_ANSWER_WORDS:
        flags.append(f"long answer: {words} words")
    on_front = {w.lower() for w in re.findall(r"[^\W\d_]+", front)}
    leaked = sorted({w.lower() for w in re.findall(rf"[^\W\d_]{{{LEAK_MIN_LETTERS},}}", answer)} & on_front)
    if leaked:
        flags.append("possible leak: " + ", ".join(leaked))
    if _low_confidence(card):
        flags.append(f"low-confidence rule: {card.rule}")
    return flags


def _low_confidence(card: Card) -> bool:
    confidence = getattr(card, "confidence", None)
    if confidence is None:
        return card.rule in LOW_CONFIDENCE_RULES
    return confidence == "low" if isinstance(confidence, str) else confidence < 0.5


# --- the page ------------------------------------------------------------------------------------------


@dataclass(slots=True)
class SectionView:
    context: str
    cards: list[CardView] = field(default_factory=list)


@dataclass(slots=True)
class SheetView:
    href: str
    """Relative to the preview page."""
    thumbnail: str
    """A data: URI of page 1 as PNG; '' when it could not be rendered."""
    size: float | None
    dropped: list[str]
    pages: int = 1


@dataclass(slots=True)
class DomainView:
    slug: str
    title: str
    sections: list[SectionView] = field(default_factory=list)
    kinds: Counter = field(default_factory=Counter)
    flagged: int = 0
    sheet: SheetView | None = None

    @property
    def count(self) -> int:
        return sum(self.kinds.values())


def deck_views(result: Result, opts: Options, known: dict | None = None) -> tuple[list[CardView], dict[str, bytes]]:
    """Every card of the deck, and the deck's images by name.

    With a written .apkg (this build's, or an earlier one's when this build made only the sheets) the
    cards and their fields are read from it, so the preview is what an import brings, count included:
    this build's cards first, in the notes' order, then any other card it holds (the suspended copies of
    removed notes). Without one, the cards this build would write. None at all for a sheets-only build
    that has no cards of the notes as they are.
    """
    if not result.cards_known:
        return [], {}
    views = expand(result.cards, opts.templates, known, getattr(result, "prepared", None))
    apkg = result.deck_file
    if apkg is None or not apkg.is_file():
        return views, _notes_media([v.card for v in views], result, opts)
    if getattr(result, "written", None) is not None:  # the deck this build wrote: what the file holds
        rows, files = result.written
        written, media = [WrittenCard(*row) for row in rows], _media_bytes(files)
    else:
        written, media = read_deck(apkg)
    by_key = {(w.guid, w.ordinal): w for w in written}
    out: list[CardView] = []
    for v in views:
        w = by_key.pop((v.guid, v.ordinal), None)
        if w is not None:
            v.fields = dict(zip(_field_names(w.kind), w.fields, strict=False))
            out.append(v)
    slugs = {d.title: d.slug for nf in result.notes for d in nf.domains}
    out.extend(_written_view(w, slugs) for w in by_key.values())
    return out, media


def _notes_media(cards: list[Card], result: Result, opts: Options) -> dict[str, bytes]:
    """Images of cards no deck holds yet: their src pointed at media names, as the deck writer would."""
    return _media_bytes(attach(cards, result.notes, opts.source).names)


def _media_bytes(names: dict[Path, str]) -> dict[str, bytes]:
    return {name: path.read_bytes() for path, name in names.items()}


def _field_names(kind: str) -> list[str]:
    # genanki (0.1 s): loaded only when the preview is made again
    from ..deck.apkg import CLOZE_FIELDS, QA_FIELDS

    return CLOZE_FIELDS if kind == "cloze" else QA_FIELDS


_IMG_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]*)(")', re.I)


def inline_media(fragment: str, media: dict[str, bytes]) -> str:
    """`<img src="name">` of the deck's media as data: URIs: the page loads nothing."""

    def sub(m: re.Match) -> str:
        data = media.get(html.unescape(m.group(2)))
        if data is None:
            return m.group(0)
        mime = mimetypes.guess_type(m.group(2))[0] or "application/octet-stream"
        return f"{m.group(1)}data:{mime};base64,{base64.b64encode(data).decode('ascii')}{m.group(3)}"

    return _IMG_SRC.sub(sub, fragment)


def _written_view(w: WrittenCard, slugs: dict[str, str]) -> CardView:
    from .. import markdown  # markdown-it: only for the cards of a deck the notes no longer have

    names = _field_names(w.kind)
    fields = dict(zip(names, w.fields, strict=False))
    title = w.deck.split("::")[-1]
    removed = REMOVED_TAG in w.tags
    card = Card(
        kind=w.kind,
        front=fields.get(names[0], ""),
        answer=fields.get("Answer", ""),
        context=REMOVED_SECTION if removed else STALE_SECTION,
        extra=fields.get("Extra", ""),
        sources=[],
        tags=w.tags,
        key=(),
        rule="removed" if removed else "deck only",
        source=Source("", 0),
        deck=w.deck,
        domain=slugs.get(title) or markdown.slugify(title),
    )
    return CardView(card, w.ordinal, w.guid, fields=fields, removed=True)


def deck_counts(result: Result, opts: Options, views: list[CardView] | None = None) -> DeckCounts:
    """DeckCounts of the deck this build wrote or checked (of `views`, when made already). Kept in the
    cache by the deck file's hash and the cards' domains and rules, so a build that wrote no deck and no
    preview reads 20,000 cards back from the deck for nothing."""
    if not result.deck_path:
        return DeckCounts()
    place = opts.output / ".cache" / "deck-counts.json"
    rules = [[c.domain, c.rule] for c in result.cards]
    key = hashlib.sha256(
        json.dumps([tool_version(), file_hash(result.deck_path), result.cards_known, rules]).encode()
    ).hexdigest()
    if views is None:
        try:
            kept = json.loads(place.read_text(encoding="utf-8"))
            if kept["key"] == key:
                return DeckCounts(
                    {d: Counter(k) for d, k in kept["kinds"].items()}, Counter(kept["flagged"]), kept["removed"]
                )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # absent, damaged or of another deck: counted again
        views = deck_views(result, opts)[0]
    counts = DeckCounts()
    for v in views:
        kinds = counts.kinds.get(v.card.domain)
        if kinds is None:
            kinds = counts.kinds[v.card.domain] = Counter()
        kinds[v.card.kind] += 1
        counts.flagged[v.card.domain] += bool(v.flags)
        counts.removed += v.removed
    data = {"key": key, "kinds": counts.kinds, "flagged": counts.flagged, "removed": counts.removed}
    write_if_changed(place, json.dumps(data, sort_keys=True).encode("utf-8"), durable=False)
    return counts


NO_CARDS = "No cards shown: this build made only the sheets, and no earlier build made the cards of these notes."
STALE_SECTION = "In the deck, not in the notes as they are now (build the deck again)"
REMOVED_SECTION = "Removed from your notes (in the deck, suspended)"


def domains_view(result: Result, views: list[CardView], output: Path, report: Report) -> list[DomainView]:
    """Cards grouped by domain (in the notes' order) and by section (in the order the cards come)."""
    domains: dict[str, DomainView] = {}
    for nf in result.notes:
        for d in nf.domains:
            domains[d.slug] = DomainView(d.slug, d.title)
    sections: dict[tuple[str, str], SectionView] = {}
    for v in views:
        dv = domains.get(v.card.domain)
        if dv is None:
            dv = domains[v.card.domain] = DomainView(v.card.domain, v.card.deck.split("::")[-1])
        section = sections.get((dv.slug, v.card.context))
        if section is None:
            section = sections[(dv.slug, v.card.context)] = SectionView(v.card.context)
            dv.sections.append(section)
        section.cards.append(v)
        dv.kinds[v.card.kind] += 1
        dv.flagged += bool(v.flags)
    thumbs = thumbnails_dir(output)
    old = set(thumbs.glob("*.txt")) if thumbs.is_dir() else set()
    kept: set[Path] = set()
    for dv in domains.values():
        sheet = getattr(result, "sheet_of", {}).get(dv.slug, dv.slug)  # a file printed on one page: its sheet
        pdf = result.sheets.get(sheet) or output / "cheatsheets" / f"{sheet}.pdf"
        if pdf.is_file():
            fit = result.fits.get(sheet)
            dv.sheet = SheetView(
                href=pdf.relative_to(output).as_posix() if pdf.is_relative_to(output) else pdf.resolve().as_uri(),
                thumbnail=_remembered_thumbnail(pdf, thumbs, report, kept),
                size=fit.size if fit else None,
                dropped=list(fit.dropped) if fit else [],
                pages=fit.pages if fit else 1,
            )
    for stale in old - kept:  # thumbnails of sheets since changed or gone
        stale.unlink(missing_ok=True)
    return list(domains.values())


def thumbnails_dir(output: Path) -> Path:
    return output / ".cache" / "thumbnails"


def remember_thumbnail(pdf: Path, output: Path, report: Report) -> None:
    """Make a sheet's thumbnail now (in the sheet's worker, in parallel), so writing the preview finds it."""
    _remembered_thumbnail(pdf, thumbnails_dir(output), report)


def _remembered_thumbnail(pdf: Path, thumbs: Path, report: Report, kept: set[Path] | None = None) -> str:
    """thumbnail(), kept in the build cache by the PDF's hash: a rebuild that rendered no sheet renders no
    thumbnail either (13 of them cost a third of a second, more than the rest of such a build)."""
    digest = file_hash(pdf)
    entry = thumbs / f"{digest}-{THUMB_WIDTH}.txt"
    if kept is not None:
        kept.add(entry)
    if digest and entry.is_file():
        return entry.read_text(encoding="ascii")
    uri = thumbnail(pdf, report)
    if digest and uri:
        write_if_changed(entry, uri.encode("ascii"), durable=False)
    return uri


def thumbnail(pdf: Path, report: Report, width: int = THUMB_WIDTH) -> str:
    """Page 1 of a PDF as a small PNG data: URI.

    pypdfium2 rather than poppler's pdftoppm: it is a pip wheel with PDFium inside, so `make` installs it
    on Linux, macOS and Windows alike with no system package, and it renders in-process.
    """
    try:
        import pypdfium2 as pdfium  # 35 ms: only when a sheet's thumbnail is not in the cache

        doc = pdfium.PdfDocument(str(pdf))
        try:
            page = doc[0]
            image = page.render(scale=width / page.get_width()).to_pil()
        finally:
            doc.close()
        buf = io.BytesIO()
        # 64 colours keep text legible at a fraction of a full-colour PNG's size; zlib's default level,
        # not PIL's `optimize` (2% smaller, ten times slower: 30 ms for a dense sheet)
        image.convert("RGB").quantize(colors=64).save(buf, "PNG")
    except Exception as e:  # a thumbnail is a nicety: the link to the sheet stays
        report.warn(str(pdf), f"no thumbnail for the preview: {type(e).__name__}: {e}")
        return ""
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def card_views(result: Result, opts: Options) -> list[CardView]:
    """Every card of the deck, front and back as Anki shows them, images inlined: the part of the preview
    that does not depend on the sheets (the build makes it while they render). A card whose note has the
    same fields in the deck as at the last build looks the same, and keeps its marks when it reads the
    same: one file edited in a vault of 20,000 cards renders that file's cards, not every card (media
    names are their content's hash)."""
    from ..deck.apkg import note_types  # genanki (0.1 s): only when the preview is made again

    folder = opts.output / ".cache" / FACES_DIR
    faces_key = _faces_key(opts)
    kept = _read_faces(folder, faces_key)
    faces: dict = {}
    known: dict = {}
    for old_faces, old_known in kept.values():
        faces.update(old_faces)
        known.update(old_known)
    qa, cloze = note_types(opts.templates)
    views, media = deck_views(result, opts, known)
    new: dict[str, tuple[dict, dict]] = {}
    for v in views:
        face = (v.guid, v.ordinal, tuple(v.fields.values())) if v.fields else None
        same = faces.get(face) if face else None
        if same is None:
            render(v, qa, cloze)
            v.front, v.back = inline_media(v.front, media), inline_media(v.back, media)
            v.text = (plain_text(v.front), plain_text(v.back))
        else:
            v.front, v.back, v.text = same
        shard = new.setdefault(v.card.source.file, ({}, {}))
        if face:
            shard[0][face] = (v.front, v.back, v.text)
        if not v.removed:
            shard[1][(v.guid, v.ordinal, *_marked(v.card))] = v.flags
    if result.deck_file is not None and result.deck_file.is_file():
        _write_faces(folder, faces_key, kept, new)
    return views


FACES_DIR = "preview-faces"
"""In the build cache: each card's faces by its note's fields, and its marks by what quality() reads, in one
file per notes file: an edit in a vault writes that file's again, not 10 MB of every card's."""


def _faces_file(folder: Path, notes_file: str) -> Path:
    return folder / f"{hashlib.sha256(notes_file.encode()).hexdigest()[:24]}.pickle"


def _read_faces(folder: Path, faces_key: str) -> dict[Path, tuple[dict, dict]]:
    """The faces and marks kept by the last build, by their file, those made with the same templates and code."""
    kept = {}
    for path in sorted(folder.glob("*.pickle")) if folder.is_dir() else []:
        try:
            with open(path, "rb") as f:
                # Our own file, written by the build into the output folder (same trust as the output).
                key, faces, known = pickle.load(f)
        except Exception:  # noqa: BLE001  damaged or from another Python: made again
            continue
        if key == faces_key:
            kept[path] = (faces, known)
    return kept


def _write_faces(folder: Path, faces_key: str, kept: dict, new: dict[str, tuple[dict, dict]]) -> None:
    """Each notes file's faces and marks (plain strings only: with the views' Card objects the whole was 12
    MB at 200 files), written when they are not those kept; the files of notes gone removed."""
    wanted = set()
    for notes_file, (faces, known) in new.items():
        path = _faces_file(folder, notes_file)
        wanted.add(path)
        if kept.get(path) != (faces, known):
            data = pickle.dumps((faces_key, faces, known), protocol=pickle.HIGHEST_PROTOCOL)
            write_if_changed(path, data, durable=False)
    for stale in folder.glob("*.pickle"):
        if stale not in wanted:
            stale.unlink(missing_ok=True)
    (folder.parent / "preview-faces.pickle").unlink(missing_ok=True)  # all in one file, as builds before kept them


def _faces_key(opts: Options) -> str:
    """What a card's faces and marks depend on besides its fields: the note types' templates and our code."""
    note_types = [[str(p), file_hash(p)] for p in template_files(opts.templates) if p.parent.name == "anki"]
    return hashlib.sha256(json.dumps([tool_version(), note_types]).encode()).hexdigest()


def preview_html(result: Result, opts: Options, report: Report, views: list[CardView] | None = None) -> str:
    """The page; `views` are card_views() made earlier by the same build, after its deck was written.
    A deck of more than pages.PAGED_FROM cards: the index of the paged preview, its pages written too."""
    from ..deck.apkg import note_types  # genanki (0.1 s): only when the preview is made again

    qa, _cloze = note_types(opts.templates)
    if views is None:
        views = card_views(result, opts)
    deck_counts(result, opts, views)  # for the summary, next
    domains = domains_view(result, views, opts.output, report)
    every = opts.output / "cheatsheets" / ALL_SHEETS
    env = templates.environment(opts.templates)
    common = {
        "title": result.deck_name,
        "no_cards": NO_CARDS if not result.cards_known else "",
        "kinds": KIND_LABELS,
        "card_css": qa.css,
        "long_words": LONG_ANSWER_WORDS,
        "all_sheets": every.relative_to(opts.output).as_posix() if every.is_file() else "",
        "model": _model_line(result),
    }
    if len(views) <= pages.PAGED_FROM:
        pages.clear(opts.output)
        return env.get_template("preview/preview.html.j2").render(
            **common,
            domains=domains,
            total=len(views),
            flagged=sum(bool(v.flags) for v in views),
            link=str,
            index="",
            part="",
        )
    split = pages.split(result.notes, domains)
    page_template = env.get_template("preview/preview.html.j2")

    def render_page(page: pages.Page) -> str:
        return page_template.render(
            **common,
            domains=page.domains,
            total=page.count,
            flagged=page.flagged,
            link=lambda href: href if ":" in href else f"../{href}",
            index="../preview.html",
            part=page.title,
        )

    salt = cache_key_of_templates(opts)
    pages.write(opts.output, split, render_page, pages.search_index(split), salt)
    return env.get_template("preview/index.html.j2").render(
        **common,
        pages=split,
        folder=pages.FOLDER,
        search=f"{pages.FOLDER}/{pages.SEARCH}",
        total=len(views),
        flagged=sum(bool(v.flags) for v in views),
    )


def cache_key_of_templates(opts: Options) -> str:
    h = hashlib.sha256()
    for path in template_files(opts.templates):
        h.update(str(path).encode() + b"\0" + (file_hash(path) or "").encode())
    return h.hexdigest()


def _model_line(result: Result) -> str:
    """What the model wrote and what it cost, when a model wrote cards (llm/); '' otherwise."""
    if getattr(result, "model", None) is None:
        return ""
    from ..llm import summary_line  # the optional model writer: loaded only when a file asks for it

    return summary_line(result.model, result.cards)


def write_preview(result: Result, opts: Options, report: Report, views: list[CardView] | None = None) -> Path:
    """Write output/preview.html (only when its bytes change) and note its path on the result.

    The page is a function of the deck, the sheets, the templates and our code: when none of them
    changed since the page was written, it is not made again (a rebuild with nothing changed should
    cost next to nothing). `views`: the deck's card_views(), when already made."""
    target = opts.output / "preview.html"
    key_file = opts.output / ".cache" / "preview.key"
    key = _preview_key(result, opts)
    if target.is_file() and key_file.is_file() and key_file.read_text(encoding="utf-8") == key:
        result.preview = target
        return target
    write_if_changed(target, preview_html(result, opts, report, views).encode("utf-8"))
    write_if_changed(key_file, key.encode("utf-8"))
    result.preview = target
    return target


def _preview_key(result: Result, opts: Options) -> str:
    h = hashlib.sha256(tool_version().encode())
    files = [*template_files(opts.templates)]
    if result.deck_path is not None:
        files.append(result.deck_path)
    sheets = opts.output / "cheatsheets"
    files.extend(sorted(sheets.glob("*.pdf")) if sheets.is_dir() else [])
    for path in files:
        h.update(str(path).encode() + b"\0")
        h.update(path.read_bytes() if path.is_file() else b"-")
    for slug, fit in sorted(result.fits.items()):
        h.update(f"{slug}:{fit.size}:{fit.pages}:{len(fit.dropped)}".encode())
    h.update(_model_line(result).encode())
    h.update(b"cards shown" if result.cards_known else b"no cards")
    return h.hexdigest()
