"""The edge of the card stage: a finished draft rendered to the HTML fields Anki stores (`model.Card`).
Nothing before this point holds HTML, and nothing after it parses a card's text back."""

from __future__ import annotations

import html as html_lib
import re

from .. import markdown
from ..model import Card, Link
from .card import CLOZE, Blank, Draft, Part

_MATH_HTML = re.compile(r'<(span|div|eq|eqn) class="math ?(inline|block|display)?[^"]*">(.*?)</\1>', re.S)


def to_html(src: str) -> str:
    """Inline Markdown to card HTML: math as Anki's MathJax \\( \\) / \\[ \\]."""
    out = markdown.to_html(src)

    def math(m: re.Match) -> str:
        display = m.group(2) in ("block", "display")
        return (r"\[" + m.group(3) + r"\]") if display else (r"\(" + m.group(3) + r"\)")

    return _MATH_HTML.sub(math, out)


def cloze_marker(text_html: str, n: int, hint: str = "") -> str:
    body = text_html.replace("}}", "} }").replace("::", ": :")
    hint = hint.replace("}}", "} }").replace("::", ": :")
    return f"{{{{c{n}::{body}::{hint}}}}}" if hint else f"{{{{c{n}::{body}}}}}"


def parts_html(parts: list[Part]) -> str:
    """Parts rendered as one Markdown text, so the spaces and emphasis around a deletion survive; stray
    braces in the text can never open a deletion (only the deletions carry markers)."""
    md: list[str] = []
    ready: list[str] = []
    for p in parts:
        if isinstance(p, Blank):
            md.append(f"QZXPH{len(ready)}XZQ")
            ready.append(cloze_marker(to_html(p.text), p.n, html_lib.escape(p.hint, quote=False)))
        else:
            md.append(p)
    out = to_html("".join(md))
    out = out.replace("{{", "{&#123;").replace("}}", "&#125;}")
    for i, h in enumerate(ready):
        out = out.replace(f"QZXPH{i}XZQ", h)
    return out


_SCHEME = re.compile(r"javascript:", re.I)


def _inert(html: str) -> str:
    """'javascript:' written in the notes (a code sample, a sentence) stays text that nothing can follow: its
    colon as an entity, so no field ever holds the scheme (the sanitiser strips it from links already)."""
    return _SCHEME.sub(lambda m: m.group(0)[:-1] + "&#58;", html)


def _no_markers(html: str) -> str:
    """Braces on a back are text: Anki must never read them as a deletion ('# {{c1::not a cloze}}' in code)."""
    return _inert(html.replace("{{", "{&#123;").replace("}}", "&#125;}"))


def front_html(d: Draft) -> str:
    if d.steps:
        head = f'<div class="steps-intro">{parts_html(d.front)}</div>' if d.front else ""
        items = "".join(f'<li value="{n}">{parts_html(item)}</li>' for n, item in enumerate(d.steps, 1))
        return f'{head}<ol class="steps">{items}</ol>'
    return parts_html(d.front)


def card(
    d: Draft,
    ctx_key: tuple[str, ...],
    deck: str,
    domain: str,
    tags: list[str],
    sources: list[Link],
    context: str,
    path: str,
) -> Card:
    extra = _no_markers("<br>".join(x for x in [*(to_html(e) for e in d.extra if e.strip()), *d.html] if x))
    return Card(
        kind=d.kind,
        front=_inert(front_html(d)),
        answer="" if d.kind == CLOZE else _no_markers(to_html(d.answer)),
        context=_no_markers(context),  # (the notes' headings: their braces are text too)
        extra=extra,
        sources=sources,
        tags=list(tags),
        key=ctx_key,
        rule=d.rule.label,
        source=d.source,
        deck=deck,
        domain=domain,
        path=path,
    )
