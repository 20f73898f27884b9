"""Stage 5a, math: the TeX formulas of a sheet as vector SVG (ziamath: pure Python, its own math font, no TeX).

The condenser works on plain text; a formula travels through it as one marked word (`mark`), so cutting
and tidying never split it, and the template draws it (`html`) at the size of the text around it.
"""

from __future__ import annotations

import functools
import html as html_lib
import re
import unicodedata
import xml.etree.ElementTree as ET

OPEN, CLOSE, SPACE = "\ue000", "\ue001", "\ue002"
"""Private-use characters: a formula in the condensed text is OPEN tex CLOSE, its spaces SPACE."""
BREAK = "\u200b"
"""Between the pieces of a formula: where a line may break, of no width."""
UNITS = 10.0
"""ziamath's font size: the SVG is drawn in these units per em, then sized in em by CSS."""
_MARKED = re.compile(f"{OPEN}([^{CLOSE}]*){CLOSE}")
RUBY, RT, RUBY_END = "\ue003", "\ue004", "\ue005"
"""Private-use characters: a ruby annotation in the condensed text is RUBY base RT reading RUBY_END."""
_RUBY = re.compile(f"{RUBY}([^{RT}{RUBY_END}]*){RT}([^{RUBY_END}]*){RUBY_END}")
# What latex2mathml leaves of a command it does not know: "\foo" as an identifier.
_UNKNOWN = re.compile(r">\\[A-Za-z]+<")
_NUMBER = re.compile(r'(width|height)="([\d.]+)"')
_VIEWBOX = re.compile(r'viewBox="[^"]*"')
_MARGIN = 1.0
"""Above and below the ink, in UNITS: antialiased edges are not cut off."""


def mark(tex: str, display: bool = False) -> str:
    """A formula as one word of plain text; prose written between two dollar signs stays prose."""
    if _is_prose(tex):
        return f"${tex}$"
    tex = tex.strip()
    return OPEN + ("\n" if display else "") + tex.replace(" ", SPACE).replace("\n", SPACE) + CLOSE


def ruby(base: str, reading: str) -> str:
    """A ruby annotation (漢字 read かんじ) as one word of plain text: set on the sheet with its reading above."""
    if not base.strip():
        return f"({reading})"
    return RUBY + base.replace(" ", SPACE) + RT + reading.replace(" ", SPACE) + RUBY_END


def _ruby_html(m: re.Match) -> str:
    # WeasyPrint lays <ruby> out as plain inline text ("漢字かんじ"): the reading is a line of its own over
    # the base, in an inline-block whose baseline is the base's (sheet.css: span.ruby).
    base, reading = (g.replace(SPACE, " ") for g in m.groups())
    return f'<span class="ruby"><span class="rt">{reading}</span><span class="rb">{base}</span></span>'


def direction(text: str) -> str:
    """'rtl' when the text's first letter is written right to left (Arabic, Hebrew), else 'ltr': WeasyPrint
    reads no dir="auto", so the sheet says which (an Arabic line's full stop then ends it on the left)."""
    for ch in _MARKED.sub("", text):
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def _is_prose(tex: str) -> bool:
    """'$5 per hour, and $' (two prices): words, no TeX; TeX is written tight against its dollars."""
    if not tex.strip() or tex != tex.strip():
        return True
    return not re.search(r"[\\^_{}=<>]", tex) and len(re.findall(r"[A-Za-z]{3,}", tex)) >= 3


def formulas(text: str) -> list[tuple[str, bool]]:
    """(TeX, displayed) of each formula marked in `text`."""
    return [(_unmark(m.group(1)), m.group(1).startswith("\n")) for m in _MARKED.finditer(text)]


def _unmark(inner: str) -> str:
    return inner.lstrip("\n").replace(SPACE, " ")


def plain(text: str) -> str:
    """`text` with its formulas as the TeX they were written in (for names in build messages)."""
    text = _RUBY.sub(lambda m: f"{m.group(1)}({m.group(2)})".replace(SPACE, " "), text)
    return _MARKED.sub(lambda m: _unmark(m.group(1)), text)


def renders(tex: str, display: bool = False) -> bool:
    return svg(tex, display) is not None


