"""Stage 4: cards to an Anki package (.apkg) with fixed note types and stable note identities."""
from __future__ import annotations

import hashlib
import html
import os
from pathlib import Path

import genanki

from . import sanitize, templates
from .files import repack_zip
from .model import Card

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


def to_note(card: Card, qa: genanki.Model, cloze: genanki.Model) -> genanki.Note:
    if card.kind == "cloze":
        fields = [card.front, card.context, card.extra, sources_html(card)]
        model = cloze
    else:
        fields = [card.front, card.answer, card.context, card.extra, sources_html(card)]
        model = qa
    fields = [sanitize.field(f) for f in fields]  # every field, whatever rule made it
    return genanki.Note(model=model, fields=fields, tags=card.tags, guid=genanki.guid_for(*card.key))


def write_deck(cards: list[Card], path: Path, templates_dir: Path | None = None, media: list[str] | None = None) -> None:
    qa, cloze = note_types(templates_dir)
    decks: dict[str, genanki.Deck] = {}
    for card in cards:
        deck = decks.get(card.deck)
        if deck is None:
            deck = decks[card.deck] = genanki.Deck(deck_id(card.deck), card.deck)
        deck.add_note(to_note(card, qa, cloze))
    package = genanki.Package(list(decks.values()))
    package.media_files = sorted(media or [])
    path.parent.mkdir(parents=True, exist_ok=True)
    # NOTE: interim: a fixed epoch keeps builds byte-identical; note modification times for
    # updates on re-import are the identity issue's to settle.
    package.write_to_file(str(path), timestamp=float(os.environ.get("SOURCE_DATE_EPOCH", 1_700_000_000)))
    repack_zip(path)  # same cards, same bytes
