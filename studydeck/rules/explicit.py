"""Cards the author wrote: `Q:`/`A:` pairs, `{{c1::...}}` clozes and `==highlights==`, never inside code."""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Block, Card, Explicit, Paragraph
from .text import cloze, plain, render, to_html

_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)\}\}")
_HIGHLIGHT = re.compile(r"==(?=\S)(.+?)(?<=\S)==")
_CODE = re.compile(r"(`+)(?:.+?)\1")


def explicit(block: Block, ctx) -> Iterator[Card]:
    if isinstance(block, Explicit) and block.kind == "qa":
        if not plain(block.answer) or not plain(block.question):
            return
        yield ctx.card("qa", to_html(block.question), to_html(block.answer), block, "explicit-qa", plain(block.question))
        return
    if isinstance(block, Explicit) and block.kind == "cloze":
        text, first = _render(block.question)
        if first:
            yield ctx.card("cloze", text, "", block, "explicit-cloze", first)
        return
    if not isinstance(block, Paragraph):
        return
    for sent in block.sentences:
        outside = _CODE.sub("", sent)
        if _CLOZE.search(outside) or _HIGHLIGHT.search(outside):
            text, first = _render(sent)
            if first:  # at least one deletion with text in it
                yield ctx.card("cloze", text, "", block, "explicit-cloze", first)


def _render(src: str) -> tuple[str, str]:
    """HTML of a marked-up sentence: highlights become clozes numbered after the author's own; the
    Markdown around and inside deletions is rendered; code spans stay verbatim (braces untouched)."""
    chunks = re.split(r"((`+).+?\2)", src)
    texts = chunks[0::3]
    codes = chunks[1::3]
    used = [int(n) for t in texts for n, _ in _CLOZE.findall(t)]
    nxt = max(used, default=0) + 1
    parts: list = []
    first = ""
    for k, t in enumerate(texts):

        def hl(m: re.Match) -> str:
            nonlocal nxt
            out = "{{c%d::%s}}" % (nxt, m.group(1))
            nxt += 1
            return out

        t = _HIGHLIGHT.sub(hl, t)
        last = 0
        for m in _CLOZE.finditer(t):
            body, _, hint = m.group(2).partition("::")
            if not plain(body):
                parts.append(t[last : m.start()])  # an empty deletion would be an empty card: drop the marker
                last = m.end()
                continue
            if not first:
                first = plain(body)
            parts += [t[last : m.start()], (cloze(to_html(body), int(m.group(1)), hint),)]
            last = m.end()
        parts.append(t[last:])
        if k < len(codes):
            # code shows its braces literally; as entities Anki cannot read them as a deletion
            parts.append((to_html(codes[k]).replace("{", "&#123;").replace("}", "&#125;"),))
    return render(*parts).strip(), first
