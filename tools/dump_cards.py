"""Print every card of a notes folder as plain text (front / answer / extra), for reading while tuning rules."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studydeck.build.pipeline import load  # noqa: E402
from studydeck.cards import make_cards  # noqa: E402
from studydeck.report import Report  # noqa: E402
from tools.card_text import card_text  # noqa: E402


def main(argv: list[str]) -> int:
    source = Path(argv[0] if argv else "source")
    notes = load(source, Report(quiet=True))
    cards = [c for nf in notes for c in make_cards(nf)]
    for i, c in enumerate(cards, 1):
        print(f"--- {i} [{c.kind}/{c.rule}] {c.source}")
        print(card_text(c))
    print(f"{len(cards)} cards", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
