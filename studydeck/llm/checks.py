"""What the model's answer must pass before it becomes cards: the schema, then an ordered list of card checks.

A broken answer (not JSON, not the schema) raises Malformed: the section is asked once more, then left to
the rules. A card that fails a check is dropped and counted by the check's name; the others stay.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import nh3

from ..deck.sanitize import DROP_WITH_CONTENT

MAX_DELETION_WORDS = 5  # CARDS.md: a cloze deletion of about four words
MAX_ANSWER_WORDS = 30  # CARDS.md: a Q/A answer of about twelve words, thirty at the most
MAX_ITEMS = 5  # CARDS.md: a list of more than 3-5 items is a card per item, never one card asking for the set
LEAK_MIN_LETTERS = 5  # as the preview's leak flag: shorter words are shared by chance


class Malformed(Exception):
    """The answer is not the JSON the schema asks for."""


@dataclass
class Item:
    """One card of the answer, cleaned: plain text (Markdown at most), one deletion for a cloze."""

    kind: str
    """'cloze' or 'qa'."""
    front: str
    """The cloze text with its one deletion as {{c1::answer}} or {{c1::answer::hint}}; or the question."""
    answer: str
    """The deletion's text, or the question's answer."""
    hint: str = ""
    extra: str = ""


@dataclass
class Checked:
    items: list[Item] = field(default_factory=list)
    dropped: Counter = field(default_factory=Counter)
    """Cards dropped, by the name of the check they failed."""
    examples: dict[str, str] = field(default_factory=dict)
    """One dropped card's text per check, for the warning that names it."""


def parse(content: str) -> list[dict]:
    """The answer's card objects; Malformed when it is not {"cards": [...]} of the contract's shape."""
    text = content.strip()
    fenced = re.fullmatch(r"```(?:json)?\s*(.*?)\s*```", text, re.S)  # some servers wrap JSON mode in a fence
    if fenced:
        text = fenced.group(1)
    try:
        data = json.loads(text)
    except ValueError as e:
        raise Malformed(f"not JSON ({e.msg} at character {e.pos})") from None
    if not isinstance(data, dict) or not isinstance(data.get("cards"), list):
        raise Malformed('no "cards" list')
    for i, card in enumerate(data["cards"]):
        if not isinstance(card, dict) or card.get("kind") not in ("cloze", "qa"):
            raise Malformed(f'card {i + 1}: "kind" is neither "cloze" nor "qa"')
        needed = ("text",) if card["kind"] == "cloze" else ("front", "back")
        for name in needed:
            if not isinstance(card.get(name), str):
                raise Malformed(f'card {i + 1}: "{name}" is not a string')
        if not isinstance(card.get("extra", ""), str):
            raise Malformed(f'card {i + 1}: "extra" is not a string')
    return data["cards"]


# -- the card checks, in order: each gives the reason a card is dropped, or None --------------------------

_DELETION = re.compile(r"\{\{c(\d+)::((?:(?!\}\}|\{\{).)*?)(?:::((?:(?!\}\}|\{\{).)*?))?\}\}", re.S)


def clean_text(value: str) -> str:
    """A field as text: HTML tags removed (scripts and styles with their content), whitespace joined."""
    if "<" in value or "&" in value:
        value = html.unescape(nh3.clean(value, tags=set(), clean_content_tags=DROP_WITH_CONTENT, strip_comments=True))
    return re.sub(r"\s+", " ", value).strip()


def sanitised(item: Item, _ground) -> str | None:
    """No HTML from the model reaches a card: tags go, the text stays (the deck's sanitiser runs again)."""
    item.front, item.answer, item.hint, item.extra = map(clean_text, (item.front, item.answer, item.hint, item.extra))
    if not item.front or (item.kind == "qa" and not item.answer):
        return "empty"
    return None


