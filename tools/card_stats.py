"""Measure a deck against issue 3's "Done when" figures: counts, kinds, render errors, duplicates,
leaks, heading / comparison-term / link coverage, answer and deletion lengths.

    .venv/bin/python tools/card_stats.py [NOTES_DIR] [--json]

Imports the built deck into a scratch Anki collection (the `anki` package from the test extras) and
renders every card, so the figures are what a learner's Anki shows.
"""

from __future__ import annotations

import html
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from studydeck.build.pipeline import load  # noqa: E402
from studydeck.cards import make_cards  # noqa: E402
from studydeck.cards.rules.terms import MAX_ADVICE_ITEMS, advises  # noqa: E402
from studydeck.deck.apkg import write_deck  # noqa: E402
from studydeck.model import Comparison, Term  # noqa: E402
from studydeck.report import Report  # noqa: E402

_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::([^}]*))?\}\}", re.S)


def text(h: str) -> str:
    h = re.sub(r"<style.*?</style>", "", h, flags=re.S)
    h = re.sub(r"<br\s*/?>|</li>|</div>|<hr[^>]*>", " ", h)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", h))).strip()


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", s.lower())).strip()


def nwords(s: str) -> int:
    return len(re.findall(r"[\w'’+-]+", s))


def terms_of(items: list[Term]):
    for t in items:
        yield t
        yield from terms_of(t.children)


def link_only(t: Term) -> bool:
    """An item that says nothing but where to read more ('* Reinforcement Learning' over 'For more
    information, see [...]'): CARDS.md, 'link references, bare URLs: never a card', and a bare name asks
    nothing; nor can its links go on its neighbours' backs ('every link of a section on every card').
    Neither its term nor its links are counted (nor those of a section that is only links,
    `links_alone`)."""
    return not (t.description or t.details or t.attributes or t.children) and bool(t.links)


def links_alone(s) -> set[str]:
    """The links of a section that says nothing but links ('## Further reading' over '- [Responsible
    AI](...)'): like a link-only item's, there is no card of the section for them to go on. (A section with
    text keeps all its links counted: the cards place its loose 'Learn more' lines, cards/__init__.py.)"""
    return set() if any(block_text(b) for b in s.blocks) else {link.url for b in s.blocks for link in b.links}


def block_text(b) -> str:
    """The words a block says besides its links ('' for a list of links whose items the parser kept as links)."""
    parts = [getattr(b, a, None) for a in ("text", "items", "rows", "intro", "question", "answer", "tex")]
    return " ".join(str(p) for p in parts if p).strip()


def long_advice(b: Comparison, lang: str) -> bool:
    """A list of tips ('When selecting X, consider the following factors') longer than one set card holds.
    Its labels ('Cost', 'Scalability') name the considerations, not terms to recall: CARDS.md's 'heading or
    list label as the term' (a question about the content under it, not about the label), and blind review
    rejected a card per factor ('Instance types: cost?', a label with a platitude for its answer; the terms
    rule asks the set when it is short, `MAX_ADVICE_ITEMS`). What a description states is asked as prose under
    its label (rules/described.py); the label itself is not counted as a term the deck misses."""
    return advises(b, lang) and len(b.items) > MAX_ADVICE_ITEMS


