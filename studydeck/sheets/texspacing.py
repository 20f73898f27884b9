"""Stage 5a, math: TeX's spacing between the atoms of a formula, written into the MathML ziamath draws.

latex2mathml writes no spacing and ziamath spaces every operator by the MathML dictionary alone, whatever
stands next to it: a minus after '=' or '(' gets a binary operator's gaps ('x = − ∞', '( − x'), `\\times`
and `\\cap` get none ('A∩B'), 'lim sup' and 'sin' none before their argument, ':=' comes apart (': =').
TeX decides each gap from the classes of the two atoms beside it (the TeXbook's table in chapter 18,
and Appendix G's rules 5 and 6 for a binary sign that has nothing to act on): this module classifies every
atom, zeroes ziamath's own operator spaces and puts TeX's gaps in as <mspace>. It also says where a line
may break (after a top-level relation or binary operator, as TeX breaks inline math), so a long formula
wraps instead of shrinking.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET

from ziamath.operators import leftfences as _ZIAMATH_LEFT_FENCES
from ziamath.operators import names as _ZIAMATH_OPERATORS

ORD, OP, BIN, REL, OPEN, CLOSE, PUNCT, INNER = range(8)

# The TeXbook's spacing table (chapter 18): rows the left atom, columns the right one, in the order above.
# 0 none, 1 thin, 2 medium, 3 thick space; in parentheses: none in a sub- or superscript; '*' cannot occur.
_TABLE = """
0 1 (2) (3) 0 0 0 (1)
1 1 * (3) 0 0 0 (1)
(2) (2) * * (2) * * (2)
(3) (3) * 0 (3) 0 0 (3)
0 0 * 0 0 0 0 0
0 1 (2) (3) 0 0 0 (1)
(1) (1) * (1) (1) (1) (1) (1)
(1) 1 (2) (3) (1) 0 (1) (1)
"""
_MU = {"0": 0, "1": 3, "2": 4, "3": 5, "*": 0}
"""Thin, medium and thick space in mu (1/18 em): TeX's \\thinmuskip, \\medmuskip and \\thickmuskip."""
SPACE: list[list[tuple[int, bool]]] = [
    [(_MU[cell.strip("()")], cell.startswith("(")) for cell in row.split()] for row in _TABLE.strip().splitlines()
]
"""(mu, dropped in scripts) between a left and a right atom class."""

_OPEN, _CLOSE = "([{⟨⌊⌈⟦", ")]}⟩⌋⌉⟧!?"
_BARS = "|‖"
"""Bars are ordinary symbols to TeX, which is why `|-x|` gets a binary minus there; written in pairs they
open and close (what `\\lvert`, `\\rvert` say)."""
_LARGE = "∑∏∐∫∬∭∮⋀⋁⋂⋃⨀⨁⨂⨄⨆"
_REL_WORDS = (
    "ARROW",
    "EQUAL",
    "IDENTICAL",
    "TILDE",
    "LESS-THAN",
    "GREATER-THAN",
    "SUBSET",
    "SUPERSET",
    "ELEMENT OF",
    "CONTAINS AS",
    "PRECEDES",
    "SUCCEEDS",
    "PROPORTIONAL",
    "PARALLEL",
    "DIVIDES",
    "TACK",
    "MODELS",
    "COLON",
    "EQUIVALENT",
    "APPROACHES",
    "ASYMPTOTICALLY",
)
_BIN_WORDS = (
    "PLUS",
    "MINUS",
    "TIMES",
    "MULTIPLICATION",
    "DIVISION SIGN",
    "OPERATOR",
    "MIDDLE DOT",
    "BULLET",
    "INTERSECTION",
    "UNION",
    "CIRCLED",
    "SQUARED",
    "LOGICAL AND",
    "LOGICAL OR",
    "WEDGE",
    "AMALGAMATION",
    "WREATH",
)
_ROWS = {"math", "mrow", "mstyle", "mtd", "msqrt", "mpadded", "mphantom", "menclose", "merror"}
"""Elements whose children are a list of atoms (MathML's 'inferred mrow')."""
_SCRIPTED = {"msub", "msup", "msubsup", "munder", "mover", "munderover", "mmultiscripts"}


