"""Cards as Anki shows them: note-type templates and cloze deletions rendered as Anki does; an .apkg read back."""

from __future__ import annotations

import html
import json
import re
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path

_TAG = re.compile(r"\{\{(.*?)\}\}", re.S)
# Anki's field_is_empty: only white space, <br> and <div> tags count as empty for {{#Field}}.
_EMPTY = re.compile(r"^(?:\s|&nbsp;|</?(?:br|div)\s*/?>)*$", re.I)


class TemplateError(ValueError):
    """A note-type template this renderer (and Anki) cannot render: an unknown field or an unclosed section."""


def render_template(
    template: str, fields: dict[str, str], ordinal: int = 0, front_side: str = "", cloze_back: bool = False
) -> str:
    """Render Anki template syntax: {{Field}}, {{#Field}}..{{/Field}}, {{^Field}}..{{/Field}}, {{FrontSide}},
    {{cloze:Field}} for cloze number `ordinal` + 1, and the {{text:Field}} filter."""
    tokens: list[tuple[str, str]] = []
    pos = 0
    for m in _TAG.finditer(template):
        tokens.append(("text", template[pos : m.start()]))
        tokens.append(("tag", m.group(1).strip()))
        pos = m.end()
    tokens.append(("text", template[pos:]))
    out, i = _render_tokens(tokens, 0, None, fields, ordinal, front_side, cloze_back)
    return out


def _render_tokens(tokens, i, closing, fields, ordinal, front_side, cloze_back) -> tuple[str, int]:
    out: list[str] = []
    while i < len(tokens):
        kind, value = tokens[i]
        i += 1
        if kind == "text":
            out.append(value)
        elif value[:1] in "#^":
            name = value[1:].strip()
            inner, i = _render_tokens(tokens, i, name, fields, ordinal, front_side, cloze_back)
            filled = not _EMPTY.match(_field(name, fields, front_side))
            if filled == (value[0] == "#"):
                out.append(inner)
        elif value.startswith("/"):
            if value[1:].strip() != closing:
                raise TemplateError(f"{{{{{value}}}}} closes no open section")
            return "".join(out), i
        else:
            *filters, name = [part.strip() for part in value.split(":")]
            text = _field(name, fields, front_side)
            for f in reversed(filters):  # Anki applies filters right to left
                if f == "cloze":
                    text = render_cloze(text, ordinal, cloze_back)
                elif f == "text":
                    text = plain_text(text)
            out.append(text)
    if closing is not None:
        raise TemplateError(f"{{{{#{closing}}}}} is never closed")
    return "".join(out), i


def _field(name: str, fields: dict[str, str], front_side: str) -> str:
    if name == "FrontSide":
        return front_side
    if name not in fields:
        raise TemplateError(f"{{{{{name}}}}}: no such field")
    return fields[name]


@dataclass(slots=True)
class _Cloze:
    number: int
    nodes: list  # str or _Cloze: deletions may nest
    hint: str | None = None

    def text(self) -> str:
        return "".join(n if isinstance(n, str) else n.text() for n in self.nodes)


_CLOZE_TOKEN = re.compile(r"\{\{c(\d+)::|\}\}")


def parse_cloze(text: str) -> list:
    """Text and (nested) deletions, parsed as Anki's cloze.rs does: `{{cN::` opens, `}}` closes, the last `::`
    inside a deletion starts its hint, a stray `}}` is text and an unclosed deletion is text again."""
    out: list = []
    open_: list[tuple[_Cloze, str]] = []  # with the source of its opening, to restore it if never closed
    pos = 0

    def add_text(t: str) -> None:
        if not t:
            return
        if open_:
            cloze = open_[-1][0]
            if "::" in t:
                t, cloze.hint = t.split("::", 1)
            cloze.nodes.append(t)
        else:
            out.append(t)

    for m in _CLOZE_TOKEN.finditer(text):
        add_text(text[pos : m.start()])
        pos = m.end()
        if m.group(1) is not None:
            open_.append((_Cloze(int(m.group(1)), []), m.group(0)))
        elif open_:
            cloze = open_.pop()[0]
            (open_[-1][0].nodes if open_ else out).append(cloze)
        else:
            add_text("}}")
    add_text(text[pos:])
    while open_:  # never closed: its opening and contents are plain text
        cloze, opening = open_.pop()
        target = open_[-1][0].nodes if open_ else out
        target.extend([opening, *cloze.nodes])
    return out


