"""A blind A/B review: two card samples (old and new code, from tools/review_sample.py or card_sample.py run
in two checkouts) shuffled into one, so a single reviewer judges both without knowing which is which
(reviewers differ more from one another than the decks do), then the verdicts split back per side.

    .venv/bin/python tools/ab_mix.py mix OLD.txt NEW.txt --seed 7 --out mixed.txt --key mixed-key.tsv
    .venv/bin/python tools/ab_mix.py score mixed-key.tsv verdicts.txt

A verdict file has one line per card: `N<TAB>A|F|R|W<TAB>reason`. The key says, for each mixed card,
its side (old, new, or both when the two samples drew the same card), its number in its own sample
(the old one's for both) and its notes file (the `[file]` of review_sample's header).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

_HEAD = re.compile(r"^=== card (\d+)(.*)$")


def cards(path: Path) -> list[tuple[str, str]]:
    """(header rest, body) of each card of a sample file."""
    out: list[tuple[str, str]] = []
    for block in path.read_text(encoding="utf-8").split("\n=== card ")[0:]:
        block = block if block.startswith("=== card ") else "=== card " + block
        lines = block.strip("\n").split("\n")
        m = _HEAD.match(lines[0])
        if m:
            out.append((m.group(2), "\n".join(lines[1:]).strip("\n")))
    return out


def _file(header: str) -> str:
    m = re.search(r"\[([^\]]+)\]", header)
    return m.group(1) if m else "notes"


def mix(old: Path, new: Path, seed: int, out: Path, key: Path) -> int:
    # a card both decks hold (the same text) is shown once and counts for both sides: a reviewer who saw
    # it twice would reject the second as a duplicate of the first, which neither deck has
    both = [("old", i, c) for i, c in enumerate(cards(old), 1)]
    shown = {c: n for n, (_, _, c) in enumerate(both)}
    for i, c in enumerate(cards(new), 1):
        if c in shown:
            both[shown[c]] = ("both", both[shown[c]][1], c)
        else:
            both.append(("new", i, c))
    random.Random(seed).shuffle(both)
    text, rows = [], []
    for n, (side, i, (header, body)) in enumerate(both, 1):
        text.append(f"=== card {n}{header}\n{body}\n")
        rows.append(f"{n}\t{side}\t{i}\t{_file(header)}")
    out.write_text("\n".join(text), encoding="utf-8")
    key.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(both)} cards -> {out}", file=sys.stderr)
    return 0


def score(key: Path, verdicts: Path) -> int:
    side_of = {}
    for line in key.read_text(encoding="utf-8").splitlines():
        n, side, _i, f = line.split("\t")
        side_of[int(n)] = (side, f)
    said: dict[int, str] = {}
    for line in verdicts.read_text(encoding="utf-8").splitlines():
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) >= 2 and parts[0].isdigit() and parts[1][:1] in "AFRW":
            said[int(parts[0])] = parts[1][:1]
    per: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for n, (side, f) in side_of.items():
        for one in ("old", "new") if side == "both" else (side,):
            per[(f, one)][said.get(n, "?")] += 1
    files = sorted({f for f, _ in per})
    print(f"{'file':40s} {'old A/n':>9s} {'new A/n':>9s}")
    total = {"old": Counter(), "new": Counter()}
    for f in files:
        row = []
        for side in ("old", "new"):
            c = per.get((f, side), Counter())
            total[side].update(c)
            row.append(f"{c['A']}/{sum(c.values())}")
        print(f"{f:40s} {row[0]:>9s} {row[1]:>9s}")
    for side in ("old", "new"):
        c = total[side]
        n = sum(c.values()) or 1
        counts = " ".join(f"{v} {c[v]}" for v in "AFRW")
        print(f"{side}: {counts} unjudged {c['?']} -> {100 * c['A'] / n:.1f}% accept")
    return 0


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("mix")
    m.add_argument("old", type=Path)
    m.add_argument("new", type=Path)
    m.add_argument("--seed", type=int, default=1)
    m.add_argument("--out", type=Path, required=True)
    m.add_argument("--key", type=Path, required=True)
    s = sub.add_parser("score")
    s.add_argument("key", type=Path)
    s.add_argument("verdicts", type=Path)
    a = ap.parse_args(argv)
    if a.cmd == "mix":
        return mix(a.old, a.new, a.seed, a.out, a.key)
    return score(a.key, a.verdicts)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
