"""The rules that read sentences, in the order they run: of prose, of plain lists, and of a term's
description (rules/described.py); `RULES` runs them after the structure rules."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ...model import Block
from ..card import Draft
from .appositions import appositions
from .correlatives import correlatives
from .defaults import defaults
from .implied import defined, implied, kind_of
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
from .superlatives import only_one, restricted, superlatives

RuleFn = Callable[[Block, object], Iterator[Draft]]

SENTENCE_RULES: list[tuple[str, RuleFn]] = [
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
    ("kind-of", kind_of),
    ("defined", defined),
    ("how-to", how_to),
    ("numbers", numbers),
    ("defaults", defaults),
    ("appositions", appositions),
    ("superlatives", superlatives),
    ("only-one", only_one),
    ("restricted", restricted),
]
