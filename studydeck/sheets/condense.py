"""Stage 5a: condense a domain of the model into what fits on its cheat sheet (plain data for the template)."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlparse

from .. import markdown, words
from ..model import (
    Code,
    Comparison,
    Domain,
    Explicit,
    Image,
    ItemList,
    Link,
    Math,
    Paragraph,
    Source,
    Steps,
    Table,
    Term,
)
from ..notes import analyse as analysis
from . import brands, formula
from . import page as sizes

# Priorities: when a sheet cannot fit at the legibility floor, items go lowest first. Headings are never
# dropped; a comparison term outlives its gist and everything else.
TERM = 90
REC = 70  # "need -> answer" and "X is a Y" lines: what the exam asks
STEPS = 60
LEAD = 62  # the first item of a box, whatever it is
TERM_GIST = 50
TEXT = 48  # a paragraph's lead sentence that is no recommendation or definition
FACT = 45  # a further sentence with a number, a negation or a superlative
LATER_DEF = 52  # a definition further on in a paragraph ("Bias drift is ...")
MATH = 46  # a displayed formula: in maths notes, what the prose around it is about
TABLE = 40
VOCAB = 58  # a vocabulary table: on a language sheet, what the sheet is for
CODE = 35
DETAIL = 20  # further sentences, kept only when the domain is small
EXAMPLE = 18  # an example or an aside ("e.g. ...", "Note that ..."): the first to go
IMAGE = 15
# A whole box goes before what is left in the others is cut to their leads: deeper headings first, and
# first of all boxes that point elsewhere or only illustrate ("Further reading", "Examples").
BOX = 56
BOX_DEPTH = 4  # less per heading level below the domain's sections
BOX_ASIDE = 12
_ASIDE_BOX = re.compile(
    r"\b(?:examples?|exercises?|demo|further reading|additional resources|resources|references|see also|"
    r"acknowledge?ments?|credits|links|bibliography|readings?|videos?|homework|practice|quiz)\b",
    re.I,
)

# Word limits (devhints: table descriptions <= 8 words, a paragraph <= 25): the tight level for big domains.
LIMITS = {"gist": 7, "need": 8, "answer": 11, "def": 12, "text": 14, "fact": 10, "step": 10, "item": 9}
CODE_LINES = 6  # a code block's lines on a tight sheet; twice as many on a roomy or a small one
CODE_MOST = 16  # a small sheet's listing, printed whole up to this many lines
CODE_TAIL = 3  # a listing is not cut this many lines or fewer before its end
# Characters of a code line printed (it wraps in its column: a command cut short cannot be typed); a
# longer one (minified data) is cut with "…".
CODE_WIDTH = 400
TABLE_ROWS = 8
VOCAB_ROWS = 400  # a word list is printed whole: it is dense, and it is what a language learner prints
# How far a domain is condensed depends on how much of it its page holds (page.py): it keeps every sentence
# when all of them fill its page at FULL_AT or larger, by volume (the fitter then shrinks the font, not the
# text); else its further sentences and whole lines
# when they fill it at ROOMY_AT; only a domain too long even then is cut tight (one line a paragraph, long
# sentences shortened). Fixed volumes (6,500 and 9,000 characters) cut a corpus sheet's sentences with "…" at
# 10.5 pt with room for them all at 7.5, and ignored the paper (A5, portrait).
FULL_AT = 7.5
ROOMY_AT = 7.0


@dataclass(slots=True)
class Item:
    """One thing on a sheet that can be left out to fit: it carries a priority and a name to report."""

    kind: str
    """'term', 'group' (a category row of terms), 'rec' (need -> answer), 'def', 'text', 'steps', 'list',
    'code', 'table', 'image'."""
    key: str = ""
    """The term, the need, or the defined word (plain text)."""
    value: str = ""
    """The gist, the answer, the definition or the text (plain text)."""
    tag: str = ""
    """What a term is used for (`Uses:` in the notes)."""
    items: list[str] = field(default_factory=list)
    levels: list[int] = field(default_factory=list)
    """A nested list's depth of each of `items` (0 at the top); [] for a flat one."""
    rows: list[list[str]] = field(default_factory=list)
    level: int = 0
    priority: int = TEXT
    value_priority: int = 0
    """A term's gist can go before the term itself; 0 when the value is not dropped on its own."""
    name: str = ""
    """How a build message names the item when it is dropped."""
    source: Source | None = None
    dropped: bool = False
    value_dropped: bool = False
    sep: bool = False
    """First item of a new `---` group of its section: drawn with a thin rule above."""
    number: int = -1
    """Its place among the sheet's items, written on its element (data-item) so that the fitter finds
    the height it takes in a layout (pdf.py); -1 until numbered."""
    lead_in: bool = False
    """The lead-in of the list after it ('Conda based:'): the list keeps its box, not the lead-in (LEAD)."""

    @property
    def widths(self) -> list[int]:
        """A table's column widths in percent (column_widths), its header included."""
        rows = [self.items, *self.rows] if self.items else self.rows
        return column_widths([list(c) for c in itertools.zip_longest(*rows, fillvalue="")]) if rows else []

    @property
    def col_widths(self) -> list[str]:
        """A grid's column widths for its <col>s: each its share (widths), and at least its longest word in
        em ('Port Range' printed as 'Port Rang e' where the share was narrower than the word); the widest
        column takes what is left ('': no width of its own)."""
        rows = [self.items, *self.rows] if self.items else self.rows
        shares = self.widths
        if not shares:
            return []
        cols = [list(c) for c in itertools.zip_longest(*rows, fillvalue="")]
        out = []
        for k, (share, col) in enumerate(zip(shares, cols, strict=True)):
            words = [word_em(formula.plain(c), bold=bool(self.items) and j == 0) for j, c in enumerate(col)]
            least = round(max(words, default=0.0) * GRID_EM + GRID_PAD_EM, 1)
            out.append("" if k == shares.index(max(shares)) else f"max({share}%, {least}em)")
        return out

    def chars(self) -> int:
        text = len(self.key) + len(self.tag) + sum(map(len, self.items)) + sum(len(c) for r in self.rows for c in r)
        if not self.value_dropped:
            text += len(self.value)
        lines = 1 + len(self.items) + len(self.rows)
        return text + 24 * lines  # a line's end wastes about a third of a column line


KEEP_LINES = 4  # a box of up to this many printed lines is not split between two columns


LINE_CHARS = 50  # characters of a printed line in a column, about
# ... and in the narrowest column a table may print in (four columns at 9 pt and up, bold keys): what its
# column widths are made for, so that a key measured to fit one line does.
COLUMN_CHARS = 40


def _lines(item: Item) -> int:
    """About how many lines an item prints, its long texts wrapped."""

    def wrapped(text: str) -> int:
        return 1 + len(text) // LINE_CHARS

    if item.kind in ("list", "steps"):
        return sum(map(wrapped, item.items))
    if item.kind in ("table", "vocab"):
        return len(item.rows) + 1
    if item.kind == "words":
        return sum(wrapped(" ".join(r)) for r in item.rows)
    if item.kind == "code":
        return item.value.count("\n") + 1
    if item.kind == "image":
        return 6
    return wrapped(item.key + " " + ("" if item.value_dropped else item.value))


