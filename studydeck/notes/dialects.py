"""Stage 2a: other tools' Markdown dialects (GitBook, Obsidian, MathJax, emoji codes) rewritten to ours, line
for line."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable
from urllib.parse import quote

import emoji

from ..report import Report
from . import latex
from .frontmatter import anki_tag

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_LIQUID = re.compile(r"\{%-?\s*(\w+)(.*?)-?%\}")
_LIQUID_LINE = re.compile(r"^\s*(?:\{%-?\s*\w+.*?-?%\}\s*)+$")
_EMBED_URL = re.compile(r"""\burl=["']([^"']+)["']""")
_QUOTED = re.compile(r"^\s*>\s*\S")
_CALLOUT = re.compile(r"^(\s*(?:>\s*)+)\[!([A-Za-z-]+)\][+-]?\s*(.*)$")
_WIKI_EMBED = re.compile(r"!\[\[([^\]|#^]+)(?:[#^][^\]|]*)?(?:\|([^\]]*))?\]\]")
_WIKI_LINK = re.compile(r"(?<!!)\[\[([^\]|#^]+)(?:[#^][^\]|]*)?(?:\|([^\]]*))?\]\]")
_BLOCK_ID = re.compile(r"(?:^|\s)\^[A-Za-z0-9-]+\s*$")
_TRAILING_SPACE_ENTITY = re.compile(r"(?:&#x20;|&#32;|&nbsp;|\s)*(?:&#x20;|&#32;)(?:\s|&nbsp;)*$")
_HTML_HEADING_LINE = re.compile(r"^\s{0,3}<h([1-6])\b[^>]*>(.*?)</h\1>\s*$", re.I)
_MATHJAX_INLINE = re.compile(r"\\\\\((.+?)\\\\\)")
_MATHJAX_DISPLAY = re.compile(r"\\\\\[(.+?)\\\\\]")
_TAG = re.compile(r"<[^>]+>")
_EMPTY_BOLD = re.compile(r"(?<!\*)\*{4}(?!\*)\s?")
_SCRIPT_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?\s*(?:javascript|vbscript|data)\s*:[^)]*\)", re.I)
LinkTitle = Callable[[str], str | None]
"""A wiki link's target ('Cell', 'Biology/Cell') to the title of the note it names; None: no such note."""
EMBED = "studydeck-embed:"
"""What an embedded note's line becomes for the parser: `<!--studydeck-embed:Note-->`."""
_IMAGE_EXT = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp")


def normalise(
    text: str, name: str, report: Report, tags: list[str] | None = None, link_title: LinkTitle | None = None
) -> str:
    """Rewrite dialect syntax outside code fences, keeping every line where it was (so file:line holds).
    Obsidian's `#tags` in the text are taken out of it into `tags`; a `[[wiki link]]` shows as its alias,
    else as `link_title(target)` (the linked note's title), else as its target."""
    lines = latex.to_markdown(text).split("\n")
    fence: str | None = None
    fence_line = 0
    out: list[str] = []
    for no, line in enumerate(lines, 1):
        m = FENCE.match(line)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line.strip().strip(fence[0]):
                fence = None
            out.append(line)
            continue
        if m and not (m.group(1)[0] == "`" and "`" in line[m.end() :]):
            fence, fence_line = m.group(1), no
            out.append(line)
            continue
        if "[!" in line and no < len(lines) and _CALLOUT.match(line) and _QUOTED.match(lines[no]):
            # A callout's title over a body: Markdown would run the two into one paragraph ('Remember
            # Phospholipid: a lipid...'); the body is what there is to learn, the title a label.
            line = _CALLOUT.match(line).group(1).rstrip()
        line = _line(line, f"{name}:{no}", report, link_title)
        if "#" in line and tags is not None:
            line = _hashtags(line, tags)
        out.append(line)
    if fence is not None:
        report.warn(f"{name}:{fence_line}", "code block opened here is never closed; it runs to the end of the file")
    return "\n".join(out)


