"""What is sent to the model: a section's heading path and prose, the rubric, and the answer's JSON schema."""

from __future__ import annotations

import re

from ..model import Block, Comparison, ItemList, Paragraph, Section, Steps, Term

PROMPT_VERSION = 2
"""Bump when the wording or the schema changes: answers kept in the cache were written for the old one."""

TEMPERATURE = 0

SYSTEM = """\
You write Anki flashcards from a learner's study notes. You get the heading path of one section and its
text. Write the cards a careful student would write for that section, and nothing else.

Rules for every card:
- One fact per card. A cloze hides one term: a name, a feature, a method, a number with its unit; never a
  common word. A cloze deletion is at most four words. A question's answer is one idea, at most twelve words.
- Use only what the text says. Every answer must be words from the text; add no outside knowledge.
- No leakage: the answer's words do not appear on the front.
- Self-contained: the card makes sense alone; never "this solution", "the scenario", "the company"; never
  start a front with It, This or They. Name the subject.
- When several terms would fit a blank, give a hint after a second `::`, e.g. {{c1::Chloroplast::organelle}}.
- Keep polarity: "you would not use X for Y" never becomes a card saying X is for Y; ask "Who must not ...?"
  or leave it out.
- A list of more than five items becomes one card per item, not one card asking for the whole list.
- Headings, list labels and link text are never cards on their own.
- Plain text only: no HTML. Put explanations in "extra", not in the answer.

Answer with JSON only, in this shape:
{"cards": [{"kind": "cloze", "text": "... {{c1::answer}} ...", "extra": "..."},
           {"kind": "qa", "front": "question?", "back": "answer", "extra": "..."}]}
A cloze has exactly one deletion, {{c1::...}}. Give {"cards": []} when the text holds no fact worth a card."""

_CARD_SCHEMA = {
    "anyOf": [
        {
            "type": "object",
            "properties": {
                "kind": {"type": "string", "enum": ["cloze"]},
                "text": {"type": "string"},
                "extra": {"type": "string"},
            },
            "required": ["kind", "text", "extra"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {
                "kind": {"type": "string", "enum": ["qa"]},
                "front": {"type": "string"},
                "back": {"type": "string"},
                "extra": {"type": "string"},
            },
            "required": ["kind", "front", "back", "extra"],
            "additionalProperties": False,
        },
    ]
}

RESPONSE_FORMAT = {
    "type": "json_schema",
    "json_schema": {
        "name": "studydeck_cards",
        "strict": True,
        "schema": {
            "type": "object",
            "properties": {"cards": {"type": "array", "items": _CARD_SCHEMA}},
            "required": ["cards"],
            "additionalProperties": False,
        },
    },
}


def messages(path: tuple[str, ...], text: str) -> list[dict]:
    """The chat for one section: the rubric, then its heading path and text."""
    return [
        {"role": "system", "content": SYSTEM},
        {"role": "user", "content": f"Heading path: {' > '.join(path)}\n\nText:\n{text}"},
    ]


_MARKUP = re.compile(r"\{\{c\d+::|==(?=\S).+?(?<=\S)==")


def section_text(section: Section) -> str:
    """The section's prose as Markdown, as the model reads it: paragraphs, lists, steps, comparison lists.
    Left out, for the rules to card: the author's own cards (Q:/A:, {{c1::}}, ==highlights==), tables,
    code, math and images."""
    return "\n\n".join(t for t in map(block_text, section.blocks) if t.strip())


def block_text(b: Block) -> str:
    """One block's prose as Markdown; '' for what the model is not sent."""
    if isinstance(b, Paragraph):
        return " ".join(s for s in b.sentences if not _MARKUP.search(s))
    if isinstance(b, Steps):
        return "\n".join([b.intro] * bool(b.intro) + [f"{i}. {x}" for i, x in enumerate(b.items, 1)])
    if isinstance(b, ItemList):
        marks = [f"{i}." for i in range(1, len(b.items) + 1)] if b.ordered else ["-"] * len(b.items)
        return "\n".join(f"{m} {x}" for m, x in zip(marks, b.items, strict=True))
    if isinstance(b, Comparison):
        return "\n".join([b.intro] * bool(b.intro) + _terms(b.items, ""))
    return ""


def _terms(items: list[Term], indent: str) -> list[str]:
    out = []
    for t in items:
        out.append(f"{indent}- {t.term}: {t.description}" if t.description else f"{indent}- {t.term}")
        out.extend(f"{indent}  - {d}" for d in t.details)
        out.extend(f"{indent}  - {k}: {v}" for k, v in t.attributes)
        out.extend(_terms(t.children, indent + "  "))
    return out
