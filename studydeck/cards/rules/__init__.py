"""The card rules, one module per pattern of the notes, in the order they run: the author's own cards
first, then structure (lists, tables, questions, steps), then sentences. A new pattern is a new module
and one line here (and its fixtures under tests/fixtures/cards/)."""

from __future__ import annotations

from .acronyms import acronyms
from .aliases import aliases, subtypes
from .chains import chains
from .described import described
from .explicit import explicit
from .formulas import formulas
from .lists import lists
from .questions import questions
from .results import results
from .sentences import SENTENCE_RULES, RuleFn
from .steps import steps
from .symbols import symbols
from .tables import tables
from .terms import terms
from .theorems import theorems
from .worked import worked

RULES: list[tuple[str, RuleFn]] = [
    ("explicit", explicit),
    ("questions", questions),
    ("terms", terms),
    ("aliases", aliases),
    ("acronyms", acronyms),
    ("subtypes", subtypes),
    ("tables", tables),
    ("steps", steps),
    ("lists", lists),
    ("chains", chains),
    ("formulas", formulas),
    ("symbols", symbols),
    ("theorems", theorems),
    ("results", results),
    ("worked", worked),
    *SENTENCE_RULES,
    ("described", described),
]