def char_class(ch: str) -> int:
    """The TeX class of a symbol, by its Unicode name where no list names it."""
    if ch in _OPEN:
        return OPEN
    if ch in _CLOSE:
        return CLOSE
    if ch in ",;":
        return PUNCT
    if ch in _LARGE:
        return OP
    name = unicodedata.name(ch, "")
    if "N-ARY" in name or "INTEGRAL" in name:
        return OP
    if any(w in name for w in _REL_WORDS):
        return REL
    if any(w in name for w in _BIN_WORDS):
        return BIN
    return ORD


def _text(e: ET.Element) -> str:
    return (e.text or "").strip()


def _is_name(text: str) -> bool:
    """'sin', 'lim sup', 'Var': an operator's name (latex2mathml writes \\sin as <mi>, \\max as <mo>)."""
    return len(text) > 1 and text.replace("\u2006", "").replace(" ", "").isalpha()


def atom_class(e: ET.Element) -> int | None:
    """The TeX class of one child of a row; None for what is no atom (a space, an empty operator)."""
    tag = e.tag
    if tag == "mspace" or (tag == "mo" and not _text(e)):
        return None
    if tag in ("mi", "mo"):
        text = _text(e)
        if _is_name(text):
            return OP
        if tag == "mo" and e.get("fence") == "true":
            return OPEN if e.get("form") == "prefix" else CLOSE
        if len(text) == 1 and (tag == "mo" or text == ":"):
            return char_class(text)
        return ORD
    if tag in _SCRIPTED:
        return atom_class(e[0]) if len(e) else ORD
    if tag == "mfrac":
        return INNER  # TeX sets a fraction as an inner atom (Appendix G, rule 15e)
    if tag == "mrow":
        if _is_left(e):
            return INNER
        return ORD  # a braced group: '{+}' is ordinary
    if tag == "mstyle" and len(e) == 1:
        return atom_class(e[0])
    return ORD


def _classes(children: list[ET.Element]) -> list[int | None]:
    """Each child's class in its row, with TeX's corrections for the row's context (Appendix G, rules 5-6)."""
    raw = [atom_class(c) for c in children]
    out = list(raw)
    atoms = [i for i, k in enumerate(raw) if k is not None]
    open_bar = ""
    for n, i in enumerate(atoms):
        text = _text(children[i]) if children[i].tag == "mo" else ""
        before = raw[atoms[n - 1]] if n else None
        if text in _BARS and text and raw[i] == ORD:
            if open_bar == text:
                out[i], open_bar = CLOSE, ""
            elif before in (None, BIN, REL, OPEN, PUNCT, OP):
                out[i], open_bar = OPEN, text
    for n, i in enumerate(atoms):
        if out[i] != BIN:
            continue
        before = out[atoms[n - 1]] if n else None
        after = out[atoms[n + 1]] if n + 1 < len(atoms) else None
        # A sign with nothing to its left to act on is a unary one (−x, (−1), x = −∞), and so is one that
        # ends the row or stands before a relation, a closing or a punctuation mark.
        if before in (None, BIN, OP, REL, OPEN, PUNCT) or after in (None, REL, CLOSE, PUNCT):
            out[i] = ORD
    return out


ZIAMATH_EM = 1.333
"""ziamath reads '1em' as the font size in points times 1.333 (a pixel per point), 4/3 of its glyphs' em:
a width in em is written divided by this."""
_ZIAMATH_LEFT = 2 * ZIAMATH_EM
"""mu: ziamath's own 'verythinmathspace' before a \\left fence that is not first in its row."""


def _is_left(e: ET.Element) -> bool:
    """A \\left( ... \\right) group."""
    return e.tag == "mrow" and len(e) > 0 and e[0].tag == "mo" and e[0].get("fence") == "true"


def _form(i: int, n: int, parent: str) -> str:
    """The operator form ziamath would infer from a child's place (it reads stretchiness and large sizes by
    form): set before spaces are put in, which would move every child's place."""
    if parent in ("msub", "msup", "msubsup"):
        return "prefix"
    if n == 1:
        return "none"
    return "prefix" if i == 0 else "postfix" if i == n - 1 else "infix"


