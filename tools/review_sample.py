"""A stratified blind-review sample: N cards from every notes file of a folder (and M from others), as
plain text, with a key file (rule and line of each card) kept apart for the engineer.

    .venv/bin/python tools/review_sample.py DIR [DIR ...] --per 8 --seed 1 --out sample.txt --key key.tsv
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from studydeck.build.pipeline import load  # noqa: E402
from studydeck.cards import make_cards  # noqa: E402
from studydeck.report import Report  # noqa: E402
from tools.card_text import card_texts, clip, plain  # noqa: E402


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--per", type=int, default=8)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--key", type=Path, required=True)
    a = ap.parse_args(argv)
    rng = random.Random(a.seed)
    files = sorted(p for d in a.paths for p in (d.glob("*.md") if d.is_dir() else [d]) if p.name != "README.md")
    out, key, n = [], [], 0
    for f in files:
        notes = load(f, Report(quiet=True))
        cards = [(c, fr, b) for nf in notes for c in make_cards(nf) for fr, b in card_texts(c)]
        for c, front, back in rng.sample(cards, min(a.per, len(cards))):
            n += 1
            out.append(f"=== card {n}  [{f.stem}]  (context: {c.context})")
            out.append(f"FRONT: {front}")
            out.append(f"BACK:  {back}")
            if c.extra:
                out.append(f"EXTRA: {clip(plain(c.extra), 400)}")
            if c.sources:
                out.append("SOURCES: " + "; ".join(link.text or link.url for link in c.sources))
            out.append("")
            key.append(f"{n}\t{f.stem}\t{c.rule}\t{c.source.line}")
    a.out.write_text("\n".join(out) + "\n", encoding="utf-8")
    a.key.write_text("\n".join(key) + "\n", encoding="utf-8")
    print(f"{n} cards from {len(files)} files -> {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
