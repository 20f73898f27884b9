"""The card rules, one module per pattern of the notes, in the order they run: the author's own cards
first, then structure (lists, tables, questions, steps), then sentences. A new pattern is a new module
and one line here (and its fixtures under tests/fixtures/cards/)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ...model import Block
from ..card import Draft
from .correlatives import correlatives
from .explicit import explicit
from .formulas import formulas
from .implied import defined, implied
from .lists import lists
from .names import names
from .prose import (
    conditions,
    definitions,
    emphasis,
    events,
    facts,
    how_to,
    likeness,
    numbers,
    properties,
    purposes,
    reasons,
)
from .questions import questions
from .steps import steps
from .tables import tables
from .terms import terms
from .theorems import theorems

RuleFn = Callable[[Block, object], Iterator[Draft]]

RULES: list[tuple[str, RuleFn]] = [
    ("explicit", explicit),
    ("questions", questions),
    ("terms", terms),
    ("tables", tables),
    ("steps", steps),
    ("lists", lists),
    ("formulas", formulas),
    ("theorems", theorems),
    ("definitions", definitions),
    ("names", names),
    ("conditions", conditions),
    ("correlatives", correlatives),
    ("events", events),
    ("reasons", reasons),
    ("properties", properties),
    ("likeness", likeness),
    ("purposes", purposes),
    ("emphasis", emphasis),
    ("facts", facts),
    ("implied", implied),
    ("defined", defined),
    ("how-to", how_to),
    ("numbers", numbers),
]