def cloze_syntax(item: Item, _ground) -> str | None:
    """A cloze is text with exactly one well-formed deletion, numbered c1; nothing that looks like half of one."""
    if item.kind != "cloze":
        return None
    found = list(_DELETION.finditer(item.front))
    rest = _DELETION.sub("", item.front)
    if not found or "{{" in rest or "}}" in rest or any(not m.group(2).strip() for m in found):
        return "cloze error"
    if len({m.group(1) for m in found}) > 1 or len(found) > 1:
        return "more than one fact"
    m = found[0]
    item.answer, item.hint = m.group(2).strip(), (m.group(3) or "").strip()
    hint = f"::{item.hint}" if item.hint else ""
    item.front = item.front[: m.start()] + "{{c1::" + item.answer + hint + "}}" + item.front[m.end() :]
    return None


def short_answer(item: Item, _ground) -> str | None:
    """One fact: a deletion of a few words, an answer of one idea, no enumeration of more than a few items."""
    n = len(_words(item.answer))
    limit = MAX_DELETION_WORDS if item.kind == "cloze" else MAX_ANSWER_WORDS
    items = len(re.split(r"[,;]\s*(?:and |or )?|\s+(?:and|or)\s+", item.answer))
    return "more than one fact" if n > limit or items > MAX_ITEMS else None


def grounded(item: Item, ground: set[str]) -> str | None:
    """Every key word of the answer occurs in the section's text (numbers exactly, words by stem)."""
    for w in key_words(item.answer):
        if _stem(w) not in ground and not any(_near(_stem(w), g) for g in ground):
            return "ungrounded"
    return None


def no_leak(item: Item, _ground) -> str | None:
    """The answer's words are not on the front."""
    front = _DELETION.sub("", item.front) if item.kind == "cloze" else item.front
    shown = {_stem(w) for w in _words(front)}
    if any(len(w) >= LEAK_MIN_LETTERS and _stem(w) in shown for w in key_words(item.answer)):
        return "leak"
    return None


_NOT_SELF_CONTAINED = re.compile(
    r"^(?:it|this|they|these|those|that)\b|\b(?:this solution|the scenario|the company)\b", re.I
)


def self_contained(item: Item, _ground) -> str | None:
    """Understood alone: no front that starts with It/This/They or points at 'the scenario'."""
    front = _DELETION.sub("...", item.front)
    return "not self-contained" if _NOT_SELF_CONTAINED.search(front) else None


CHECKS: list[tuple[str, Callable[[Item, set[str]], str | None]]] = [
    ("sanitised", sanitised),
    ("cloze syntax", cloze_syntax),
    ("short answer", short_answer),
    ("grounded", grounded),
    ("no leak", no_leak),
    ("self-contained", self_contained),
]


def check(content: str, section_text: str) -> Checked:
    """The answer's cards that pass every check; Malformed when the answer itself is broken."""
    ground = {_stem(w) for w in _words(clean_text(section_text))}
    out = Checked()
    for raw in parse(content):
        if raw["kind"] == "cloze":
            item = Item("cloze", raw["text"], "", extra=raw.get("extra", ""))
        else:
            item = Item("qa", raw["front"], raw["back"], extra=raw.get("extra", ""))
        for _name, fn in CHECKS:
            reason = fn(item, ground)
            if reason:
                out.dropped[reason] += 1
                out.examples.setdefault(reason, item.front[:80])
                break
        else:
            out.items.append(item)
    return out


# -- words -------------------------------------------------------------------------------------------

_STOP = set(
    "a an the and or but nor of in on at to for from by with without into onto over under about as is are was were be "
    "been being it its this that these those there their they them you your we our he she his her can could may might "
    "must shall should will would do does did done has have had not no than then so such use used uses using "
    "each every "
    "any all some more most less least one also only very just what which who whom when where why how if".split()
)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_][\w'’+.-]*[^\W_]|[^\W_]", text.lower())


def key_words(answer: str) -> list[str]:
    """The words an answer stands on: not the joining words."""
    return [w for w in _words(clean_text(answer)) if w not in _STOP]


def _stem(word: str) -> str:
    word = re.sub(r"['’]s$", "", word)
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _near(a: str, b: str) -> bool:
    """Two forms of one word ('optimize', 'optimization'): a long common beginning; never for numbers."""
    if a[:1].isdigit() or b[:1].isdigit():
        return False
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= 5 and n >= 0.75 * min(len(a), len(b))
