"""Tables by meaning: a key column gives 'row key: column?' cards (a two-column word list both ways);
a table whose columns are categories of short items ('Only in plant cells') asks each item's column."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import words
from ...model import Block, Link, Table
from ..card import QA, Draft, Rule
from ..text import cap, is_label, plain, strip_end, word_count

MAX_KEY_WORDS = 6
MAX_CELL_WORDS = 30
_LINK = re.compile(r"\[([^\]]*)\]\((https?://[^)\s]+)[^)]*\)")


def tables(block: Block, ctx) -> Iterator[Draft]:
    if not isinstance(block, Table) or len(block.header) < 2 or not block.rows:
        return
    width = len(block.header)
    rows = [r + [""] * (width - len(r)) for r in block.rows]
    if _categories(block.header, rows):
        yield from _membership(block, rows, ctx)
        return
    keys = [plain(r[0]) for r in rows]
    if width == 2 and _condition_column(keys) and plain(block.header[0]) and plain(block.header[1]):
        yield from _conditions(block, rows, ctx)
        return
    if not _key_column(keys):
        return
    lg = words.lang(ctx.lang)
    header = [plain(h) for h in block.header]
    numeric = [
        j
        for j in range(1, width)
        if sum(1 for r in rows if re.fullmatch(r"[\d.,\sx%$+-]*(?:\s*\w{0,4})", plain(r[j]))) * 2 > len(rows)
    ]
    spec = len(numeric) * 2 >= width - 1 and width > 3
    # a column most rows share one value of ('EBS only' in five of six rows) tells no row from another
    shared = {j for j in range(1, width) if len(rows) >= 3 and _most_common(rows, j) * 2 > len(rows)}
    for row in rows:
        key = plain(row[0])
        if not key:
            continue
        links = _row_links(row, block)
        for j in range(1, width):
            cell = row[j].strip()
            if not plain(cell) or plain(cell) == key or word_count(cell) > MAX_CELL_WORDS:
                continue
            label = header[j] or ""
            if not label or is_label(label, ctx.lang) and len(header) > 2 or spec and j in numeric or j in shared:
                continue  # (a spec sheet's numbers, one row's vCPUs: trivia, not a fact to learn)
            front = lg.template("attribute", term=f"**{row[0].strip()}**", label=_lower(label))
            yield ctx.draft(Rule.TABLE, QA, [front], block, f"{key}/{label}", cap(strip_end(cell)), links=links)
        if width == 2 and header[0] and _distinct_text(rows):
            # a word list asked both ways: the meaning gives the word back
            front = lg.template("attribute", term=f"**{row[1].strip()}**", label=_lower(header[0]))
            yield ctx.draft(
                Rule.TABLE, QA, [front], block, f"{plain(row[1])}/{header[0]}", cap(row[0].strip()), links=links
            )


def _most_common(rows: list[list[str]], j: int) -> int:
    values = [plain(r[j]).lower() for r in rows if plain(r[j])]
    return max((values.count(v) for v in set(values)), default=0)


def _lower(label: str) -> str:
    """'Use Case' -> 'use case', 'AWS Responsibilities' -> 'AWS responsibilities': names keep their case."""
    return " ".join(w if (w[1:2].isupper() or any(c.isdigit() for c in w)) else w.lower() for w in label.split())


_COMPARISON = re.compile(r"[<>≤≥]=?|(?<![<>!=])=(?!=)|\d\s*[-–]\s*\d")  # a bound, or a range '100–125'


def _condition_column(keys: list[str]) -> bool:
    """'e > 1', '0 < e < 1', 'e < 0': every row is a range of one quantity, the column a case split."""
    return len(keys) >= 2 and all(k and _COMPARISON.search(k) and word_count(k) <= MAX_KEY_WORDS for k in keys)


def _conditions(block: Table, rows: list[list[str]], ctx) -> Iterator[Draft]:
    """'Income elasticity | Commodity' over 'e > 1 | a luxury': 'Income elasticity e > 1: commodity?' (not
    asked back: two ranges may share a case)."""
    lg = words.lang(ctx.lang)
    what, label = plain(block.header[0]), plain(block.header[1])
    for row in rows:
        key, cell = row[0].strip(), row[1].strip()
        if not plain(cell) or word_count(cell) > MAX_CELL_WORDS:
            continue
        links = _row_links(row, block)
        front = lg.template("attribute", term=f"**{what}** {key}", label=_lower(label))
        yield ctx.draft(Rule.TABLE, QA, [front], block, f"{key}/{label}", cap(strip_end(cell)), links=links)


def _key_column(keys: list[str]) -> bool:
    """The first column names its rows: mostly filled, distinct, short names (not sentences)."""
    filled = [k for k in keys if k]
    if len(filled) * 4 < len(keys) * 3 or len(set(filled)) < len(filled):
        return False
    return all(
        word_count(k) <= MAX_KEY_WORDS and not k.endswith(".") and not re.search(r"[<>=≤≥$\\]", k) for k in filled
    )


def _distinct_text(rows: list[list[str]]) -> bool:
    """Second-column cells that name one row each and are words, not numbers: a vocabulary list."""
    cells = [plain(r[1]) for r in rows if plain(r[1])]
    if len(set(cells)) < len(cells) or len(cells) < 2:
        return False
    return all(re.search(r"[^\W\d_]{2,}", c) and word_count(c) <= MAX_KEY_WORDS for c in cells)


def _categories(header: list[str], rows: list[list[str]]) -> bool:
    """Columns of short items under category headers, rows of no meaning ('Shared organelles | Only in
    animal cells | Only in plant cells'): many empty cells, every cell a name."""
    cells = [c for r in rows for c in r]
    if len(rows) < 3 or not cells:
        return False
    empty = sum(1 for c in cells if not plain(c))
    items = [plain(x) for c in cells for x in re.split(r";\s*", c) if plain(x)]
    if not all(word_count(x) <= MAX_KEY_WORDS for x in items) or not all(plain(h) for h in header):
        return False
    # many cells empty, or (three columns or more) every cell a capitalised name: members, not descriptions
    names = len(header) >= 3 and all(x[:1].isupper() and word_count(x) <= 4 for x in items)
    return empty * 5 >= len(cells) or names


def _membership(block: Table, rows: list[list[str]], ctx) -> Iterator[Draft]:
    lg = words.lang(ctx.lang)
    header = [plain(h) for h in block.header]
    choices = " / ".join(_lower(h) for h in header)
    seen: set[str] = set()
    for row in rows:
        for j, cell in enumerate(row):
            for item in [x.strip() for x in re.split(r";\s*", cell) if plain(x)]:
                name = plain(item)
                if name.lower() in seen:
                    continue
                seen.add(name.lower())
                front = lg.template("which_of", item=f"**{item}**", choices=choices)
                yield ctx.draft(
                    Rule.CHOICE, QA, [front], block, f"{name}/column", cap(header[j]), links=_row_links(row, block)
                )


def _row_links(row: list[str], block: Table) -> list[Link]:
    """A row's own links: a link or an audio file belongs to its row's card, not to every card."""
    out = []
    for cell in row:
        for m in _LINK.finditer(cell):
            out.append(Link(m.group(2), m.group(1) or m.group(2), block.source))
    return out
