"""The one Markdown dialect studydeck reads (CommonMark + GFM + math; front matter is read apart) and inline helpers."""

from __future__ import annotations

import functools
import html
import re
from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.gfm import gfm_plugin


def remembered(fn):
    """lru_cache for a pure helper that returns a list: set arguments are frozen for the key and each
    caller gets its own copy of the list, so callers stay free to change what they get."""

    def frozen(v):
        return frozenset(v) if isinstance(v, set) else v

    @lru_cache(maxsize=1 << 15)
    def cached(args, kwargs):
        return tuple(fn(*args, **dict(kwargs)))

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return list(cached(tuple(map(frozen, args)), tuple(sorted((k, frozen(v)) for k, v in kwargs.items()))))

    wrapper.cache_clear = cached.cache_clear
    return wrapper


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).use(gfm_plugin, dollarmath=True)
    return md


def inline_tokens(src: str):
    """Inline child tokens of a piece of inline Markdown."""
    tokens = parser().parseInline(src)
    return tokens[0].children or [] if tokens else []


# Pure functions of a string, asked again and again for the same few strings (the user's notes: ~10,000
# calls for ~700 distinct strings while carding): remembered, not re-parsed.
@lru_cache(maxsize=16384)
def to_html(src: str) -> str:
    """Inline Markdown to HTML (no surrounding <p>)."""
    return parser().renderInline(src).strip()


@lru_cache(maxsize=16384)
def to_plain(src: str, math=None, ruby=None) -> str:
    """Inline Markdown to plain text: markup dropped, code and link text kept.

    `math(tex, display)`, when given, writes each formula (the sheets mark theirs to draw them); else its TeX.
    `ruby(base, reading)`, when given, writes each ruby annotation (the sheets mark theirs to set the reading
    above its base); else "base(reading)"."""
    out: list[str] = []
    skip = False  # inside <rp>: the parentheses a browser without ruby shows; we write our own
    base = reading = -1  # where in `out` the ruby's base and its reading begin
    for tok in inline_tokens(src):
        if skip and not (tok.type == "html_inline" and re.match(r"</rp\s*>", tok.content, re.I)):
            continue
        if tok.type in ("text", "code_inline"):
            out.append(tok.content)
        elif tok.type in ("softbreak",):
            out.append(" ")
        elif tok.type == "hardbreak":
            out.append("\n")
        elif tok.type in ("math_inline", "math_inline_double"):
            out.append(math(tok.content, tok.type != "math_inline") if math else tok.content)
        elif tok.type == "image":
            out.append(tok.content or "")
        elif tok.type == "html_inline":
            if re.match(r"<br\s*/?>", tok.content, re.I):
                out.append(" ")
            elif m := re.match(r"<(/?)(ruby|rt|rp)\b[^>]*>", tok.content, re.I):
                # ruby: 漢字<rt>かんじ</rt> reads "漢字(かんじ)", never "漢字かんじ"
                closing, tag = m.group(1), m.group(2).lower()
                if tag == "rp":
                    skip = not closing
                elif tag == "ruby":
                    base = -1 if closing else len(out)
                elif not closing:
                    if base < 0 and out:  # an <rt> without its <ruby>: over the word before it
                        head, _, word = out.pop().rpartition(" ")
                        out.extend([head + " ", word] if head else [word])
                        base = len(out) - 1
                    reading = len(out)
                elif reading >= 0:
                    pair = "".join(out[base:reading]), "".join(out[reading:])
                    out[base:] = [ruby(*pair) if ruby else f"{pair[0]}({pair[1]})"]
                    base, reading = len(out), -1  # <ruby>漢<rt>かん</rt>字<rt>じ</rt></ruby>: a pair each
    return html.unescape("".join(out)).strip()


_SPLIT_AFTER = re.compile(r"(?<=[.!?])[\"')\]]?\s+")
_ABBREV = re.compile(r"\b(e\.g|i\.e|etc|vs|approx|cf|Fig|No|Dr|Mr|Ms|St)\.$", re.I)


@remembered
def sentences(src: str) -> list[str]:
    """Split inline Markdown into sentences, never inside code spans, links or parentheses."""
    out: list[str] = []
    depth = 0  # [] and () nesting
    in_code = False
    start = 0
    i = 0
    n = len(src)
    while i < n:
        ch = src[i]
        if ch == "`":
            in_code = not in_code
        elif not in_code:
            if ch in "[(":
                depth += 1
            elif ch in "])" and depth:
                depth -= 1
            elif ch in ".!?" and depth == 0:
                j = i + 1
                while j < n and src[j] in "\"')]*_":
                    j += 1
                if j < n and src[j] in " \n":
                    k = j
                    while k < n and src[k] in " \n":
                        k += 1
                    piece = src[start:j].strip()
                    nxt = src[k] if k < n else ""
                    if (
                        (nxt.isupper() or nxt.isdigit() or nxt in '([*`"')
                        and not _ABBREV.search(piece)
                        and not re.search(r"\b[A-Z]\.$", piece)
                    ):
                        out.append(piece)
                        start = k
                        i = k
                        continue
        i += 1
    tail = src[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in (x.strip() for x in out) if s]


def slugify(text: str) -> str:
    text = to_plain(text).lower()
    text = re.sub(r"[^\w\s-]", "", text, flags=re.UNICODE)
    text = re.sub(r"[\s_-]+", "-", text).strip("-")
    return text or "untitled"
