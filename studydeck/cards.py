"""Stage 3 entry point: the model to cards (the rules live in `studydeck/rules/`, one module per pattern)."""
from __future__ import annotations

from .rules import CONTEXT_SEP, RULES, Ctx, make_cards, tags_for

__all__ = ["CONTEXT_SEP", "RULES", "Ctx", "make_cards", "tags_for"]
