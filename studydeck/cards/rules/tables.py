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
MIN_SIDE_WORDS = 3
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
    # a column most rows share one value of ('EBS only' in five of six rows) tells no row from another; in a
    # spec sheet a column of measures ('Up to 10 Gigabit', '1 x 475 GB NVMe SSD') is one model's trivia too
    shared = {j for j in range(1, width) if len(rows) >= 3 and _most_common(rows, j) * 2 > len(rows)}
    measures = {j for j in range(1, width) if spec and sum(_measure(r[j]) for r in rows) * 2 > len(rows)}
    parties = _parallel(header)
    if parties:
        yield from _sides(block, rows, parties, ctx)
    # a row key with no word of its own ('22', '3389') is asked with its column's name: 'Port number 22'
    bare = bool(re.search(r"[^\W\d_]", header[0])) and all(not re.search(r"[^\W\d_]", k) for k in keys if k)
    # (and its column of names, when it has one, names the row for the other columns: 'Hydrogen: discovered
    # by?', not 'Atomic number 1: discovered by?')
    named = _name_column(rows, header, shared | set(parties), ctx.lang) if bare else None
    for row in rows:
        key = plain(row[0])
        if not key:
            continue
        links = _row_links(row, block)
        own = (
            (f"{_cap_name(header[0])} **{row[0].strip()}**", f"{header[0]} {key}")
            if bare
            else (f"**{row[0].strip()}**", key)
        )
        for j in range(1, width):
            term, subject = own if named in (None, j) else (f"**{row[named].strip()}**", plain(row[named]))
            cell = row[j].strip()
            if not plain(cell) or plain(cell) == key or word_count(cell) > MAX_CELL_WORDS:
                continue
            if j in parties and _described(cell):
                continue  # (asked whose it is, above; a short value, 'Rectangular', is asked as a row's)
            label = header[j] or ""
            if not label or _vague(label, ctx.lang) and len(header) > 2 or spec and j in numeric or j in shared:
                continue  # (a spec sheet's numbers, one row's vCPUs: trivia, not a fact to learn)
            if j in measures or _judged(label, cell, ctx.lang):
                continue
            front = lg.template("attribute", term=term, label=_lower(label))
            said, aside = _first_point(strip_end(cell))
            yield ctx.draft(Rule.TABLE, QA, [front], block, f"{subject}/{label}", cap(said), links=links, extra=aside)
        if width == 2 and header[0] and _distinct_text(rows) and named is None:
            # a word list asked both ways: the meaning gives the word back
            front = lg.template("attribute", term=f"**{row[1].strip()}**", label=_lower(header[0]))
            yield ctx.draft(
                Rule.TABLE, QA, [front], block, f"{plain(row[1])}/{header[0]}", cap(row[0].strip()), links=links
            )
    if named is not None:
        # the number asked back from the name ('SSH: port number?' -> 22), the way a learner is asked it
        for row in rows:
            front = lg.template("attribute", term=f"**{row[named].strip()}**", label=_lower(header[0]))
            subject = f"{plain(row[named])}/{header[0]}"
            yield ctx.draft(Rule.TABLE, QA, [front], block, subject, plain(row[0]), links=_row_links(row, block))


def _first_point(cell: str) -> tuple[str, list[str]]:
    """'Balanced workloads, such as small databases. Ideal for web applications': the cell's first sentence
    (or its clause before '; ' and a lower-case word, an aside) is the answer; the rest goes on the back.
    A list of the cell's own ('No Upfront; Partial Upfront') stays whole."""
    m = re.search(r"(?<=[^\W\d_]{2})\.\s+(?=[A-Z])|;\s+(?=[a-z])", cell)
    if not m or word_count(cell[: m.start()]) < 2:
        return cell, []
    return cell[: m.start()], [cap(strip_end(cell[m.end() :]))]


def _vague(label: str, lang: str) -> bool:
    """A column named by a label word ('Description', 'Notes') asks nothing of its row; a property's name
    ('Use case', 'Pros') asks one thing."""
    return is_label(label, lang) and plain(label).lower() not in words.lang(lang).property_labels


MAX_LEVEL_WORDS = 2


def _judged(label: str, cell: str, lang: str) -> bool:
    """'Flexibility' › 'Can create/cancel anytime': a column named by a quality asks how much of it the row
    has; a level ('High', 'Very fast') or a measure answers that, a sentence is a judgement with many fair
    answers (blind review: 'Capacity Reservations: flexibility?')."""
    name = plain(label).strip(" *_:").lower()
    qualities = words.lang(lang).quality_nouns
    if name not in qualities and name.split()[-1:] and name.split()[-1] not in qualities:
        return False
    return word_count(plain(cell)) > MAX_LEVEL_WORDS and not re.search(r"[\d$`]", cell)


