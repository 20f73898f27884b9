"""Stage 4: cards to an Anki package (.apkg) with fixed note types and stable note identities."""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import os
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import genanki
from genanki.apkg_col import APKG_COL
from genanki.apkg_schema import APKG_SCHEMA

from .. import templates
from ..model import Card
from . import sanitize
from .identity import REMOVED_TAG, Entry, State, build_time, content_hash

# Hardcoded ids: Anki matches note types and decks by id, so these never change.
QA_MODEL_ID = 1607392319
CLOZE_MODEL_ID = 1607392320

QA_FIELDS = ["Front", "Answer", "Context", "Extra", "Sources"]
CLOZE_FIELDS = ["Text", "Context", "Extra", "Sources"]


def note_types(templates_dir: Path | None = None) -> tuple[genanki.Model, genanki.Model]:
    css = templates.read("anki/card.css", templates_dir)
    qa = genanki.Model(
        QA_MODEL_ID,
        "studydeck Q/A",
        fields=[{"name": f} for f in QA_FIELDS],
        templates=[
            {
                "name": "Card 1",
                "qfmt": templates.read("anki/qa-front.html", templates_dir),
                "afmt": templates.read("anki/qa-back.html", templates_dir),
            }
        ],
        css=css,
        sort_field_index=0,
    )
    cloze = genanki.Model(
        CLOZE_MODEL_ID,
        "studydeck Cloze",
        fields=[{"name": f} for f in CLOZE_FIELDS],
        templates=[
            {
                "name": "Cloze",
                "qfmt": templates.read("anki/cloze-front.html", templates_dir),
                "afmt": templates.read("anki/cloze-back.html", templates_dir),
            }
        ],
        css=css,
        model_type=genanki.Model.CLOZE,
        sort_field_index=0,
    )
    return qa, cloze


def deck_id(name: str) -> int:
    """A deck id derived from its name, so rebuilding gives the same id."""
    return int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:4], "big") | (1 << 30)


def sources_html(card: Card) -> str:
    if not card.sources:
        return ""
    items = "".join(
        f'<li><a href="{html.escape(link.url, quote=True)}">{html.escape(link.text)}</a></li>' for link in card.sources
    )
    return f"<ol>{items}</ol>"


def note_fields(card: Card) -> list[str]:
    """The note's fields in its note type's order (QA_FIELDS or CLOZE_FIELDS)."""
    if card.kind == "cloze":
        fields = [card.front, card.context, card.extra, sources_html(card)]
    else:
        fields = [card.front, card.answer, card.context, card.extra, sources_html(card)]
    return [sanitize.field(f) for f in fields]  # every field, whatever rule made it