def _space(mu: float) -> ET.Element:
    return ET.Element("mspace", width=f"{mu / 18 / ZIAMATH_EM:.4f}em")


def space(e: ET.Element, display: bool, script: bool = False) -> None:
    """Put TeX's spacing into the MathML tree `e` (in place); `display` and `script` are TeX's styles."""
    e.tag = e.tag.rsplit("}", 1)[-1]
    if e.tag == "mstyle":
        if e.get("displaystyle") is not None:
            display = e.get("displaystyle") == "true"
        if e.get("scriptlevel", "0") not in ("0", ""):
            script = True
    children = list(e)
    for c in children:
        c.tag = c.tag.rsplit("}", 1)[-1]
        if c.tag == "mi" and _text(c) in _ZIAMATH_OPERATORS:
            c.tag = "mo"  # ziamath makes these operators itself (':'), with the dictionary's spaces
    if e.tag in _ROWS or e.tag in ("msub", "msup", "msubsup"):
        for i, c in enumerate(children):
            if c.tag == "mo" and "form" not in c.attrib:
                c.set("form", _form(i, len(children), e.tag))
    for c in children:
        width = re.fullmatch(r"(-?[\d.]+)em", c.get("width", "")) if c.tag == "mspace" else None
        if width:
            c.set("width", f"{float(width.group(1)) / ZIAMATH_EM:.4f}em")  # '\\,', '\\quad': TeX's em
        if c.tag == "mo":
            c.set("lspace", "0em")
            c.set("rspace", "0em")
            if _text(c) == "*":
                c.text = "\u2217"  # TeX's '*' in math is the centred asterisk operator, \ast
    for i, c in enumerate(children):
        if e.tag in _SCRIPTED:
            space(c, display, script or i > 0)
        elif e.tag == "mfrac":
            space(c, False, script or not display)  # a text-style fraction has script-style parts
        elif e.tag == "mroot":
            space(c, display, script or i > 0)
        else:
            space(c, display, script)
    if e.tag not in _ROWS:
        return
    classes = _classes(children)
    atoms = [(c, k) for c, k in zip(children, classes, strict=True) if k is not None]
    gaps: dict[int, float] = {}
    for (left, a), (right, b) in zip(atoms, atoms[1:], strict=False):
        mu, not_in_scripts = SPACE[a][b]
        if script and not_in_scripts:
            mu = 0
        if _is_left(right) and _text(right[0]) in _ZIAMATH_LEFT_FENCES:
            mu -= _ZIAMATH_LEFT  # ziamath puts this much before a \left fence with anything to its left
        if mu:
            gaps[id(left)] = mu
    if not gaps:
        return
    for c in reversed(children):
        if id(c) in gaps:
            pos = list(e).index(c)
            e.insert(pos + 1, _space(gaps[id(c)]))


def breaks(row: ET.Element) -> list[int]:
    """Indexes in `row` (already spaced) after which a line may break, as TeX breaks inline math: after a
    relation or a binary operator whose right neighbour is not one too ('≤', not the ':' of ':=')."""
    children = list(row)
    classes = _classes(children)
    atoms = [i for i, k in enumerate(classes) if k is not None]
    out = []
    for n, i in enumerate(atoms[:-1]):
        if classes[i] in (REL, BIN) and classes[atoms[n + 1]] not in (REL, BIN, PUNCT, CLOSE):
            tail = "".join("".join(c.itertext()) for c in children[i + 1 :]).strip()
            head = "".join("".join(c.itertext()) for c in children[: i + 1]).strip()
            if len(tail) > SHORT_TAIL or len(head) < LONG_HEAD:
                out.append(i)
    return out


# A long formula (LONG_HEAD characters before the cut) does not break before a tail of SHORT_TAIL characters or
# fewer: '... ≈' over '0.2794', '× P(A^c)' alone on a line read as cut off from the formula (blind review: a
# result split off from its fraction). A short one ('a = b + c ≤ d') keeps its breaks: it seldom needs one.
SHORT_TAIL = 8
LONG_HEAD = 20
