"""Stage 5a, math: the TeX formulas of a sheet as vector SVG (ziamath: pure Python, its own math font, no TeX).

The condenser works on plain text; a formula travels through it as one marked word (`mark`), so cutting
and tidying never split it, and the template draws it (`html`) at the size of the text around it.
"""

from __future__ import annotations

import functools
import html as html_lib
import re

OPEN, CLOSE, SPACE = "\ue000", "\ue001", "\ue002"
"""Private-use characters: a formula in the condensed text is OPEN tex CLOSE, its spaces SPACE."""
UNITS = 10.0
"""ziamath's font size: the SVG is drawn in these units per em, then sized in em by CSS."""
_MARKED = re.compile(f"{OPEN}([^{CLOSE}]*){CLOSE}")
# What latex2mathml leaves of a command it does not know: "\foo" as an identifier.
_UNKNOWN = re.compile(r">\\[A-Za-z]+<")
_NUMBER = re.compile(r'(width|height)="([\d.]+)"')


def mark(tex: str, display: bool = False) -> str:
    """A formula as one word of plain text; prose written between two dollar signs stays prose."""
    if _is_prose(tex):
        return f"${tex}$"
    tex = tex.strip()
    return OPEN + ("\n" if display else "") + tex.replace(" ", SPACE).replace("\n", SPACE) + CLOSE


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
    return _MARKED.sub(lambda m: _unmark(m.group(1)), text)


def renders(tex: str, display: bool = False) -> bool:
    return svg(tex, display) is not None


@functools.lru_cache(maxsize=8192)
def svg(tex: str, display: bool = False) -> str | None:
    """The formula as inline SVG sized in em (baseline on the text's), or None when it cannot be drawn.

    Cached by TeX: a formula repeats within a sheet, and a worker renders many sheets."""
    import ziamath  # only for a sheet with a formula
    from ziamath.tex import tex2mml  # as above

    ziamath.config.svg2 = False  # paths drawn in place: no <symbol> ids, which repeat between formulas
    try:
        mml = tex2mml(tex, inline=not display)
        if _UNKNOWN.search(mml):
            return None
        out = ziamath.Math(mml, size=UNITS).svg()
    except Exception:  # noqa: BLE001  ziamath and latex2mathml raise all sorts on TeX they cannot read
        return None
    box = re.search(r'viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"', out)
    if not box:
        return None
    _x, top, width, height = map(float, box.groups())
    below = height + top  # the baseline is y = 0
    style = f'style="width:{width / UNITS:.3f}em;height:{height / UNITS:.3f}em;vertical-align:{-below / UNITS:.3f}em"'
    return _NUMBER.sub("", out, count=2).replace("<svg ", f'<svg class="math" {style} ', 1)


def html(text: str) -> str:
    """Plain text to HTML: escaped, each formula as its SVG, or as code when it cannot be drawn."""
    out: list[str] = []
    pos = 0
    for m in _MARKED.finditer(text):
        out.append(html_lib.escape(text[pos : m.start()], quote=False))
        inner = m.group(1)
        display = inner.startswith("\n")
        tex = _unmark(inner)
        drawn = svg(tex, display)
        if drawn is None:
            out.append(f'<code class="tex">{html_lib.escape(tex, quote=False)}</code>')
        else:
            out.append(f'<span class="display-math">{drawn}</span>' if display else drawn)
        pos = m.end()
    out.append(html_lib.escape(text[pos:], quote=False))
    return "".join(out)
