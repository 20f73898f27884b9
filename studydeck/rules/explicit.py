"""Cards the author wrote: `Q:`/`A:` pairs, `{{c1::...}}` clozes and `==highlights==`, never inside code."""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Block, Card, Explicit, Paragraph
from .text import plain, to_html

_CLOZE = re.compile(r"\{\{c(\d+)::(.+?)\}\}")
_HIGHLIGHT = re.compile(r"==(?=\S)(.+?)(?<=\S)==")
_CODE = re.compile(r"(`+)(?:.+?)\1")


def explicit(block: Block, ctx) -> Iterator[Card]:
    if isinstance(block, Explicit) and block.kind == "qa":
        yield ctx.card("qa", to_html(block.question), to_html(block.answer), block, "explicit-qa", plain(block.question))
        return
    if isinstance(block, Explicit) and block.kind == "cloze":
        text, first = _render(block.question)
        yield ctx.card("cloze", text, "", block, "explicit-cloze", first or plain(block.question)[:40])
        return
    if not isinstance(block, Paragraph):
        return
    for sent in block.sentences:
        outside = _CODE.sub("", sent)
        if _CLOZE.search(outside) or _HIGHLIGHT.search(outside):
            text, first = _render(sent)
            yield ctx.card("cloze", text, "", block, "explicit-cloze", first or plain(sent)[:40])


def _render(src: str) -> tuple[str, str]:
    """HTML of a marked-up sentence: highlights become numbered clozes after the author's own numbers;
    code spans are kept verbatim (rendered as code, their braces untouched)."""
    pieces = re.split(r"((`+).+?\2)", src)
    # re.split with two groups yields [text, code, ticks, text, ...]; keep text and code only
    parts: list[str] = []
    i = 0
    while i < len(pieces):
        parts.append(pieces[i])
        if i + 1 < len(pieces):
            parts.append(pieces[i + 1])
        i += 3
    used = [int(n) for k, p in enumerate(parts) if k % 2 == 0 for n, _ in _CLOZE.findall(p)]
    nxt = max(used, default=0) + 1
    first = ""
    out: list[str] = []
    for k, p in enumerate(parts):
        if k % 2 == 1:
            out.append(to_html(p))
            continue

        def hl(m: re.Match) -> str:
            nonlocal nxt
            s = "{{c%d::%s}}" % (nxt, m.group(1))
            nxt += 1
            return s

        p = _HIGHLIGHT.sub(hl, p)
        m = _CLOZE.search(p)
        if m and not first:
            first = plain(m.group(2).split("::")[0])
        # render the Markdown around and inside the deletions, keeping the markers
        segs = re.split(r"(\{\{c\d+::|::[^}]*\}\}|\}\})", p)
        out.append("".join(s if re.fullmatch(r"\{\{c\d+::|::[^}]*\}\}|\}\}", s) else to_html(s) if s.strip() else s for s in segs))
    return "".join(out).strip(), first