def repaired(tex: str) -> str | None:
    """An undrawable formula made drawable: each command latex2mathml does not know replaced by the known one
    it is a typo of ('\\mnathbb{N}' -> '\\mathbb{N}', '\\mathb{R}' -> '\\mathbb{R}'), or, with none close,
    left out with its argument kept ('\\nosuchcommand{x}' -> 'x'); None when that does not draw either.
    Printed as code, the formula was raw TeX on paper: a box of maths garbled by one letter of a typo."""
    import difflib  # (only a formula with an unknown command needs it: most sheets have none)

    known = _known()

    def fix(m: re.Match) -> str:
        name = m.group(1)
        if name in known:
            return m.group(0)
        near = difflib.get_close_matches(name, known, n=1, cutoff=0.8)
        return "\\" + near[0] if near else ""

    out = _COMMAND.sub(fix, _prepare(tex))
    return out if out.strip() and out != tex and svg(out) is not None else None


def as_text(tex: str) -> str:
    """A formula that cannot be drawn at all, as readable text: its symbols as their characters ('\\geq' as
    '≥'), other commands and braces left out, a braced index in parentheses ('x_{n+1}' as 'x_(n+1)')."""
    from latex2mathml.symbols_parser import SYMBOLS  # only for a sheet with a broken formula

    def symbol(m: re.Match) -> str:
        code = SYMBOLS.get(m.group(0))
        return chr(int(code, 16)) if isinstance(code, str) and re.fullmatch(r"[0-9A-Fa-f]{4,6}", code) else ""

    text = tex
    for _ in range(3):  # nested: \\frac{\\frac{a}{b}}{c}
        text = re.sub(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}", r"(\1)/(\2)", text)
    text = _COMMAND.sub(symbol, text)

    def index(m: re.Match) -> str:
        return m.group(1) + (m.group(2) if len(m.group(2)) == 1 else f"({m.group(2)})")

    for _ in range(3):  # nested: x^{a_{i}}
        text = re.sub(r"([_^])\{([^{}]*)\}", index, text)
    return re.sub(r"\s+", " ", text.replace("{", "").replace("}", "").replace("\\", "")).strip()


SCALE = 1.13
"""The math font's size to the text's: STIX Two's x-height is 0.47 em and its capitals 0.66 em, DejaVu's
0.55 and 0.73; at 1.13 both are within 2% of the text's, where at 1 a formula looked a size smaller."""

_FUNCTIONS = (
    "limsup liminf lim sup inf max min arg det dim ker deg gcd exp log ln sin cos tan cot sec csc"
    " sinh cosh tanh coth arcsin arccos arctan"
).split()
"""TeX's operator names (plain TeX's and amsmath's), written without their backslash in many notes
('lim_{n \\to \\infty}', 'sup S', 'max(a, b)'): TeX would set them as italic letters run into their
argument, which is never what the writer meant."""
_BARE = re.compile(r"(?<![\\A-Za-z])(" + "|".join(_FUNCTIONS) + r")(?![A-Za-z])")
_TEXT_GROUP = re.compile(r"\\(?:text[a-z]*|math[a-z]+|operatorname\*?|mbox|hbox|mathrm|rm)\s*\{[^{}]*\}")
_COMMAND = re.compile(r"\\([A-Za-z]+)")


def _prepare(tex: str) -> str:
    """The TeX as latex2mathml should read it: bare operator names with their backslash (never inside a
    text or font group: '\\text{min}' stays a word)."""
    out, pos = [], 0
    for m in _TEXT_GROUP.finditer(tex):
        out += [_BARE.sub(r"\\\1", tex[pos : m.start()]), m.group(0)]
        pos = m.end()
    out.append(_BARE.sub(r"\\\1", tex[pos:]))
    return "".join(out)


@functools.lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    """Every command latex2mathml reads: its command table's names and its symbol list's."""
    import latex2mathml.commands as commands  # only for a sheet with a formula
    from latex2mathml.symbols_parser import SYMBOLS  # as above

    names: set[str] = set(SYMBOLS)
    for value in vars(commands).values():
        items = value if isinstance(value, (tuple, list, set, frozenset)) else [value]
        if isinstance(value, dict):
            items = [*value, *(v for v in value.values() if isinstance(v, dict))]
        for item in items:
            if isinstance(item, dict):
                names.update(k for k in item if isinstance(k, str))
            elif isinstance(item, str):
                names.add(item)
    return frozenset(n[1:] for n in names if n.startswith("\\"))


def _unknown(tex: str) -> bool:
    """A command latex2mathml does not know ('\\mnathbb{N}', '\\mathb{R}', which it takes for a font and
    drops): the formula cannot be drawn as written."""
    return any(name not in _known() for name in _COMMAND.findall(tex))


