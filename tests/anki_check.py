"""Check a deck the way a learner's Anki sees it: import into a fresh collection, render every card."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class Rendered:
    note_type: str
    deck: str
    question: str
    answer: str
    fields: dict[str, str]
    tags: list[str]
    guid: str
    ord: int = 0
    """The card's number within its note: 0 for Q/A, n - 1 for cloze cn."""


def open_collection(path: Path):
    from anki.collection import Collection

    return Collection(str(path))


def import_deck(col, apkg: Path, update: str = "if_newer") -> None:
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
    from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition as Cond

    cond = {
        "if_newer": Cond.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        "always": Cond.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_ALWAYS,
    }[update]
    col.import_anki_package(
        ImportAnkiPackageRequest(
            package_path=str(apkg),
            options=ImportAnkiPackageOptions(
                merge_notetypes=True, update_notes=cond, update_notetypes=cond, with_scheduling=True
            ),
        )
    )


def render_all(col) -> list[Rendered]:
    """Every card's question and answer as Anki renders them; raises on any render error."""
    out = []
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        note = card.note()
        q = card.question()
        a = card.answer()
        for html in (q, a):
            assert "Error" not in html or "template" not in html.lower(), html
        out.append(
            Rendered(
                note_type=note.note_type()["name"],
                deck=col.decks.name(card.did),
                question=q,
                answer=a,
                fields=dict(note.items()),
                tags=list(note.tags),
                guid=note.guid,
                ord=card.ord,
            )
        )
    return out


def load_deck(apkg: Path, tmp: Path) -> list[Rendered]:
    col = open_collection(tmp / "collection.anki2")
    try:
        import_deck(col, apkg)
        return render_all(col)
    finally:
        col.close()
