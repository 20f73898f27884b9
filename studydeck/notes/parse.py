"""Stage 2: Markdown text to the model (domains, sections, blocks), keeping file:line on everything."""

from __future__ import annotations

import hashlib
import html as html_lib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from markdown_it.tree import SyntaxTreeNode

from .. import markdown, words
from ..model import (
    Block,
    Code,
    Comparison,
    Domain,
    Explicit,
    Image,
    ItemList,
    Link,
    Math,
    NotesFile,
    Paragraph,
    Section,
    Source,
    Steps,
    Table,
    Term,
)
from ..report import NotesError, Report
from . import dialects, frontmatter, read
from . import parts as reuse
from .parts import Parts
from .read import local_image

# A term is a short noun phrase: at most this many words.
MAX_TERM_WORDS = 6
MAX_TERM_CHARS = 60

_META_HEADING = re.compile(
    r"^(author|authors|date|created|updated|modified|first registered|last modified|last updated|tags?)"
    r"\s*:\s*\S.{0,60}$",
    re.I,
)
# A heading that is a page property's name ('# Status' atop real-analysis notes): a section, never the
# notes' title (the deck's name and every sheet's header would say "Status").
_PROPERTY_WORD = re.compile(
    r"^(status|tags?|todo|draft|wip|properties|metadata|progress|changelog|contents|table of contents|toc)$", re.I
)
_HTML_HEADING = re.compile(r"^\s*<h([1-6])\b[^>]*>(.*?)</h\1>\s*$", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_STEP_LINE = re.compile(r"^\s*(?:\*\*)?Step\s+(\d+)\s*[:.)-]\s*(?:\*\*)?\s*(.+)$", re.I)
_REFERENCE_LEAD = re.compile(
    r"^\W*(to\s+)?(learn|read|see|visit|for\s+more|more\s+info|more\s+information|further|reference|docs?|source|link)",
    re.I,
)
_MD_LINK = re.compile(r"!?\[((?:[^\[\]]|\[[^\]]*\])*)\]\([^)]*\)|<https?://[^>]+>|https?://\S+")
_ATTRIBUTE = re.compile(r"^([A-Z][\w /&-]{0,30}):\s+(\S.*)$")
# A marked label (bold, italic or code) and its description: 'X: Y', 'X - Y', 'X – Y', 'X = Y'
_BOLD_TERM = re.compile(r"^(?:\*\*|__|\*|_|`)(?!\s)(.+?)(?:\*\*|__|\*|_|`)\s*(?::|-|–|—|=)\s*(.+)$", re.S)
# the separator inside the marks: '**X:** Y', '**X.** Y'
_BOLD_TERM_COLON_INSIDE = re.compile(r"^(?:\*\*|__)(.+?)[:.](?:\*\*|__)\s*(.+)$", re.S)
# a plain label with a dash or an equals sign: 'frametime – time needed ...', 'LWR = linear regression ...'
_DASH_TERM = re.compile(r"^([^:\n–—=]{1,60}?)\s+(?:–|—|-|=)\s+(\S.*)$", re.S)
_COLON_TERM = re.compile(r"^([^:\n]{1,60}?):\s+(\S.*)$", re.S)
_DEFINITION = re.compile(r"^(?:The\s+|An?\s+)?(.{2,60}?)\s+(?:is|are)\s+(?:a|an|the)\s+", re.S)
_THIRD_PERSON_VERB = re.compile(r"^[a-z]+(?<!ss)(?<!us)(?<!is)s$")
_COMMON_VERBS = {
    "is",
    "are",
    "can",
    "does",
    "has",
    "have",
    "provides",
    "uses",
    "was",
    "were",
    "will",
    "should",
    "must",
    "may",
    "might",
    "could",
    "would",
    "do",
}
# Sentences opening with these have no noun-phrase subject to be a term ('There are...', 'Each layer may...').
_NOT_A_SUBJECT = {
    "there",
    "it",
    "this",
    "that",
    "these",
    "those",
    "they",
    "we",
    "you",
    "i",
    "he",
    "she",
    "each",
    "every",
    "all",
    "some",
    "any",
    "one",
    "here",
    "so",
    "but",
    "and",
    "or",
    "if",
    "when",
    "in",
    "on",
}


@dataclass
class _Heading:
    level: int
    title: str
    line: int
    nodes: list[SyntaxTreeNode] = field(default_factory=list)


def parse_notes(
    text: str, name: str, base_dir: Path, root: Path, report: Report, parts: Parts | None = None
) -> NotesFile:
    """Parse one notes file. `name` is how messages refer to it; images resolve against `base_dir`.
    `parts`: its domains as its last parse made them, taken when their lines are the same; this parse's
    are added to it."""
    env: dict = {}
    meta, text = frontmatter.split(text, name, report)
    inline_tags: list[str] = []
    ctx = _Context(name, base_dir, root, report, {})
    text = dialects.normalise(text, name, report, inline_tags, ctx.link_title)
    if inline_tags:  # Obsidian's #tags in the text: the file's tags, with its front matter's
        meta["tags"] = list(dict.fromkeys([*meta.get("tags", []), *inline_tags]))
    try:
        tokens = markdown.parser().parse(text, env)
    except Exception as e:  # markdown-it never should, but a crash here must not reach the user raw
        raise NotesError(name, f"cannot parse Markdown ({e})") from None
    tree = SyntaxTreeNode(tokens)
    preamble = _Heading(0, "", 1)
    headings: list[_Heading] = []
    current = preamble
    for node in tree.children:
        heading = _heading_of(node)
        if heading and _META_HEADING.match(heading[1]):
            continue  # 'author : jung yuha' written as a heading: page metadata, not a section
        if heading:
            current = _Heading(heading[0], heading[1], _line(node))
            headings.append(current)
            continue
        current.nodes.append(node)

    ctx.references = env.get("references", {})
    levels = [h.level for h in headings]
    h1s = levels.count(1)
    title = ""
    if h1s == 1 and (not headings or headings[0].level == 1 or 2 in levels):
        title = markdown.to_plain(next(h.title for h in headings if h.level == 1))
        title = "" if _PROPERTY_WORD.match(title) else title
    if h1s >= 2:
        domain_level = 1
    elif 2 in levels:
        domain_level = 2
    else:
        domain_level = None
    # A lone top-level heading over deeper ones acts as the file's title: its subsections are the domains.
    lone_title = ""
    while domain_level is not None and levels.count(domain_level) == 1 and any(lv > domain_level for lv in levels):
        lone = next(h for h in headings if h.level == domain_level)
        if lone is not headings[0]:
            break
        lone_title = lone_title or (
            "" if _PROPERTY_WORD.match(markdown.to_plain(lone.title)) else markdown.to_plain(lone.title)
        )
        domain_level = min(lv for lv in levels if lv > domain_level)
    stem_title = ""  # the last resort of both, and it reads the whole text (_name_title): made only for them
    if not (title or meta.get("title")) and not (lone_title and meta.get("deck")):
        stem_title = _lead_title(headings, preamble) or _name_title(Path(name).stem, text)
    file_title = str(meta.get("title") or title or lone_title or stem_title)
    deck = str(meta.get("deck") or title or meta.get("title") or stem_title)

    domains: list[Domain] = []
    if domain_level is None:
        # The whole file is one domain; its headings (bar the title) are its sections.
        dom_title = file_title
        sections = [Section(dom_title, 0, (dom_title,), Source(name, 1))]
        sections[0].blocks = ctx.blocks(preamble.nodes)
        _add_sections(
            ctx,
            sections,
            [h for h in headings if not (h.level == 1 and markdown.to_plain(h.title) == title)],
            dom_title,
            0,
        )
        # The title heading's own content belongs to the domain intro.
        for h in headings:
            if h.level == 1 and markdown.to_plain(h.title) == title:
                sections[0].blocks.extend(ctx.blocks(h.nodes))
        domains.append(Domain(dom_title, markdown.slugify(dom_title), Source(name, 1), sections))
    else:
        lead: list[_Heading] = []  # headings before the first domain heading (other than the title)
        groups: list[tuple[_Heading, list[_Heading]]] = []
        for h in headings:
            if h.level == domain_level:
                groups.append((h, []))
            elif h.level < domain_level:
                # The file title (or a stray higher heading): its content is preamble.
                if groups:
                    groups[-1][1].append(h)
                else:
                    preamble.nodes.extend(h.nodes)
            elif groups:
                groups[-1][1].append(h)
            else:
                lead.append(h)
        lead_blocks = ctx.blocks(preamble.nodes)
        if lead_blocks or lead:
            if lead and not lead_blocks:
                # Notes that open with H2 sections before their H1 ones: the first H2 names this domain.
                dom_title = markdown.to_plain(lead[0].title)
                lead_blocks, lead = ctx.blocks(lead[0].nodes, dom_title), lead[1:]
            else:
                dom_title = file_title
            sections = [Section(dom_title, 0, (dom_title,), Source(name, 1), lead_blocks)]
            _add_sections(ctx, sections, lead, dom_title, domain_level)
            if any(_says_something(b) for s in sections for b in s.blocks):
                domains.append(Domain(dom_title, markdown.slugify(dom_title), Source(name, 1), sections))
        lines = text.split("\n")
        ends = [head.line for head, _ in groups[1:]] + [len(lines) + 1]
        # a reference's own lines (markdown-it keeps its "map") are no part of what it gives a link
        refs = sorted((label, ref.get("href"), ref.get("title")) for label, ref in ctx.references.items())
        context = [name, str(base_dir), str(root), domain_level, refs]
        keys = [reuse.key(context, lines[head.line - 1 : end - 1]) for (head, _), end in zip(groups, ends, strict=True)]
        kept = parts.take({k: head.line for k, (head, _) in zip(keys, groups, strict=True)}) if parts else {}
        for (head, subs), k, end in zip(groups, keys, ends, strict=True):

            def convert(head=head, subs=subs) -> list[Section]:
                dom_title = markdown.to_plain(head.title)
                src = Source(name, head.line)
                sections = [
                    Section(dom_title, head.level, (dom_title,), src, ctx.blocks(head.nodes, dom_title), head.title)
                ]
                _add_sections(ctx, sections, subs, dom_title, domain_level)
                return sections

            if parts is None:
                sections = convert()
            else:
                part = kept.pop(k, None) or parts.converted(ctx, convert)
                for where, message in part.warnings:
                    report.warn(where, message)
                ctx.looked_up.update(part.looked_up)
                parts.made.append(reuse.Made(k, head.line, end, part))
                sections = list(part.sections)
            dom_title = markdown.to_plain(head.title)
            domains.append(Domain(dom_title, markdown.slugify(dom_title), Source(name, head.line), sections))
        if parts is not None and ctx.embedded:
            parts.made.clear()  # a domain's embeds depend on the domains before it (each note once): none kept
    _warn_duplicates(domains, report)
    domains = _merge_same_title(domains)
    if not domains:
        domains.append(
            Domain(
                file_title,
                markdown.slugify(file_title),
                Source(name, 1),
                [Section(file_title, 0, (file_title,), Source(name, 1))],
            )
        )
    return NotesFile(path=name, deck=deck, title=file_title, meta=meta, domains=domains, looked_up=ctx.looked_up)


def _lead_title(headings: list[_Heading], preamble: _Heading) -> str:
    """The heading a file opens with, when a later heading is of a higher level: its title, written a level
    down ('## AWS-MLA-C01-Study-Guide' over '# Sagemaker (SM)', '# Amazon Bedrock' ...), as written (its own
    domain's sheet is titled so, and prints no corner label that says it again)."""
    if not headings or preamble.nodes or not any(h.level < headings[0].level for h in headings[1:]):
        return ""
    lead = markdown.to_plain(headings[0].title).strip()
    if _PROPERTY_WORD.match(lead):
        return ""
    return lead


_URLS = re.compile(r"\S*://\S*|\]\([^)]*\)")


def _name_title(stem: str, text: str) -> str:
    """A file's title from its name, when the notes give none: the words at its end that the notes use
    ('bio-cell-arom1a-cell-structure' -> 'cell structure', 'econ-micro-jessemillar-elasticity' ->
    'elasticity'): a file name often opens with a course, an author or a date the notes never name (the
    sheet's corner and title printed 'bio cell arom1a cell structure', blind review, issue 14). A name none
    of whose last words the notes use is its words all."""
    words = stem.replace("-", " ").replace("_", " ").split()
    seen = set(re.findall(r"\w+", _URLS.sub(" ", text).casefold()))

    def used(word: str) -> bool:
        w = word.casefold()
        return w in seen or w + "s" in seen or (w.endswith("s") and w[:-1] in seen)

    k = len(words)
    while k and used(words[k - 1]):
        k -= 1
    return " ".join(words[k:] or words) or "Notes"


_ATX_H1 = re.compile(r"^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_TITLES: dict[tuple[Path, int, int], tuple[str, str]] = {}


def title_of(path: Path) -> tuple[str, str]:
    """A note's title as a link to it shows it (front matter `title`, else its H1, else its file name), and
    read.title_digest of the lines it comes from. Remembered per file version: many notes link to one."""
    st = path.stat()
    version = (path, st.st_mtime_ns, st.st_size)
    if version not in _TITLES:
        raw = path.read_bytes()
        meta, text = frontmatter.split(raw.decode("utf-8", "replace"), path.name, Report(quiet=True))
        title = meta.get("title") if isinstance(meta.get("title"), str) else ""
        fence = ""
        for line in text.split("\n") if not title else ():
            m = dialects.FENCE.match(line)
            if m and (not fence or m.group(1).startswith(fence)):
                fence = "" if fence else m.group(1)
                continue
            h1 = None if fence else _ATX_H1.match(line)
            if h1:
                plain = markdown.to_plain(h1.group(1))
                if plain and not _PROPERTY_WORD.match(plain):
                    title = plain
                break
        title = title.strip() or path.stem.replace("-", " ").replace("_", " ").strip() or path.stem
        _TITLES[version] = (title, read.title_digest(raw))
    return _TITLES[version]


def _merge_same_title(domains: list[Domain]) -> list[Domain]:
    """A domain heading written twice is one domain (one subdeck, one sheet), not two sheets of the same name."""
    by_title: dict[str, Domain] = {}
    out: list[Domain] = []
    for d in domains:
        first = by_title.get(d.title)
        if first is None:
            by_title[d.title] = d
            out.append(d)
        else:
            first.sections.extend(d.sections)
    return out


def _warn_duplicates(domains: list[Domain], report: Report) -> None:
    """Two sections with the same heading path give cards the same identity: say so, once per path."""
    seen: dict[tuple[str, ...], list[Source]] = {}
    for d in domains:
        for s in d.sections:
            seen.setdefault(s.path, []).append(s.source)
    for path, sources in seen.items():
        if len(sources) < 2:
            continue
        more = f" ({len(sources) - 1} times, last at line {sources[-1].line})" if len(sources) > 2 else ""
        report.warn(
            sources[1],
            f"heading '{' › '.join(path)}' repeats the one at line {sources[0].line}{more}; "
            "cards with the same subject in both are kept once",
        )


def _add_sections(
    ctx: _Context, sections: list[Section], headings: list[_Heading], domain_title: str, domain_level: int
) -> None:
    stack: list[tuple[int, str]] = []
    for h in headings:
        title = markdown.to_plain(h.title)
        while stack and stack[-1][0] >= h.level:
            stack.pop()
        stack.append((h.level, title))
        path = (domain_title, *(t for _, t in stack))
        sections.append(Section(title, h.level, path, Source(ctx.name, h.line), ctx.blocks(h.nodes, title), h.title))


def _heading_of(node: SyntaxTreeNode) -> tuple[int, str] | None:
    if node.type == "heading":
        inline = node.children[0] if node.children else None
        return int(node.tag[1]), (inline.content if inline else "").strip()
    if node.type == "html_block":
        m = _HTML_HEADING.match(node.content)
        if m:
            inner = html_lib.unescape(_TAG.sub("", m.group(2))).strip()
            return int(m.group(1)), inner
    return None


def _line(node: SyntaxTreeNode) -> int:
    while node is not None:
        if node.map:
            return node.map[0] + 1
        node = node.parent
    return 1


class _Context:
    """Turns the nodes under one heading into blocks."""

    def __init__(self, name: str, base_dir: Path, root: Path, report: Report, references: dict):
        self.references = references
        self.name = name
        self.base_dir = base_dir
        self.root = root
        self.report = report
        self.looked_up: dict[str, bool] = {}
        self.embedding: tuple[str, ...] = (name,)
        """The notes this one is embedded in, itself included: an embed of one of them would be a cycle."""
        self.embedded: set[str] = set()
        """Notes already embedded in this file (shared with the embedded ones' contexts): each goes in once."""

    def src(self, node: SyntaxTreeNode) -> Source:
        return Source(self.name, _line(node))

    def blocks(self, nodes: list[SyntaxTreeNode], title: str = "") -> list[Block]:
        """Blocks of the nodes under a heading titled `title` (a `<details>` answer needs its question)."""
        out: list[Block] = []
        group = 0
        i = 0
        while i < len(nodes):
            node = nodes[i]
            i += 1
            if node.type == "hr":
                if out:
                    group += 1
                continue
            if node.type == "html_block" and _DETAILS_OPEN.match(node.content):
                inner: list[SyntaxTreeNode] = []
                if not _DETAILS_CLOSE.search(node.content):
                    while i < len(nodes):
                        inner.append(nodes[i])
                        i += 1
                        if nodes[i - 1].type == "html_block" and _DETAILS_CLOSE.search(nodes[i - 1].content):
                            break
                out.extend(self.details(node, inner, group, title, out))
                continue
            out.extend(self.block(node, group, out))
        return _bold_names_over_lists([b for b in out if not _is_toc(b)])

    def details(
        self, opening: SyntaxTreeNode, inner: list[SyntaxTreeNode], group: int, title: str, previous: list[Block]
    ) -> list[Block]:
        """A `<details>` block hides an answer: with its question (summary or heading) it is a Q/A card.

        Its content is kept as ordinary blocks too, so the sheet still shows it.
        """
        source = self.src(opening)
        summary_m = _SUMMARY.search(opening.content)
        summary = html_lib.unescape(_TAG.sub("", summary_m.group(1))).strip() if summary_m else ""
        question = summary if summary and not _GENERIC_SUMMARY.match(summary) else title
        # Text inside the opening tag's own html block (no blank line before the content).
        own = _DETAILS_OPEN.sub("", opening.content)
        own = _SUMMARY.sub("", own)
        own = _DETAILS_CLOSE.sub("", own)
        own_text = re.sub(r"\s+", " ", html_lib.unescape(_TAG.sub(" ", own))).strip()
        blocks: list[Block] = []
        if own_text:
            blocks.append(Paragraph(source, group, [], own_text, markdown.sentences(own_text)))
        for node in inner:
            if node.type == "html_block":
                blocks.extend(self.html_block(node, group))
            else:
                blocks.extend(self.block(node, group, previous + blocks))
        answer = "<br>".join(a for a in (_answer_text(b) for b in blocks) if a)
        if question and answer:
            links = [link for b in blocks for link in b.links]
            return [
                Explicit(source, group, links, "qa", question, answer, origin="details"),
                *[b for k, b in enumerate(blocks) if not isinstance(b, Paragraph) or _leads_into_code(blocks, k)],
            ]
        return blocks

    # -- one node --------------------------------------------------------------------------------

    def block(self, node: SyntaxTreeNode, group: int, previous: list[Block]) -> list[Block]:
        t = node.type
        if t == "paragraph":
            return self.paragraph(node, group)
        if t in ("bullet_list", "ordered_list") and _is_toc_node(node):
            if previous and isinstance(previous[-1], Paragraph) and previous[-1].text.rstrip().endswith(":"):
                previous.pop()  # its lead-in ('Table of Contents:') goes with it
            return []
        if t == "bullet_list":
            return self.bullet_list(node, group, previous) + self.inner_images(node, group)
        if t == "ordered_list":
            if _numbered_terms(node):
                # '1. **Term**: description', '1. Term' over nested bullets: a definition list that happens
                # to be numbered; its numbers are no fact to learn
                return self.bullet_list(node, group, previous) + self.inner_images(node, group)
            items = [self.item_text(item) for item in node.children]
            intro = self._take_intro(previous)
            return [Steps(self.src(node), group, self.links_in(node), intro, items), *self.inner_images(node, group)]
        if t == "code_block" and _HTML_LIKE.match(node.content):
            # HTML indented under an empty list item (GitBook's figures) is still HTML, not code.
            return self.html_block(node, group)
        if t in ("fence", "code_block"):
            return [Code(self.src(node), group, [], (node.info or "").strip().split(" ")[0], node.content.rstrip("\n"))]
        if t == "table":
            return [self.table(node, group), *self.inner_images(node, group)]
        if t == "math_block":
            return [Math(self.src(node), group, [], node.content.strip(), True)]
        if t in ("blockquote", "alert"):
            out: list[Block] = []
            for child in node.children:
                if child.type == "alert_title":
                    continue
                out.extend(self.block(child, group, previous + out))
            return out
        if t == "html_block" and node.content.startswith("<!--" + dialects.EMBED):
            return self.embed(node.content.strip()[4 + len(dialects.EMBED) : -3], node, group, previous)
        if t == "html_block":
            return self.html_block(node, group)
        if t in ("footnote_block",):
            return []
        return []

    def embed(self, target: str, node: SyntaxTreeNode, group: int, previous: list[Block]) -> list[Block]:
        """Obsidian's `![[Note]]` on a line of its own: that note's blocks here, once, never in a cycle; its
        headings are left out (they would split this note's domains); its blocks keep their own file:line."""
        path = self.find_note(target)
        if path is None:
            self.report.warn(self.src(node), f"embedded note '![[{target}]]' not found; left out")
            return []
        rel = path.relative_to(self.root.resolve()).as_posix()
        if rel in self.embedding:
            self.report.warn(self.src(node), f"embedded note '![[{target}]]' embeds this one; left out (a cycle)")
            return []
        if rel in self.embedded:
            return []  # already here once
        self.embedded.add(rel)
        raw = path.read_bytes()
        self.looked_up[f"={path}={hashlib.sha256(raw).hexdigest()[:16]}"] = True
        text = frontmatter.split(read.decode(raw, rel, self.report), rel, self.report)[1]
        text = dialects.normalise(text, rel, self.report, [], self.link_title)
        env: dict = {}
        tree = SyntaxTreeNode(markdown.parser().parse(text, env))
        sub = _Context(rel, path.parent, self.root, self.report, env.get("references", {}))
        sub.embedding, sub.embedded, sub.looked_up = (*self.embedding, rel), self.embedded, self.looked_up
        out: list[Block] = []
        for child in tree.children:
            if _heading_of(child) is None:
                out.extend(sub.block(child, group, previous + out))
        return out

    def find_note(self, target: str) -> Path | None:
        """The note an Obsidian link or embed names ('Cell', 'Biology/Cell'), anywhere in the vault; None
        (and the name remembered, so a note of that name appearing later re-parses this one) when none."""
        name = target if Path(target).suffix.lower() in read.NOTE_SUFFIXES else f"{target}.md"
        index = read.vault_files(self.root.resolve())
        hits = index.get(Path(name).name) or index.get(Path(name).name.lower()) or []
        hits = [h for h in hits if h.as_posix().endswith(name)] or hits
        if not hits:
            self.looked_up["*" + Path(name).name] = False
            return None
        return hits[0]

    def link_title(self, target: str) -> str | None:
        """The title a `[[wiki link]]` shows: the linked note's. Its title's lines are remembered by their
        digest, so a kept parse is redone when that title changes, not on every edit of the linked note."""
        path = self.find_note(target)
        if path is None:
            return None
        try:
            title, digest = title_of(path)
        except OSError:
            return None
        self.looked_up[f"~{path}~{digest}"] = True
        return title

    def paragraph(self, node: SyntaxTreeNode, group: int) -> list[Block]:
        inline = node.children[0]
        source = self.src(node)
        out: list[Block] = []
        images = [c for c in inline.children if c.type == "image"]
        for img in images:
            out.append(self.image(img, source, group))
        content = self.inline_refs(inline.content)
        qa = _QA.match(content)
        if qa:
            return [Explicit(source, group, self.links_in(node), "qa", _join(qa.group(1)), _join(qa.group(2)))]
        lines = _lines(content)
        links = self.links_in(node)
        text_lines: list[str] = []
        step_items: list[str] = []
        line_no = source.line

        def flush_text() -> None:
            kept = [ln for ln in text_lines if not _is_reference_line(ln) and _has_text(ln)]
            text = _without_reference_sentences(" ".join(kept))
            if text:
                out.append(Paragraph(Source(self.name, line_no), group, [], text, markdown.sentences(text)))
            text_lines.clear()

        def flush_steps() -> None:
            if step_items:
                out.append(Steps(Source(self.name, line_no), group, [], "", list(step_items)))
                step_items.clear()

        for i, ln in enumerate(lines):
            m = _STEP_LINE.match(ln)
            if m:
                if text_lines:
                    flush_text()
                if not step_items:
                    line_no = source.line + i
                step_items.append(m.group(2).strip())
            else:
                if step_items:
                    flush_steps()
                if not text_lines:
                    line_no = source.line + i
                text_lines.append(ln)
        flush_text()
        flush_steps()
        # Links stay with the first text block of the paragraph (or the first block at all).
        if out:
            target = next((b for b in out if isinstance(b, Paragraph)), out[0])
            target.links.extend(links)
        elif links:
            # A paragraph of link references only: keep the links on an empty-text paragraph.
            out.append(Paragraph(source, group, links, "", []))
        return out

    def inline_refs(self, content: str) -> str:
        """Reference-style links rewritten inline, so each piece of text carries its own URLs."""
        if not self.references or "]" not in content:
            return content

        def sub(m: re.Match) -> str:
            text, label = m.group(1), m.group(2)
            key = _normalize_label(label if label else text)
            ref = self.references.get(key)
            if not ref:
                return m.group(0)
            return f"[{text}]({ref['href']})"

        return _REF_LINK.sub(sub, content)

    def inner_images(self, node: SyntaxTreeNode, group: int) -> list[Image]:
        """Images written inside list items or table cells: checked and kept as image blocks after them."""
        return [self.image(img, Source(self.name, _line(img)), group) for img in _walk(node, "image")]

    def image(self, tok: SyntaxTreeNode, source: Source, group: int) -> Image:
        src = tok.attrs.get("src", "") if tok.attrs else ""
        alt = tok.content or ""
        return Image(source, group, [], alt, str(src), self.resolve_image(str(src), source))

    def resolve_image(self, src: str, source: Source) -> str | None:
        path, problem = local_image(src, self.base_dir, self.root, self.looked_up)
        if problem:
            self.report.warn(source, problem)
        return str(path) if path else None

    def links_in(self, node: SyntaxTreeNode) -> list[Link]:
        out: list[Link] = []
        for inline in _walk(node, "inline"):
            line = _line(inline)
            children = inline.children
            i = 0
            while i < len(children):
                c = children[i]
                if c.type == "link":
                    href = (c.attrs or {}).get("href", "")
                    text = markdown.to_plain(_node_inline_text(c)) or str(href)
                    if str(href).startswith(("http://", "https://", "mailto:")):
                        out.append(Link(str(href), text, Source(self.name, line)))
                i += 1
        for html_node in _walk(node, "html_inline"):
            for m in re.finditer(r"<a\s[^>]*href=\"(https?://[^\"]+)\"[^>]*>(.*?)</a>", html_node.content, re.I | re.S):
                out.append(Link(m.group(1), _TAG.sub("", m.group(2)).strip() or m.group(1), self.src(html_node)))
        return out

    def own_text(self, item: SyntaxTreeNode) -> str:
        """An item's own text (its first paragraph's lines joined, pointer lines left out)."""
        paras = [c for c in item.children if c.type == "paragraph"]
        if not paras:
            return ""
        return " ".join(
            ln for ln in _lines(self.inline_refs(paras[0].children[0].content)) if not _is_reference_line(ln)
        ).strip()

    def item_text(self, item: SyntaxTreeNode) -> str:
        """An item's own text as one inline Markdown string, its nested items joined after it."""
        own = self.own_text(item)
        # Nested items ride along ('Pillars: Security; Reliability'), so a plain list loses nothing.
        nested = [
            t
            for sub in item.children
            if sub.type in ("bullet_list", "ordered_list")
            for t in (self.item_text(c) for c in sub.children)
            if t
        ]
        if not nested:
            return own
        if not own:
            return "; ".join(nested)
        return f"{own}{' ' if own.endswith(':') else ': '}{'; '.join(nested)}"

    def item_lines(self, item: SyntaxTreeNode, parent: str = "") -> list[tuple[str, str]]:
        """An item's own text and each nested item's, one a line, in order, each with the text of the item
        it hangs under ('' at the top): what the analysis reads as sentences (item_text joins them)."""
        own = self.own_text(item)
        out = [(own, parent)] if own else []
        for sub in item.children:
            if sub.type in ("bullet_list", "ordered_list"):
                for c in sub.children:
                    out.extend(self.item_lines(c, own))
        return out

    def bullet_list(self, node: SyntaxTreeNode, group: int, previous: list[Block]) -> list[Block]:
        items = [self.term_of(item) for item in node.children]
        if _as_comparison(items):
            terms = _spelled_as_written([t for t in items if t is not None and t.term])
            intro = self._take_intro(previous)
            out: list[Block] = [Comparison(self.src(node), group, [], intro, terms)]
            # Items the list holds that are not about a term are kept as a plain list, not lost.
            rest = [self.item_text(n) for n, t in zip(node.children, items, strict=True) if t is None or not t.term]
            if any(rest):
                lines = [
                    ln
                    for n, t in zip(node.children, items, strict=True)
                    if t is None or not t.term
                    for ln in self.item_lines(n)
                ]
                out.append(
                    ItemList(
                        self.src(node),
                        group,
                        [],
                        [r for r in rest if r],
                        False,
                        lines=[x for x, _ in lines],
                        parents=[p for _, p in lines],
                    )
                )
            return out
        texts = [self.item_text(item) for item in node.children]
        lines = [ln for item in node.children for ln in self.item_lines(item)]
        return [
            ItemList(
                self.src(node),
                group,
                self.links_in(node),
                [t for t in texts if t],
                False,
                lines=[x for x, _ in lines],
                parents=[p for _, p in lines],
            )
        ]

    def _take_intro(self, previous: list[Block]) -> str:
        """A lead-in paragraph ending with ':' or 'the following' belongs to the list after it."""
        if previous and isinstance(previous[-1], Paragraph):
            text = previous[-1].text.rstrip()
            if text.endswith(":") or re.search(r"\bfollowing\b[^.:]*[.:]?$", text, re.I):
                prev = previous.pop()
                if prev.links:  # keep links that rode on the lead-in
                    previous.append(Paragraph(prev.source, prev.group, prev.links, "", []))
                return text
        return ""

    def term_of(self, item: SyntaxTreeNode) -> Term | None:
        """Read a list item as a comparison term, or return a Term with an empty term."""
        source = self.src(item)
        paras = [c for c in item.children if c.type == "paragraph"]
        lists = [c for c in item.children if c.type in ("bullet_list", "ordered_list")]
        links = self.links_in(item)
        if not paras:
            return None
        lines = _term_lines(self.inline_refs(paras[0].children[0].content))
        for p in paras[1:]:
            lines.extend(_lines(self.inline_refs(p.children[0].content)))
        lines = [ln for ln in lines if ln.strip()]
        term = ""
        desc_lines: list[str] = []
        first = lines[0] if lines else ""
        m = _BOLD_TERM_COLON_INSIDE.match(first) or _BOLD_TERM.match(first)
        if m:
            term, desc_lines = m.group(1).strip(), [m.group(2).strip(), *lines[1:]]
        elif _is_short_term(first) and (len(lines) > 1 or lists):
            term, desc_lines = _strip_bold(first), lines[1:]
        else:
            m = _COLON_TERM.match(first) or _DASH_TERM.match(first)
            if m and _is_short_term(m.group(1)) and not re.search(r"https?://|\]\(|\$|`", m.group(1)):
                term, desc_lines = _strip_bold(m.group(1).strip()), [m.group(2).strip(), *lines[1:]]
            else:
                desc_lines = lines
        description = ""
        details: list[str] = []
        attributes: list[tuple[str, str]] = []
        for ln in desc_lines:
            ln = _without_reference_sentences(ln)
            if not ln:
                continue
            am = _ATTRIBUTE.match(ln)
            if description and am and len(am.group(1).split()) <= 3:
                attributes.append((am.group(1).strip(), am.group(2).strip()))
            elif not description:
                description = ln.strip()
            else:
                details.append(ln.strip())
        children: list[Term] = []
        for sub in lists:
            sub_items = [self.term_of(c) for c in sub.children]
            if _as_comparison(sub_items) or (len(sub_items) == 1 and sub_items[0] is not None and sub_items[0].term):
                children.extend(t for t in sub_items if t is not None and t.term)
                # the list's items that name no term ('Isolated ECG abnormality' among causes written 'Name: ...')
                # are members all the same: kept, as the top level keeps them
                details.extend(
                    text
                    for c, st in zip(sub.children, sub_items, strict=True)
                    if (st is None or not st.term) and (text := self.item_text(c))
                )
            else:
                for c, st in zip(sub.children, sub_items, strict=True):
                    if st is not None and st.term and st.listed:
                        # 'left atrium enlargement' over its own three causes among the causes: a group of the
                        # list, kept as one (its items joined into its line read as one more cause)
                        children.append(st)
                    elif text := self.item_text(c):
                        details.append(text)
        listed = bool(term and not description and (details or children))
        if listed and details and not children:
            description, details = details[0], details[1:]
        return Term(term, description, details, attributes, children, links, source, listed=listed)

    def table(self, node: SyntaxTreeNode, group: int) -> Table:
        header: list[str] = []
        rows: list[list[str]] = []
        for part in node.children:
            for tr in part.children:
                cells = [_cell(c.children[0].content if c.children else "") for c in tr.children]
                if part.type == "thead":
                    header = cells
                else:
                    rows.append(cells)
        return Table(self.src(node), group, self.links_in(node), header, rows)

    def html_block(self, node: SyntaxTreeNode, group: int) -> list[Block]:
        content = _SCRIPT_OR_STYLE.sub("", node.content)  # code and styling are not notes
        source = self.src(node)
        out: list[Block] = []
        # A figure's caption names its image: it becomes the image's alt text, not a paragraph.
        # (a caption may be an element of class 'figcaption' or 'figure-caption': course sites and exported notes
        # write it so, and its sentences speak of the picture: 'The initial volume stores the raw pixels (left)')
        caption_m = _CAPTION.search(content)
        said = (caption_m.group(1) or caption_m.group(3) or "") if caption_m else ""
        caption = re.sub(r"\s+", " ", html_lib.unescape(_TAG.sub(" ", said))).strip() if caption_m else ""
        if caption_m and "<img" in content.lower():
            content = content.replace(caption_m.group(0), "")
        for m in re.finditer(r"<img\b[^>]*\bsrc=[\"']([^\"']+)[\"'][^>]*>", content, re.I):
            alt = re.search(r"\balt=[\"']([^\"']*)[\"']", m.group(0), re.I)
            alt_text = html_lib.unescape(alt.group(1)) if alt and alt.group(1).strip() else caption
            out.append(Image(source, group, [], alt_text, m.group(1), self.resolve_image(m.group(1), source)))
        links = [
            Link(m.group(1), _TAG.sub("", m.group(2)).strip() or m.group(1), source)
            for m in re.finditer(r"<a\s[^>]*href=\"(https?://[^\"]+)\"[^>]*>(.*?)</a>", content, re.I | re.S)
        ]
        text = html_lib.unescape(_TAG.sub(" ", content))
        text = re.sub(r"\s+", " ", text).strip()
        if text and not re.fullmatch(r"[\W_]*", text):
            out.append(Paragraph(source, group, links, text, markdown.sentences(text)))
        elif links:
            out.append(Paragraph(source, group, links, "", []))
        return out


_CAPTION = re.compile(
    r"<figcaption\b[^>]*>(.*?)</figcaption\s*>"
    r"|<(div|p|span)\b[^>]*\bclass=[\"'][^\"']*\bfig(?:ure)?-?caption\b[^\"']*[\"'][^>]*>(.*?)</\2\s*>",
    re.I | re.S,
)
_QA = re.compile(r"^\s*Q:\s*(.+?)\n\s*A:\s*(.+)$", re.S)


def _leads_into_code(blocks: list[Block], k: int) -> bool:
    """A short paragraph of an answer right over a listing ('OR', 'Option 2:', 'Create the service:'): it
    says which listing is an alternative or a step, so it stays with it (the answer's other paragraphs are
    its Q/A card's only). Without it, alternatives read as one sequence of commands (blind review, issue 14)."""
    para, after = blocks[k], blocks[k + 1] if k + 1 < len(blocks) else None
    if not isinstance(after, Code):
        return False
    size = len(para.text.split())
    # one that says it leads in, by its colon, may be a sentence ('If the v2 is stable, scale it up to 4
    # replicas and shutdown the v1:'); without one, a label ('OR', 'or, do something like')
    return size <= MAX_LEAD_WORDS if para.text.rstrip().endswith(":") else size <= MAX_LABEL_WORDS


MAX_LEAD_WORDS = 25  # a paragraph's most words on a sheet (SHEETS.md, devhints)
MAX_LABEL_WORDS = 12


_DETAILS_OPEN = re.compile(r"^\s*<details\b[^>]*>", re.I)
_DETAILS_CLOSE = re.compile(r"</details\s*>", re.I)
_SUMMARY = re.compile(r"<summary\b[^>]*>(.*?)</summary\s*>", re.I | re.S)
_GENERIC_SUMMARY = re.compile(
    r"^(show|hide|answer|solution|click|reveal|spoiler|details|more|expand|see answer|show answer|show solution)"
    r"\b.{0,20}$",
    re.I,
)
_ANCHOR_ONLY = re.compile(r"^(?:\s*(?:\d+\.|[-*+])?\s*(?:\[[^\]]*\]\(#[^)]*\)|<a\s+href=\"#[^\"]*\">[^<]*</a>)\s*)+$")


_BOLD_NAME_LINE = re.compile(r"\s*(\*\*|__)([^*_\n]+?)\1\s*")


def _bold_names_over_lists(blocks: list[Block]) -> list[Block]:
    """A name in bold standing alone as a paragraph with a plain list right under it is a definition-list item
    written without the list's indent ('**Termination protection**' over '- A feature that keeps ...'): one
    Comparison term, the list its description and details, as '- **Name**' over nested bullets reads; such
    items one after another make one Comparison."""
    out: list[Block] = []
    made: Comparison | None = None
    i = 0
    while i < len(blocks):
        b = blocks[i]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        m = _BOLD_NAME_LINE.fullmatch(b.text) if isinstance(b, Paragraph) else None
        if (
            m
            and isinstance(nxt, ItemList)
            and not nxt.ordered
            and nxt.group == b.group
            and nxt.items
            and _is_short_term(m.group(2).strip())
            and not m.group(2).strip().endswith(":")
        ):
            name = m.group(2).strip()
            term = Term(name, nxt.items[0], list(nxt.items[1:]), [], [], list(nxt.links), b.source, listed=True)
            if made is not None and out and out[-1] is made and made.group == b.group:
                made.items.append(term)
                made.links.extend([*b.links, *nxt.links])
            else:
                made = Comparison(b.source, b.group, [*b.links, *nxt.links], "", [term])
                out.append(made)
            i += 2
            continue
        out.append(b)
        i += 1
    return out


def _answer_text(b: Block) -> str:
    """Inline Markdown of a block for the back of a Q/A card; code keeps its lines as code spans."""
    if isinstance(b, Code):
        return "<br>".join(_code_span(ln) for ln in b.text.split("\n") if ln.strip())
    if isinstance(b, Paragraph):
        return b.text
    if isinstance(b, (ItemList, Steps)):
        return "<br>".join(f"• {x}" for x in b.items)
    if isinstance(b, Comparison):
        return "<br>".join(f"• {t.term}: {t.description}" for t in b.items)
    if isinstance(b, Table):
        return "<br>".join(" | ".join(r) for r in b.rows)
    return ""


def _code_span(line: str) -> str:
    ticks = "`"
    while ticks in line:
        ticks += "`"
    return f"{ticks} {line.rstrip()} {ticks}"


def _cell(text: str) -> str:
    """A table cell with `<br>`-separated lines (often `- a <br> - b`) as one line: 'a; b'; a plain line over
    marked ones (`Endoplasmic reticulum <br> - Rough ER <br> - Smooth ER`) is a name over its parts:
    'Endoplasmic reticulum: Rough ER, Smooth ER'."""
    lines = [p.strip() for p in _BR.split(text) if p.strip()]
    marked = [bool(_CELL_MARK.match(p)) for p in lines]
    parts = [_CELL_MARK.sub("", p).strip() for p in lines]
    if len(parts) > 2 and not marked[0] and all(marked[1:]) and not parts[0].endswith(":"):
        return f"{parts[0]}: {', '.join(parts[1:])}"
    return "; ".join(p for p in parts if p)


_CELL_MARK = re.compile(r"^\s*(?:[-*+•]\s+)")


_BR = re.compile(r"<br\s*/?>", re.I)
_SCRIPT_OR_STYLE = re.compile(r"<(script|style|template)\b.*?(?:</\1\s*>|\Z)", re.I | re.S)


_ANCHOR_LINK = re.compile(r"\[(?:[^\[\]]|\[[^\]]*\])*\]\(#[^)]*\)|<a\s+href=\"#[^\"]*\"[^>]*>.*?</a>", re.I | re.S)


_HTML_LIKE = re.compile(r"^\s*<(figure|img|p|div|table|details|picture|a)\b", re.I)


def _says_something(b: Block) -> bool:
    """Anything but an image that is not there (a remote badge) or a label of a word or two ('**Notes ✍️**')."""
    if isinstance(b, Image):
        return bool(b.path)
    if isinstance(b, Paragraph) and not b.links:
        return len(markdown.to_plain(b.text).split()) > 2
    return True


def _is_toc_node(node: SyntaxTreeNode) -> bool:
    """A list of nothing but links to anchors of the same page: a table of contents."""
    inlines = list(_walk(node, "inline"))
    if not inlines or not any(_ANCHOR_LINK.search(i.content) for i in inlines):
        return False
    # An item may add a word or two in brackets ('Case Studies (LeNet / AlexNet)'): most items are bare links.
    bare = sum(1 for i in inlines if not _ANCHOR_LINK.sub("", i.content).strip(" \t\n()/|·,-"))
    return bare * 3 >= 2 * len(inlines)


def _is_toc(b: Block) -> bool:
    """A table of contents (links to anchors in the same page) says nothing to learn."""
    if isinstance(b, (ItemList, Steps)):
        # Items that were a lone link are empty by now (reference lines are dropped from item text).
        anchors = [x for x in b.items if _ANCHOR_ONLY.match(x)]
        return bool(anchors) and all(not x or _ANCHOR_ONLY.match(x) for x in b.items)
    if isinstance(b, Paragraph):
        return bool(b.text) and bool(_ANCHOR_ONLY.match(b.text.replace("\n", " ")))
    return False


_REF_LINK = re.compile(r"(?<![\]!\\])\[([^\[\]]+)\](?:\[([^\[\]]*)\])?(?![\[(:])")


def _normalize_label(label: str) -> str:
    return re.sub(r"\s+", " ", label.strip()).upper()


def _join(text: str) -> str:
    return " ".join(_lines(text))


_MD_IMAGE_ONLY = re.compile(r"!\[[^\]]*\]\((?:<[^>]*>|[^)]*)\)")


def _lines(content: str) -> list[str]:
    """Inline source split at hard breaks; soft-broken lines joined with a space, or as two sentences when
    the first ends a clause with no mark and the next opens one (_ends_unmarked)."""
    out: list[str] = []
    buf: list[str] = []
    for raw in content.split("\n"):
        hard = raw.endswith("  ") or raw.endswith("\\")
        piece = raw.strip()
        if raw.endswith("\\") and not raw.endswith("\\\\"):
            piece = piece[:-1].rstrip()
        if piece not in ("*", "-", "+"):  # an empty list item swallowed as a lazy line
            if buf and _ends_unmarked(buf[-1], piece):
                buf[-1] += "."
            buf.append(piece)
        if hard:
            out.append(" ".join(p for p in buf if p))
            buf = []
    if buf:
        out.append(" ".join(p for p in buf if p))
    return [ln for ln in out if ln]


def _ends_unmarked(line: str, after: str) -> bool:
    """Notes written a fact a line with no full stop ('Some bacteria have flagella' over 'The only human cell
    is the sperm'): a line of three words or more ending in a word that closes a clause (no function word),
    over a line that opens with a capitalized function word ('The', 'Some', 'It'). Read as one, the two
    printed as one garbled sentence (blind review); a line wrapped mid-sentence ('We use the' over 'Amazon S3
    service') opens the next with a name or a lower-case word."""
    last = re.findall(r"[\w'’]+$", line)
    first = re.match(r"([A-Z][a-z]*)\b", after)
    if not last or not first or len(line.split()) < 3 or len(after.split()) < 3:
        return False
    lg = words.lang(words.DEFAULT)
    opener = first.group(1).lower()
    return last[0].lower() not in lg.function_words and (
        opener in lg.function_words or opener in lg.dangling or opener in lg.set_determiners
    )


def _term_lines(content: str) -> list[str]:
    """A list item's lines: a short first line over further lines is a term line, even when the break
    between them is a soft one ('Prokaryotic cells' over an indented 'Domain bacteria')."""
    raw = [ln.strip() for ln in content.split("\n") if ln.strip()]
    if len(raw) > 1 and _is_short_term(raw[0].rstrip(" \\")) and not raw[0].rstrip(" \\").endswith(":"):
        rest = [ln.rstrip(" \\") for ln in raw[1:]]
        if all(_is_short_term(ln) for ln in rest):
            return [raw[0].rstrip(" \\"), "; ".join(rest)]  # members listed one a line: one description
        return [raw[0].rstrip(" \\"), *_lines("\n".join(content.split("\n")[1:]))]
    return _lines(content)


def _numbered_terms(node: SyntaxTreeNode) -> bool:
    """An ordered list whose items mostly name a term: bold labels with a description, or a short
    title line over a nested list."""
    items = node.children
    if len(items) < 2:
        return False
    termish = 0
    for item in items:
        paras = [c for c in item.children if c.type == "paragraph"]
        nested = any(c.type in ("bullet_list", "ordered_list") for c in item.children)
        first = (
            _lines(paras[0].children[0].content)[0]
            if paras and paras[0].children and _lines(paras[0].children[0].content)
            else ""
        )
        raw = (
            [ln for ln in paras[0].children[0].content.split("\n") if ln.strip()] if paras and paras[0].children else []
        )
        if (nested or len(raw) > 1) and _is_short_term(first if nested else raw[0].strip()):
            termish += 1
        elif _BOLD_TERM_COLON_INSIDE.match(first) or _BOLD_TERM.match(first):
            termish += 1
    return termish * 5 >= 3 * len(items)


def _has_text(line: str) -> bool:
    """Whether a line says anything once images and bare HTML (`<a name="x"></a>`) are left out."""
    rest = _MD_IMAGE_ONLY.sub("", line).strip()
    if not rest:
        return False
    return not rest.startswith("<") or bool(markdown.to_plain(rest).strip())


def _without_reference_sentences(text: str) -> str:
    """Text with its pointer sentences ('See [docs](..).', a lone link) taken out: their links stay on
    the block, but they are no fact to learn or print."""
    if not _MD_LINK.search(text):
        return text.strip()
    return " ".join(s for s in markdown.sentences(text) if not _is_reference_line(s)).strip()


def _is_reference_line(line: str) -> bool:
    """A line that only points elsewhere: 'Learn more about [X](url).', a bare URL, a lone link."""
    if not _MD_LINK.search(line):
        return False
    rest = _MD_LINK.sub("", line)
    rest_words = re.findall(r"\w+", rest)
    if not rest_words:
        return True
    return bool(_REFERENCE_LEAD.match(rest)) and len(rest_words) <= 10


def _is_short_term(text: str) -> bool:
    plain = markdown.to_plain(text)
    if not plain or len(plain) > MAX_TERM_CHARS or len(plain.split()) > MAX_TERM_WORDS:
        return False
    if plain.endswith((".", "!", "?", ",", ";")):
        return False
    return not re.search(r"https?://", plain)


def _strip_bold(text: str) -> str:
    m = re.fullmatch(r"\*\*(.+)\*\*|__(.+)__", text.strip())
    if m:
        return (m.group(1) or m.group(2)).strip()
    return text.strip().rstrip(":").strip()


def _subject(text: str) -> str | None:
    """The subject of a sentence-like item when it is a short noun phrase.

    'Stratified split splits the data...' -> 'Stratified split';
    'The chi square is a statistical test...' -> 'chi square'.
    """
    m = _DEFINITION.match(text)
    if m and _is_short_term(m.group(1)):
        return m.group(1).strip()
    words = text.split()
    if words and words[0].lower() in _NOT_A_SUBJECT:
        return None
    if words and words[0] in ("The", "A", "An"):
        words = words[1:]
    for k, w in enumerate(words[: MAX_TERM_WORDS + 1]):
        bare = w.strip(",.:;")
        if k > 0 and bare.islower() and (bare in _COMMON_VERBS or _THIRD_PERSON_VERB.match(bare)):
            return " ".join(words[:k])
    return None


def _as_comparison(items: list[Term | None]) -> bool:
    """Decide whether list items are a comparison; give sentence-like items their subject as term.

    Explicit terms (colon, bold, term line) count first. Items written as sentences count when their
    subject ends in a head word the list shares ('Ordered split', 'Stratified split') or they
    define their subject ('The chi square is a ...').
    """
    if len(items) < 2:
        return False
    real = [t for t in items if t is not None]
    explicit = [t for t in real if t.term]
    subjects = {id(t): _subject(markdown.to_plain(t.description)) for t in real if not t.term}
    heads = [t.term.split()[-1].lower() for t in explicit]
    heads += [s.split()[-1].lower() for s in subjects.values() if s]
    shared = {h for h in heads if heads.count(h) >= 2}
    implied: dict[int, str] = {}
    for t in real:
        s = subjects.get(id(t))
        if s and (any(w.lower() in shared for w in s.split()) or _DEFINITION.match(markdown.to_plain(t.description))):
            implied[id(t)] = s
    if len(explicit) + len(implied) < max(2, round(0.6 * len(items))):
        return False
    for t in real:
        if id(t) in implied:
            t.term = implied[id(t)]
    return True


def _walk(node: SyntaxTreeNode, type_: str):
    if node.type == type_:
        yield node
    for c in node.children:
        yield from _walk(c, type_)


def _node_inline_text(node: SyntaxTreeNode) -> str:
    return "".join(c.content for c in node.children if c.type in ("text", "code_inline"))


_HYPHENED = re.compile(r"([A-Za-z][a-z]+)-([a-z]{3,})")


def _spelled_as_written(terms: list[Term]) -> list[Term]:
    """A label hyphenated where the list's own lines write the words apart ('* Neural-networks' beside
    '... more flexible and interpretable than neural networks'): a slip of the label, not a name; the label is
    read as the lines write it, so that its cards ask 'What do Neural networks include?' (blind review: a
    label left as written; a hyphen the lines use too, 'Tree-based', stays)."""
    said = " ".join(x for t in terms for x in (t.description, *t.details)).lower()
    out = []
    for t in terms:
        m = _HYPHENED.fullmatch(t.term.strip())
        if (
            m
            and f"{m.group(1)} {m.group(2)}".lower() in said
            and m.group(0).lower() not in said
            and not any(words.lang(c).acts(m.group(2)) for c in words.known())
        ):
            # (not 'Triple-stores': apart, its last word reads as a verb, 'triple stores', and the name is lost)
            t = replace(t, term=f"{m.group(1)} {m.group(2)}")
        out.append(t)
    return out
