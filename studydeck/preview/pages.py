"""Stage 6, for a big deck: preview.html an index (every file and domain, counts, sheets, a search over every
card), the cards on pages of a few hundred under preview/, each opened only when the learner opens it.

One page holding 20,000 cards is 70 MB and 750,000 elements: half a minute to open, seconds per search.
The index holds no card; its search reads preview/search.js, the cards' text in a compact list, and links
each hit to its page. A page is the one-page preview of its cards (the same template and script), so a
page is checked as the small deck's preview is. Pages whose cards did not change are not written again.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..build.cache import tool_version
from ..files import write_if_changed
from .anki import plain_text

PAGED_FROM = 1500
"""A deck of more cards than this gets the paged preview (the user's 13 domains are 166 cards)."""
PAGE_CARDS = 400
"""Cards a page holds at most: a file's domains go on one page up to this, a bigger domain on a page alone."""
FOLDER = "preview"
"""The pages, beside preview.html."""
SEARCH = "search.js"


@dataclass
class Page:
    name: str
    """File name under preview/."""
    title: str
    """The notes file's title (with its part, for a file on several pages)."""
    path: str
    """The notes file, as the summary names it ('' for cards no notes file has now)."""
    domains: list = field(default_factory=list)
    """DomainView of page.py."""

    @property
    def count(self) -> int:
        return sum(d.count for d in self.domains)

    @property
    def kinds(self) -> Counter:
        return sum((d.kinds for d in self.domains), Counter())

    @property
    def flagged(self) -> int:
        return sum(d.flagged for d in self.domains)


def split(notes, domains) -> list[Page]:
    """The domains (page.py's DomainView, in the notes' order) on pages: a file's consecutive domains
    together up to PAGE_CARDS cards. Domains no notes file has (removed notes the deck keeps) go last."""
    by_slug = {d.slug: d for d in domains}
    pages: list[Page] = []
    names: set[str] = set()

    def new_page(stem: str, title: str, path: str) -> Page:
        name, n = f"{stem}.html", 2
        while name in names:
            name, n = f"{stem}-{n}.html", n + 1
        names.add(name)
        pages.append(Page(name, title, path))
        return pages[-1]

    placed: set[str] = set()
    several = len(notes) > 1
    for nf in notes:
        page = None
        for d in nf.domains:
            dv = by_slug.get(d.slug)
            if dv is None:
                continue
            placed.add(dv.slug)
            if page is None or (page.domains and page.count + dv.count > PAGE_CARDS):
                stem = dv.slug.split("/")[0] if several else dv.slug.replace("/", "-")
                page = new_page(stem or "notes", nf.title, nf.path)
            page.domains.append(dv)
    rest = [d for d in domains if d.slug not in placed]
    if rest:
        page = new_page("not-in-your-notes", "Not in your notes as they are now", "")
        page.domains.extend(rest)
    parts: dict[str, list[Page]] = {}
    for p in pages:
        parts.setdefault(p.path, []).append(p)
    for same in parts.values():
        if len(same) > 1:
            for k, p in enumerate(same, 1):
                p.title = f"{p.title} ({k} of {len(same)})"
    return pages


def search_index(pages: list[Page]) -> str:
    """preview/search.js: per card its page, domain, kind, whether flagged, its anchor and its text (the
    front, and the back without the front it repeats), as short lists: the index's search reads only this."""
    domains, cards = [], []
    for p_no, page in enumerate(pages):
        for dv in page.domains:
            d_no = len(domains)
            domains.append([dv.title, p_no])
            for section in dv.sections:
                for v in section.cards:
                    front, back = v.text or (plain_text(v.front), plain_text(v.back))
                    if back.startswith(front):
                        back = back[len(front) :].lstrip()
                    cards.append([d_no, v.card.kind, int(bool(v.flags)), v.anchor, front, back])
    data = {"pages": [[p.name, p.title] for p in pages], "domains": domains, "cards": cards}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # '</' never closes anything in a .js file, but '\u2028' ended a string literal in older engines
    return "window.PV_INDEX = " + text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + ";\n"


def write(output: Path, pages: list[Page], render_page, search: str, salt: str) -> None:
    """Each page (render_page(page) -> HTML) and search.js under output/preview/, a page only when its
    cards or sheets changed (kept by a key of what it shows and `salt`, the templates); pages of an
    earlier build that are gone."""
    folder = output / FOLDER
    keys_file = output / ".cache" / "preview-pages.json"
    try:
        old = json.loads(keys_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        old = {}
    keys = {}
    for page in pages:
        key = page_key(page, salt)
        keys[page.name] = key
        if old.get(page.name) != key or not (folder / page.name).is_file():
            write_if_changed(folder / page.name, render_page(page).encode("utf-8"), durable=False)
    write_if_changed(folder / SEARCH, search.encode("utf-8"), durable=False)
    for stale in folder.glob("*.html"):
        if stale.name not in keys:
            stale.unlink()
    write_if_changed(keys_file, json.dumps(keys, sort_keys=True).encode("utf-8"), durable=False)


def page_key(page: Page, salt: str) -> str:
    """What a page shows: its cards as rendered, their marks, its sheets, the page's place among the others."""
    h = hashlib.sha256(f"{tool_version()}|{salt}|{page.name}|{page.title}|{page.path}".encode())
    for dv in page.domains:
        sheet = dv.sheet
        h.update(f"\0{dv.slug}\0{dv.title}\0{dv.count}\0{dv.flagged}".encode())
        if sheet is not None:
            h.update(f"{sheet.href}|{sheet.size}|{sheet.pages}|{sheet.dropped}|".encode() + sheet.thumbnail.encode())
        for section in dv.sections:
            h.update(b"\1" + section.context.encode())
            for v in section.cards:
                h.update("\2".join([v.guid, str(v.ordinal), v.front, v.back, *v.flags, str(v.removed)]).encode())
                h.update(f"{v.card.rule}|{v.card.source}".encode())
    return h.hexdigest()


def clear(output: Path) -> None:
    """A deck small enough for one page again: the pages of an earlier, bigger one go."""
    if (output / FOLDER).is_dir():
        shutil.rmtree(output / FOLDER, ignore_errors=True)
    (output / ".cache" / "preview-pages.json").unlink(missing_ok=True)
