"""Build NOTES_DIR with the model configured and write a blind sample of its deck for review.

    STUDYDECK_LLM_MODEL=qwen2.5:7b .venv/bin/python tools/llm_eval.py NOTES_DIR [--out DIR] [--n 50] [--seed 1]

The model is the one the environment names (STUDYDECK_LLM_URL, _MODEL, _API_KEY, as for build.py). Writes
DIR/sample.txt (the cards as a learner reads them, nothing saying who wrote them: judge each Accept / Fix /
Reject by the rubric of CARDS.md) and DIR/key.tsv (for after the review: card number, who wrote it
(`model` or a rule), file:line, heading path), and DIR/build/ (the deck and preview). At least 8 cards of
every notes file, more when --n asks for more, model-written and rule cards mixed as the deck has them.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from studydeck.build.pipeline import Options, build  # noqa: E402
from studydeck.llm import settings_from  # noqa: E402
from studydeck.llm.adapter import MODEL_RULE  # noqa: E402
from studydeck.report import NotesError, Report  # noqa: E402
from tools.card_text import card_texts, plain  # noqa: E402

PER_FILE = 8


def main(argv: list[str]) -> int:
    n, seed, out, args = 50, 1, None, []
    it = iter(argv)
    for a in it:
        if a == "--n":
            n = int(next(it))
        elif a == "--seed":
            seed = int(next(it))
        elif a == "--out":
            out = Path(next(it))
        else:
            args.append(a)
    if len(args) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    source = Path(args[0])
    out = out or Path("llm-eval")
    settings = settings_from()
    if settings.model is None:
        print("error: no model configured: set STUDYDECK_LLM_MODEL (and STUDYDECK_LLM_URL)", file=sys.stderr)
        return 1
    report = Report()
    try:
        result = build(Options(source, out / "build", "deck", cards="llm", llm=settings), report)
    except NotesError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    rng = random.Random(seed)
    by_file: dict[str, list] = {}
    for c in result.cards:
        for front, back in card_texts(c):
            by_file.setdefault(c.source.file, []).append((c, front, back))
    picked = []
    for cards in by_file.values():
        picked += rng.sample(cards, min(PER_FILE, len(cards)))
    rest = [x for cards in by_file.values() for x in cards if x not in picked]
    picked += rng.sample(rest, max(0, min(n - len(picked), len(rest))))
    rng.shuffle(picked)
    sample, key = [], ["card\twriter\tsource\tpath"]
    for i, (c, front, back) in enumerate(picked, 1):
        sample += [f"=== card {i}  ({c.context})", f"FRONT: {front}", f"BACK:  {back}"]
        if c.extra:
            sample.append(f"EXTRA: {plain(c.extra)}")
        sample.append("")
        key.append(f"{i}\t{c.rule}\t{c.source}\t{c.path}")
    out.mkdir(parents=True, exist_ok=True)
    (out / "sample.txt").write_text("\n".join(sample), encoding="utf-8")
    (out / "key.tsv").write_text("\n".join(key) + "\n", encoding="utf-8")
    written = sum(c.rule == MODEL_RULE for c in result.cards)
    print(
        f"{len(picked)} cards sampled ({written} of the deck's {len(result.cards)} notes by the model) "
        f"-> {out / 'sample.txt'}; key: {out / 'key.tsv'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