def measure(source: Path) -> dict:
    notes = load(source, Report(quiet=True))
    cards = [c for nf in notes for c in make_cards(nf)]
    out: dict = {"notes": len(cards)}
    kinds = {k: sum(c.kind == k for c in cards) for k in ("qa", "cloze")}
    out["notes_by_kind"] = kinds

    # -- as Anki shows them ------------------------------------------------------------------
    from anki_check import import_deck, open_collection

    with tempfile.TemporaryDirectory() as tmp:
        apkg = Path(tmp) / "deck.apkg"
        write_deck(cards, apkg, now=1_800_000_000)
        col = open_collection(Path(tmp) / "c.anki2")
        import_deck(col, apkg)
        rendered = []
        errors = 0
        for cid in col.find_cards(""):
            card = col.get_card(cid)
            note = card.note()
            try:
                q, a = card.question(), card.answer()
            except Exception:  # noqa: BLE001 - counted, not raised
                errors += 1
                continue
            if re.search(r"error|unknown field|no cloze", text(q) + text(a), re.I) and "{{" in q + a:
                errors += 1
            rendered.append((note.note_type()["name"], card.ord, dict(note.items()), q, a))
        col.close()
    out["anki_cards"] = len(rendered)
    qa_n = sum(1 for r in rendered if r[0].endswith("Q/A"))
    out["anki_cards_by_kind"] = {"qa": qa_n, "cloze": len(rendered) - qa_n}
    out["share_qa"] = round(qa_n / max(1, len(rendered)), 3)
    out["share_cloze"] = round(1 - out["share_qa"], 3)
    out["render_errors"] = errors

    fronts: dict[str, int] = {}
    empty = 0
    leaks = []
    for name, ord_, fields, q, _a in rendered:
        qt = text(re.sub(r'<div class="context">.*?</div>', "", q, flags=re.S))
        fronts[norm(qt)] = fronts.get(norm(qt), 0) + 1
        if name.endswith("Q/A"):
            ans = text(fields["Answer"])
            if not ans:
                empty += 1
            elif norm(ans) in norm(qt):
                leaks.append(qt)
        else:
            dels = [m.group(2) for m in _CLOZE.finditer(fields["Text"]) if int(m.group(1)) == ord_ + 1]
            if not dels or not all(text(d) for d in dels):
                empty += 1
            for d in dels:
                dn = norm(text(d))
                if len(dn) >= 3 and re.search(r"\b" + re.escape(dn) + r"\b", norm(qt)):
                    leaks.append(qt)
    out["duplicate_fronts"] = sum(n - 1 for n in fronts.values() if n > 1)
    out["empty_answers"] = empty
    out["answers_on_front"] = len(leaks)
    out["answers_on_front_examples"] = leaks[:5]

    # -- coverage ----------------------------------------------------------------------------
    h3 = [s for nf in notes for d in nf.domains for s in d.sections if s.level == 3]
    contexts = {c.path or c.context for c in cards}
    tags = {t for c in cards for t in c.tags}
    missing_h3 = []
    for s in h3:
        path = " › ".join(text(p) for p in s.path)
        tag_tail = "::".join(re.sub(r"[^\w.+-]+", "_", text(p)).strip("_") for p in s.path)
        if not any(c == path or c.startswith(path + " › ") for c in contexts) and not any(
            t.endswith(tag_tail) for t in tags
        ):
            missing_h3.append(path)
    out["h3_headings"] = len(h3)
    out["h3_missing"] = missing_h3

    card_text_all = norm(" ".join(text(c.front) + " " + text(c.answer) + " " + c.context for c in cards))
    terms = [
        t
        for nf in notes
        for d in nf.domains
        for s in d.sections
        for b in s.blocks
        if isinstance(b, Comparison) and not long_advice(b, nf.lang)
        for t in terms_of(b.items)
        if not link_only(t)
    ]
    # a term counts when a card's front, answer or context shows it, or when the card asked about it
    # (its key's subject) names it on its back: 'SageMaker model selection factor: ... {{c1::complexity}}'
    # -> Extra: 'Model complexity'
    own_backs = {(norm(c.key[-1]), norm(text(c.extra))) for c in cards if c.extra}
    missing_terms = [
        t.term
        for t in terms
        if norm(text(t.term)) not in card_text_all
        and not any(k == norm(text(t.term)) and norm(text(t.term)) in e for k, e in own_backs)
    ]
    out["comparison_terms"] = len(terms)
    out["comparison_terms_missing"] = missing_terms
    out["comparison_term_coverage"] = round(1 - len(missing_terms) / max(1, len(terms)), 3)

    total_links = 0
    covered = 0
    missing_links = []
    for nf in notes:
        for d in nf.domains:
            for s in d.sections:
                urls = {link.url for link in s.links}
                for b in s.blocks:
                    if isinstance(b, Comparison):
                        urls |= {link.url for t in terms_of(b.items) if not link_only(t) for link in t.links}
                urls -= links_alone(s)
                ctx = " › ".join(text(p) for p in s.path)
                mine = [
                    c
                    for c in cards
                    if (c.path or c.context) == ctx
                    or (c.path or c.context).startswith(ctx + " › ")
                    and not any(
                        (c.path or c.context).startswith(" › ".join(text(p) for p in o.path))
                        and len(o.path) > len(s.path)
                        for o in d.sections
                    )
                ]
                on_backs = {link.url for c in mine for link in c.sources}
                for u in sorted(urls):
                    total_links += 1
                    if u in on_backs:
                        covered += 1
                    else:
                        missing_links.append(f"{ctx}: {u}")
    out["distinct_links"] = total_links
    out["link_coverage"] = round(covered / max(1, total_links), 3)
    out["links_missing"] = missing_links

    qa_answers = [text(c.answer) for c in cards if c.kind == "qa"]
    out["qa_answers_over_30_words"] = round(sum(nwords(a) > 30 for a in qa_answers) / max(1, len(qa_answers)), 3)
    out["qa_answers_over_12_words"] = round(sum(nwords(a) > 12 for a in qa_answers) / max(1, len(qa_answers)), 3)
    dels = [text(m.group(2)) for c in cards if c.kind == "cloze" for m in _CLOZE.finditer(c.front)]
    out["cloze_deletions"] = len(dels)
    out["cloze_deletions_over_6_words"] = round(sum(nwords(d) > 6 for d in dels) / max(1, len(dels)), 3)
    out["by_rule"] = {r: sum(c.rule == r for c in cards) for r in sorted({c.rule for c in cards})}
    return out


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    source = Path(args[0]) if args else ROOT.parent / "shared" / "notes"
    result = measure(source)
    if "--json" in argv:
        print(json.dumps(result, indent=1, ensure_ascii=False))
    else:
        for k, v in result.items():
            print(f"{k}: {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