def _measure(cell: str) -> bool:
    """'Up to 10 Gigabit', '12 x 2 TB HDD': a short cell that holds a number."""
    return bool(re.search(r"\d", plain(cell))) and word_count(cell) <= MAX_KEY_WORDS


def _cap_name(name: str) -> str:
    return name[:1].upper() + _lower(name)[1:]


def _name_column(rows: list[list[str]], header: list[str], skip: set[int], lang: str) -> int | None:
    """The first column of distinct short names ('Hydrogen', 'SSH') of a table keyed by numbers."""
    for j in range(1, len(header)):
        cells = [plain(r[j]) for r in rows]
        if j in skip or not header[j] or _vague(header[j], lang) or not all(cells):
            continue
        if len({c.lower() for c in cells}) == len(cells) and all(word_count(c) <= 4 for c in cells):
            return j
    return None


def _parallel(header: list[str]) -> list[int]:
    """Columns named alike but for a first word ('AWS responsibilities | User responsibilities', 'Animal
    cell | Plant cell'): the sides of one split; each cell is asked whose it is, not the other way (a row's
    cell under one side is a description no cue brings back)."""
    names = [plain(h).lower().split() for h in header[1:]]
    out = []
    for j, ws in enumerate(names, 1):
        if len(ws) >= 2 and sum(1 for o in names if o[1:] == ws[1:] and o != ws) >= 1:
            out.append(j)
    return out if len(out) >= 2 else []


def _sides(block: Table, rows: list[list[str]], parties: list[int], ctx) -> Iterator[Draft]:
    """'Network security | Implements firewalls ... | Configuring security groups ...': 'Network security —
    configuring security groups ...: AWS or user responsibilities?' -> User (more sides than two: 'A / B / C
    (responsibilities)?')."""
    lg = words.lang(ctx.lang)
    sides = [block.header[j] for j in parties]
    names = [plain(h).split()[0] for h in sides]
    rest = " ".join(plain(sides[0]).split()[1:])
    choices = " / ".join(_lower(n) for n in names) + f" ({_lower(rest)})"
    for row in rows:
        key = plain(row[0])
        for j in parties:
            cell = row[j].strip()
            if not _described(cell):
                continue  # ('N/A', '-': no side's own; 'Rectangular' is asked as the row's value)
            item = f"**{row[0].strip()}** — {_first_lower(strip_end(cell))}" if key else strip_end(cell)
            if len(names) == 2 and "which_side" in lg.templates:
                # 'Damp — repairing leaks ...: landlord or tenant duties?': one question with its two answers, not
                # the flattened header 'landlord / tenant (duties)?' (blind review: a flattened table cell)
                first, second = (_lower(n) for n in names)
                front = lg.template("which_side", item=item, first=first, second=second, kind=_lower(rest))
            else:
                front = lg.template("which_of", item=item, choices=choices)
            answer = cap(names[parties.index(j)])
            yield ctx.draft(
                Rule.CHOICE, QA, [front], block, f"{key}/{plain(cell)}", answer, links=_row_links(row, block)
            )


def _described(cell: str) -> bool:
    """A cell that says something in words ('Servicing the boiler once a year'), not a value or 'N/A'."""
    return MIN_SIDE_WORDS <= word_count(cell) <= MAX_CELL_WORDS and bool(re.search(r"[^\W\d_]{3,}", plain(cell)))


def _first_lower(text: str) -> str:
    """'Configuring security groups' inside a question: its first word lower-cased unless it is a name."""
    w = text.split(" ", 1)
    return text if not w or w[0][1:2].isupper() else text[:1].lower() + text[1:]


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
    items = [plain(_member(x)[0]) for c in cells for x in re.split(r";\s*", c) if plain(x)]
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
                item, parts = _member(item)
                name = plain(item)
                if name.lower() in seen:
                    continue
                seen.add(name.lower())
                front = lg.template("which_of", item=f"**{item}**", choices=choices)
                # (its parts, 'Rough ER, Smooth ER' under 'Endoplasmic reticulum', go with it: the same fact)
                yield ctx.draft(
                    Rule.CHOICE,
                    QA,
                    [front],
                    block,
                    f"{name}/column",
                    cap(header[j]),
                    links=_row_links(row, block),
                    extra=[f"{item}: {parts}"] if parts else [],
                )


def _member(item: str) -> tuple[str, str]:
    """'Endoplasmic reticulum: Rough ER, Smooth ER' (a name over its parts in one cell) -> the name, its parts."""
    name, sep, parts = item.partition(": ")
    return (name.strip(), parts.strip()) if sep and name.strip() else (item, "")


def _row_links(row: list[str], block: Table) -> list[Link]:
    """A row's own links: a link or an audio file belongs to its row's card, not to every card."""
    out = []
    for cell in row:
        for m in _LINK.finditer(cell):
            out.append(Link(m.group(2), m.group(1) or m.group(2), block.source))
    return out