def render_cloze(text: str, ordinal: int, back: bool) -> str:
    """The cloze field for card `ordinal` (0 = c1): the active deletion hidden ([...] or its hint) or revealed."""
    active = ordinal + 1

    def one(node) -> str:
        if isinstance(node, str):
            return node
        inner = "".join(one(n) for n in node.nodes)
        if node.number != active:
            return f'<span class="cloze-inactive" data-ordinal="{node.number}">{inner}</span>'
        if back:
            return f'<span class="cloze" data-ordinal="{node.number}">{inner}</span>'
        hint = node.hint if node.hint is not None else "..."
        hidden = _encode_attribute(inner)
        return f'<span class="cloze" data-cloze="{hidden}" data-ordinal="{node.number}">[{hint}]</span>'

    return "".join(one(n) for n in parse_cloze(text))


def cloze_numbers(text: str) -> set[int]:
    """The deletion numbers Anki finds in a cloze field (a deletion never closed does not count)."""
    found: set[int] = set()

    def walk(nodes) -> None:
        for n in nodes:
            if isinstance(n, _Cloze):
                found.add(n.number)
                walk(n.nodes)

    walk(parse_cloze(text))
    return found


# What Anki shows for a cloze card whose number is not in its text (a deletion never closed, say).
_NO_CLOZE = (
    "<div>No cloze \u2068{n}\u2069 found on card.\nPlease either add a cloze deletion, or use the Empty Cards tool."
    "<br><a href='https://docs.ankiweb.net/templates/errors.html#no-cloze-filter-on-cloze-note-type'>"
    "More information</a></div>"
)


def no_cloze(number: int) -> str:
    return _NO_CLOZE.format(n=number)


def cloze_answers(text: str, ordinal: int) -> list[str]:
    """The text of each deletion that card `ordinal` hides."""
    found: list[str] = []

    def walk(nodes) -> None:
        for n in nodes:
            if isinstance(n, _Cloze):
                if n.number == ordinal + 1:
                    found.append(n.text())
                else:
                    walk(n.nodes)

    walk(parse_cloze(text))
    return found


def _encode_attribute(text: str) -> str:
    """As Anki writes data-cloze (Rust htmlescape::encode_attribute): Latin-1 other than [A-Za-z0-9] escaped."""
    return "".join(
        _NAMED.get(c) or (c if ord(c) > 0xFF or (c.isascii() and c.isalnum()) else f"&#x{ord(c):X};") for c in text
    )


_NAMED = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def plain_text(fragment: str) -> str:
    """HTML to its text, white space folded."""
    text = re.sub(r"<(br|/p|/div|/li|hr)[^>]*>", " ", fragment, flags=re.I)
    text = re.sub(r"<[^>]+>", "", text)
    return " ".join(html.unescape(text).split())


@dataclass(slots=True)
class WrittenCard:
    """A card as the .apkg holds it."""

    guid: str
    ordinal: int
    kind: str
    fields: list[str]
    tags: list[str]
    deck: str


def read_deck(apkg: Path) -> tuple[list[WrittenCard], dict[str, bytes]]:
    """Every card of a written .apkg, from its collection, in note order; and its media files by name."""
    from ..deck.apkg import CLOZE_MODEL_ID  # genanki: loaded only to read a deck back

    with zipfile.ZipFile(apkg) as z:
        data = z.read("collection.anki2")
        names = json.loads(z.read("media")) if "media" in z.namelist() else {}
        media = {name: z.read(number) for number, name in names.items()}
    con = sqlite3.connect(":memory:")
    try:
        con.deserialize(data)
        (decks_json,) = con.execute("SELECT decks FROM col").fetchone()
        rows = con.execute(
            "SELECT n.guid, c.ord, n.mid, n.flds, n.tags, c.did FROM cards c JOIN notes n ON n.id = c.nid"
            " ORDER BY n.id, c.ord"
        ).fetchall()
    finally:
        con.close()
    decks = {int(k): v["name"] for k, v in json.loads(decks_json).items()}
    kind = {CLOZE_MODEL_ID: "cloze"}
    cards = [
        WrittenCard(guid, ordinal, kind.get(mid, "qa"), flds.split("\x1f"), tags.split(), decks.get(did, ""))
        for guid, ordinal, mid, flds, tags, did in rows
    ]
    return cards, media
