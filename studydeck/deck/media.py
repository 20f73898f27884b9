"""Images of the notes as Anki media: names Anki keeps as they are, no collisions, card HTML pointing at them."""

from __future__ import annotations

import bisect
import hashlib
import html as html_lib
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..model import Card, Image, NotesFile
from ..notes.read import local_image

MAX_NAME_BYTES = 120  # Anki truncates longer media file names
_DISALLOWED = re.compile(r'[\[\]<>:"/?*^\\|\x00-\x1f\x7f]')
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])$", re.I)
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_SRC = re.compile(r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
MAX_SECTION_IMAGES = 2  # images of a section shown on the back of its cards


def anki_name(name: str) -> str:
    """A file name as Anki's media folder stores it, so Anki never renames ours (and never rewrites our cards).

    NFC, lower case, no `[]<>:"/?*^\\|` or control characters, Windows device names and trailing dots or
    spaces made safe, at most 119 bytes with the extension kept.
    """
    name = unicodedata.normalize("NFC", name).lower()
    name = _DISALLOWED.sub("", name)
    first, dot, rest = name.partition(".")
    if _WINDOWS_RESERVED.match(first):
        name = f"{first}_{dot}{rest}"
    if name.endswith((".", " ")):
        name += "_"
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    ext = f".{ext}" if dot else ""
    limit = MAX_NAME_BYTES - 1 if ext else MAX_NAME_BYTES - 2
    while len((stem + ext).encode("utf-8")) > limit and stem:
        stem = stem[:-1]
    return (stem or "image") + ext


def media_name(path: Path) -> str:
    """The name an image is packaged under: its own name plus a content hash, so two `diagram.png` never meet."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
    stem = anki_name(path.stem).rstrip("._ ")[:60] or "image"
    return anki_name(f"{stem}-{digest}{path.suffix}")


@dataclass
class Media:
    """Images found under the notes folder and the media names they get."""

    root: Path
    names: dict[Path, str] = field(default_factory=dict)
    """Resolved file path → media name."""

    def add(self, path: Path) -> str:
        path = path.resolve()
        if path not in self.names:
            self.names[path] = media_name(path)
        return self.names[path]

    def lookup(self, src: str, notes_file: str) -> str | None:
        """Media name for an `src` written in `notes_file` (relative to the root), if it is a packaged image."""
        path, _problem = local_image(src, (self.root / PurePosixPath(notes_file)).parent, self.root)
        return self.add(path) if path else None

    def files(self, folder: Path) -> list[str]:
        """Copy every image into `folder` under its media name (genanki packs files by their own name)."""
        folder.mkdir(parents=True, exist_ok=True)
        out = []
        for path, name in sorted(self.names.items(), key=lambda kv: kv[1]):
            target = folder / name
            shutil.copyfile(path, target)
            out.append(str(target))
        return out


def attach(cards: list[Card], notes: list[NotesFile], root: Path) -> Media:
    """Point card images at media names (or drop them, keeping their alt text) and show section images on the back."""
    media = Media(root if root.is_dir() else root.parent)
    if not _any_image(cards, notes):
        return media
    # A card belongs to the section its source line falls in: the shown context may be shortened
    # (a heading that would give the answer away), the line never is.
    starts: dict[str, list[tuple[int, list[Image]]]] = {}
    for nf in notes:
        for d in nf.domains:
            for s in d.sections:
                found = [b for b in s.blocks if isinstance(b, Image) and b.path]
                starts.setdefault(nf.path, []).append((s.source.line, found))
    for spans in starts.values():
        spans.sort(key=lambda x: x[0])
    for card in cards:
        card.front = rewrite(card.front, card.source.file, media)
        card.answer = rewrite(card.answer, card.source.file, media)
        card.extra = rewrite(card.extra, card.source.file, media)
        spans = starts.get(card.source.file, [])
        i = bisect.bisect_right([line for line, _ in spans], card.source.line) - 1
        section_images = spans[i][1] if i >= 0 else []
        shown = set(_IMG.findall(card.front + card.answer + card.extra))
        extra = []
        for img in section_images[:MAX_SECTION_IMAGES]:
            name = media.add(Path(img.path))
            tag = f'<img src="{html_lib.escape(name, quote=True)}" alt="{html_lib.escape(img.alt, quote=True)}">'
            if not any(f'src="{name}"' in t for t in shown):
                extra.append(tag)
        if extra:
            card.extra = "<br>".join(x for x in [card.extra, *extra] if x)
    return media


def _any_image(cards: list[Card], notes: list[NotesFile]) -> bool:
    """An image in a card or a section of the notes: else there is nothing to attach (and a big deck is not
    walked card by card for nothing)."""
    if any("<img" in (c.front + c.answer + c.extra).lower() for c in cards):
        return True
    return any(
        isinstance(b, Image) and b.path for nf in notes for d in nf.domains for s in d.sections for b in s.blocks
    )


def rewrite(html: str, notes_file: str, media: Media) -> str:
    """Every `<img>` in card HTML: src replaced by its media name, or the image replaced by its alt text."""
    if "<img" not in html.lower():
        return html

    def sub(m: re.Match) -> str:
        tag = m.group(0)
        src_m = _SRC.search(tag)
        src = html_lib.unescape(next((g for g in src_m.groups() if g is not None), "")) if src_m else ""
        name = media.lookup(src, notes_file)
        if name is None:
            alt_m = _ALT.search(tag)
            return next((g for g in alt_m.groups() if g is not None), "") if alt_m else ""
        return tag[: src_m.start()] + f'src="{html_lib.escape(name, quote=True)}"' + tag[src_m.end() :]

    return _IMG.sub(sub, html)