def _line(line: str, where: str, report: Report, link_title: LinkTitle | None = None) -> str:
    if "{%" in line:
        line = _liquid(line)
    if "](" in line and _SCRIPT_LINK.search(line):
        line = _SCRIPT_LINK.sub(lambda m: _script_link(m, where, report), line)
    if "&#" in line or "&nbsp;" in line:
        line = _TRAILING_SPACE_ENTITY.sub("", line)
    if "****" in line:  # GitBook's empty bold, left behind by its editor
        line = _EMPTY_BOLD.sub("", line)
    if "[!" in line:
        line = _CALLOUT.sub(lambda m: m.group(1) + (f"**{m.group(3).strip()}**" if m.group(3).strip() else ""), line)
    if "[[" in line:
        line = _WIKI_EMBED.sub(lambda m: _embed(m, where, report), line)
        # a wiki link written in inline code is code, shown as written
        parts = re.split(r"(`+[^`]*`+)", line)
        line = "".join(
            p if p.startswith("`") else _WIKI_LINK.sub(lambda m: _wiki_text(m, link_title), p) for p in parts
        )
    if "^" in line:
        line = _BLOCK_ID.sub("", line)
    if "<h" in line or "<H" in line:
        m = _HTML_HEADING_LINE.match(line)
        if m:
            inner = html_lib.unescape(_TAG.sub("", m.group(2))).strip()
            line = "#" * int(m.group(1)) + " " + inner if inner else ""
    if "\\\\" in line:
        line = _MATHJAX_INLINE.sub(lambda m: "$" + m.group(1).strip() + "$", line)
        line = _MATHJAX_DISPLAY.sub(lambda m: "$$" + m.group(1).strip() + "$$", line)
    if ":" in line:
        line = _emoji(line)
    return line


# Obsidian's tag: '#' after a space or the line's start, then a word that is not all digits ('#1' is no
# tag), nested with '/'. Not a heading ('# Title' has a space), an anchor ('(#x)'), an entity ('&#32;').
_HASHTAG = re.compile(r"(?:(?<=\s)|^)#([^\W\d][\w/-]*|\d+[^\W\d][\w/-]*)(?![\w#])")


def _hashtags(line: str, tags: list[str]) -> str:
    """`#tags` outside inline code moved from the text to `tags` (as Anki writes them: 'a/b' as 'a::b')."""

    def take(m: re.Match) -> str:
        tag = anki_tag(m.group(1).rstrip("/-"))
        if tag and tag not in tags:
            tags.append(tag)
        return ""

    parts = re.split(r"(`+[^`]*`+)", line)
    new = "".join(p if p.startswith("`") else _HASHTAG.sub(take, p) for p in parts)
    return new.rstrip() if new != line else line


def _script_link(m: re.Match, where: str, report: Report) -> str:
    if "data" in m.group(0)[: m.group(0).find(":")].lower():
        report.warn(where, "image pasted as a data: URL is not used; save it as a file beside the notes")
    else:
        report.warn(where, "link to a script removed; its text is kept")
    return m.group(2)


def _liquid(line: str) -> str:
    """GitBook/Jekyll tags: `{% hint %}` wrappers vanish (their text stays), `{% embed url=X %}` becomes a link."""
    if _LIQUID_LINE.match(line):
        urls = [m.group(1) for m in _EMBED_URL.finditer(line) if "embed" in line]
        return " ".join(f"<{u}>" for u in urls)
    return _LIQUID.sub("", line)


def _wiki_text(m: re.Match, link_title: LinkTitle | None) -> str:
    target, alias = m.group(1).strip(), (m.group(2) or "").strip()
    return alias or (link_title(target) if link_title else None) or target


def _embed(m: re.Match, where: str, report: Report) -> str:
    target, alias = m.group(1).strip(), (m.group(2) or "").strip()
    if target.lower().endswith(_IMAGE_EXT):
        alt = "" if alias.isdigit() or re.fullmatch(r"\d+x\d+", alias) else alias
        return f"![{alt}]({quote(target)})"
    if m.group(0) == m.string.strip():
        return f"<!--{EMBED}{target}-->"  # a note embedded on a line of its own: the parser includes it
    report.warn(where, f"embedded note '![[{target}]]' inside a line is not included; its name is kept as text")
    return alias or target


def _emoji(line: str) -> str:
    """`:tangerine:` to 🍊, only for codes the emoji package knows; inline code left alone."""
    if not _STANDALONE_CODE.search(line):
        return line
    parts = re.split(r"(`+[^`]*`+)", line)
    return "".join(p if p.startswith("`") else _STANDALONE_CODE.sub(_emojize, p) for p in parts)


# A code is not glued to another colon, as in a cloze's `{{c1::two::hint}}`.
_STANDALONE_CODE = re.compile(r"(?<!:):[a-z0-9_+-]+:(?!:)")


def _emojize(m: re.Match) -> str:
    return emoji.emojize(m.group(0), language="alias")
