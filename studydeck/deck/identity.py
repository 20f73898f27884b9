"""Note identity across builds: a state file of guid -> content hash and modification time."""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

STATE_NAME = ".studydeck-state.json"
REMOVED_TAG = "studydeck::removed"
STATE_VERSION = 1


def build_time() -> int:
    """The time stamped on changed notes: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    env = os.environ.get("SOURCE_DATE_EPOCH")
    return int(env) if env and env.strip().isdigit() else int(time.time())


def content_hash(*parts: object) -> str:
    """A hash of everything Anki shows of a note: its type, fields, tags and deck."""
    data = json.dumps(parts, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:20]


@dataclass
class Entry:
    """What the previous build wrote for one note."""

    hash: str
    mod: int
    kind: str
    """'qa' or 'cloze'."""
    fields: list[str]
    tags: list[str]
    deck: str
    removed: bool = False
    """True once the note has vanished from the notes and is kept as a tombstone."""
    source: str = ""
    """file:line the note came from, for the report."""


@dataclass
class State:
    notes: dict[str, Entry] = field(default_factory=dict)
    models: dict[str, list] = field(default_factory=dict)
    """Note type id -> [hash of its templates and CSS, mod]."""
    lines: dict[str, tuple[Entry, str]] = field(default_factory=dict, repr=False, compare=False)
    """guid -> (the entry read, its line in the file read): an entry still the same object is written
    back as it was read (a vault's state is 20,000 lines, a rebuild changes a few)."""

    def stamp(self, guid: str, digest: str, now: int) -> int:
        """The modification time for a note: kept when its content is unchanged, else newer than before."""
        old = self.notes.get(guid)
        if old is not None and old.hash == digest and not old.removed:
            return old.mod
        return max(now, old.mod + 1) if old is not None else now

    def stamp_model(self, model_id: int, digest: str, now: int) -> int:
        old = self.models.get(str(model_id))
        if old is not None and old[0] == digest:
            return int(old[1])
        mod = max(now, int(old[1]) + 1) if old is not None else now
        self.models[str(model_id)] = [digest, mod]
        return mod


def load_state(path: Path) -> State:
    """The previous build's state; an empty one when there is none or it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
        raw = json.loads(text)
    except (OSError, ValueError):
        return State()
    if not isinstance(raw, dict) or raw.get("version") != STATE_VERSION:
        return State()
    notes = {}
    for guid, e in (raw.get("notes") or {}).items():
        try:
            notes[guid] = Entry(**e)
        except TypeError:
            continue
    state = State(notes, dict(raw.get("models") or {}))
    # dump_state's layout: a first line, a note a line (in the notes' order), then "}}"
    lines = text.split("\n")[1:-2]
    if notes and len(lines) == len(notes) == len(raw["notes"]):
        entries = [
            (guid, e, line.strip().removesuffix(",")) for (guid, e), line in zip(notes.items(), lines, strict=True)
        ]
        if all(_line(guid, e) == line for guid, e, line in (entries[0], entries[-1])):  # written as it writes
            state.lines = {guid: (e, line) for guid, e, line in entries}
    return state


def _line(guid: str, e: Entry) -> str:
    return (
        json.dumps(guid, ensure_ascii=False)
        + ": "
        + json.dumps(
            {
                "hash": e.hash,
                "mod": e.mod,
                "kind": e.kind,
                "fields": e.fields,
                "tags": e.tags,
                "deck": e.deck,
                "removed": e.removed,
                "source": e.source,
            },
            ensure_ascii=False,
        )
    )


def dump_state(state: State) -> bytes:
    """Stable JSON: the same state always gives the same bytes. A note a line, each written by json's C
    encoder (an indented dump goes through its Python one: most of a vault rebuild's time writing it)."""
    notes = []
    for guid, e in sorted(state.notes.items()):
        kept = state.lines.get(guid)
        notes.append(kept[1] if kept is not None and kept[0] is e else _line(guid, e))
    models = json.dumps({k: state.models[k] for k in sorted(state.models)})
    body = ",\n  ".join(notes)
    return f'{{"version": {STATE_VERSION}, "models": {models}, "notes": {{\n  {body}\n}}}}\n'.encode()
