"""Dump N random cards (fixed seed) as plain text, front then back, for a blind review.

    .venv/bin/python tools/card_sample.py [NOTES_DIR] [--n 50] [--seed 3] [--key KEYFILE]

Cards are sampled as Anki shows them: one per Q/A note, one per cloze number of a cloze note.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from studydeck.build.pipeline import load  # noqa: E402
from studydeck.cards import make_cards  # noqa: E402
from studydeck.report import Report  # noqa: E402
from tools.card_text import card_texts, plain  # noqa: E402


def main(argv: list[str]) -> int:
    n, seed, args, key = 50, 3, [], None
    it = iter(argv)
    for a in it:
        if a == "--n":
            n = int(next(it))
        elif a == "--key":
            key = open(next(it), "w")
        elif a == "--seed":
            seed = int(next(it))
        else:
            args.append(a)
    source = Path(args[0]) if args else ROOT.parent / "shared" / "notes"
    notes = load(source, Report(quiet=True))
    cards = [(c, f, b) for nf in notes for c in make_cards(nf) for f, b in card_texts(c)]
    picked = random.Random(seed).sample(cards, min(n, len(cards)))
    for i, (c, front, back) in enumerate(picked, 1):
        print(f"=== card {i}  ({c.context})")
        print(f"FRONT: {front}")
        print(f"BACK:  {back}")
        if c.extra:
            print(f"EXTRA: {plain(c.extra)}")
        if c.sources:
            print("SOURCES: " + "; ".join(link.text or link.url for link in c.sources))
        print()
        if key:
            # for the engineer only: which rule and line made each card, kept out of the reviewer's sight
            print(f"{i}\t{c.rule}\t{c.source.line}\t{c.context}", file=key)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