@functools.lru_cache(maxsize=8192)
def svg(tex: str, display: bool = False) -> str | None:
    """The formula as inline SVG sized in em (baseline on the text's), or None when it cannot be drawn.

    A formula that may break (after a relation or a binary operator) is several SVGs with a break
    opportunity (BREAK) between them, so it wraps at the column's edge as TeX breaks inline math, where one
    SVG would shrink to the column's width.
    Cached by TeX: a formula repeats within a sheet, and a worker renders many sheets."""
    import ziamath  # only for a sheet with a formula
    from ziamath.tex import tex2mml  # as above

    from . import texspacing  # as above: it reads ziamath's operator table

    ziamath.config.svg2 = False  # paths drawn in place: no <symbol> ids, which repeat between formulas
    tex = _prepare(tex)
    if _unknown(tex):
        return None
    try:
        mml = tex2mml(tex, inline=not display)
        if _UNKNOWN.search(mml):
            return None
        root = ET.fromstring(mml)
        texspacing.space(root, display)
        pieces = _pieces(root)
        return BREAK.join(_draw(p, i == 0, i == len(pieces) - 1) for i, p in enumerate(pieces))
    except Exception:  # noqa: BLE001  ziamath and latex2mathml raise all sorts on TeX they cannot read
        return None


def _pieces(root):
    """The formula cut where a line may break (texspacing.breaks), each piece a <math>
    (the gap after the cut ends its piece: TeX's width on one line, at a line's end unseen)."""
    from . import texspacing  # ziamath's operator table, as in svg(): only for a sheet with a formula

    row = root[0] if len(root) == 1 and root[0].tag == "mrow" else root
    cuts = texspacing.breaks(row)
    if not cuts:
        return [root]
    children, out, start = list(row), [], 0
    for end in [*cuts, len(row) - 1]:
        if end + 1 < len(children) and children[end + 1].tag == "mspace":
            end += 1
        part = children[start : end + 1]
        piece = ET.Element(root.tag, root.attrib)
        ET.SubElement(piece, "mrow").extend(part)
        out.append(piece)
        start = end + 1
    return out


def _draw(mathml, first: bool = True, last: bool = True) -> str:
    """One piece as SVG, as wide as its advance (a piece's gap after its relation included, so the pieces
    join as one row would), widened only where ink reaches out at the formula's own two ends."""
    import ziamath  # as in svg(): only for a sheet with a formula

    math = ziamath.Math(mathml, size=UNITS, margin=0)
    out = math.svg()
    box = math.node.bbox
    left = min(0.0, box.xmin) if first else 0.0
    right = max(math.node.xadvance(), box.xmax) if last else math.node.xadvance()
    top, bottom = box.ymax + _MARGIN, box.ymin - _MARGIN  # y up, the baseline at 0
    em = SCALE / UNITS
    style = (
        f'style="width:{(right - left) * em:.3f}em;height:{(top - bottom) * em:.3f}em;'
        f'vertical-align:{bottom * em:.3f}em"'
    )
    view = f'viewBox="{left:.2f} {-top:.2f} {right - left:.2f} {top - bottom:.2f}"'
    out = _VIEWBOX.sub(view, _NUMBER.sub("", out, count=2), count=1)
    return out.replace("<svg ", f'<svg class="math" {style} ', 1)


# Korean is broken between its words, never inside one ('시켜/야', 'CSS word-break: keep-all'), but Pango
# breaks between any two Hangul syllables and WeasyPrint reads no keep-all: a word joiner (no width, not in
# the PDF's text) between two syllables of a word keeps it whole; its spaces still break.
_HANGUL_PAIR = re.compile(
    r"(?<=[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3])(?=[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3])"
)
WORD_JOINER = "\u2060"


def _text_html(text: str) -> str:
    """Plain text escaped for HTML, each Korean word kept on one line."""
    out = html_lib.escape(text, quote=False)
    return _HANGUL_PAIR.sub(WORD_JOINER, out) if not out.isascii() else out


def html(text: str) -> str:
    """Plain text to HTML: escaped, each formula as its SVG, or as code when it cannot be drawn."""
    out: list[str] = []
    pos = 0
    for m in _MARKED.finditer(text):
        out.append(_text_html(text[pos : m.start()]))
        inner = m.group(1)
        display = inner.startswith("\n")
        tex = _unmark(inner)
        drawn = svg(tex, display)
        if drawn is None and (fixed := repaired(tex)) is not None:
            drawn = svg(fixed, display)
        if drawn is None:
            out.append(f'<span class="tex">{html_lib.escape(as_text(tex), quote=False)}</span>')
        else:
            out.append(f'<span class="display-math">{drawn}</span>' if display else drawn)
        pos = m.end()
    out.append(_text_html(text[pos:]))
    return _RUBY.sub(_ruby_html, "".join(out))