@dataclass(slots=True)
class Entry:
    """A run of items drawn together: consecutive terms make one key/gist table."""

    kind: str
    items: list[Item]
    sep: bool = False

    @property
    def key_width(self) -> int:
        """A key/gist table's share of its width for the keys (percent), from what they hold: the longest word
        of a key at least (a fixed 34% split 'intermediate' into 'intermediat e'), the longest keys on one
        line as far as the gists leave room."""
        rows = [i for i in self.items if i.kind == "term" and not i.dropped]
        if not rows:
            return 34
        keys = [formula.plain(i.key) for i in rows]
        need = max(_longest_word(k) * BOLD + INDENT * i.level for k, i in zip(keys, rows, strict=True)) + 1
        want = sorted(len(k) * BOLD for k in keys)[(len(keys) - 1) * 4 // 5] + 1  # most keys on one line
        if any(len(formula.plain(i.value)) > want for i in rows if not i.value_dropped):
            want = min(want, KEY_GISTS * COLUMN_CHARS)
        return round(100 * min(max(need, want) / COLUMN_CHARS, KEY_MOST)) if want or need else 34

    @property
    def key_em(self) -> float:
        """The key column's width at least, in em: its longest word in bold, its indent and padding. A share
        of the width alone is made for a column of COLUMN_CHARS; in a narrower one (four columns at 10.7 pt)
        'Concatenation' printed as 'Concatenati on', 'Alphabet A' as 'Alphab et A' (blind review)."""
        rows = [i for i in self.items if i.kind == "term" and not i.dropped]
        need = (word_em(formula.plain(i.key), bold=True) + INDENT_EM * i.level for i in rows)
        return round(max(need, default=0.0) + CELL_PAD_EM, 1)


def word_em(text: str, bold: bool = False) -> float:
    """The width of the longest word of `text` in em, about (DejaVu Sans Condensed Bold's widest advances of
    each kind, its plain face a tenth narrower; a character of a wide script a whole em)."""
    widest = 0.0
    for word in text.split():
        width = 0.0
        for c in word:
            if ord(c) >= 0x1100 and unicodedata.east_asian_width(c) in "WF":
                width += 1.0
            elif c in "mwMW":
                width += 1.0
            elif c.isupper():
                width += 0.8
            else:
                width += 0.7
        widest = max(widest, width)
    return widest if bold else widest * 0.9


INDENT_EM = 0.7  # a nested key's indent per level (sheet.css)
GRID_EM = 0.92  # a grid's font size (sheet.css)
GRID_PAD_EM = 0.6  # a grid cell's padding (sheet.css: 0.2em a side) and a little room
CELL_PAD_EM = 0.6  # a key cell's padding (sheet.css: 0.4em) and a little room


BOLD = 1.1  # a bold character's width in the body's, about
INDENT = 1.5  # a nested key's indent per level (sheet.css: 0.7em), in characters
KEY_GISTS = 0.4  # the keys' share of their table at most, unless a word of theirs needs more, when gists are longer
KEY_MOST = 0.55  # and in any case: the gists keep the rest


def _bare(entry: Entry) -> bool:
    """A table whose keys are a word or two each, its gists several times as long ('Unsupervised', 'Supervised',
    'Neither' over the algorithms of each): what it says is in its gists."""
    rows = [i for i in entry.items if i.kind == "term" and i.value]
    if len(rows) < 2:
        return False
    keys = sum(len(i.key.split()) for i in rows) / len(rows)
    gists = sum(len(i.value.split()) for i in rows) / len(rows)
    return keys <= 1.5 and gists >= 4 * keys


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", "", text.lower()).split())


def _longest_word(text: str) -> int:
    return max((len(w) for w in text.split()), default=0)


def column_widths(columns: list[list[str]]) -> list[int]:
    """A table's column widths (percent) from what the columns hold: each the width of its longest word at
    least (a word is never broken unless it is longer than its column), the rest shared by how much more each
    needs to print its longest cell on one line (equal widths wrapped a column of long names in a third of the
    table beside a column of '34%')."""
    need = [max((_longest_word(formula.plain(c)) for c in col), default=0) + 1 for col in columns]
    want = [max((len(formula.plain(c)) for c in col), default=0) + 1 for col in columns]
    if sum(want) <= COLUMN_CHARS:
        share = [float(w) for w in want]
    else:
        room = max(COLUMN_CHARS - sum(need), 0)
        extra = [w - n for w, n in zip(want, need, strict=True)]
        share = [n + room * e / max(sum(extra), 1) for n, e in zip(need, extra, strict=True)]
    total = sum(share) or 1.0
    out = [max(1, round(100 * x / total)) for x in share]
    out[out.index(max(out))] += 100 - sum(out)  # whole percents that add up to the table's width
    return out


LEAD_IN = 80  # characters: a line of text this short, with no full stop, over a formula or a block leads in to it
LEADS_TO = ("math", "code", "list", "steps", "table", "image")


@dataclass(slots=True)
class Box:
    title: str
    path: tuple[str, ...]
    entries: list[Entry]
    refs: list[int]
    source: Source
    priority: int = BOX
    """When the page is full, a whole box of low priority goes before the leads of the others."""
    parents: list[str] = field(default_factory=list)
    """Headings above this one with nothing of their own: printed over its title, never alone."""
    dropped: bool = False
    number: int = -1
    """Its place among the sheet's boxes, written on its element (data-box), as Item.number."""

    @property
    def shown(self) -> bool:
        """Drawn on the sheet: not left out, and something of it is left under its heading."""
        return not self.dropped and any(not i.dropped for e in self.entries for i in e.items)

    def chars(self) -> int:
        return sum(i.chars() for e in self.entries for i in e.items if not i.dropped) + len(self.title) + 60

    def leads_in(self, k: int) -> bool:
        """Whether entry `k` is a line that leads in to what follows it ('The weight function' over its formula,
        'Example:' over a listing): kept in its column with it. Alone at a column's foot it read as an orphaned
        label, what it named at the top of the next (blind review, issue 14)."""
        items = [i for i in self.entries[k].items if not i.dropped]
        after = next((e for e in self.entries[k + 1 :] if any(not i.dropped for i in e.items)), None)
        if len(items) != 1 or after is None or items[0].kind not in ("text", "def"):
            return False
        text = formula.plain(f"{items[0].key} {items[0].value}").strip()
        first = next(i for i in after.items if not i.dropped)
        return len(text) <= LEAD_IN and not text.endswith((".", "!", "?", ";")) and first.kind in LEADS_TO

    @property
    def short(self) -> bool:
        """Short boxes are kept in one column; longer ones run on into the next (a one-box domain must).
        Counted in printed lines: a box of five lists kept whole moved to the next column and left the
        rest of its own empty (a third of a corpus page); the fitter cannot fill such a gap."""
        return sum(_lines(i) for e in self.entries for i in e.items if not i.dropped) <= KEEP_LINES

    @property
    def ref_label(self) -> str:
        """The box's references as compact ranges: '3–5, 9'."""
        return ranges(self.refs)


@dataclass(slots=True)
class Ref:
    number: int
    label: str
    url: str
    domain: str


@dataclass(slots=True)
class Sheet:
    title: str
    deck: str
    slug: str
    boxes: list[Box]
    links: list[Link]
    source: Source | None = None
    paper: str = "A4"
    orientation: str = "landscape"
    qr: Link | None = None
    """The one link that matters most, printed as a QR code."""
    detail: int = 0
    """0: tight (one line per paragraph), 1: roomy (further sentences kept), 2: every sentence."""
    brands: frozenset[str] = frozenset()
    """The brand prefixes the notes write before their names, left out on the sheet (brands.py)."""
    parts: str = ""
    """The line under the title: the names of the domains a sheet of a run prints (Domain.parts)."""
    lang: str = words.DEFAULT
    """Its language tag (<html lang>): the dictionary its long words are hyphenated by (words: hyphenation)."""

    @property
    def refs(self) -> list[Ref]:
        return [
            Ref(i, ref_label(link, self.title, self.brands), link.url, short_domain(link.url))
            for i, link in enumerate(self.links, 1)
        ]

    @property
    def ref_groups(self) -> list[tuple[str, list[Ref]]]:
        """References grouped by their short domain, so the domain is printed once."""
        groups: dict[str, list[Ref]] = {}
        cited = {n for b in self.boxes if b.shown for n in b.refs} if self.more else None
        for r in self.refs:
            if cited is None or r.number in cited or (self.qr and r.url == self.qr.url):
                groups.setdefault(r.domain, []).append(r)
        return list(groups.items())

    def keep_within(self, budget: float) -> bool:
        """Leave out whole the least important sections, so that what is left holds about `budget`
        characters: for a domain far too long for its page, chosen before anything is rendered.
        Important: the domain's introduction, then shallower headings, then earlier ones."""
        if len(self.boxes) < 2 or self.chars() <= budget:
            return False
        used = 0
        for b in sorted(range(len(self.boxes)), key=lambda b: (-self.boxes[b].priority, b)):
            box = self.boxes[b]
            size = box.chars()
            box.dropped = bool(used) and used + size > budget
            used += 0 if box.dropped else size
        return True

    def items(self):
        for box in self.boxes:
            for entry in box.entries:
                yield from entry.items

    @property
    def more(self) -> int:
        """Sections left out whole: the sheet ends with "N more sections: see the deck"."""
        return sum(1 for b in self.boxes if b.dropped)

    def chars(self) -> int:
        """Text volume: what the fitter's first size estimate is made from."""
        body = sum(b.chars() for b in self.boxes if b.shown)
        heads = 60 if self.more else 0
        refs = sum(len(r.label) + 6 for r in self.refs) + 30 * len(self.ref_groups)
        return body + heads + int(refs * 0.8)  # references are set smaller

    def drop_empty_groups(self) -> None:
        """A category row whose members are all left out goes too: its name alone headed nothing (a table's
        'Exceptions' printed over no exception)."""
        for box in self.boxes:
            for entry in box.entries:
                items = entry.items
                for k, item in enumerate(items):
                    if item.kind == "group" and not item.dropped:
                        members = list(itertools.takewhile(lambda i, g=item: i.level > g.level, items[k + 1 :]))
                        # (a row with no member in its table heads what follows the table: it stays)
                        if members and all(i.dropped for i in members):
                            item.dropped = True

    def labels(self) -> set[str]:
        """The keys of terms written more than once on the sheet ('Best when' under each search strategy,
        'Representation' under each disorder): labels of what the gist says, not names that stand alone."""
        counts = Counter(_key(i.key) for i in self.items() if i.kind == "term" and i.key)
        return {k for k, n in counts.items() if n > 1}

    def candidates(self) -> list[Drop]:
        """What can still be left out, lowest priority first.

        A table's gists go together (a list of bare terms reads better than one with holes), longest
        table first; other items of equal priority go from the end of the sheet.
        """
        out: list[Drop] = []
        n = 0
        labels = self.labels()
        for b, box in enumerate(self.boxes):
            if box.dropped:
                continue
            if len(self.boxes) > 1:
                out.append(Drop(box.priority, -1000 * (b + 1), box.title, box.source, [box], "box"))
            for entry in box.entries:
                gists = [i for i in entry.items if i.value_priority and i.value and not i.dropped]
                # A table whose keys are labels ('Best when', 'Tradeoff', 'Cause': a third of them at least)
                # says nothing without its gists: it keeps them, and goes whole (its box first) when the page
                # is full.
                keys = [_key(i.key) for i in entry.items if i.kind == "term"]
                if gists and 3 * sum(k in labels for k in keys) < len(keys) and not _bare(entry):
                    # Its gists go just before its box would: after every box of lower priority, which goes
                    # whole first (bare keys 'Reduce training costs', 'SM Notebook instances' were printed
                    # in sections while boxes under a heading of theirs were still whole; issue 14).
                    out.append(
                        Drop(
                            max(gists[0].value_priority, box.priority - 1),
                            -len(gists),
                            f"gists of {box.title}",
                            gists[0].source,
                            gists,
                            "value",
                        )
                    )
                for item in entry.items:
                    n += 1
                    if not item.dropped:
                        out.append(Drop(item.priority, -n, item.name, item.source, [item], "item"))
        out.sort(key=lambda d: (d.priority, d.order))
        return out


@dataclass(slots=True)
class Drop:
    """One way to make a sheet shorter: leave out some items, or only their gists."""

    priority: int
    order: int
    name: str
    source: Source | None
    items: list[Item]
    what: str
    """'item', 'value' or 'box' (`items` then holds the box)."""

    def chars(self) -> int:
        if self.what == "box":
            return sum(b.chars() for b in self.items if not b.dropped)
        if self.what == "item":
            return sum(i.chars() for i in self.items if not i.dropped)
        return sum(len(i.value) for i in self.items if not i.value_dropped)

    def reset(self) -> None:
        for item in self.items:
            if self.what == "value":
                item.value_dropped = False
            else:
                item.dropped = False

    def apply(self) -> None:
        for item in self.items:
            if self.what == "box":
                item.dropped = True
            elif self.what == "item":
                item.dropped = True
            else:
                item.value_dropped = True


# A formula whose closing dollar is missing ("$|x + y| \\leq |x| + |y|" to the end of its line): still TeX.
_UNCLOSED = re.compile(r"(?<![\\$])\$(?=[^$\ue000\ue001]*\\[A-Za-z])([^$\ue000\ue001]+)$")
# One that ends its sentence with no command in it ("... is (eps + delta)-close to $K + L."): a few symbols,
# at least one letter alone and one operator ("$5 per month", "$5-10" are money, not formulas).
_UNCLOSED_SHORT = re.compile(
    r"(?<![\\$\w])\$(?=[^$]*(?<![A-Za-z])[A-Za-z](?![A-Za-z]))(?=[^$]*[-+*/=<>^_|])"
    r"((?:\s*(?:[A-Za-z](?![A-Za-z])|\d+|[-+*/=<>^_|(),])){3,12})\s*(\.?)$"
)


# LaTeX written as text, outside any formula (notes kept for a LaTeX build too): its words kept, its markup not.
_TEX_WORDS = re.compile(r"\\(?:textbf|textit|texttt|emph|underline|textsc|text|[A-Za-z]*box)\{([^{}]*)\}")
_TEX_ASIDE = re.compile(r"\\(?:marginnote|footnote)\{([^{}]*)\}")
_TEX_DROP = re.compile(
    r"\\(?:includegraphics(?:\[[^\]]*\])?\{[^{}]*\}|(?:begin|end)\{[^{}]*\}(?:\[[^\]]*\])?|"
    r"centering|clearpage|newpage|tcblower|noindent|hfill|vfill|medskip|smallskip|bigskip|normalsize|small|footnotesize)"
)


_GREEK = set(
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi rho sigma tau "
    "upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Phi Psi Omega infty".split()
)


def _latex_text(text: str) -> str:
    if "\\" not in text:
        return text
    out = []
    for i, part in enumerate(re.split(f"({formula.OPEN}[^{formula.CLOSE}]*{formula.CLOSE})", text)):
        if i % 2 == 0:
            for _ in range(3):  # nested: \textbf{\emph{x}}
                part = _TEX_WORDS.sub(r"\1", part)
            part = _TEX_ASIDE.sub(r"(\1)", part)  # what _footnotes_out left: a short margin note
            part = re.sub(r"\s*\\item\b\s*", "; ", part).replace("---", "—").replace("--", "–")
            part = _TEX_DROP.sub("", re.sub(r"\\def\\[A-Za-z]+(?:\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\})?", "", part))
            for _ in range(3):  # any other command: its argument's words, or nothing ("\\far{x}", "\\tightlist")
                part = re.sub(r"\\[A-Za-z]+\*?\{([^{}]*)\}", r"\1", part)
            part = re.sub(
                r"\\[A-Za-z]+\*?(?![A-Za-z{])",
                lambda m: formula.mark(m.group(0)) if m.group(0)[1:] in _GREEK else "",
                part,
            )
            part = re.sub(r"\s*;\s*;", ";", re.sub(r"[ \t]{2,}", " ", part))
        out.append(part)
    return "".join(out).strip(" ;")


# A formula's closing dollar forgotten before the next one opens ("then $(a_n) subsequence of $(c_n)$."): the
# parser pairs the first dollar with the second, around words, and leaves the third printed. A first word
# with TeX's marks in it (an index, a power, a command) is the formula; the words after it are prose.
_CLOSE_FORGOTTEN = re.compile(
    r"(?<![\\$\w])\$([^\s$\ue000\ue001]*[_^\\][^\s$\ue000\ue001]*) ([^$\ue000\ue001]*?[A-Za-z]{2,}[^$\ue000\ue001]*?) "
    r"\$([^\s$\ue000\ue001][^$\ue000\ue001]*?)\$(?!\$)"
)


def _forgotten_close(m: re.Match) -> str:
    return f"{formula.mark(m.group(1))} {m.group(2)} {formula.mark(m.group(3))}"


# Dollars the Markdown parser did not take for a formula (a "$$" left open above them) around TeX: a formula.
_MISSED = re.compile(r"(?<!\$)\$([^$\n\ue000\ue001]*?(?:\\[A-Za-z]|[_^]\{)[^$\n\ue000\ue001]*?)\$(?!\$)")


_INLINE_DISPLAY = re.compile(r"(?<!\\)\$\$([^$]+?)\$\$")
_PANDOC_SUP = re.compile(r"(?<=\w)\^([^\s^\[\]$]{1,10})\^")
_PANDOC_SUB = re.compile(r"(?<=\w)(?<!~)~([^\s~$]{1,10})~(?!~)")
_SUB_SUP = re.compile(r"<(sub|sup)>([^<>]{1,20})</\1>", re.I)
_SUBSCRIPT = str.maketrans("0123456789+-=()aeoxn", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₙ")
_SUPERSCRIPT = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")


def _index(text: str, sup: bool) -> str:
    """A sub- or superscript as its Unicode characters when it has them all ("P₀"), else "P_(ab)"."""
    table = _SUPERSCRIPT if sup else _SUBSCRIPT
    out = text.translate(table)
    if all(ord(c) > 127 for c in out):
        return out
    return ("^" if sup else "_") + (text if len(text) == 1 else f"({text})")


# An exponent written in ASCII outside a formula: "R^2", "O(n^2)", "x^T", "2^-10".
_CARET = re.compile(r"(?<![\w^\\])(\w{1,12}|\))\^(-?\d{1,3}|-?[A-Za-z](?![A-Za-z])|\((-?\w{1,6})\))(?![\w^(\[{])")
# The exponential's exponent flattened when the text was copied from a typeset page ("P0=e−2G", "no frame is
# e-G", "S=Ge−2G"): a lone e, a minus and a short term of one letter, tight against it. Not "1e-5", "e-mail".
_FLAT_EXP = re.compile(r"(?<![\w.])([A-Z]?)e([-−]\d{0,2}[A-Za-z])(?![\w(])")
# Code spans, formulas between dollars, link targets and HTML tags ('<br>', not '<- 5, a <=>'): written as they
# are, never read for exponents, fractions or arrows.
_VERBATIM = re.compile(r"(`+)[^`]*?\1|\$\$.*?\$\$|\$[^$\n]*\$|\]\([^)]*\)|</?[A-Za-z][^>]*>")


# An address in brackets with nothing else in them ('(https://...)', '(<https://...>)'), after the text it
# belongs to: not a link's target ('[text](https://...)'), not in a code span
_BARE_URL = re.compile(r"(?<=[^\s\]`]) ?\(<?https?://[^\s()<>`]+(?:\([^\s()`]*\)[^\s()<>`]*)*>?\)")


def _outside_verbatim(src: str, change) -> str:
    """`change` applied to the text between code spans, formulas and link targets (_VERBATIM), not to them."""
    out, pos = [], 0
    for m in _VERBATIM.finditer(src):
        out += [change(src[pos : m.start()]), m.group(0)]
        pos = m.end()
    out.append(change(src[pos:]))
    return "".join(out)


def _ascii_exponents(src: str) -> str:
    """Exponents written in plain text, set as exponents: "R^2" -> "R²", "x^T" and "e-G" drawn as formulas."""
    if "^" not in src and "e-" not in src and "e\u2212" not in src:
        return src

    def caret(m: re.Match) -> str:
        base, power = m.group(1), m.group(3) or m.group(2)
        if re.fullmatch(r"-?\d+|n", power):
            return base + _index(power, True)  # "R²", "2⁻¹⁰": the characters, as the notes' own text
        if base == ")" or len(base) > 2:
            return m.group(0)  # "theta^T", "(x)^y": no formula of its own to draw
        return formula.mark(f"{base}^{{{power}}}")

    def flat(m: re.Match) -> str:
        return m.group(1) + formula.mark(f"e^{{{m.group(2).replace('−', '-')}}}")

    return _outside_verbatim(src, lambda part: _FLAT_EXP.sub(flat, _CARET.sub(caret, part)))


# A fraction written in ASCII as the value of a plain-text equation ("S=1/2e", "p = 1/n"): a short name opening a
# word, an equals sign, then number/term. Printed as text, "1/2e" read as half of e (blind review, issue 14: an
# ASCII fraction printed as text); drawn, it is 1 over 2e. Not "TCP/IP", "0/1 problem", "24/7", a URL's "?a=1/2".
_EQ_FRACTION = re.compile(r"(?<!\S)([A-Za-z][A-Za-z0-9]{0,3}) ?([=≈]) ?(\d+)/(\d*[A-Za-z]{0,2})(?![\w/(]|\.\d)")
# A mixed number ("2 1/2 minutes"): its fraction as the one character Unicode has for it ("2½").
_MIXED = re.compile(r"(?<![\d/.,])(\d+) ([1-9])/([1-9])(?![\d/.,])")


@functools.cache
def _vulgar_fractions() -> dict[tuple[str, str], str]:
    """('1', '2') -> '½': Unicode's fraction characters, by their decomposition ('<fraction> 0031 2044 0032')."""
    out = {}
    for code in (*range(0xBC, 0xBF), *range(0x2150, 0x215F)):
        parts = unicodedata.decomposition(chr(code)).split()
        if parts[:1] == ["<fraction>"] and len(parts) == 4:
            out[(chr(int(parts[1], 16)), chr(int(parts[3], 16)))] = chr(code)
    return out


def _ascii_fractions(src: str) -> str:
    """ASCII fractions set as fractions: "S=1/2e" drawn as a formula, "2 1/2" as "2½"."""
    if "/" not in src:
        return src

    def equation(m: re.Match) -> str:
        name, sign, num, den = m.groups()
        if not den:
            return m.group(0)
        return formula.mark(f"{name} {sign} \\frac{{{num}}}{{{den}}}")

    def mixed(m: re.Match) -> str:
        whole, num, den = m.groups()
        char = _vulgar_fractions().get((num, den))
        return whole + char if char and int(num) < int(den) else m.group(0)

    return _outside_verbatim(src, lambda part: _MIXED.sub(mixed, _EQ_FRACTION.sub(equation, part)))


# Arrows and relations typed in ASCII ("s3 -> Glue -> Athena", ">= 72%", "IID => product"): outside code and
# formulas, the signs they stand for (blind review, issue 14: typography). A "<-" before a number is "less
# than minus" ("x<-1"); Markdown's escape before ">" ("\\>= 72%") goes with it.
_ASCII_SIGNS = {
    "<=>": "\u21d4",
    "<->": "\u2194",
    "->": "\u2192",
    "=>": "\u21d2",
    "<-": "\u2190",
    ">=": "\u2265",
    "<=": "\u2264",
}
_ASCII_SIGN = re.compile(r"<=>|<->|-{1,2}>|={1,2}>|<-{1,2}(?![\d.])|\\?>=|<=")


def _ascii_signs(src: str) -> str:
    if not any(s in src for s in ("->", "=>", "<-", ">=", "<=")):
        return src

    def sign(m: re.Match) -> str:
        return _ASCII_SIGNS[re.sub(r"^\\|(?<=-)-+|(?<==)=+(?=>)", "", m.group(0))]

    return _outside_verbatim(src, lambda part: _ASCII_SIGN.sub(sign, part))


def _footnotes_out(src: str) -> str:
    r"""Footnotes written inline (Pandoc's "^[...]", LaTeX's "\footnote{...}" with braces nested in it):
    asides, left out of a sheet's line (the notes keep them). A short "\marginnote{...}" stays as "(...)"."""
    if "^[" not in src and "note{" not in src:
        return src
    out, i = [], 0
    while True:
        m = re.compile(r"\^\[|\\(?:footnote|marginnote)\{").search(src, i)
        if not m:
            break
        close = "]" if m.group(0) == "^[" else "}"
        opener = close.translate(str.maketrans("]}", "[{"))
        depth, j = 1, m.end()
        while j < len(src) and depth:
            depth += (src[j] == opener) - (src[j] == close)
            j += 1
        if depth:  # never closed: left as it is
            break
        inner = src[m.end() : j - 1]
        out.append(src[i : m.start()].rstrip())
        if "marginnote" in m.group(0) and len(inner.split()) <= 6:
            out.append(f" ({inner})")
        i = j
    out.append(src[i:])
    return "".join(out)


def _lone_stars(src: str) -> str:
    """A bold run the sentence splitter cut in two ("**A. B.**" -> "**A." and "B.**"): its one "**" left
    out, so it is not printed as two stars."""
    for mark in ("**", "__"):
        if src.count(mark) % 2 and "`" not in src:
            if src.startswith(mark):
                src = src[len(mark) :]
            elif src.rstrip().endswith(mark):
                src = src.rstrip()[: -len(mark)]
    return src


def _stray_openers(text: str, code: bool) -> str:
    """What opens and is never closed: an emphasis underscore the Markdown reader left as written
    ('(_Micobacterium tubercolosis)') and a parenthesis of a word or two that the line ends in ('= cloud
    virtual server (Virtual'), the rest of it lost from the notes (blind review: markup left in the text,
    cut mid-sentence). Not in a line with code, whose underscores are names."""
    if not code and "_" in text:
        # before a capital (a name, a Latin term); '_private' is a name written without its code span
        text = re.sub(r"(?:(?<=[\s(\[])|^)_(?=([^\W\d_])[^\W\d_])(?![^\s]*_)", _capital_next, text)
    if text.count("(") > text.count(")"):
        text = re.sub(r"\s+\((?:[^\W\d_]{2,}\s?){1,3}$", "", text)
    return text


def _capital_next(m: re.Match) -> str:
    return "" if m.group(1).isupper() else m.group(0)


def _stray_braces(text: str) -> str:
    r"""A brace a LaTeX box left behind ("\greenbox{One health}{" over lines of its own): nothing to read.
    Only an unmatched brace at either end of a text goes; a formula's or code's braces are matched."""
    plain = re.sub(f"{formula.OPEN}[^{formula.CLOSE}]*{formula.CLOSE}", "", text)
    if plain.count("{") == plain.count("}"):
        return text
    text = re.sub(r"\s*\{\s*$", "", text) if plain.count("{") > plain.count("}") else text
    text = re.sub(r"^\s*\}\s*|\s*\}\s*$", "", text) if plain.count("}") > plain.count("{") else text
    return re.sub(r"(?<=\w)\{ ", ": ", text) if text.count("{") > text.count("}") else text


# A list's items are joined with "; ", an item to its nested items with ": " (the notes reader's and the
# sheet's joins). After an item that ends its own sentence or leads in ("... for the full price.",
# "Examples over {a, b}:", "Q.E.D.") the mark is one too many: ".;", ":;", ".:" on paper read as typos.
_ENDS_ITSELF = re.compile(r"(?<=\S[.!?:])[;:](?=\s|$)")


def joined(parts: list[str], sep: str = "; ") -> str:
    """`parts` joined with `sep`, or with a space after a part that ends with its own stop or colon."""
    out = ""
    for part in (p for p in parts if p):
        out += (" " if re.search(r"[.!?:]$", out) else sep) + part if out else part
    return out


def _mend_joins(text: str) -> str:
    """A join the notes reader made after an item that ends itself ("... ourselves.; Ideal for ...",
    "Ditto for x.: Some tail ...") with its one mark too many left out."""
    return _ENDS_ITSELF.sub("", text) if ";" in text or ":" in text else text


def _plain(src: str) -> str:
    """Inline Markdown to the sheet's plain text: its formulas marked, to be drawn (formula.mark); emoji
    left out (no font the sheet prints with has them: they would print as empty boxes)."""
    src = _footnotes_out(src)
    if "~~~~" in src:  # an empty strike-through inside a word ("upload ti~~~~me"): marks around nothing
        src = _outside_verbatim(src, lambda t: re.sub(r"(?<=\w)(?:~~){2,}(?=\w)", "", t))
    if "^" in src or "~" in src:  # Pandoc's "Gram^-^", "H~2~O": the index, not its marks
        # Never inside a formula: in "$x^{(i)})^2$" the two carets are TeX's ('x^({(i)}))2' on paper).
        src = _outside_verbatim(src, lambda t: _PANDOC_SUB.sub(lambda m: _index(m.group(1), False), t))
        src = _outside_verbatim(src, lambda t: _PANDOC_SUP.sub(lambda m: _index(m.group(1), True), t))
    if "(http" in src or "(<http" in src:
        # "... requirements.(https://aws.amazon.com/ec2/instance-types/)": a bare address in brackets is the
        # link the sheet lists among its references (the notes reader took it for one); in the line it is
        # a raw URL (blind review, issue 14). A link's target "[text](url)" is verbatim, not this.
        parts = re.split(r"(`+[^`]*?`+)", src)  # never in a code span
        src = "".join(p if i % 2 else _BARE_URL.sub("", p) for i, p in enumerate(parts))
    if "---" in src:  # "__Resistenza__ (a farmaci) --- capacità ...": TeX's and Markdown typographers' em dash
        src = _outside_verbatim(src, lambda t: re.sub(r"(?<=[\w).\]])( ?)---(?!-)( ?)(?=[\w(\[])", r"\1—\2", t))
    if "<su" in src.lower():  # "P<sub>0</sub>", in a code span too (printed as written): the index, not its tags
        src = _SUB_SUP.sub(lambda m: _index(m.group(2), m.group(1).lower() == "sup"), src)
    if "$$" in src and (parts := _INLINE_DISPLAY.split(src)) and len(parts) > 1:
        # "text $$x$$ text" in one line: the inline parser pairs the dollars wrongly from the first "$$" on
        # (the rest of the line then prints as TeX and its Markdown as stars): each piece on its own.
        pieces = (formula.mark(p.strip(), display=True) if i % 2 else _plain(p) for i, p in enumerate(parts))
        return " ".join(p for p in pieces if p)
    text = markdown.to_plain(
        _ascii_signs(_ascii_fractions(_ascii_exponents(_lone_stars(src)))), formula.mark, formula.ruby
    )
    if "$" in text:
        # "$$x$$" inside a line, read by the inline parser as "$" and the formula "x" and "$": the formula
        text = re.sub(f"\\$({formula.OPEN}[^{formula.CLOSE}]*{formula.CLOSE})\\$", r"\1", text)
        text = _CLOSE_FORGOTTEN.sub(_forgotten_close, text)
        text = _MISSED.sub(lambda m: formula.mark(m.group(1).strip()), text)
        text = _UNCLOSED.sub(lambda m: formula.mark(m.group(1).strip()), text)
        text = _UNCLOSED_SHORT.sub(lambda m: formula.mark(m.group(1).strip()) + m.group(2), text)
    text = _mend_joins(_stray_braces(_latex_text(text)))
    text = _stray_openers(text, "`" in src)
    if not text.isascii():
        import emoji  # 60 ms: only for text that is not ASCII

        # A sign written without the emoji selector (U+FE0F) whose block the text fonts draw (arrows, '™', '‼')
        # is text: 'a ↔ b' printed as 'a b'.
        text = emoji.replace_emoji(
            text, lambda chars, _: chars if len(chars) == 1 and "\u2000" <= chars <= "\u21ff" else ""
        )
        text = re.sub(r"  +", " ", _word_spaces(text)).strip()
    return text


def _word_spaces(text: str) -> str:
    """`text` with its no-break spaces as word spaces, but one that ties a number to the word after it
    ('10\u00a0km'). Notes pasted from web pages carry them between any two words ('access\u00a0to
    foundation models (FMs)\u00a0from'): each tied a run of words into one that could not break, and the
    line before it ended half empty (blind review, issue 14: ragged lines)."""
    if "\u00a0" not in text:
        return text
    return re.sub(r"(?<![0-9])\u00a0|\u00a0(?![^\W\d_])", " ", text)


def short_domain(url: str) -> str:
    host = urlparse(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def ref_label(link: Link, strip: str = "", prefixes: frozenset[str] = frozenset()) -> str:
    """A reference's words: the link text cut to a few words, or the page name of a bare URL.

    `strip` (the sheet's title) is left out: on the SageMaker sheet 'SageMaker Canvas' is 'Canvas'; so are
    the notes' brand `prefixes` (brands.py)."""
    text = _plain(link.text) if link.text else ""
    if not text or text == link.url or re.match(r"^https?://", text):
        path = urlparse(link.url).path.rstrip("/")
        page = path.rsplit("/", 1)[-1] or short_domain(link.url)
        text = re.sub(r"\.(html?|pdf)$", "", page).replace("-", " ").replace("_", " ")
    text = brands.strip(text, prefixes)
    if strip and len(strip) > 2:
        text = re.sub(rf"\b{re.escape(strip)}\b ?", "", text).strip() or text
    text = re.sub(r"^(how to |the |about |use |using |learn more about |an? )+", "", text, flags=re.I)
    text = " ".join(text.split()[:3]).rstrip(" ,;:-–")  # a name, not a clause: no "…"
    return re.sub(r"(?: (?:in|for|of|on|with|to|by|and|or|the|a|an))+$", "", text, flags=re.I)


def ranges(numbers: list[int]) -> str:
    out: list[str] = []
    for n in sorted(set(numbers)):
        if out and out[-1][1] == n - 1:
            out[-1][1] = n
        else:
            out.append([n, n])
    return ",".join(str(a) if a == b else f"{a}–{b}" if b > a + 1 else f"{a},{b}" for a, b in out)


def condense(
    domain: Domain, deck: str, meta: dict | None = None, page: str | None = None, legible: float = 0.0
) -> Sheet:
    """The domain as a sheet: one box per section, each block cut to its essentials.

    Domains whose page has room keep more of each paragraph (FULL_AT, ROOMY_AT). `meta` is the notes'
    front matter (`sheet:` options); `page` ('letter', 'a4 portrait') overrides its paper and orientation.
    `legible`: the smallest body size the sheet may print at (domains sharing a sheet: speed.LEGIBLE), so
    that their text is condensed as far as that size needs.
    """
    options = sheet_options(meta or {}, page)
    paper = options["paper"], options["orientation"]
    for detail, size in ((2, FULL_AT), (1, ROOMY_AT), (0, 0.0)):
        sheet = _condense(domain, deck, detail)
        if not size or sizes.size_for(sheet.chars(), *paper) >= max(size, legible):
            break
    sheet.paper, sheet.orientation = paper
    sheet.qr = _most_cited(domain, sheet.links, options.get("qr"))
    return sheet


def prints_something(domain: Domain) -> bool:
    """The domain gives its sheet a box with something in it (a domain of one missing picture does not)."""
    ctx = _Ctx(domain.title, 2)
    return any(_prints_something(i) for s in domain.sections for b in s.blocks for i in _items(b, ctx))


def shortened(sheet: Sheet) -> list[Source]:
    """Where each line the sheet prints cut short ("…") is written, once per cut, in the order printed."""
    out: list[Source] = []
    for box in sheet.boxes:
        if box.shown:
            for item in (i for e in box.entries for i in e.items if not i.dropped):
                value = "" if item.value_dropped else item.value
                texts = [item.key, value, *item.items, *(c for r in item.rows for c in r)]
                out += [item.source or box.source] * sum(t.count("…") for t in texts)
    return out


def undrawable(sheet: Sheet) -> list[tuple[str, str]]:
    """(file:line, warning) for each formula the sheet cannot draw as written (of what it shows): drawn with
    its typo mended, or shown as readable text."""
    out: dict[tuple[str, str], None] = {}
    for box in sheet.boxes:
        if not box.shown:
            continue
        texts = [(box.title, box.source), *((p, box.source) for p in box.parents)]
        for item in (i for e in box.entries for i in e.items if not i.dropped):
            texts += [
                (t, item.source or box.source)
                for t in (item.key, item.value, item.tag, *item.items, *(c for r in item.rows for c in r))
            ]
        for text, source in texts:
            for tex, display in formula.formulas(text):
                if formula.renders(tex, display):
                    continue
                if fixed := formula.repaired(tex):
                    said = f"formula cannot be drawn as written, drawn as {fixed}: {tex}"
                else:
                    said = f"formula cannot be drawn on the sheet, shown as text ({formula.as_text(tex)}): {tex}"
                out[(str(source), said)] = None
    return list(out)


PAPERS = {"a4": "A4", "letter": "letter", "a3": "A3", "legal": "legal", "a5": "A5"}


def sheet_options(meta: dict, page: str | None = None) -> dict:
    """Page options from front matter `sheet: {paper: letter, orientation: portrait, qr: URL}`, then `page`."""
    raw = meta.get("sheet") if isinstance(meta, dict) else None
    raw = dict(raw) if isinstance(raw, dict) else {}
    for word in re.split(r"[\s,/-]+", (page or "").strip().lower()):
        if word in PAPERS:
            raw["paper"] = word
        elif word in ("portrait", "landscape"):
            raw["orientation"] = word
    paper = PAPERS.get(str(raw.get("paper", "A4")).strip().lower(), "A4")
    orientation = "portrait" if str(raw.get("orientation", "")).strip().lower() == "portrait" else "landscape"
    out = {"paper": paper, "orientation": orientation}
    if isinstance(raw.get("qr"), str):
        out["qr"] = raw["qr"]
    return out


def _condense(domain: Domain, deck: str, detail: int) -> Sheet:
    links: list[Link] = []
    index: dict[str, int] = {}
    boxes: list[Box] = []
    ctx = _Ctx(domain.title, detail, brands.brand_prefixes(domain, _language(domain)))
    ctx.lang = _language(domain)
    ctx.named = _named_in_prose(domain)
    carried: list[tuple[tuple[str, ...], str]] = []
    header = _plain((domain.sections[0].markup if domain.sections else "") or domain.title)
    for section in domain.sections:
        ctx.section = _plain(section.markup or section.title)
        items: list[Item] = []
        group = None
        ctx.figure = any(isinstance(b, Image) and b.path for b in section.blocks)
        proving = False
        for n, block in enumerate(section.blocks):
            if _caption_of_missing(section.blocks, n) or _restated(section.blocks, n):
                continue
            skip, proving = _in_proof(block, proving, ctx.lang)
            if skip:
                continue
            block = _without_lead_in_to_nothing(section.blocks, n)
            if block is None:
                continue
            new = [i for i in _items(block, ctx) if _prints_something(i)]
            if new and items and block.group != group:
                new[0].sep = True
            if new:
                group = block.group
            items.extend(new)
        refs: list[int] = []
        for link in section.links:
            page = link.url.split("#", 1)[0]  # anchors of one page are one reference on paper
            if page not in index:
                links.append(link)
                index[page] = len(links)
            if index[page] not in refs:
                refs.append(index[page])
        seen: set[str] = set()
        kept = []
        code = " ".join(_letters(i.value) for i in items if i.kind == "code")
        for item in items:  # the same definition said twice in a section is printed once
            if item.kind == "def" and item.key.lower() in seen:
                continue
            if item.kind == "rec" and not item.key and _letters(item.value)[:40] in code:
                continue  # an answer that is the code printed below it, run together: the code says it
            if _same_row(kept[-1] if kept else None, item):
                # A label written again for its next fact ('- Glue ETL: run Spark code' then '- Glue ETL:
                # nothing to manage'): one row with both, not the key printed twice.
                kept[-1].value = joined([kept[-1].value, item.value])
                continue
            seen.add(item.key.lower())
            kept.append(item)
        items = kept
        lead = next((i for i in items if not i.lead_in), None)
        if lead is not None and lead.kind not in ("term", "group"):
            lead.priority = max(lead.priority, LEAD)  # a box keeps something under its heading
        title = ctx.section if len(section.path) > 1 else "Overview"
        if _same_words(title, header) or _same_words(title, deck):
            title = "Overview"  # the header names it already ('Lexing' over 'Lexing' under 'Lexing')
        if items:
            _unrepeat(items[0], title, ctx.lang)
        if not items:
            # A heading with nothing of its own: printed over the box of the first heading below it.
            if len(section.path) > 1:
                carried.append((section.path, title))
            continue
        for item in items:
            item.name = f"{title} › {item.name}" if item.name else title
        parents = [t for path, t in carried if section.path[: len(path)] == path]
        carried = []
        boxes.append(
            Box(title, section.path, _runs(items), refs, section.source, _box_priority(title, section.path), parents)
        )
    boxes = [b for b in _said_once(boxes, ctx.lang) if b.entries]
    parts = (
        [_plain(p) for p in domain.parts] or _untitled_parts(header, boxes) or _course_terms(header, boxes, ctx.lang)
    )
    sheet = Sheet(_capital(header), _capital(deck), domain.slug, boxes, links, domain.source, detail=detail)
    sheet.brands, sheet.parts = ctx.brands, ("; " if any("," in p for p in parts) else ", ").join(parts)
    sheet.lang = words.lang(ctx.lang).hyphenation or ctx.lang
    return sheet


UNTITLED_FEWEST, UNTITLED_MOST = 5, 12  # sections a sheet names under its title: fewer are its title's own matter
UNTITLED_WORDS = 6  # a section's name of more words is a sentence (an exercise's question), no name to list


def _named_in_prose(domain: Domain) -> frozenset[str]:
    """The identifiers the prose of the notes writes as code spans ('That's where the `super` keyword comes
    in'): a listing's lines calling one of them are what it is there to show."""
    out: set[str] = set()
    for section in domain.sections:
        for block in section.blocks:
            texts = [block.text] if isinstance(block, Paragraph) else list(getattr(block, "items", []) or [])
            for text in texts:
                if isinstance(text, str):
                    out.update(re.findall(r"`@?([A-Za-z_]\w*)`", text))
    return frozenset(out)


def _calls_named(line: str, named: frozenset[str]) -> bool:
    """Whether a line of code calls (or reaches through) one of the identifiers the prose is about:
    'super(say);', 'return super.getPrice() * 0.8;'."""
    return bool(named) and any(re.search(rf"(?<![\w.]){re.escape(w)}\s*[(.]", line) for w in named if len(w) > 2)


def _untitled_parts(title: str, boxes: list[Box]) -> list[str]:
    """The sections a one-domain sheet's title does not name, for the line under it, when they print most of
    the sheet: 'Kinesis' over boxes on Firehose, Transcribe, Translate, Macie and seven more, 'Model Overfitting'
    over CodePipeline, CloudFormation, Docker (blind review, issue 14: a title naming only its first box). A
    section is named by the title when they share a word (its first five letters); none when fewer than
    UNTITLED_FEWEST are not, or more than UNTITLED_MOST, or one of them is a sentence."""

    def stems(text: str) -> set[str]:
        return {w[:5] for w in re.findall(r"[^\W\d_]{3,}", formula.plain(text).casefold())}

    words = stems(title)
    volume: dict[str, int] = {}
    for box in boxes:
        top = box.path[1].strip().rstrip(":.").strip() if len(box.path) > 1 else ""
        volume[top] = volume.get(top, 0) + box.chars()
    others = [t for t in volume if t and not stems(t) & words]
    if not UNTITLED_FEWEST <= len(others) <= UNTITLED_MOST:
        return []
    if 2 * sum(volume[t] for t in others) <= sum(volume.values()):
        return []
    if any(len(t.split()) > UNTITLED_WORDS for t in others):
        return []
    return others


COURSE_TERMS, COURSE_TERM_USES = 3, 3  # a course unit's sheet names up to 3 terms its notes write 3 times or more
_ACRONYM = re.compile(r"(?<![\w/])[A-Z][A-Z0-9]*[A-Z](?![\w/])")


def _course_terms(title: str, boxes: list[Box], lang: str) -> list[str]:
    """For a sheet titled by a place in a course ('Lecture 17', 'Week 3': words.course_units and a number),
    which says nothing of what it is about (blind review, issue 14: 'Lecture 17' over ALOHA and CSMA), the
    names its notes write most, for the line under the title: acronyms written COURSE_TERM_USES times or
    more, the most written first."""
    head = formula.plain(title).split()
    if len(head) != 2 or head[0].casefold() not in words.lang(lang).course_units:
        return []
    if not re.fullmatch(r"\d+[a-z]?|[IVXLC]+", head[1]):
        return []
    items = [i for box in boxes for e in box.entries for i in e.items]
    texts = [box.title for box in boxes] + [
        t for i in items for t in (i.key, i.value, *i.items, *(c for r in i.rows for c in r))
    ]
    counts = Counter(m for t in texts for m in _ACRONYM.findall(formula.plain(t)))
    return [t for t, n in counts.most_common(COURSE_TERMS) if n >= COURSE_TERM_USES]


def _capital(title: str) -> str:
    """A title as a heading prints it: one written all in lower case (a file's name: 'cell structure',
    'elasticity') opens with a capital; one with a capital anywhere ('iPhone notes') is as written."""
    if title[:1].islower() and not any(c.isupper() for c in title):
        return title[0].upper() + title[1:]
    return title


SAID_MISSING = 8  # a line all of whose words but one in this many are an earlier line's says its fact again
SAID_WORDS = 3  # ... when it says this many words at least ('Batch jobs' twice is two lists' items)
LEAD_WORDS = 6  # a line this short over rows is their lead-in ('Deep Learning Base AMIs:')
TABLE_SAID = 0.6  # a table whose cells are this share said before restates the sheet: left out


def _box_key(title: str) -> str:
    return " ".join(_stem(w) for w in re.findall(r"[a-z0-9]+", formula.plain(title).lower()))


def _restates_boxes(table: Item, boxed: dict[str, set[str]], lang: str) -> bool:
    """A table whose rows are the boxes above it, by their titles ('Reserved Instances', 'Spot Instances' over
    their columns of cost, commitment and use), and whose cells say mostly the words of those boxes: a
    comparison of the sections the sheet printed already (two rows at least, two thirds of them so)."""
    rows = [r for r in table.rows if r and _box_key(r[0]) in boxed]
    if len(rows) < 2 or 3 * len(rows) < 2 * len(table.rows):
        return False
    told = 0
    for r in rows:
        fact = frozenset().union(*(_fact_words(c, lang) for c in r[1:]))
        told += bool(fact) and 2 * len(fact & boxed[_box_key(r[0])]) >= len(fact)
    return 3 * told >= 2 * len(rows)


def _cells_said(table: Item, said, lang: str) -> bool:
    """A table whose cells are mostly lines printed above it (TABLE_SAID of those of two words or more)."""
    cells = [c for r in table.rows for c in r[1:] if len(_fact_words(c, lang)) >= 2]
    return bool(cells) and sum(said(c, 2) for c in cells) >= TABLE_SAID * len(cells)


def _stem(word: str) -> str:
    return re.sub(r"(?:ies|es|s|ed|ing)$", "", word) if len(word) > 4 else word


def _fact_words(text: str, lang: str) -> frozenset[str]:
    """The words that make a line's fact: its content words by stem and its numbers, not its function words."""
    skip = words.lang(lang).function_words
    toks = re.findall(r"\d+(?:[.,]\d+)?%?|[^\W\d_][\w.-]*", formula.plain(text).lower())
    return frozenset(_stem(t.strip(".-")) for t in toks if t not in skip and (len(t) > 1 or t.isdigit()))


def _numbers(text: str) -> tuple[str, ...]:
    """A line's numbers in the order it says them ('word 0 ... about 1' is not 'word 1 ... about 0')."""
    return tuple(re.findall(r"\d+(?:[.,]\d+)?%?", formula.plain(text)))


def _said_once(boxes: list[Box], lang: str) -> list[Box]:
    """The sheet with each fact printed once: a line (a sentence, a list item, a row's gist) whose words are
    nearly all those of one line printed above it is left out, and so is a table whose cells mostly say what
    the lines above said (a closing 'Comparison' table over the sections it compares, the same givens of a
    worked example listed twice, 'precision and recall are the most appropriate metrics ...' under
    Precision and under Recall; blind review: the same fact twice on one sheet). A row keeps its key, a
    nested list the items its children hang from; code and formulas are printed once already (_as_above)."""
    index: dict[str, list[int]] = {}
    sizes: list[int] = []
    lines: list[frozenset[str]] = []
    counted: list[tuple[str, ...]] = []

    def said(text: str, least: int = SAID_WORDS, must: str = "") -> bool:
        """Whether a line printed above says this line's fact: nearly all its words, every word of `must`
        (a row's key: rows alike but for their key are two facts) and the same numbers, none more, none
        fewer (rows alike but for a number, 'QRS >= 0.12 s' and '0.1 to 0.12 s', are two facts)."""
        fact = _fact_words(text, lang)
        if len(fact) < least:
            return False
        hits = Counter(k for w in fact for k in index.get(w, ()))
        least = len(fact) - len(fact) // SAID_MISSING
        numbers = _numbers(text)  # a number is never the word it may differ in, nor their order
        needed = _fact_words(must, lang) if must else frozenset()
        return any(n >= least and numbers == counted[k] and needed <= lines[k] for k, n in hits.items())

    def add(text: str) -> None:
        fact = _fact_words(text, lang)
        for w in fact:
            index.setdefault(w, []).append(len(sizes))
        sizes.append(len(fact))
        lines.append(fact)
        counted.append(_numbers(text))

    boxed: dict[str, set[str]] = {}  # each box above by its title: the words it prints
    for box in boxes:
        mine = boxed.setdefault(_box_key(box.title), set())
        for entry in box.entries:
            for item in entry.items:
                for t in (item.key, item.value, *item.items, *(c for r in item.rows for c in r)):
                    mine |= _fact_words(t, lang)
        lead = ""  # the lead-in over the rows: a row under 'Base AMIs:' is not the same row under 'Conda based:'
        for entry in box.entries:
            kept = []
            first = entry.items[0] if len(entry.items) == 1 else None
            leads = first is not None and first.kind == "text" and len(first.value.split()) <= LEAD_WORDS
            for item in entry.items:
                if item.kind in ("code", "math", "image", "vocab", "words", "group", "steps"):
                    kept.append(item)
                    for t in (item.key, item.value, *item.items):
                        add(t)
                    continue
                if item.kind == "table":
                    if _restates_boxes(item, boxed, lang) or _cells_said(item, said, lang):
                        continue
                    kept.append(item)
                    for r in item.rows:
                        add(" ".join(r))
                    continue
                if item.kind == "list":
                    levels = item.levels or [0] * len(item.items)
                    # an item and the items nested under it are one fact: printed whole when any line of
                    # it is new, left out whole when every line was said (a parent never loses its children)
                    new = [not said(t) for t in item.items]
                    keep = [False] * len(new)
                    start = 0
                    while start < len(new):
                        end = start + 1
                        while end < len(new) and levels[end] > levels[start]:
                            end += 1
                        keep[start:end] = [any(new[start:end])] * (end - start)
                        start = end
                    for t in item.items:
                        add(t)
                    if not any(keep):
                        continue
                    item.items = [t for t, k in zip(item.items, keep, strict=True) if k]
                    if item.levels:
                        item.levels = [n for n, k in zip(levels, keep, strict=True) if k]
                    kept.append(item)
                    continue
                if item.kind == "term":
                    # a row is said when its key and its value were, together; a key is never printed
                    # without its value (blind review: 'GPU acceleration' and 'Complete LBBB' left bare)
                    text = f"{item.key} {item.value}"
                    if item.value and said(text, must=f"{item.key} {lead}"):
                        continue
                    add(text)
                    kept.append(item)
                    continue
                text = f"{item.key} {item.value}"
                if said(text, must=item.key):
                    continue
                add(text)
                kept.append(item)
            rows = bool(entry.items) and all(i.kind == "term" for i in entry.items)
            lead = first.value if leads and first is not None else (lead if rows else "")
            entry.items = kept
        box.entries = [e for e in box.entries if e.items]
    return boxes


def _same_row(prev: Item | None, item: Item) -> bool:
    """Whether `item` is a term row under the same key as the row just before it, at its level."""
    if prev is None or item.kind != "term" or prev.kind != "term" or not item.key:
        return False
    return prev.key.lower() == item.key.lower() and prev.level == item.level and prev.tag == item.tag


def _unrepeat(item: Item, title: str, lang: str) -> None:
    """The first line of a box says its heading once: a definition of the heading's own name loses its bold
    name ('Experiments' over '**Experiments** Track and compare ...'), and a line that opens with the heading
    as its subject starts at its verb ('General Purpose Instances' over 'General purpose instances provide a
    balanced mix ...' -> 'Provide a balanced mix ...'; '... are designed for ...' -> 'Designed for ...')."""
    if item.kind == "def" and _same_words(item.key, title):
        item.key = ""
        return
    if item.kind not in ("text", "list") or not title:
        return
    text = item.value if item.kind == "text" else (item.items[0] if item.items else "")
    m = re.match(rf"(?:the |an? )?{re.escape(title)}\s+(?=[a-z])", text, re.I)
    if not m:
        return
    rest = text[m.end() :]
    copula, _, after = rest.partition(" ")
    if copula.lower() in words.lang(lang).copulas and after:
        first, _, tail = after.partition(" ")
        rest = tail if first.lower() in words.lang(lang).articles and tail else after
    if len(rest.split()) < 3:
        return  # 'Pipelines are useful': the line is little more than its heading
    rest = rest[0].upper() + rest[1:]
    if item.kind == "text":
        item.value = rest
    else:
        item.items[0] = rest


def _same_words(a: str, b: str) -> bool:
    """Two titles of the same words, whatever their case and punctuation."""

    def bare(text: str) -> str:
        return re.sub(r"[\W_]+", "", formula.plain(text).casefold())

    return bool(bare(a)) and bare(a) == bare(b)


def _restated(blocks: list, n: int) -> bool:
    """Whether block `n` is part of a list of statements the section lists again below, each with more: a
    bullet summary of what a numbered list then states and proves one by one ('- $x \\leq x$ ...' over '1.
    $x \\leq x$ *Proof:* ...'). Printed once, where it says the most; two of three items at least must
    recur. The reader may have cut the bullets into runs (a comparison, then a plain list): they are one."""
    summary = (ItemList, Comparison)
    if not isinstance(blocks[n], summary):
        return False
    start, end = n, n + 1
    while start > 0 and isinstance(blocks[start - 1], summary):
        start -= 1
    while end < len(blocks) and isinstance(blocks[end], summary):
        end += 1
    mine = [_letters(_plain(_said(i))) for b in blocks[start:end] for i in b.items]
    later = [_letters(_plain(i)) for b in blocks[end:] if isinstance(b, (ItemList, Steps)) for i in b.items]
    again = sum(1 for m in mine if m and any(x.startswith(m) for x in later))
    return again >= 2 and 3 * again >= 2 * len(mine)


def _said(item) -> str:
    """A list item as written: a comparison's term with its description (which may repeat it)."""
    if isinstance(item, str):
        return item
    return (
        item.description
        if _letters(item.description).startswith(_letters(item.term))
        else f"{item.term} {item.description}"
    )


def _caption_of_missing(blocks: list, n: int) -> bool:
    """Block `n` is the caption of a picture the sheet cannot print: a paragraph of the same HTML figure as a
    missing image right before it ('<img ...><div class="figcaption">Left: A regular 3-layer Neural Network.
    Right: ...</div>'): on paper it describes nothing."""
    if n == 0 or not isinstance(blocks[n], Paragraph):
        return False
    before = blocks[n - 1]
    return isinstance(before, Image) and not before.path and before.source.line == blocks[n].source.line


def _language(domain: Domain) -> str:
    """The language the analysis read the domain's notes in (studydeck/notes/analyse.py)."""
    for section in domain.sections:
        for block in section.blocks:
            for sentence in getattr(block, "analysis", None) or ():
                return sentence.lang
    return words.DEFAULT


def _letters(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def _box_priority(title: str, path: tuple[str, ...]) -> int:
    if len(path) <= 1:
        return LEAD  # the domain's own introduction
    if _ASIDE_BOX.search(title):
        return BOX_ASIDE
    return BOX - BOX_DEPTH * (len(path) - 2)


def _runs(items: list[Item]) -> list[Entry]:
    out: list[Entry] = []
    for item in items:
        kind = "terms" if item.kind in ("term", "group") else item.kind
        if out and out[-1].kind == kind and kind in ("terms", "rec") and not item.sep:
            out[-1].items.append(item)
        else:
            out.append(Entry(kind, [item], item.sep))
    return out


def _most_cited(domain: Domain, links: list[Link], explicit: str | None) -> Link | None:
    """The link the notes point to most (ties: the first); the front matter may name another."""
    if explicit:
        return Link(explicit, explicit, domain.source)
    counts: Counter[str] = Counter()
    for section in domain.sections:
        for block in section.blocks:
            for url in {link.url for link in block.links}:
                counts[url] += 1
    if not links:
        return None
    best = max(links, key=lambda link: (counts[link.url], -links.index(link)))
    return best


class _Ctx:
    def __init__(self, domain: str, detail: int, prefixes: frozenset[str] = frozenset()):
        self.domain = _plain(domain)
        self.detail = detail
        self.section = ""
        self.brands = prefixes
        self.lang = words.DEFAULT
        """The language the analysis read the notes in: where their sentences may end early (_shorten)."""
        self.code_seen: set[str] = set()
        """The lines the sheet's listings print so far: a later listing's runs of them say 'as above'."""
        self.math_seen: set[str] = set()
        """The display formulas the sheet prints so far (their TeX without spaces): each is printed once."""
        self.named: frozenset[str] = frozenset()
        """The identifiers the notes' prose names as code (`super`, `extends`): what their listings are about."""
        self.figure = False
        """The section prints a picture: a sentence pointing at one ("the figure below") has it to point at."""

    def limit(self, kind: str) -> int:
        """Word limit: tight as in LIMITS, roomy half as much again, small sheets in effect uncut."""
        return LIMITS[kind] * (2, 3, 12)[self.detail] // 2


def _says_something(text: str) -> bool:
    """A letter, a digit or a formula: text that prints as more than punctuation and bullets."""
    return any(c.isalnum() or c == formula.OPEN for c in text)


def _prints_something(item: Item) -> bool:
    """An item that would print nothing (a list of emoji the sheet's fonts lack, a line of punctuation)
    is no content: a heading with only such items under it would be printed empty."""
    if item.kind in ("code", "image", "math"):
        return bool(item.value.strip())
    texts = [item.key, item.value, *item.items, *(c for r in item.rows for c in r)]
    return any(_says_something(t) for t in texts)


def _intro(block, ctx: _Ctx):
    """The lead-in a comparison or a numbered list took from the paragraph before it ('Deep Learning Base
    AMIs:' over '- Libraries: none', 'Each rule includes:'): printed over its rows as the paragraph it was,
    or two lists under their own lead-ins read as one list said twice (blind review: 'Libraries' and 'GPU
    acceleration' rows repeated, the AMI each row is of lost)."""
    if not block.intro.strip():
        return
    intro = block.intro.strip()
    for item in _paragraph(Paragraph(block.source, block.group, [], intro, markdown.sentences(intro)), ctx):
        item.lead_in = True
        yield item


def _items(block, ctx: _Ctx):
    if isinstance(block, Comparison):
        yield from _intro(block, ctx)
        yield from _terms(block.items, ctx, 0, block)
    elif isinstance(block, Paragraph):
        yield from _paragraph(block, ctx)
    elif isinstance(block, Steps):
        yield from _intro(block, ctx)
        items = [_listed(_plain(t), ctx, ctx.limit("step")) for i in block.items if (t := _result(i, ctx.lang))]
        if not items:
            return
        yield Item("steps", items=items, priority=STEPS, name=f"steps: {_cut_words(items[0], 4)}", source=block.source)
    elif isinstance(block, ItemList):
        nested = _nesting(block)
        if nested:  # a nested list stays nested: each item a line, indented under the item it hangs from
            pairs = [(_listed(_plain(t), ctx, ctx.limit("item")), n) for t, n in nested if not _only_link(t)]
        else:
            pairs = [
                (_listed(_plain(t), ctx, ctx.limit("item")), 0)
                for i in block.items
                if not _only_link(i) and (t := _result(i, ctx.lang))
            ]
        pairs = [
            (_unnarrated(_without_interjections(t, ctx.lang), ctx.lang), n)
            for t, n in pairs
            if not _about_the_author(t, ctx.lang)
        ]
        pairs = [(t, n) for t, n in pairs if _says_something(t)]  # an emoji alone prints as a bare bullet
        if pairs:
            items = [t for t, _ in pairs]
            yield Item(
                "list",
                items=items,
                levels=[n for _, n in pairs] if nested else [],
                priority=TEXT,
                name=f"list: {_cut_words(items[0], 4)}",
                source=block.source,
            )
    elif isinstance(block, Explicit):
        if block.kind == "qa":
            q, a = _plain(block.question), _plain(_prose_before_code(block.answer))
            first = (markdown.sentences(a) or [a])[0]  # a worked answer's first step; its code follows as code
            same = re.sub(r"\W+", "", q.lower()) == re.sub(r"\W+", "", ctx.section.lower())
            if not first:
                return  # the answer is its listing alone: it prints as code below the box's heading
            yield Item(
                "rec",
                # the box's heading asks it already
                key="" if same else _shorten(q, ctx.limit("need") + 4, lang=ctx.lang),
                value=_shorten(first, ctx.limit("answer"), lang=ctx.lang),
                priority=REC,
                name=q[:40],
                source=block.source,
            )
        else:
            text = re.sub(r"\{\{c\d+::(.+?)(?:::[^}]*)?\}\}", r"\1", block.question)
            yield Item(
                "text",
                value=_shorten(_plain(text), ctx.limit("text"), lang=ctx.lang),
                priority=TEXT,
                name=text[:40],
                source=block.source,
            )
    elif isinstance(block, Code) and _reads_as_prose(block):
        text = " ".join(block.text.split())
        for item in _paragraph(Paragraph(block.source, block.group, [], text, markdown.sentences(text)), ctx):
            item.priority = min(item.priority, CODE)  # under its list item: what that item says goes first
            yield item
    elif isinstance(block, Code):
        yaml = _is_yaml(_listing(block.text), block.lang)
        every = _as_above(_listing(block.text), ctx.code_seen, yaml)
        if not every:
            return  # every line of it printed above already: the same commands once
        # A listing's end is often its point (the toleration's `effect:`, the line that fails to compile):
        # a small sheet prints it whole up to CODE_MOST lines, and no listing is cut a few lines short.
        most = (CODE_LINES, 2 * CODE_LINES, CODE_MOST)[ctx.detail]
        if yaml:
            # a manifest is no program: its keys as deep as fit, small ones whole, no key left bare
            every = _yaml_outline(every, most) if len(every) > most + CODE_TAIL else _yaml_marked(every)
        elif len(every) > most + CODE_TAIL:
            every = _outline(every, most, ctx.named)  # its key lines: the outline that fits, statements joined
        elif len(every) > CODE_LINES + CODE_TAIL and (telling := _telling(_joined_statements(every), most, ctx.named)):
            every = telling  # a program, even one the sheet has room for: what it defines and calls
        every = _collapsed(every)
        # A line too long for any column is cut, and says so: a command cut with no sign reads as complete.
        lines = [ln if len(ln) <= CODE_WIDTH else ln[: CODE_WIDTH - 1] + "…" for ln in every]
        ctx.code_seen.update(_code_keys([ln.removesuffix(" ...") for ln in lines], yaml))
        yield Item(
            "code", value="\n".join(lines), priority=CODE, name=f"code ({block.lang or 'text'})", source=block.source
        )
    elif isinstance(block, Table):
        header = [_plain(h) for h in block.header]
        if _is_word_list(block):
            rows = [[_plain(c) for c in r] for r in block.rows[:VOCAB_ROWS]]
            name = f"word list: {' | '.join(header)[:40]}"
            yield Item("vocab", items=header, rows=rows, priority=VOCAB, name=name, source=block.source)
            return
        if roles := _vocab_roles(header):
            # A wider vocabulary table (word | meaning | forms | pronunciation | example): a line a word, in
            # the order a dictionary prints it, its cells whole but for a long example's asides.
            order = sorted(range(len(roles)), key=lambda k: WORD_ORDER.index(roles[k]))
            rows = [
                [_shorten(_plain(r[k]), ctx.limit("text"), lang=ctx.lang) if k < len(r) else "" for k in order]
                for r in block.rows[:VOCAB_ROWS]
            ]
            name = f"word list: {' | '.join(header)[:40]}"
            rows = [r for r in rows if _says_something(r[0])]
            yield Item(
                "words", items=[roles[k] for k in order], rows=rows, priority=VOCAB, name=name, source=block.source
            )
            return
        if all(_only_link(c) for r in block.rows for c in r):
            return  # 'Watch Video Lecture' over '[youtube link](...)': the link is a numbered reference
        rows = [[_shorten(_plain(c), 8, lang=ctx.lang) for c in r] for r in block.rows[:TABLE_ROWS]]
        # A row that prints nothing (its cell an image the sheet does not draw) is left out; a table left
        # with no row is a caption over a picture: its heading alone would print as a table of nothing.
        rows = [r for r in rows if any(_says_something(c) for c in r)]
        if not rows:
            return
        if len(block.rows) > TABLE_ROWS:  # a table cut short says so: its first rows are not all of them
            rows.append([f"(+{len(block.rows) - TABLE_ROWS} more rows)"] + [""] * (len(rows[0]) - 1))
        yield Item(
            "table",
            items=header,
            rows=rows,
            priority=TABLE,
            name=f"table: {' | '.join(header)[:40]}",
            source=block.source,
        )
    elif isinstance(block, Math):
        said = re.sub(r"\s+|\\[,;:! ]", "", block.tex)
        if said in ctx.math_seen:
            return  # 'P(A|B) = ...' displayed again in each section that applies it: once on a sheet
        ctx.math_seen.add(said)
        yield Item(
            "math",
            value=formula.mark(block.tex, display=True),
            priority=MATH,
            name=f"formula {_cut_words(block.tex, 4)}",
            source=block.source,
        )
    elif isinstance(block, Image) and block.path:
        yield Item(
            "image", key=block.alt, value=block.path, priority=IMAGE, name=f"image {block.src}", source=block.source
        )


def _nesting(block: ItemList) -> list[tuple[str, int]]:
    """The list's items one a line with their depth (0 at the top), from the lines the notes reader keeps;
    [] for a list with nothing nested (or lines that do not say how: a list made by another reader)."""
    if len(block.lines) != len(block.parents) or not any(block.parents):
        return []
    depth: dict[str, int] = {}
    out = []
    for text, parent in zip(block.lines, block.parents, strict=True):
        level = depth[parent] + 1 if parent and parent in depth else 0
        depth[text] = level
        out.append((text, level))
    return out


@functools.cache
def _imports() -> re.Pattern:
    return re.compile("|".join(f"(?:{r})" for r in words.code_list("imports")))


def _listing(text: str) -> list[str]:
    """A code block's lines as a sheet prints them: blank lines and the lines that only import names left
    out (boto3 listings on the corpus' pages were a third imports and blank lines); a listing of imports
    alone keeps them."""
    every = text.rstrip("\n").splitlines()
    imports = _imports()
    kept = [ln for ln in every if ln.strip() and not imports.match(ln)]
    if not kept:
        kept = [ln for ln in every if ln.strip()] or every
    return kept


AS_ABOVE = 2  # a run of this many lines or more printed in a listing above is left out


def _indent(line: str) -> int:
    """Where a line's content starts: a YAML list item's after its dash ('- image: x' is nested under the
    'containers:' above it at the same column)."""
    m = re.match(r"[ \t]*(?:- +)?", line)
    return len(m.group(0).expandtabs(4)) if m else 0


def _with_parents(lines: list[str], keep: list[bool]) -> list[str]:
    """The kept lines, each with the lines it is nested under (by indentation) that lead to it: 'spec:'
    over the 'parallelism: 5' a later manifest adds, 'def handler(event):' over the body line that differs."""
    keep = list(keep)
    for k in range(len(lines)):
        if not keep[k]:
            continue
        depth = _indent(lines[k])
        for j in range(k - 1, -1, -1):
            if depth == 0:
                break
            d = _indent(lines[j])
            if d < depth and lines[j].strip():
                keep[j] = True
                depth = d
    return [ln for ln, k in zip(lines, keep, strict=True) if k]


_YAML_LINE = re.compile(r"\s*(?:-\s+)?(?:[\w.\-/\"']+:(?:\s|$)|-\s|#)|\s*-$")
YAML_SMALL = 3  # a manifest's key with this many lines under it or fewer is printed with them: 'labels: app: x'


def _is_yaml(lines: list[str], lang: str = "") -> bool:
    """A manifest, not a program: YAML by its fence, or lines of 'key: value' and '- item' with no braces
    or semicolons closing them (a Kubernetes object fenced as no language, or as the shell's)."""
    if lang.lower() in ("yaml", "yml"):
        return True
    first = next((ln for ln in lines if not ln.startswith("#")), "")
    if len(lines) < 3 or not re.match(r"[\w\-]+:(\s|$)", first):
        return False
    return all(_YAML_LINE.match(ln) and not re.search(r"(?:;|\{|[^{]\})\s*$", ln) for ln in lines)


def _code_keys(lines: list[str], yaml: bool) -> list[str]:
    """What makes a listing's line the same line as one printed above: its text, and in a manifest its text
    under the keys it is nested in ('spec/selector/app: my-app' is not 'metadata/labels/app: my-app': the
    Service's selector is what sends it traffic, blind review)."""
    if not yaml:
        return [ln.strip() for ln in lines]
    out: list[str] = []
    stack: list[tuple[int, str]] = []
    for ln in lines:
        depth = _indent(ln)
        while stack and stack[-1][0] >= depth:
            stack.pop()
        out.append("/".join(k for _, k in stack) + "//" + ln.strip())
        stack.append((depth, ln.strip().lstrip("- ").strip()))
    return out


def _yaml_outline(lines: list[str], most: int) -> list[str]:
    """A manifest too long for its sheet as its keys nested no deeper than the deepest level that fits, each
    small key whole with what it holds ('labels: app: my-app', the Service's selector), a key whose lines
    are left out marked so ('containers: ...'), never printed bare as if it held nothing (blind review)."""
    levels = sorted({_indent(ln) for ln in lines})
    for depth in reversed(levels):
        keep = [_indent(ln) <= depth for ln in lines]
        for k, ln in enumerate(lines):
            if _indent(ln) != depth:
                continue
            end = k + 1
            while end < len(lines) and _indent(lines[end]) > depth:
                end += 1
            if end - k - 1 <= YAML_SMALL:
                keep[k:end] = [True] * (end - k)
        kept = [ln for ln, k in zip(lines, keep, strict=True) if k]
        if len(kept) <= most + CODE_TAIL or depth == levels[0]:
            return _yaml_marked(kept)
    return _yaml_marked(lines)


def _yaml_marked(lines: list[str]) -> list[str]:
    """A manifest's keys whose lines the sheet leaves out marked 'key: ...' (an empty 'containers:' reads as
    a manifest with no containers)."""
    out = list(lines)
    for k, ln in enumerate(out):
        bare = ln.rstrip().endswith(":") and not ln.lstrip().startswith("#")
        if bare and (k + 1 == len(out) or _indent(out[k + 1]) <= _indent(ln)):
            out[k] = ln.rstrip() + " ..."
    return out


def _as_above(lines: list[str], seen: set[str], yaml: bool = False) -> list[str]:
    """A listing without its runs of lines printed already in a listing above it on the sheet, each line
    it keeps under the lines it is nested in; [] when it prints nothing new: the same manifest's or handler's
    boilerplate ('metadata:', 'creationTimestamp: null', 'def lambda_handler(event, context):') over and
    over left a sheet of exercises mostly code, the line that differs ('parallelism: 5 # add this line')
    hard to find, and a mark for each run left out ('⋮ 9 lines as above') could not be followed on paper
    (blind review). A short listing that repeats only a line is printed as written: a command is typed whole."""
    if not seen:
        return lines
    old = [key in seen for key in _code_keys(lines, yaml)]
    if all(old):
        return []
    # a closing brace is the end of its block, not a line said above: a class outlined without it runs into
    # the next (blind review: 'public void getItem() {' then 'public class MainClass {')
    old = [o and not ("}" in ln and _CLOSERS.fullmatch(ln.strip())) for o, ln in zip(old, lines, strict=True)]
    if all(_indent(ln) == 0 and not ln.rstrip().endswith(("{", ":", "\\", "(", ",")) for ln in lines):
        # commands one a line, each whole: one printed above is not printed again ('kubectl get jobs -w'
        # in each of three ways to wait for a job, blind review: the same block twice)
        return [ln for ln, o in zip(lines, old, strict=True) if not o]
    if len(lines) <= AS_ABOVE + 1:
        return lines
    keep = [True] * len(lines)
    k = 0
    while k < len(lines):
        j = k
        while j < len(lines) and old[j]:
            j += 1
        if j - k >= AS_ABOVE:
            keep[k:j] = [False] * (j - k)
        k = max(j, k + 1)
    return _with_parents(lines, keep)


JOIN_WIDTH = 72  # a statement written over lines is one line of its outline up to this many characters
_CLOSERS = re.compile(r"[\s)\]},;]+")


def _open_brackets(line: str) -> int:
    return line.count("(") + line.count("[") - line.count(")") - line.count("]")


def _joined_statements(lines: list[str]) -> list[str]:
    """A listing's statements written over several lines ('response = client.detect_sentiment(' over its
    arguments and ')') each one line when it is short enough: an outline of the listing keeps it whole."""
    out: list[str] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        depth = _open_brackets(line)  # a call's or a list's; a block's brace opens lines of their own
        j = k + 1
        if depth > 0:
            parts = [line.rstrip()]
            while j < len(lines) and depth > 0:
                parts.append(lines[j].strip())
                depth += _open_brackets(lines[j])
                j += 1
            text = parts[0] + "".join(
                ("" if re.search(r"[(\[{]$", a) or re.match(r"[)\]}]", b) else " ") + b
                for a, b in itertools.pairwise(parts)
            )
            if depth <= 0 and len(text) <= JOIN_WIDTH:
                out.append(text)
                k = j
                continue
        out.append(line)
        k += 1
    return out


def _outline(lines: list[str], most: int, named: frozenset[str] = frozenset()) -> list[str]:
    """A listing too long for its sheet as its key lines, not its first lines and a mark saying how many
    follow ('⋮ 56 more lines (line 562 of the notes)' cannot be followed on paper): its statements joined,
    then its telling lines when it is a program (_telling: what it defines and the calls it configures), else
    its lines nested no deeper than the deepest level that fits in `most` lines (a class's and its methods'
    signatures, a manifest's top fields). A brace that opens a block is closed where the block ends ('public
    class Parent { ... }'): two classes outlined one after the other do not run together. A listing flat at
    that (commands one a line) keeps its first `most`."""
    lines = _joined_statements(lines)
    if telling := _telling(lines, most, named):
        return telling
    body = [ln for ln in lines if not _CLOSERS.fullmatch(ln.strip())]
    levels = sorted({_indent(ln) for ln in body})
    for depth in reversed(levels):
        kept = _closed(lines, depth, named)
        if len(kept) <= most + CODE_TAIL:
            return kept
    return [ln for ln in body if _indent(ln) <= levels[0]][:most] if levels else lines


def _collapsed(lines: list[str]) -> list[str]:
    """A block whose body the sheet leaves out (printed above, or too deep for its outline) on one line: its
    opening line and its closing brace as 'public void getItem() { ... }', not two lines with nothing between."""
    out: list[str] = []
    for ln in lines:
        closer = ln.strip()
        if out and out[-1].rstrip().endswith("{") and closer.startswith("}") and _CLOSERS.fullmatch(closer):
            if _indent(out[-1]) == _indent(ln):
                out[-1] = out[-1].rstrip() + " ... " + closer
                continue
        out.append(ln)
    return out


def _closed(lines: list[str], depth: int, named: frozenset[str] = frozenset()) -> list[str]:
    """The lines nested no deeper than `depth`, each block a kept line opens with a brace closed: its closing
    line kept when some of its body is, else ' … }' at the end of the opening line. A deeper line that calls
    what the prose is about ('super(say);' on a sheet about inheritance) is kept under its parents."""
    wanted = [_calls_named(ln, named) for ln in lines]
    deep: set[int] = set()
    for k in (k for k, w in enumerate(wanted) if w):
        deep.add(k)
        level = _indent(lines[k])
        for j in range(k - 1, -1, -1):
            if level == 0:
                break
            if _indent(lines[j]) < level and lines[j].strip():
                deep.add(j)
                level = _indent(lines[j])
    for k in sorted(deep):  # each block kept for such a line closed on its own closing line
        if lines[k].rstrip().endswith("{"):
            j = next((j for j in range(k + 1, len(lines)) if _indent(lines[j]) <= _indent(lines[k])), None)
            if j is not None and _CLOSERS.fullmatch(lines[j].strip()):
                deep.add(j)
    out: list[str] = []
    for k, ln in enumerate(lines):
        if _indent(ln) > depth and k not in deep:
            continue
        if _CLOSERS.fullmatch(ln.strip()):
            closer = ln.strip()
            if out and out[-1].rstrip().endswith("{") and "}" in closer:
                out[-1] = out[-1].rstrip() + " ... " + closer  # its whole body left out
            elif "}" in closer and any(x.rstrip().endswith("{") for x in out):
                out.append(ln)
            continue
        out.append(ln)
    return out


TELLING_MOST = 5  # lines of one statement a program's outline prints: its call and its first arguments
_SIGNATURE = re.compile(
    r"^\s*(?:@\w+\s+)?(?:(?:public|private|protected|static|abstract|final|async|export|default)\s+)*"
    r"(?:def|class|interface|function|func|fn|struct|enum|trait|impl)\b"
)
# A call of an object's method with what configures it: a keyword argument or a quoted string
# ("boto3.client('polly')", "transcribe.get_transcription_job(TranscriptionJobName=...)").
_CONFIGURED_CALL = re.compile(r"\b[A-Za-z_]\w*\.[A-Za-z_]\w*\((?=[^)]*(?:\b\w+\s*=(?!=)|['\"]))")


def _telling(lines: list[str], most: int, named: frozenset[str] = frozenset()) -> list[str]:
    """A program's telling lines: the definitions it makes (a function's, a class's signature) and each
    statement that calls a library with what configures it (a client made for a service, the request it
    sends with its parameters), the statement whole up to TELLING_MOST lines; the plumbing between (values
    read out of a payload, a dictionary returned) left out (blind review: a sheet two thirds Lambda
    handlers printed whole). [] for a listing that is no program, or whose telling lines are too few to
    say what it does (two) or more than `most`."""
    statements: list[tuple[int, int]] = []
    k = 0
    while k < len(lines):
        depth, j = _open_brackets(lines[k]) + lines[k].count("{") - lines[k].count("}"), k + 1
        while j < len(lines) and depth > 0:
            depth += _open_brackets(lines[j]) + lines[j].count("{") - lines[j].count("}")
            j += 1
        statements.append((k, j))
        k = j
    if not any(_SIGNATURE.match(lines[a]) for a, _ in statements):
        return []
    out: list[str] = []
    calls = 0
    for a, b in statements:
        head = lines[a]
        if _SIGNATURE.match(head) and head.rstrip().endswith((":", "{")):
            out.append(head)
            continue
        text = " ".join(ln.strip() for ln in lines[a:b])
        if _calls_named(text, named):
            out += lines[a:b]  # a call of what the prose is about ('super(say);'), even what it returns
            continue
        if _CONFIGURED_CALL.search(text) and not re.match(r"\s*return\b", head):  # what it returns is plumbing
            calls += 1
            part = lines[a:b]
            if len(part) > TELLING_MOST:
                # its first arguments that are whole on their lines, then a mark and its closing line
                args = [ln for ln in part[1:-1] if _open_brackets(ln) == 0 and ln.count("{") == ln.count("}")]
                pad = " " * _indent(args[0] if args else part[-1])
                part = [part[0], *args[: TELLING_MOST - 3], pad + "...", part[-1]]
            out += part
    if calls == 0 or len(out) < 3 or len(out) > most + CODE_TAIL:
        return []
    return out


def _reads_as_prose(block: Code) -> bool:
    """Prose indented four spaces too deep under a list item (Markdown then reads it as code): a proof in
    sentences with its TeX between dollars, or with emphasis. A listing has neither."""
    if block.lang:
        return False
    text = block.text.strip()
    tex = re.search(r"(?<![\\$])\$[^$\s][^$\n]*?[\\_^][^$\n]*?\$", text)
    emphasis = re.match(r"[*_][A-Z][\w ]+[.:]?[*_] ", text)
    return bool(tex or emphasis) and len(re.findall(r"\b[a-z]{3,}\b", text)) >= 8 and not re.search(r"[;{}]\s*$", text)


def _prose_before_code(answer: str) -> str:
    """A written answer's words before its listing ("Deploy 3 replicas of v1:" over a YAML manifest, the
    manifest's lines kept as code spans): the listing prints as code under it, not run together in bold."""
    lines = re.split(r"<br\s*/?>", answer, flags=re.I)
    code = [bool(re.fullmatch(r"\s*`[^`]*`\s*", ln)) for ln in lines]
    if sum(code) < 2:
        return answer
    return " ".join(ln.strip() for ln in lines[: code.index(True)]).strip()


def _term_as_written(term: str, description: str) -> str:
    r"""A term read out of its description without the description's dollars ('the sequence (a_n + b_n)' of
    'the sequence $(a_n + b_n)$ converges ...', '\tfrac{1}{2\sigma^2}' of 'The $\tfrac{1}{2\sigma^2}$ is a
    positive constant'): taken back as written there, so its TeX is drawn."""
    if "$" in term or "$" not in description or not re.search(r"[_^\\]", term):
        return term
    m = re.search(r"\$?" + r"\$?".join(map(re.escape, term)) + r"\$?", description)  # '$' may open it too
    return m.group(0) if m and m.group(0).count("$") % 2 == 0 else term


def _is_word_list(table: Table) -> bool:
    """A vocabulary table (word | reading | meaning): two or three columns of a few words a cell."""
    cells = [c for r in table.rows for c in r]
    if not 2 <= len(table.header) <= 3 or len(table.rows) < 6 or not cells:
        return False
    return sum(len(_plain(c).split()) for c in cells) / len(cells) <= 3


WORD_ORDER = ("word", "reading", "forms", "meaning", "other", "example")
"""How a word list prints a vocabulary table's columns: the word, its reading, its forms, what it means."""


def _vocab_roles(header: list[str]) -> list[str]:
    """What each column of a vocabulary table holds (words/tables/vocab.toml), its first column the word;
    [] for a table that is not one: two headers of a vocabulary table at least, one of them a meaning."""
    known = words.vocab_columns()
    roles = [known.get(re.sub(r"[^\w\s']", "", formula.plain(h).lower()).strip(), "other") for h in header]
    if len(roles) < 2 or "meaning" not in roles or sum(r != "other" for r in roles) < 2:
        return []
    roles[0] = "word" if roles[0] in ("other", "word") else roles[0]
    if roles[0] != "word" or roles.count("word") > 1:
        return []  # the word is the table's first column, and only one column is the word
    return roles


# A documentation site's breadcrumb trail copied over its link ('kubernetes.io > Documentation > Concepts >
# [Labels and Selectors](...)'): where the page sits on its site, nothing to revise; the link stays a reference.
# Three places or more, each a few words, no sentence or clause among them and no formula.
_BREADCRUMB = re.compile(r"^(?:[^>›»\ue000!?;:,]{1,50}?\s+[>›»]\s+){2,}[^>›»\ue000!?;:,]{1,80}$")


LINK_POINTER_WORDS = 8  # words outside its links that a sentence sending the reader to them has at most


def _sends_to_link(sentence: str, lang: str) -> bool:
    """A sentence that only sends the reader to its link ('Watch [Josh Hug's video lecture](...) about
    inheritance.', 'Or, move onto [Dynamic Method Selection](...)'): on paper its link is a numbered
    reference already (blind review: link-only lines, boilerplate). It opens, after a connective, with one of
    the language's link_pointers, holds a link, and says a few words beside it."""
    links = re.findall(r"\[([^\]]*)\]\([^)]*\)", sentence)
    if not links:
        return False
    outside = words.tokens(markdown.to_plain(re.sub(r"\[[^\]]*\]\([^)]*\)", " ", sentence)))
    toks = [t for t in outside if t.isalnum() or "'" in t]
    lg = words.lang(lang)
    openers = lg.alternatives | {p[0] for p in lg.additive_openers if len(p) == 1}
    while toks and toks[0] in openers:  # 'Or, move onto ...', 'Also, see ...'
        toks = toks[1:]
    return len(toks) <= LINK_POINTER_WORDS and any(tuple(toks[: len(p)]) == p for p in lg.link_pointers)


def _without_lead_in_to_nothing(blocks: list, n: int):
    """blocks[n], a paragraph without its last sentence when that sentence leads in (it ends with a colon) to
    nothing the sheet prints: a picture it does not draw, or the section's end ('Let's say P(A) = 0.3 and
    P(B) = 0.4 then:' over a remote image printed as 'Let's say ... then', blind review: cut mid-sentence);
    None when that sentence was all of it. Any other block as it is."""
    block = blocks[n]
    if not isinstance(block, Paragraph) or not block.sentences or not block.sentences[-1].rstrip().endswith(":"):
        return block
    after = blocks[n + 1] if n + 1 < len(blocks) else None
    if after is not None and not (isinstance(after, Image) and not after.path):
        return block
    kept = block.sentences[:-1]
    if not kept:
        return None
    return dataclasses.replace(block, text=" ".join(kept), sentences=kept, analysis=block.analysis[: len(kept)])


def _about_the_author(sentence: str, lang: str) -> bool:
    """A statement of the author's about themselves, not about the subject ('Note these are my own personal
    notes and are a work in progress as I study towards passing this exam.', 'I also made this point at the
    Deep Learning school'; blind review: boilerplate, personal remarks): it says a first-person singular word
    of the language (first_singular; 'I' not after a noun that takes a numeral, numeral_nouns: 'type I error'),
    outside code, quotes and formulas (the index of '$x^{(i)}$' is no 'I': CS229's Gaussian density step
    was left out as a remark of its author's). A question ('Which option is right for my use case?') asks
    for the reader."""
    lg = words.lang(lang)
    if not lg.first_singular or sentence.rstrip().endswith("?"):
        return False
    text = re.sub(r"`[^`]*`|\"[^\"]*\"|'[^']*'(?!\w)|\[[^\]]*\]\([^)]*\)", " ", sentence)
    text = re.sub(f"{formula.OPEN}[^{formula.CLOSE}]*{formula.CLOSE}|\\$[^$]*\\$", " ", text)
    plain = markdown.to_plain(text)
    toks = words.tokens(plain)
    cased = re.findall(r"[\w'’]+|[^\w\s]", plain)
    for k, t in enumerate(toks):
        if t not in lg.first_singular or (k + 1 < len(toks) and toks[k + 1] in "/-"):
            continue
        if t != "i" or k == 0:
            return True
        if len(cased) != len(toks):
            continue  # (the words not told apart as the tokens are: 'I' may be a numeral)
        before = cased[k - 1]
        # 'type I error', 'Phase I trials', 'Louis I': a numeral after a noun that takes one, or a name
        if before.lower() not in lg.numeral_nouns and not (before[:1].isupper() and k > 1):
            return True
    return False


def _proves(text: str, lang: str) -> bool:
    """A paragraph opened by a proof's label ('*Proof:* If $x$ is finite ...', 'Proof. ...'; proof_labels)."""
    labels = words.lang(lang).proof_labels
    if not labels:
        return False
    alt = "|".join(re.escape(w) for w in sorted(labels, key=len, reverse=True))
    return bool(re.match(rf"[\s*_]*(?:{alt})[\s*_]*[:.][\s*_]*", text, re.I))


def _in_proof(block, proving: bool, lang: str) -> tuple[bool, bool]:
    """Whether `block` is (part of) a proof, and whether the proof goes on after it: a paragraph opened by a
    proof's label, and after it each paragraph that goes on with it (one with a formula, or opened by a step's
    word: 'Conversely, ...', 'Let x = ...'; proof_steps) and each formula, up to a proof's end (proof_ends) or
    another block. A proof of several paragraphs ('*Proof:* ... Suppose that L- < L+.' then 'Let x = ... So
    L- = L+.') printed its later paragraphs as the section's facts (blind review, issue 14: a proof's steps
    where the statement should be); a remark in words after it ('Proofreading notes is a good habit') is not
    the proof's."""
    if isinstance(block, Paragraph) and _proves(block.text, lang):
        return True, not _ends_proof(block.text, lang)
    if proving and isinstance(block, Math):
        return True, True
    if not proving or not isinstance(block, Paragraph) or not _goes_on(block.text, lang):
        return False, False
    return True, not _ends_proof(block.text, lang)


def _goes_on(text: str, lang: str) -> bool:
    """A paragraph that reads as a proof's next step: it has a formula, or a step's word opens it."""
    if "$" in text or "\\(" in text:
        return True
    steps = words.lang(lang).proof_steps
    return bool(steps) and bool(re.match(rf"[\s*_]*(?:{'|'.join(map(re.escape, steps))})\b", text, re.I))


def _ends_proof(text: str, lang: str) -> bool:
    told = text.lower()
    return any(re.search(rf"(?<![\w.]){re.escape(w)}(?![\w])", told) for w in words.lang(lang).proof_ends)


def _result(item: str, lang: str) -> str:
    """A list item of results without the proof the notes nest under it: its nested items (joined after
    ': ' by the notes reader) when they are the cases a proof splits into ('For all x ∈ S, x ≤ sup(S): Case
    +∞ ∉ S: Case S bounded above ...; Case +∞ ∈ S') or a proof's steps (one ends it: 'Q.E.D.'); '' for an
    item that is itself a case ('Case x and y are both finite: Case y = +∞; ...'). Blind review: nested cases
    flattened into nonsense, a proof merged into a list item. The words are data (case_labels, proof_ends)."""
    lg = words.lang(lang)
    if not lg.case_labels and not lg.proof_ends:
        return item
    cases = "|".join(re.escape(w) for w in lg.case_labels)
    # 'Case $y = +\infty$', 'Case 2:', 'Case x is finite': a label then a formula, a number or a letter
    opens_case = re.compile(rf"\s*(?:{cases})\s+(?:\$|\\\(|\d|[A-Za-z]\b)", re.I) if cases else None
    own, sep, rest = _outside_formulas_split(item)
    if opens_case and opens_case.match(item) and (not sep or opens_case.match(rest)):
        return ""
    if not sep:
        return item
    ends = [w for w in lg.proof_ends]
    told = rest.lower()
    if (opens_case and opens_case.match(rest)) or any(
        re.search(rf"(?<![\w.]){re.escape(w)}(?![\w])", told) for w in ends
    ):
        return own.rstrip(" .:") + ("." if own.rstrip().endswith(".") else "")
    return item


def _outside_formulas_split(text: str) -> tuple[str, str, str]:
    """`text` split at its first ': ' outside a formula ('$x: y$' is not a label's colon)."""
    depth = False
    for k, ch in enumerate(text):
        if ch == "$":
            depth = not depth
        elif ch == ":" and not depth and text[k + 1 : k + 2] == " ":
            return text[:k], ": ", text[k + 2 :]
    return text, "", ""


def _unnarrated(sentence: str, lang: str) -> str:
    """A sentence as a sheet prints it without its narrator: '' for a remark on the work or the reader
    ("It's boring to prove this stuff", 'Enjoy!', 'Nota ai posteri ...'), a walk through the course ('Up until
    now we have built ...') or a sentence whose subject is the narrator's 'we' that neither advises, warns,
    counts nor states a formula ('We will also write the RELU as a layer', "Let's say that a supermarket asks
    us ..."); else the sentence without a frame that only says where the reader met its fact ('We have seen
    that X', 'As we saw in the previous chapter, X' -> 'X'), a comment before it ('Clearly, X') or a place
    in the course ('similar to ordinary Neural Networks from the previous chapter' -> '... Neural Networks').
    Blind review: course prose printed as facts, chatty asides. The words are data (first_plural,
    narrator_frames, comment_openers, course_*, recap_openers, remarks)."""
    pats = _narration(lang)
    if not pats or not sentence:
        return sentence
    text = sentence.strip()
    if pats["remark"] and pats["remark"].search(text):
        return ""
    if pats["recap"] and pats["recap"].match(text):
        return ""
    if pats["frame"] and (m := pats["frame"].match(text)):
        rest = text[m.end() :]
        if not m.group(0).rstrip().lower().endswith(("that", "che")):
            c = re.match(r"[^,:;.]{0,60},\s*", rest)
            rest = rest[c.end() :] if c else ""
        rest = rest.lstrip()
        if len(rest.split()) >= 3:
            text = rest[0].upper() + rest[1:]
    if pats["comment"] and (m := pats["comment"].match(text)) and len(text[m.end() :].split()) >= 3:
        text = text[m.end()].upper() + text[m.end() + 1 :]  # 'Clearly, this X is wasteful' -> 'This X is ...'
    if pats["place"]:
        text = pats["place"].sub("", text)
    if pats["we"] and (m := pats["we"].match(text)):
        after = text[m.end() :]
        kept = (
            re.search(r"\d|[$\\]", text)
            or formula.OPEN in text
            or (pats["advice"] and pats["advice"].match(after))
            or _WARN.search(text)
        )
        if not kept:
            return ""
    return text if _says_something(text) else ""


@functools.cache
def _narration(lang: str) -> dict | None:
    lg = words.lang(lang)
    if not (lg.first_plural or lg.remarks or lg.narrator_frames or lg.comment_openers):
        return None

    def alt(xs) -> str:
        return "|".join(re.escape(x).replace("\\ ", r"\s+") for x in sorted(xs, key=len, reverse=True))

    edge = r"(?![\w'’])"
    openers = rf"(?:(?:{alt(lg.narrator_openers)}){edge},?\s+)*" if lg.narrator_openers else ""
    place = None
    if lg.course_preps and lg.course_order and lg.course_places:
        place = re.compile(
            rf"\s*(?<![\w'’])(?:{alt(lg.course_preps)})\s+(?:the|this|our|a)\s+(?:{alt(lg.course_order)})\s+"
            rf"(?:{alt(lg.course_places)}){edge}",
            re.I,
        )
    return {
        "remark": re.compile(rf"(?<![\w'’])(?:{alt(lg.remarks)})(?![\w'’])", re.I) if lg.remarks else None,
        "recap": re.compile(rf"(?:{alt(lg.recap_openers)}){edge}", re.I) if lg.recap_openers else None,
        "frame": re.compile(rf"{openers}(?:{alt(lg.narrator_frames)}){edge}", re.I) if lg.narrator_frames else None,
        "place": place,
        "comment": re.compile(rf"(?:{alt(lg.comment_openers)}),\s+", re.I) if lg.comment_openers else None,
        "we": re.compile(rf"{openers}(?:{alt(lg.first_plural)}){edge}\s*", re.I) if lg.first_plural else None,
        "advice": re.compile(rf"(?:\w+\s+){{0,2}}?(?:{alt(lg.plural_advice)}){edge}", re.I)
        if lg.plural_advice
        else None,
    }


def _without_interjections(text: str, lang: str) -> str:
    """`text` without the words that only voice the author's mood ('Fill in the blank, yo.', 'non usano
    nemmeno energia ahah)'): interjections of the language, a word of their own between spaces or marks;
    '' when nothing else is left ('Haha!')."""
    pattern = _interjections(lang)
    if pattern is None:
        return text
    out = pattern.sub("", text)
    return out.strip() if _says_something(out) else ""


@functools.cache
def _interjections(lang: str) -> re.Pattern | None:
    """The language's interjections as one pattern, with the mark before them (asked of every line)."""
    lg = words.lang(lang)
    if not lg.interjections:
        return None
    alternation = "|".join(re.escape(w) for w in sorted(lg.interjections, key=len, reverse=True))
    return re.compile(rf"(?i)[,;]?\s*(?<![\w'’-])(?:{alternation})(?![\w'’-])[!.]*")


def _only_link(text: str) -> bool:
    return not re.sub(r"\[[^\]]*\]\([^)]*\)|<?https?://\S+>?|[-–—:•\s]", "", text)


def _named(t: Term) -> bool:
    """The item names its term as the notes write one (bold, 'Term: ...', a term on its own line), or its
    sentence defines its subject as the shared analysis reads it ('The chi square is a ...'): a term/gist
    row. A subject the notes reader only guessed from a sentence ('Can assign' of 'Can assign tags to
    datasets') is no term: the item prints as the sentence it is."""
    desc = markdown.to_plain(t.description)
    bare = re.sub(r"^(?:the|an?)\s+", "", desc, flags=re.I)
    if not t.term or not bare.lower().startswith(markdown.to_plain(t.term).lower()):
        return True
    a = t.gist if t.gist is not None else analysis.analyse(t.description)
    return _defined(a) != "" and _plain(a.subject).lower() == markdown.to_plain(t.term).lower()


def _terms(terms: list[Term], ctx: _Ctx, level: int, block):
    lines: list[str] = []
    for n, t in enumerate(terms):
        if not _named(t) and not t.children:
            lines.append(_listed(_plain(joined([t.description, *t.details])), ctx, ctx.limit("item")))
            if n + 1 < len(terms) and not _named(terms[n + 1]) and not terms[n + 1].children:
                continue
            yield Item("list", items=lines, priority=TEXT, name=f"list: {_cut_words(lines[0], 4)}", source=t.source)
            lines = []
            continue
        key = _plain(_term_as_written(t.term, t.description))
        uses = next((v for k, v in t.attributes if k.lower() == "uses"), "")
        if not t.description and t.children and not t.details:  # with lines of its own, a row of them
            yield Item("group", key=key, level=level, priority=TERM, name=key, source=t.source)
        else:
            desc = _strip_subject(_plain(t.description), key)
            # On a tight sheet what a term is used for ("Clustering") is its gist.
            tagged = bool(uses) and ctx.detail == 0
            if t.details and not tagged:
                # Its nested items (the reader takes the first for its description): all of them, or a
                # visible "+N more", never the first printed as if it were the whole list.
                first = [] if ctx.detail == 2 else [0]
                parts = [desc, *(_plain(d) for d in t.details)] if desc else [_plain(d) for d in t.details]
                parts = [(markdown.sentences(x) or [x])[0] if first else x for x in parts]
                value = _as_list("", parts, ctx, 60 if ctx.detail == 2 else ctx.limit("gist"), subject=True)
            elif ctx.detail == 2 and desc:  # a small sheet has room for the whole description
                value = " ".join(_tidy(x, ctx, 60, subject=True) for x in markdown.sentences(desc))
            else:
                value = gist(desc, ctx.limit("gist"), ctx, subject=True) if desc and not tagged else ""
            yield Item(
                "term",
                key=key,
                value=value,
                tag=_plain(uses),
                level=level,
                priority=TERM,
                value_priority=TERM_GIST,
                name=key,
                source=t.source,
            )
        yield from _terms(t.children, ctx, level + 1, block)


_QUALIFIER = re.compile(
    r"\b(?:the )?((?:most|least) (?:[\w-]+ ){0,3}?"
    r"(?:cost-effective|overhead|effort|efficient|suitable|secure|scalable|latency|cost))\b",
    re.I,
)
_REQUIREMENT = re.compile(r"\b(?:meets the requirements? to|requirement to|in order to) ([^.,;]+)", re.I)
# "Configure X to do Y": the purpose is the need; "to the role" is a place, not a purpose (`_purpose_split`).
# ("Use X to do Y" and "X is used to do Y" the shared analysis splits: a sheet and a card read them alike.)
_PURPOSE = re.compile(r"^(.+?) (?:to|so that) ([a-z][\w-]* .+)$")
# "Bias drift occurs when ...": a definition on a sheet, a plain statement to the analysis ("means", "refers to"
# it reads as definitions itself).
_OCCURS = re.compile(r"^((?:[A-Z][\w-]*|[a-z][\w-]*)(?: [\w-]+){0,3}) (?:occurs|happens) (.+)$")
_FACT = re.compile(r"\d|\b(?:not|cannot|never|only|must|up to|most|least)\b|n't\b", re.I)


# A line for another typesetter ("\clearpage", "\newpage", "\vspace{1em}"): nothing to read.
_TYPESETTING = re.compile(r"^(?:\\[A-Za-z]+\*?(?:\{[^}]*\})?\s*)+$")


def _paragraph(block: Paragraph, ctx: _Ctx):
    if (text := _footnotes_out(block.text)) != block.text:
        # A footnote of two sentences is cut in two by the sentence split (each half unclosed): the paragraph
        # is split again without its footnotes, and read again (the shared analysis read the halves).
        block = Paragraph(block.source, block.group, block.links, text, markdown.sentences(text))
    if _proves(block.text, ctx.lang):
        return  # '*Proof:* ...': the result it proves is the sheet's (blind review: proofs rather than results)
    read = [
        (_plain(s), a)
        for s, a in zip(block.sentences, _analysis(block), strict=True)
        if not _sends_to_link(s, ctx.lang) and not _about_the_author(s, ctx.lang)
    ]
    read = [(_without_interjections(s, ctx.lang), a) for s, a in read]
    # Without its narrator a sentence is read again: 'As we saw ..., X' was the lecture's, not a fact of X.
    read = [(t, a if t == s else analysis.analyse(t, ctx.lang)) for s, a in read for t in [_unnarrated(s, ctx.lang)]]
    read = [(s, a) for s, a in read if s and not _only_link(s) and not _TYPESETTING.match(s)]
    if block.links:
        read = [(s, a) for s, a in read if not _BREADCRUMB.match(s)]
    if not ctx.figure and (leans := _clauses(ctx.lang).get("figure")):
        read = [(s, a) for s, a in read if not leans.search(s)]  # "Here is a visualization:" of no picture
    if not read:
        return
    (lead, a), rest = read[0], read[1:]
    src = block.source
    title = ""
    if rest and len(lead.split()) <= 4 and not _is_imperative(a) and not a.verb:
        # "Robust Scaler." heads what follows; "Some bacteria have flagella." says a fact of its own
        title, (lead, a), rest = lead.rstrip(".:"), rest[0], rest[1:]
    # an order advises ('need -> action'); one that tells ('Note that ...') is printed as written
    advice = _is_imperative(a) and not _tells(lead, ctx.lang)
    if title and not advice:
        yield Item(
            "def",
            key=_strip_vendor(title, ctx),
            value=_tidy(_strip_subject(lead, title), ctx, ctx.limit("def")),
            priority=REC,
            name=title,
            source=src,
        )
    elif advice:
        answers = [(lead, a)]
        while rest and _is_imperative(rest[0][1]) and not _tells(rest[0][0], ctx.lang) and len(answers) < 2:
            answers.append(rest.pop(0))
        need = title
        if not need:
            if answers[0][1].kind == analysis.PURPOSE:  # "Use X to do Y", as the analysis splits it
                x, y = _plain(answers[0][1].subject), _plain(answers[0][1].predicate)
                answers[0] = (f"{answers[0][0].split(None, 1)[0]} {x}", answers[0][1])
                need = y
            elif split := _purpose_split(answers[0][0], ctx.lang):
                answers[0], need = (split[0], answers[0][1]), split[1]
        if not need:
            for s, _ in rest:
                q = _QUALIFIER.search(s) or _REQUIREMENT.search(s)
                if q:
                    need = q.group(1)
                    break
        parts = [_tidy(x, ctx, ctx.limit("answer")).rstrip(".") for x, _ in answers]
        answer = "; ".join([parts[0], *(p[:1].lower() + p[1:] for p in parts[1:])])
        yield Item(
            "rec",
            key=_tidy(need, ctx, ctx.limit("need"), cap=False).rstrip(".") if need else "",
            value=answer,
            priority=REC,
            name=_cut_words(answer, 5),
            source=src,
        )
    elif a.kind == analysis.PURPOSE and a.subject and len(_plain(a.subject).split()) <= 8 and not _role(a):
        # "You can use X to do Y", "X is used to do Y": the need, then X
        answer = _tidy(_plain(a.subject), ctx, ctx.limit("answer"))
        yield Item(
            "rec",
            key=_tidy(_plain(a.predicate), ctx, ctx.limit("need"), cap=False).rstrip("."),
            value=answer,
            priority=REC,
            name=_cut_words(answer, 5),
            source=src,
        )
    elif term := _defined(a):
        yield Item(
            "def",
            key=_strip_vendor(term, ctx),
            value=gist(_definition(a), ctx.limit("def"), ctx),
            priority=REC,
            name=term,
            source=src,
        )
    else:
        yield Item(
            "text", value=gist(lead, ctx.limit("text"), ctx), priority=TEXT, name=_cut_words(lead, 5), source=src
        )
    # Then what the exam tests: numbers, negations, superlatives; everything else only on roomy sheets.
    extra = (1, 2, 99)[ctx.detail]
    defs = 0
    for s, a in rest:
        term = _defined(a, most=4)
        value = _definition(a) if term else ""
        if not term and (m := _OCCURS.match(s)):
            term, value = m.group(1), m.group(2)
        if term and defs < 3 and not re.match(r"(?:most|least|best|only|not)\b", value):
            defs += 1
            yield Item(
                "def",
                key=_strip_vendor(term, ctx),
                value=_tidy(value, ctx, ctx.limit("def")),
                priority=LATER_DEF,
                name=term,
                source=src,
                level=1,
            )
            continue
        if extra <= 0:
            continue
        kind = _kind(a)
        fact = kind in ("warning", "number") or bool(_FACT.search(s))
        if kind == "example" and not ctx.detail:
            continue  # an example or an aside: the first thing a tight sheet has no room for
        if not fact and not ctx.detail:
            continue
        if a.scenario:
            continue  # true of the exam question's company (or of the lecture's), not of the thing itself
        # Under its lead, "With an asynchronous endpoint, you can ..." needs no "With ...": the lead says it.
        s = re.sub(_ADVERBIAL, "", s, count=1, flags=re.I)
        text = gist(s, ctx.limit("fact"), ctx)
        # A further sentence too long for its line, whole or by its clauses: left out, not cut.
        if text and not text.endswith("…") and len(text.split()) <= ctx.limit("fact") * LONGEST:
            priority = EXAMPLE if kind == "example" else FACT if fact else DETAIL
            yield Item("text", value=text, priority=priority, name=_cut_words(s, 5), source=src, level=1)
            extra -= 1


def _analysis(block: Paragraph) -> list:
    """The shared analysis of the paragraph's sentences (made when the notes were read; made here for a
    paragraph that was not analysed, e.g. in a test)."""
    if len(block.analysis) == len(block.sentences):
        return block.analysis
    return [analysis.analyse(s) for s in block.sentences]


def _defined(a, most: int = 6) -> str:
    """The term a sentence defines ("X is a Y", "X refers to Y", as the analysis reads it), as plain text;
    '' when it defines none, or its subject leans on the sentence before ("This", "It")."""
    if a.kind != analysis.DEFINITION or not a.subject or a.dangling or a.verb in (":", "–", "—", "-", "=", ""):
        return ""
    term = _plain(a.subject)
    lang = words.lang(a.lang)
    if term.split()[0].lower() in lang.conditions_first if term else False:
        return ""  # "If (a_n) is a bounded sequence, then ...": a condition, not a name with its definition
    said = [w.strip(".,;:").lower() for w in _plain(a.predicate).split()]
    if said and any(tuple(said[-len(p) :]) == p or tuple(said) == p[-len(said) :] for p in lang.back_references):
        return ""  # "Negation ... is defined as before": it points back, and says nothing of its own
    return term if 0 < len(term.split()) <= most and term[:1].isupper() else ""


def _definition(a) -> str:
    """What a definition says its term is, its article left out ("a sequence of layers" -> "sequence of layers")."""
    pred = _plain(a.predicate)
    first, _, after = pred.partition(" ")
    return after if after and first.lower() in words.lang(a.lang).articles else pred


def _is_imperative(a) -> bool:
    return _kind(a) == "recommendation"


def _tells(sentence: str, lang: str) -> bool:
    """An imperative that tells rather than advises: a set-up ('Let A be the event ...', the opener the cards'
    results read), or its act (up to a purpose's 'to') holds a clause, opened by a complementizer, a relative
    or 'there is' ('Note that there exists a way to use FTP ...', 'Consider a medical test that is designed
    to diagnose ...'). Printed as written, never as 'need -> action'."""
    lg = words.lang(lang)
    act = re.split(r"\s(?:to|so that)\s", markdown.to_plain(sentence), maxsplit=1)[0]
    toks = words.tokens(act)
    clause = lg.complementizers | lg.relatives
    return (
        toks[:1] in ([w] for w in lg.setup_openers)
        or any(t in clause for t in toks[1:])
        or any(tuple(toks[i : i + len(p)]) == p for p in lg.existentials for i in range(len(toks)))
    )


def _purpose_split(sentence: str, lang: str) -> tuple[str, str] | None:
    """'Configure the bucket to block public access' -> (act, need); None where the 'to' opens no verb's
    goal: a place or a thing ('Attach a policy to the execution role', 'add a tag to our objects'), a goal
    opening with a function word or an article (the language's data, as the cards' how-to reads it)."""
    m = _PURPOSE.match(sentence)
    if not m or len(m.group(1).split()) < 2:
        return None
    lg = words.lang(lang)
    first = words.tokens(m.group(2))[:1]
    if not first or first[0] in lg.function_words | lg.articles:
        return None
    return m.group(1), m.group(2)


def _role(a) -> bool:
    """'The pool layers are in charge of downsampling ...': a purpose cue that says what a thing does in its
    system (the language's `roles`), not a use a reader picks it for: a statement, never 'need -> answer'."""
    verb = tuple(words.tokens(_plain(a.verb).lower()))
    return verb in words.lang(a.lang).roles


def _kind(a) -> str:
    """What a sentence states, as the shared sentence analysis reads it (studydeck/notes/analyse.py: the
    cards read the same): 'example' (an aside), 'recommendation', 'warning', 'definition', 'number' or
    'statement'. On a sheet, "Use X to do Y" (a purpose in the analysis's words) is a recommendation."""
    if a.kind == analysis.EXAMPLE:
        return "example"
    if a.kind == analysis.RECOMMENDATION or (a.kind == analysis.PURPOSE and a.plain[:4].lower() == "use "):
        return "recommendation"
    if a.kind == analysis.WARNING or a.warning:
        return "warning"
    if a.kind == analysis.DEFINITION:
        return "definition"
    if a.kind == analysis.NUMBER or a.quantities:
        return "number"
    return "statement"


# Rewrites that keep the meaning in fewer words; applied to gists, never to terms or headings.
_SHORTER = [
    (r"\bthat you can use to\b", "to"),
    (r"\bwhich you can use to\b", "to"),
    (r"\bthat (?:is|are) used to\b", "to"),
    (r"\bthat (?:is|are) used for\b", "for"),
    (r"\bgives? (?:you|\w+ \w+) the ability to\b", "lets you"),
    (r"\bprovides? you with\b", "provides"),
    (r"\bin order to\b", "to"),
    (r"\ba variety of\b", "various"),
    (r"\ba large amount of\b", "much"),
    (r"\bwhich means that\b", "i.e."),
    (r"\bmachine learning\b", "ML"),
    (r"\bfor example,?\s*", "e.g. "),
]
_FILLER = [
    (r"^(?:Therefore|Additionally|However|Then|Finally|Lastly|Also|In addition|As a result|For this reason),? ", ""),
    (r"^(?:Based on|In this scenario|In this use case) [^,]{3,80}, (?=\w+ \w+ \w+ \w+)", ""),
    (
        r"^As (?:we|you|I) (?:have )?(?:described|saw|seen|mentioned|discussed|noted|said) "
        r"(?:above|earlier|before|previously),? ",
        "",
    ),
    (r"^You (?:should|must) not ", "Do not "),
    (r"^(?:The first step is to|It is important to|Make sure to|You (?:might want to|should|can|must|need to)) ", ""),
]
# In a term's gist the subject is the term itself: "This algorithm finds ..." -> "Finds ...", and a leading
# condition is the term's ("If interpretability matters, choose ..." under Interpretability).
_ADVERBIAL = (
    r"^(?:If|When|Whenever|Because|Before|After|During|With|As|Once|Since) [^,]{3,80}, "
    r"(?:then )?(?:you (?:might want to|should|can|must|need to) )?(?=\w+ \w+ \w+ \w+)"
)
_SUBJECT = [
    (_ADVERBIAL, ""),
    (
        r"^(?:The |This |These )?(?:\w+ ){0,2}?"
        r"(?:option|algorithm|method|approach|strategy|solution|instances?|models?) (?:includes?|include) ",
        "e.g. ",
    ),
    (r"^(?:This|These) (?:includes?|include) ", "e.g. "),
    (r"^(?:This|These|It|They)(?: \w+){0,2}? (?:is|are) (?:an? |the )?", ""),
    (r"^(?:This|These|It|They)(?: \w+){0,2}? (?=\w+s\b)", ""),
    (r"^(?:This|These|It|They) (?:can|will) ", "can "),
]


def gist(text: str, words: int = LIMITS["text"], ctx: _Ctx | None = None, subject: bool = False) -> str:
    """The essential clause of the first sentence, in at most about `words` words.

    `subject`: the text describes a term, so a leading "This algorithm" or "It" is the term and goes.
    """
    first = markdown.sentences(text)[0] if text else ""
    # `text` is plain already: read as Markdown again, "32*32*3 = 3072" printed as "32323 = 3072"
    return _tidy(first, ctx, words, subject=subject)


def _tidy(text: str, ctx: _Ctx | None, words: int, cap: bool = True, subject: bool = False) -> str:
    out = text.strip()
    for pat, rep in _FILLER + (_SUBJECT if subject else []):
        out = re.sub(pat, rep, out, count=1, flags=re.I)
    for pat, rep in _SHORTER:
        out = re.sub(pat, rep, out, flags=re.I)
    if ctx is not None:
        out = _strip_vendor(out, ctx)
        # "Autopilot explores ..." on every row of the Autopilot box: the box title says who.
        who = re.sub(r"\s*\(.*\)$", "", ctx.section)
        if subject and who and out.startswith(who + " ") and re.match(r"[a-z]+s\b", out[len(who) + 1 :]):
            out = out[len(who) + 1 :]
    # A term's gist keeps to its column's width; a line of prose may run on rather than stop mid-clause.
    # A gist may run to twice its words (two or three lines of its cell), a line of prose to three times.
    lang = ctx.lang if ctx else _DEFAULT_LANG
    # A sheet with room (roomy or small) prints a line with no clause to end at whole, never gutted with "…".
    hardest = GIST_HARDEST if subject else HARDEST
    whole = ctx is not None and ctx.detail > 0
    # a gist's cell is narrow: a few words over its reach at most, where a line of prose may run on its limit
    out = _shorten(out, words, 1 if subject else LONGEST, lang, hardest, whole, 4 if subject else 0).strip()
    out = re.sub(r"\s+([,.;:])", r"\1", out)
    # A lower-case word opens with a capital; a symbol does not ("r in V1", "rSR'", "pH": a lead's small r
    # is not its capital R).
    if cap and re.match(r"[a-z]{2,}(?![\w'’])", out) and not out.startswith(("e.g.", "i.e.")):
        out = out[0].upper() + out[1:]
    return out.rstrip(" ,;:")


# An item with its nested items joined after it, as the notes reader joins them ("Pay for what you use:
# Linux - per second; Other OS - per hour"), or a run of items alone ("Batch jobs; Data analysis").
_NESTED = re.compile(r"^([^;]{0,200}?):\s+(\S.*;\s.*)$")


def _listed(text: str, ctx: _Ctx, words: int, subject: bool = False) -> str:
    """A list item as a sheet prints it: `_tidy`, unless it carries a list of its own (nested items joined
    with '; '), which is never cut to its first items as if they were all: every item fits whole (each
    item's own asides may go), or the line ends after whole items with a visible cut ('; …')."""
    m = _NESTED.match(text)
    own, parts = (m.group(1), m.group(2)) if m else ("", text)
    if own.count("(") != own.count(")"):
        own, parts = "", text  # the colon is inside a parenthesis: no item of its own
    items = [p.strip() for p in _outside_brackets(parts).split("; ") if p.strip()]
    items = [p.replace("\0", "; ") for p in items]
    # Without a line of its own, items joined by "; " are a list only when they are short, as names and
    # phrases are: "X; Y" of longer clauses is a sentence's two clauses.
    if len(items) < 2 or (not own and any(len(i.split()) > 6 for i in items)):
        return _tidy(text, ctx, words, subject=subject)
    return _as_list(_tidy(own, ctx, words, subject=subject) if own else "", items, ctx, words, subject)


def _outside_brackets(text: str) -> str:
    """`text` with each '; ' inside a parenthesis or a bracket written as NUL: not a list's separator."""
    out, depth = [], 0
    for i, ch in enumerate(text):
        depth += (ch in "([") - (ch in ")]")
        out.append("\0" if depth > 0 and text.startswith("; ", i) and ch == ";" else ch)
    return "".join(out).replace("\0 ", "\0")


def _as_list(own: str, items: list[str], ctx: _Ctx, words: int, subject: bool = False) -> str:
    """`own` then its `items`, as many whole items as fit HARDEST times `words`, then '; …' when some are left:
    the cut every line of the sheet shows (and the build's summary counts, `shortened`), never a count of
    the items left out ('(+2 more)' read as a fact of the notes, blind review issue 14)."""
    budget = max(words * HARDEST, len(own.split()) + words)
    kept: list[str] = []
    used = len(own.split())
    for item in items:
        short = _tidy(item, ctx, words, subject=subject)
        if kept and (used + len(short.split()) > budget or short.endswith("…")):
            break
        kept.append(short)
        used += len(short.split())
    line = joined(kept)
    if own:
        line = joined([own, line], ": ")
    if len(kept) < len(items):
        line = line.rstrip("…").rstrip(" .;,") + "; …"
    return line


def _strip_vendor(text: str, ctx: _Ctx) -> str:
    """'<Brand> Studio Canvas' on the Studio sheet is 'Canvas': the notes' brand prefix (brands.py) takes
    room only, and the title already says Studio."""
    text = brands.strip(text, ctx.brands)
    if ctx.domain and len(ctx.domain) > 2:
        text = re.sub(rf"\b{re.escape(ctx.domain)} (?=[A-Z][a-z])", "", text)
    return re.sub(r"\b([Aa])n (?=[B-DF-HJ-NP-TV-Z][a-z])", r"\1 ", text)  # "an <Brand> Canvas" -> "a Canvas"


def _strip_subject(desc: str, term: str) -> str:
    """'Stratified split splits the data ...' under the term 'Stratified split' -> 'splits the data ...'."""
    m = re.match(rf"^(?:The |An? )?{re.escape(term)}\b[ ,:]*", desc, re.I)
    if m and len(desc) > m.end() + 3:
        desc = desc[m.end() :]
        desc = re.sub(r"^(?:is|are) (?:an? |the )?", "", desc)
    return desc


# Words a shortened line must keep: a warning's "not", a condition's "unless", a number (and so its unit).
_KEEP = re.compile(r"\b(?:not|no|never|cannot|avoid|without|unless|except|only|if)\b|n't\b|\d", re.I)
LONGEST = 1.5  # a sentence up to this many times its line's word limit is printed whole, never cut mid-clause


_DEFAULT_LANG = words.DEFAULT  # (in _tidy and _shorten, `words` is a word count)
GIST_HARDEST = 1.5
HARDEST = 3  # a sentence with no clause to end at is printed whole up to this many times its limit


@functools.cache
def _clauses(lang: str) -> dict:
    """Where a language's sentences may end early (words/clauses/<lang>.toml): {} for one without a list."""
    path = words.HERE / "clauses" / f"{lang}.toml"
    if not path.is_file():
        return {}
    with open(path, "rb") as f:
        data = tomllib.load(f)

    def alternation(key: str) -> str:
        return "|".join(re.escape(w) for w in sorted(data.get(key, []), key=len, reverse=True))

    return {
        "after_comma": re.compile(rf"(?:,|;) (?=(?:{alternation('clause_openers')})\b)", re.I),
        "tail": re.compile(rf" (?=(?:{alternation('tail_openers')})\b)", re.I),
        "aside": re.compile(rf"(?:,\s*|\s+)(?:{alternation('aside_openers')})(?=\s).*$", re.I),
        # "(eg: EC2 read access)", "(e.g. 2x2 windows)": a parenthesis that is an example, numbers and all
        "example": re.compile(rf"^\s*\(\s*(?:{alternation('aside_openers')})(?![\w])", re.I),
        "complements": frozenset(w.lower() for w in data.get("that_complements", [])),
        "figure": re.compile(
            rf"\b(?:{alternation('figure_pointers')})\W+(?:\w+\W+){{0,3}}?(?:{alternation('figure_nouns')})\b|"
            rf"\b(?:{alternation('figure_nouns')})\W+(?:\w+\W+){{0,3}}?(?:{alternation('figure_pointers_after')})\b|"
            rf"\b(?:{alternation('figure_phrases')})\b",
            re.I,
        )
        if data.get("figure_nouns")
        else None,
    }


# A clause the sentence stands without, wherever it is: a parenthesis of two words or more, a dash aside.
_PAREN = re.compile(r"\s*\((?:[^()]*\s[^()]*)\)")
# A dash aside ends before the next clause: "Linux - billing per second; Other OS - billing per hour" are two
# clauses each with its dash, not one aside from the first dash to the second.
_DASHED = re.compile(r"\s+[—–-]\s+[^—–;:]+?\s+[—–-](?=\s)")
_INNER_WHICH = re.compile(r", (?:which|who) [^,;]+,(?= )", re.I)
_OPENING = re.compile(r"(?:If|When|Whenever|Because|Before|After|During|With|As|Once|Since|In|For|By|To|While)\b", re.I)
_WARN = re.compile(r"\b(?:not|no|never|cannot|avoid|without|unless|except|only)\b|n't\b", re.I)


def _boundaries(text: str, lang: str) -> list[int]:
    """Where `text` may end at a clause boundary: before "; ", a dash, ", which ...", ", using ...", a
    relative clause after a noun ("a service that ..."), an example's "such as ...". Sorted."""
    # A spaced hyphen is a dash in typed notes ("... the update - no tuning needed").
    cuts = {m.start() for m in re.finditer(r"; | [—–-] |: (?=[A-Za-z])", text)}
    rules = _clauses(lang)
    if rules:
        for m in rules["after_comma"].finditer(text):
            pos = m.start()
            rest = text[m.end() :].split(None, 1)[0].lower()
            item = text[max(text.rfind(",", 0, pos), text.rfind(";", 0, pos)) + 1 : pos]
            if rest in ("and", "or") and "," in text[:pos] and len(item.split()) <= 3:
                continue  # the last item of a list ("compute, memory, and network"), not a clause
            cuts.add(pos)
        for m in rules["tail"].finditer(text):
            before = text[: m.start()].split()[-1:] or [""]
            word = text[m.end() :].split(None, 1)[0].lower()
            if word == "that" and before[0].lower().strip(",") in rules["complements"]:
                continue  # "shows that ...": what it shows, not a relative clause
            if word in ("that", "which", "who", "whose", "where") and before[0].endswith((",", ";")):
                continue  # the comma rule above has it
            if _WARN.search(text[: m.start()]):
                continue  # "cannot be relied on for jobs that must finish ...": the warning says which
            if len(text[: m.start()].split()) < 5:
                continue  # "Choose a model that can scale well": the clause is what it says
            cuts.add(m.start())
    return sorted(p for p in cuts if p > 0 and not _inside_brackets(text, p))


def _inside_brackets(text: str, pos: int) -> bool:
    """Whether `pos` is inside a parenthesis or a bracket opened before it: a line never ends there (it
    printed "... tailored for preprocessing tasks (eg" of "(eg: deduplication, normalization)")."""
    before = text[:pos]
    return before.count("(") > before.count(")") or before.count("[") > before.count("]")


def _depth(text: str) -> int:
    """How many parentheses and brackets `text` leaves open."""
    return max(0, text.count("(") + text.count("[") - text.count(")") - text.count("]"))


def _shorten(
    text: str,
    words: int,
    longest: float = LONGEST,
    lang: str = _DEFAULT_LANG,
    hardest: float = HARDEST,
    whole: bool = False,
    slack: int = 0,
) -> str:
    """`text` in about `words` words, by its clauses, never mid-clause:

    whole when it fits; else without its asides (an example's "such as ...", a parenthesis, a dash aside,
    a ", which ...," clause); else up to the last clause boundary within `longest` times the limit that
    keeps every negation, condition and number (a warning keeps its "not", a number its unit); else up to
    its first such boundary, or whole, up to HARDEST times the limit (at any length when `whole`: a sheet
    with room); else cut with "…" (the build then names the sentence: the only mid-clause cut a sheet makes)."""
    if len(text.split()) <= words:
        return text
    # A formula is one word whose punctuation is the formula's own: hidden while the clauses are found.
    spans: list[str] = []

    def hide(m: re.Match) -> str:
        spans.append(m.group(0))
        return chr(_HIDDEN + len(spans) - 1)

    out = _clause_cut(_FORMULA.sub(hide, text), words, longest, lang, hardest, whole, slack or max(4, words))
    return re.sub(f"[{chr(_HIDDEN)}-{chr(_HIDDEN + 4095)}]", lambda m: spans[ord(m.group(0)) - _HIDDEN], out)


_FORMULA = re.compile(f"{formula.OPEN}[^{formula.CLOSE}]*{formula.CLOSE}")
_HIDDEN = 0xF0000  # supplementary private use: a character no notes contain, one per formula of a sentence


def _clause_cut(
    text: str, words: int, longest: float, lang: str, most: float, whole: bool = False, slack: int = 4
) -> str:
    limit = max(words, int(words * longest))
    rules = _clauses(lang)
    # An example or an aside goes first: unless it holds the sentence's only "not". An example's tail
    # ("such as A, B and C") only from its opener to the sentence's end: mid-sentence its end is not known.
    lean = text
    for pat in (rules.get("aside"), _PAREN, _DASHED, _INNER_WHICH):
        if pat is None:
            continue
        for m in reversed(list(pat.finditer(lean))):
            # "(only Lambda, EC2)", "(2 - 3 mm)", "(if not ...)": a caveat, not an aside; an example's tail
            # ("such as 2x2 windows") goes with its numbers, unless it holds the sentence's "not".
            example = pat is _PAREN and rules and rules["example"].match(m.group(0))
            if (_WARN if pat is rules.get("aside") or example else _KEEP).search(m.group(0)) or m.start() == 0:
                continue
            if _inside_brackets(lean, m.start()):
                continue  # "formats (e.g. CSV, JSON)": the parenthesis goes whole or stays, never its inside
            if pat is rules.get("aside") and lean[m.end() :].strip(" .;:"):
                continue
            shorter = (lean[: m.start()] + (" " if pat is _INNER_WHICH else "") + lean[m.end() :]).strip()
            if len(shorter.split()) >= 3:
                lean = re.sub(r"\s+([,.;:])", r"\1", shorter)
        if len(lean.split()) <= limit:
            return lean.rstrip(" ,;:")
    hardest = int(words * max(longest, most))
    # Its clauses without the asides, then as written: an aside taken out may join two clauses in one
    # ("the update - same shape - even though ..."), whose boundary was the aside.
    ways = [(t, _ends(t, lang)) for t in dict.fromkeys((lean, text))]
    for t, ends in ways:
        if fits := [p for p in ends if len(t[:p].split()) <= limit]:
            return _dangling_out(t[: fits[-1]])
    for t, ends in ways:
        if ends and len(t[: ends[0]].split()) <= hardest:
            return _dangling_out(t[: ends[0]])
    # No clause to end at within reach: a line a little longer is printed whole rather than cut mid-clause
    # ("Sum of the absolute values of…" of an L1 term's definition: two words short of its noun).
    if whole or len(lean.split()) <= hardest + slack:
        return lean
    # Far too long: ended after a whole clause that keeps its warning ("…" says more followed), and only with
    # no clause at all mid-clause (the build names those sentences).
    warn = max((m.end() for m in _WARN.finditer(lean)), default=0)
    for t in dict.fromkeys((lean, text)):
        reach = hardest + slack
        ends = [p for p in _boundaries(t, lang) + _commas(t) if p >= warn and 3 <= len(t[:p].split()) <= reach]
        if ends:
            return _dangling_out(t[: max(ends)]) + "…"
    return _phrase_cut(lean, min(hardest, limit + 4))


# Words that open a phrase a line may end before when it has no clause to end at ("Sum of the absolute
# values of the weights as a penalty to ..." -> "... of the weights…", not "... values of…").
_PHRASE = re.compile(r"(?:in|on|at|for|with|by|as|to|from|via|into|over|under|through|during|and|or|while|when)", re.I)


def _phrase_cut(text: str, words: int) -> str:
    """`text` cut to at most `words` words before a phrase (a preposition, a conjunction) in its second half,
    else at `words` (_cut_words)."""
    toks = text.split()
    for n in range(min(words, len(toks) - 1), max(3, words // 2) - 1, -1):
        if _PHRASE.fullmatch(toks[n]) and not _depth(" ".join(toks[:n])) and not toks[n - 1].endswith((",", ";")):
            return _dangling_out(" ".join(toks[:n])) + "…"
    return _cut_words(text, words)


def _commas(text: str) -> list[int]:
    """Where a comma ends a clause: not inside a parenthesis, not in a number ('120,000')."""
    return [m.start() for m in re.finditer(r",(?=\s)", text) if _depth(text[: m.start()]) == 0]


def _ends(text: str, lang: str) -> list[int]:
    """The clause boundaries `text` may end at: after its last negation, condition and number, with three
    words before it at least, and not inside a leading "If ...," clause."""
    keep = max((m.end() for m in _KEEP.finditer(text)), default=0)
    return [
        p
        for p in _boundaries(text, lang)
        if p >= keep and len(text[:p].split()) >= 3 and not (_OPENING.match(text) and "," not in text[:p])
    ]


def _dangling_out(text: str) -> str:
    """A clause cut before its "using ..." may leave a word that led into it ("... services by"): it goes."""
    return re.sub(
        r"(?:\s+(?:a|an|the|and|or|of|to|for|in|on|with|by|that|which|is|are))+$", "", text.rstrip(" ,;:"), flags=re.I
    )


def _cut_words(text: str, words: int) -> str:
    toks = text.split()
    if len(toks) <= words:
        return text.strip()
    cut = " ".join(toks[:words])
    pos = cut.rfind(", ")
    # Cut at a comma, unless what comes before it is only a leading "With ..." or "When ..." clause.
    if pos > len(cut) * 0.5 and not re.match(
        r"(?:If|When|Whenever|Because|Before|After|During|With|As|Once|Since|In|For|By|To)\b", cut
    ):
        cut = cut[:pos]
    if _inside_brackets(cut, len(cut)):
        # Never inside a parenthesis: before it, when that leaves words enough to read
        opened = max(cut.rfind("("), cut.rfind("["))
        if len(cut[:opened].split()) >= 3:
            cut = cut[:opened].rstrip()
    cut = re.sub(
        r"\s+(?:a|an|the|and|or|of|to|for|in|on|with|by|that|which|is|are)$", "", cut.rstrip(",;:"), flags=re.I
    )
    return cut + "…"