class StampedNote(genanki.Note):
    """A note written with its own modification time, so Anki's import updates only what changed."""

    def __init__(self, *args, mod: int | None = None, suspend: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.mod = mod
        self.suspend = suspend

    def write_to_db(self, cursor, timestamp: float, deck_id, id_gen):
        if self.suspend:
            for card in self.cards:
                card.suspend = True
        super().write_to_db(cursor, self.mod if self.mod is not None else timestamp, deck_id, id_gen)


def to_note(
    card: Card, qa: genanki.Model, cloze: genanki.Model, mod: int | None = None, fields: list[str] | None = None
) -> StampedNote:
    """`fields`: note_fields(card), when the caller has them already."""
    model = cloze if card.kind == "cloze" else qa
    fields = note_fields(card) if fields is None else fields
    return StampedNote(model=model, fields=fields, tags=card.tags, guid=guid_of(card), mod=mod)


def guid_of(card: Card) -> str:
    return _guid(tuple(card.key))


@lru_cache(maxsize=1 << 16)
def _guid(key: tuple) -> str:
    # genanki hashes the key's repr: 50 microseconds a card, asked by the deck writer, the preview, the summary
    return genanki.guid_for(*key)


@dataclass
class DeckResult:
    state: State
    notes: int = 0
    changed: int = 0
    new: int = 0
    removed: list[Entry] = field(default_factory=list)
    """Notes that vanished since the previous build (now tombstones)."""
    moved: list[tuple[str, str, str]] = field(default_factory=list)
    """(source, old deck, new deck) of notes whose subdeck changed: Anki keeps existing cards where they are."""
    prepared: list[Prepared] = field(default_factory=list)
    """Each card's Prepared, in the order given (for the build cache)."""
    written: list[tuple[str, int, str, list[str], list[str], str]] = field(default_factory=list)
    """Every card as the package holds it, in its notes' order: (guid, ordinal, kind, fields, tags, deck),
    what preview/anki.read_deck reads back from the file (the preview of the deck just written need not)."""


Prepared = tuple[str, list[str], list[int], str, str, list[str]]
"""What the deck holds of one card, made once and kept with its file's cards in the build cache: its guid,
its fields as written, its cards' ordinals, and the content hash of its fields with its deck and tags
(these two given last: the hash is reused only while they are the same)."""


def prepare(card: Card, qa: genanki.Model, cloze: genanki.Model) -> Prepared:
    """A card's Prepared: sanitising, the guid and genanki's card ordinals are most of writing a note."""
    fields = note_fields(card)
    ords = [c.ord for c in to_note(card, qa, cloze, fields=fields).cards]
    return (
        guid_of(card),
        fields,
        ords,
        content_hash(card.kind, fields, card.tags, card.deck),
        card.deck,
        list(card.tags),
    )


def write_deck(
    cards: list[Card],
    path: Path,
    templates_dir: Path | None = None,
    media: list[str] | None = None,
    state: State | None = None,
    now: int | None = None,
    prepared: list[Prepared | None] | None = None,
) -> DeckResult:
    """Write the .apkg; `state` (the previous build's, updated in place) decides each note's mod time.

    Unchanged notes keep their recorded time and changed ones get `now`, so the same notes and state
    give the same bytes, and Anki's "update if newer" import applies exactly the edits. `prepared`: per
    card, its Prepared as an earlier build made it (None where there is none); the result's `prepared`
    has every card's, for the cache.
    """
    state = state if state is not None else State()
    now = build_time() if now is None else now
    qa, cloze = note_types(templates_dir)
    model_mods = {
        m.model_id: state.stamp_model(m.model_id, content_hash(m.name, m.fields, m.templates, m.css), now)
        for m in (qa, cloze)
    }
    result = DeckResult(state)
    decks: dict[str, list[_Row]] = {}
    seen: set[str] = set()
    made: list[Prepared] = []
    for i, card in enumerate(cards):
        kept = prepared[i] if prepared is not None else None
        if kept is None:
            kept = prepare(card, qa, cloze)
        elif kept[4] != card.deck or kept[5] != card.tags:  # the file moved in the tree: its hash again
            kept = (*kept[:3], content_hash(card.kind, kept[1], card.tags, card.deck), card.deck, list(card.tags))
        made.append(kept)
        guid, fields, ords, digest = kept[:4]
        if guid in seen:
            continue  # the rules dedupe by key; a clash here would make Anki merge two notes
        seen.add(guid)
        old = state.notes.get(guid)
        mod = state.stamp(guid, digest, now)
        if old is None:
            result.new += 1
        elif mod != old.mod:
            result.changed += 1
        if old is not None and not old.removed and old.deck != card.deck:
            result.moved.append((str(card.source), old.deck, card.deck))
        source = str(card.source)
        if old is None or old.mod != mod or old.hash != digest or old.removed or old.source != source:
            state.notes[guid] = Entry(digest, mod, card.kind, fields, list(card.tags), card.deck, source=source)
        # else the entry as it was, the same object: dump_state writes its line as read
        model = cloze if card.kind == "cloze" else qa
        decks.setdefault(card.deck, []).append(_Row(guid, model, mod, card.tags, fields, ords, False))
    for guid, old in sorted(state.notes.items()):
        if guid in seen:
            continue
        if not old.removed:
            result.removed.append(old)
            fields = _tombstone_fields(old)
            tags = sorted({*old.tags, REMOVED_TAG})
            mod = max(now, old.mod + 1)
            state.notes[guid] = Entry(
                content_hash(old.kind, fields, tags, old.deck), mod, old.kind, fields, tags, old.deck, True, old.source
            )
        entry = state.notes[guid]
        if now - entry.mod > TOMBSTONE_DAYS * 86400:
            continue  # long enough for any learner to have seen it; re-sending it would undo a deletion
        model = cloze if entry.kind == "cloze" else qa
        note = StampedNote(model=model, fields=entry.fields, tags=entry.tags, guid=guid, mod=entry.mod, suspend=True)
        ords = [c.ord for c in note.cards]
        decks.setdefault(entry.deck, []).append(_Row(guid, model, entry.mod, entry.tags, entry.fields, ords, True))
    result.notes = len(seen)
    result.prepared = made
    path.parent.mkdir(parents=True, exist_ok=True)
    result.written = _write_package(
        {name: decks[name] for name in sorted(decks)},
        sorted(media or []),
        path,
        max([*model_mods.values(), *(e.mod for e in state.notes.values())], default=now),
        model_mods,
    )
    return result


@dataclass
class _Row:
    """One note as the collection's tables hold it (genanki's Note.write_to_db, made from kept parts)."""

    guid: str
    model: genanki.Model
    mod: int
    tags: list[str]
    fields: list[str]
    ords: list[int]
    suspend: bool


TOMBSTONE_DAYS = 60
"""How long a vanished note is still sent, suspended and tagged, after it left the notes."""

REMOVED_LABEL = '<span class="removed">Removed from your notes: suspend or delete this card</span>'


def _tombstone_fields(old: Entry) -> list[str]:
    """The last text of a vanished note, its context marked so the learner sees it was removed."""
    fields = list(old.fields)
    i = CLOZE_FIELDS.index("Context") if old.kind == "cloze" else QA_FIELDS.index("Context")
    if i < len(fields) and REMOVED_LABEL not in fields[i]:
        fields[i] = f"{REMOVED_LABEL} {fields[i]}".strip()
    return fields


_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def _write_package(
    decks: dict[str, list[_Row]], media: list[str], path: Path, timestamp: int, model_mods: dict[int, int]
) -> list[tuple]:
    """genanki's write_to_file with fixed zip dates and per-note-type mod times (same input, same bytes);
    the cards written (DeckResult.written)."""
    fd, dbname = tempfile.mkstemp(suffix=".anki2")
    os.close(fd)
    try:
        conn = sqlite3.connect(dbname)
        # A scratch file read back at once: no journal and no syncs (each of genanki's scripts commits;
        # with them the tables' creation alone took a quarter of a second). The pages written are the same.
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        cursor = conn.cursor()
        written = _write_collection(decks, cursor, timestamp, itertools.count(int(timestamp) * 1000))
        # genanki stamps every note type with the package time; keep each one's own, so an
        # unchanged template is not re-imported as newer.
        (models_json,) = cursor.execute("SELECT models FROM col").fetchone()
        models = json.loads(models_json)
        for mid, mod in model_mods.items():
            if str(mid) in models:
                models[str(mid)]["mod"] = mod
        cursor.execute("UPDATE col SET models = ?", (json.dumps(models, sort_keys=True),))
        conn.commit()
        conn.close()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            _add(out, "collection.anki2", Path(dbname).read_bytes(), COLLECTION_LEVEL)
            numbered = dict(enumerate(media))
            _add(out, "media", json.dumps({str(i): os.path.basename(p) for i, p in numbered.items()}).encode())
            for i, p in numbered.items():
                _add(out, str(i), Path(p).read_bytes())
    finally:
        os.unlink(dbname)
    return written


def _write_collection(decks: dict[str, list[_Row]], cursor, timestamp: int, id_gen) -> list[tuple]:
    """genanki's Package.write_to_db, with the decks and note types written once: genanki's Deck.write_to_db
    reads and rewrites both JSON columns once per deck, quadratic in subdecks (6.9 s at 1,008 of them).
    The same rows: each deck's entry in order, each note type with the id of the last deck using it; the
    notes' and cards' rows inserted in genanki's order, ids included, but in one executemany each (genanki
    makes a Note object and two statements per note: most of a vault's deck time). Returns the cards as
    read_deck reads them back: in the notes' order, a note's by ordinal, its deck by the deck's id."""
    cursor.executescript(APKG_SCHEMA)
    cursor.executescript(APKG_COL)
    (decks_json,) = cursor.execute("SELECT decks FROM col").fetchone()
    (models_json,) = cursor.execute("SELECT models FROM col").fetchone()
    decks_col, models = json.loads(decks_json), json.loads(models_json)
    rows_in_order: list[tuple[str, tuple]] = []
    written: list[tuple] = []
    names: dict[int, str] = {}
    for name, rows in decks.items():
        deck = genanki.Deck(deck_id(name), name)
        names[deck.deck_id] = name  # two names of one id: the column holds the last, as here
        decks_col[str(deck.deck_id)] = deck.to_json()
        for row in rows:
            deck.add_model(row.model)
        models.update({model.model_id: model.to_json(timestamp, deck.deck_id) for model in deck.models.values()})
        for row in rows:
            bad = [tag for tag in row.tags if " " in tag]
            if bad:  # genanki's _TagList refuses it, and so the build always did
                raise ValueError(f'Tag "{bad[0]}" contains a space; this is not allowed!')
            note_id, mod = next(id_gen), int(row.mod)
            tags, fields = " " + " ".join(row.tags) + " ", "\x1f".join(row.fields)
            sort_field = row.fields[row.model.sort_field_index]
            rows_in_order.append((_NOTE, (note_id, row.guid, row.model.model_id, mod, -1, tags, fields, sort_field)))
            queue = -1 if row.suspend else 0
            rows_in_order.extend(
                (_CARD, (next(id_gen), note_id, deck.deck_id, ordinal, mod, queue)) for ordinal in row.ords
            )
            kind = "cloze" if row.model.model_id == CLOZE_MODEL_ID else "qa"
            written.extend(
                (row.guid, ordinal, kind, fields.split("\x1f"), tags.split(), deck.deck_id)
                for ordinal in sorted(row.ords)
            )
    cursor.execute("UPDATE col SET decks = ?", (json.dumps(decks_col),))
    cursor.execute("UPDATE col SET models = ?", (json.dumps(models),))
    # One row at a time, a note then its cards, as genanki inserts them: the same order gives the same
    # pages in the file, so the same bytes as the decks written before.
    for statement, values in rows_in_order:
        cursor.execute(statement, values)
    return [(*w[:5], names[w[5]]) for w in written]


# genanki's rows: usn -1, csum, flags and data empty; a card new (type 0, due 0), never reviewed.
_NOTE = "INSERT INTO notes VALUES(?,?,?,?,?,?,?,?,0,0,'');"
_CARD = "INSERT INTO cards VALUES(?,?,?,?,?,-1,0,?,0,0,0,0,0,0,0,0,0,'');"


COLLECTION_LEVEL = 1
"""zlib's level for the collection: a vault's is 5.5 MB of SQLite pages, written again after every edit;
level 1 deflates it in 0.10 s where the default (6) took 0.25 s, for a package 14% bigger (1.06 MB, not
0.93). The same cards still give the same bytes."""


def _add(out: zipfile.ZipFile, name: str, data: bytes, level: int | None = None) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    out.writestr(info, data, compresslevel=level)
