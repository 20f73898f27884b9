"""The build cache in OUTPUT/.cache: per-domain cards and sheet fits keyed by content, templates and tool version."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib.util
import json
import os
import pickle
from functools import cache, lru_cache
from pathlib import Path

from .. import templates
from ..deck.identity import build_time
from ..files import remove_stale, write_if_changed
from ..model import Card, Domain, Image, Link, NotesFile, Source, sheet_header
from ..notes.parts import Parts

FORMAT = 1  # bump when the layout of the cache files changes
PACKAGE_DIR = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def tool_version() -> str:
    """The package version plus a hash of our code and its data (the word lists the rules read), so editing
    either invalidates what it produced: a cached card made with an old word list is stale too."""
    h = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(PACKAGE_DIR)).encode() + b"\0" + path.read_bytes())
    for dist in ("weasyprint", "genanki"):
        # Their package's __init__ (which names the version) without importing them, and without
        # importlib.metadata's scan of every installed distribution.
        spec = importlib.util.find_spec(dist)
        if spec and spec.origin:
            for name in ("__init__.py", "version.py", "_version.py"):
                if (Path(spec.origin).parent / name).is_file():
                    h.update(dist.encode() + (Path(spec.origin).parent / name).read_bytes())
    return f"{FORMAT}:{h.hexdigest()[:16]}"


def template_files(templates_dir: Path | None) -> list[Path]:
    """Every template file a build may read: the user's folder and ours (theirs win, file by file)."""
    out: list[Path] = []
    for base in (templates_dir, templates.DEFAULT_DIR):
        if base is not None and base.is_dir():
            out.extend(sorted(p for p in base.rglob("*") if p.is_file()))
    return out


def templates_hash(templates_dir: Path | None) -> str:
    h = hashlib.sha256()
    for path in template_files(templates_dir):
        h.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def file_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


_PLAIN = frozenset((str, int, float, bool, type(None)))


def canonical(obj, base: int):
    """Plain JSON-able form of the model; line numbers relative to `base`, so moving a domain keeps its key."""
    kind = type(obj)
    if kind in _PLAIN:  # (most of what the walk meets: asked first, 0.05 s of the 50-copy deck's 0.2 s)
        return obj
    if isinstance(obj, Source):
        return ["@", obj.file, obj.line - base]
    names = _field_names(kind)
    if names is not None:
        return [kind.__name__, *[canonical(getattr(obj, name), base) for name in names]]
    if isinstance(obj, (list, tuple)):
        return [canonical(x, base) for x in obj]
    if isinstance(obj, dict):
        return {str(k): canonical(v, base) for k, v in sorted(obj.items(), key=lambda kv: str(kv[0]))}
    return obj


@cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """A dataclass's field names, looked up once per class (the model has hundreds of thousands of objects)."""
    return tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None


def domain_images(domain: Domain) -> list[str]:
    return sorted({b.path for s in domain.sections for b in s.blocks if getattr(b, "path", None)})


def digest(data) -> str:
    # default=str: front matter may hold YAML dates and times (`dateCreated: 2026-07-16 00:00:00`)
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, default=str).encode()).hexdigest()[:32]


def build_day() -> int:
    """Today, for what the deck writer decides by the date (how long removed notes are still sent)."""
    return build_time() // 86400


def content_digest(domain: Domain) -> str:
    """The domain's content with its lines relative: the costly part of its key (the whole model walked),
    made when the file is parsed and kept with it, so a file read from the cache costs none of it."""
    return digest(canonical(domain, domain.source.line))


def domain_key(notes: NotesFile, domain: Domain, templates_key: str, content: str | None = None) -> str:
    """What the domain's cards and sheet depend on: its content (lines relative; `content`: its
    content_digest when the parse kept one), its slug, the deck, images, templates, version."""
    h = hashlib.sha256()
    h.update(tool_version().encode())
    h.update(templates_key.encode())
    content = content_digest(domain) if content is None else content
    h.update(
        json.dumps([notes.deck, sheet_header(notes), notes.path, domain.slug, content], ensure_ascii=False).encode()
    )
    for img in domain_images(domain):
        h.update(f"{img}={file_hash(Path(img))}".encode())
    return h.hexdigest()[:32]


# -- cards as plain data --------------------------------------------------------------------------


def _src(s: Source, base: int) -> list:
    return [s.file, s.line - base]


def card_to_data(card: Card, base: int) -> dict:
    d = {name: getattr(card, name) for name in _field_names(Card)}
    d["source"] = _src(card.source, base)
    d["sources"] = [[link.url, link.text, *_src(link.source, base)] for link in card.sources]
    d["key"] = list(card.key)
    d["tags"] = list(card.tags)
    return d


def card_from_data(d: dict, base: int) -> Card:
    d = dict(d)
    d["source"] = Source(d["source"][0], d["source"][1] + base)
    d["sources"] = [Link(url, text, Source(f, line + base)) for url, text, f, line in d["sources"]]
    d["key"] = tuple(d["key"])
    return Card(**d)


def deck_key(cards: list[Card] | str, target: Path, templates_key: str) -> str:
    """What the .apkg's bytes depend on (not the cards' line numbers, which it does not hold). `cards`:
    the cards, or their cards_digest when the build has it already."""
    h = hashlib.sha256()
    h.update(f"{tool_version()}|{templates_key}|{target.name}|{os.environ.get('SOURCE_DATE_EPOCH', '')}".encode())
    h.update((cards if isinstance(cards, str) else cards_digest(cards)).encode())
    return h.hexdigest()[:32]


def cards_digest(cards: list[Card]) -> str:
    """The cards as the deck holds them, in one digest (one json.dumps of all of them: 20,000 cards in a
    call, not 20,000 calls)."""
    plain = [
        [
            c.kind,
            c.front,
            c.answer,
            c.context,
            c.extra,
            [[x.url, x.text] for x in c.sources],
            c.tags,
            list(c.key),
            c.deck,
        ]
        for c in cards
    ]
    return hashlib.sha256(json.dumps(plain, ensure_ascii=False).encode()).hexdigest()


def folders(root: Path, skip: Path | None = None) -> list[Path]:
    """The folders under the notes' root (hidden ones and the output folder aside): a note or image
    added or removed changes one."""
    skip_abs = os.path.abspath(skip) if skip is not None else None
    out = []
    for dirpath, dirnames, _files in os.walk(root):
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and os.path.abspath(os.path.join(dirpath, d)) != skip_abs
        )
        out.append(Path(dirpath))
    return out


# -- the store ------------------------------------------------------------------------------------


class Cache:
    """OUTPUT/.cache: manifest.json (per-domain sheet fits, the deck) and cards/<key>.json."""

    def __init__(self, output: Path):
        self.output = output
        self.dir = output / ".cache"
        self.manifest_path = self.dir / "manifest.json"
        self.manifest = self._load_manifest()
        self.used_card_keys: set[str] = set()
        self.used_parse_keys: set[str] = set()
        self.read_keys: list[str | None] = []
        """The parse key of each notes file read, in order (None: unreadable)."""
        self.parse_key_of: dict[int, str] = {}
        """id() of each notes file read -> its parse key."""
        self.contents: dict[int, str] = {}
        """id() of each domain read -> its content_digest, made when its file was parsed."""
        self.roots: dict[Path, Path] = {}
        self.slim: set[int] = set()
        """id() of each notes file read as its outline (parsed(slim=True))."""
        self.card_groups: list[tuple[str | None, int]] = []
        """The deck's cards by notes file, in order: (the file's key, or None, and how many cards)."""
        self.used_deck_keys: set[str] = set()

    def _load_manifest(self) -> dict:
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {"sheets": {}, "deck": {}}
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return {"sheets": {}, "deck": {}}
        data.setdefault("sheets", {})
        data.setdefault("deck", {})
        return data

    # parsed notes files: the model depends on the text and on which images exist, nothing else. The
    # key is the text's; the images are checked on a hit (NotesFile.looked_up), so a file added to the
    # folder costs its own parse only, not every file's.

    def parse_key(self, name: str, path: Path, root: Path, raw: bytes) -> str:
        h = hashlib.sha256()
        if root not in self.roots:
            self.roots[root] = root.resolve()  # once a build, not once a file
        h.update(f"{tool_version()}|{name}|{path.resolve()}|{self.roots[root]}".encode())
        h.update(raw)
        return h.hexdigest()[:32]

    def parsed(self, key: str, slim: bool = False):
        """The notes file kept under `key` and its warnings, or None. `slim`: its outline only, when kept
        (slim_notes: what a deck-only build needs of a file whose cards are kept; full() gives the rest)."""
        self.used_parse_keys.add(key)
        got = self._read_parsed("parsed-slim" if slim else "parsed", key)
        if got is None and slim:
            got = self._read_parsed("parsed", key)  # kept by a build before the outlines were
            if got is not None and got[0] is not None:
                self._write_parsed("parsed-slim", key, slim_notes(got[0]), got[1], got[2])
        elif got is not None and slim and got[0] is not None:
            self.slim.add(id(got[0]))
        if got is None:
            return None
        nf, warnings, contents = got
        self._remember(nf, contents)
        return nf, warnings

    def _read_parsed(self, folder: str, key: str):
        try:
            with open(self.dir / folder / f"{key}.pickle", "rb") as f:
                # Our own file, written by the build into the output folder (same trust as the output).
                nf, warnings, contents = pickle.load(f)[:3]
        except Exception:
            return None  # absent, damaged or from another Python: parsed again
        if nf is not None and not (isinstance(nf, NotesFile) and len(contents) == len(nf.domains)):
            return None
        return nf, warnings, contents

    def _write_parsed(
        self, folder: str, key: str, nf: NotesFile | None, warnings: list, contents: list, parts: dict | None = None
    ) -> None:
        # the parts hold the model's own sections: pickled with it, they cost the pickle next to nothing
        data = pickle.dumps((nf, warnings, contents, parts or {}), protocol=pickle.HIGHEST_PROTOCOL)
        write_if_changed(self.dir / folder / f"{key}.pickle", data, durable=False)

    def full(self, nf: NotesFile) -> NotesFile:
        """The whole model of a notes file read slim, with the slugs the build gave its domains."""
        if id(nf) not in self.slim:
            return nf
        key = self.parse_key_of[id(nf)]
        got = self._read_parsed("parsed", key)
        if got is None or got[0] is None or len(got[0].domains) != len(nf.domains):
            raise OSError(f"{self.dir}: the build cache changed during the build (build again)")
        whole = got[0]
        for d, slim_d in zip(whole.domains, nf.domains, strict=True):
            d.slug = slim_d.slug
            self.contents[id(d)] = self.contents[id(slim_d)]
        self.parse_key_of[id(whole)] = key
        self.slim.discard(id(nf))
        return whole

    def store_parsed(self, key: str, nf: NotesFile | None, warnings: list, parts: Parts | None = None) -> None:
        """Keep a file's parse; with `parts`, its domains as this parse made them, for the next parse of the
        file (by its name, in the manifest: which parse they are in, and the lines of each)."""
        self.used_parse_keys.add(key)
        # made before the build renames the domains' slugs (domain_key adds the final slug itself)
        contents = [content_digest(d) for d in nf.domains] if nf is not None else []
        self._remember(nf, contents)
        made = parts.made if parts is not None and nf is not None else []
        if made:
            spans = {m.key: [m.first, m.end] for m in made}
            self.manifest.setdefault("parts", {})[parts.name] = [key, nf.lang, spans]
        self._write_parsed("parsed", key, nf, warnings, contents, {m.key: m.part for m in made})
        self._write_parsed("parsed-slim", key, slim_notes(nf) if nf is not None else None, warnings, contents)

    def last_parts(self, name: str, still_there) -> Parts:
        """The parts the last parse of the notes file `name` kept, if it is still in the cache."""
        entry = self.manifest.get("parts", {}).get(name)
        parts = Parts(name, still_there=still_there)
        if isinstance(entry, list) and len(entry) == 3 and isinstance(entry[2], dict):
            path = self.dir / "parsed" / f"{entry[0]}.pickle"
            parts.lang, parts.read = entry[1], path.read_bytes
            parts.spans = {k: (v[0], v[1]) for k, v in entry[2].items()}
        return parts

    def keep_parts_of(self, names: set[str]) -> None:
        """Forget the parts of files no longer read (their parse is pruned when the build ends)."""
        if "parts" in self.manifest:
            self.manifest["parts"] = {n: v for n, v in self.manifest["parts"].items() if n in names}

    def _remember(self, nf: NotesFile | None, contents: list[str]) -> None:
        for d, content in zip(nf.domains if nf is not None else [], contents, strict=True):
            self.contents[id(d)] = content

    def slugify(self, name: str) -> str:
        """markdown.slugify, remembered: a build with nothing to do need not load the Markdown parser."""
        known = self.manifest.setdefault("slugs", {})
        if name not in known:
            from ..markdown import slugify  # markdown-it: a build with nothing to do never loads it

            known.clear()
            known[name] = slugify(name)
        return known[name]

    # cards

    def cards(self, key: str, base: int) -> list[Card] | None:
        self.used_card_keys.add(key)
        try:
            data = json.loads((self.dir / "cards" / f"{key}.json").read_text(encoding="utf-8"))
            return [card_from_data(d, base) for d in data]
        except (OSError, ValueError, KeyError, TypeError):
            return None  # absent or damaged: the cards are made again

    def store_cards(self, key: str, base: int, cards: list[Card]) -> None:
        self.used_card_keys.add(key)
        data = json.dumps([card_to_data(c, base) for c in cards], ensure_ascii=False, separators=(",", ":"))
        write_if_changed(self.dir / "cards" / f"{key}.json", data.encode("utf-8"), durable=False)

    def file_cards(self, key: str) -> list[Card] | None:
        """A notes file's finished cards (after the file-wide passes), kept when its text and its domains'
        keys were the same: lines as they are in the file, which the key fixes. Its domains' own card
        files are kept too, for the day one of its domains changes. Pickled, not JSON as a domain's cards
        are: every file's are read by every build of a vault (7,400 cards at 200 files: 0.2 s made from
        JSON, a third of that unpickled)."""
        self.used_card_keys.add(f"file-{key}")
        try:
            with open(self.dir / "cards" / f"file-{key}.pickle", "rb") as f:
                # Our own file, written by the build into the output folder (same trust as the output).
                domains, cards = pickle.load(f)
        except Exception:  # noqa: BLE001  absent, damaged or from another Python: made again
            return None
        if not (isinstance(cards, list) and all(isinstance(c, Card) for c in cards)):
            return None
        self.used_card_keys.update(domains)
        return cards

    def store_file_cards(self, key: str, cards: list[Card], domain_keys: list[str]) -> None:
        self.used_card_keys.add(f"file-{key}")
        data = pickle.dumps((list(domain_keys), cards), protocol=pickle.HIGHEST_PROTOCOL)
        write_if_changed(self.dir / "cards" / f"file-{key}.pickle", data, durable=False)

    # what the deck holds of a file's cards (deck/apkg.py's Prepared), by the file's key

    def deck_rows(self, key: str, count: int) -> list | None:
        self.used_deck_keys.add(key)
        try:
            with open(self.dir / "deck" / f"{key}.pickle", "rb") as f:
                # Our own file, written by the build into the output folder (same trust as the output).
                rows = pickle.load(f)
        except Exception:
            return None  # absent, damaged or from another Python: made again
        return rows if isinstance(rows, list) and len(rows) == count else None

    def store_deck_rows(self, key: str, rows: list) -> None:
        self.used_deck_keys.add(key)
        data = pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL)
        write_if_changed(self.dir / "deck" / f"{key}.pickle", data, durable=False)

    # sheets

    def sheet(self, slug: str) -> dict | None:
        entry = self.manifest["sheets"].get(slug)
        return entry if isinstance(entry, dict) else None

    def sheet_is_current(self, slug: str, key: str, target: Path) -> bool:
        """The PDF on disk is the one this key produced (not deleted or replaced since)."""
        entry = self.sheet(slug)
        return bool(entry) and entry.get("key") == key and entry.get("pdf") == file_hash(target)

    def previous_size(self, slug: str) -> float | None:
        entry = self.sheet(slug)
        size = entry.get("size") if entry else None
        return float(size) if isinstance(size, (int, float)) else None

    def store_sheet(self, slug: str, key: str, target: Path, fit, warnings: list[tuple[str, str]] = ()) -> None:
        self.manifest["sheets"][slug] = {
            "key": key,
            "pdf": file_hash(target),
            "size": fit.size,
            "pages": fit.pages,
            "dropped": list(fit.dropped),
            "warnings": [[str(where), message] for where, message in warnings],
        }

    # deck

    def deck_is_current(self, key: str, target: Path) -> bool:
        entry = self.manifest["deck"]
        return entry.get("key") == key and entry.get("path") == target.name and entry.get("sha") == file_hash(target)

    def store_deck(self, key: str, target: Path) -> None:
        self.manifest["deck"] = {"key": key, "path": target.name, "sha": file_hash(target)}

    def save(self, keep_sheets: set[str] | None = None, prune_cards: bool = True) -> None:
        """Write the manifest; forget sheets no longer built and card files no longer used."""
        if keep_sheets is not None:
            self.manifest["sheets"] = {k: v for k, v in self.manifest["sheets"].items() if k in keep_sheets}
        self.manifest["format"] = FORMAT
        data = json.dumps(self.manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        write_if_changed(self.manifest_path, data.encode("utf-8"))
        prune = [("parsed", "*.pickle", self.used_parse_keys), ("parsed-slim", "*.pickle", self.used_parse_keys)]
        if prune_cards:
            prune.append(("cards", "*.json", self.used_card_keys))
            prune.append(("cards", "*.pickle", self.used_card_keys))
            prune.append(("deck", "*.pickle", self.used_deck_keys))
        for sub, pattern, used in prune:
            suffix = pattern.removeprefix("*")
            # names, not Paths: a vault's cache holds thousands of entries, and every build looks at each
            with contextlib.suppress(FileNotFoundError):
                for name in os.listdir(self.dir / sub):
                    if name.endswith(suffix) and name[: -len(suffix)] not in used:
                        (self.dir / sub / name).unlink()
        # Cache entries are written with no search for temporary files a killed build left: done here, once.
        remove_stale(self.dir.glob("*/.*.tmp"))


# -- a build with nothing to do -------------------------------------------------------------------
#
# A build that finds every input as the last build left it (each file's size, time and inode; each
# folder's, which a file added or removed changes) and every output still there as written would do
# nothing but read the cache: it gives the last build's result instead, read from one small file,
# before the modules of any stage are imported. The notes in it are the files and domains without their
# sections (what the summary shows); the cards are read from the cache only when asked for
# (pipeline.KeptCards).

REPLAY_NAME = "replay.pickle"


def _replay_key(opts) -> str | None:
    """What besides the files decides a build's outcome: the options, where it runs, our code, the day
    (removed notes leave the deck after a while); None when it cannot be replayed (a model writer)."""
    if opts.llm is not None or opts.cards not in (None, "rules"):
        return None
    plain = [
        str(getattr(opts, f.name)) if isinstance(getattr(opts, f.name), Path) else getattr(opts, f.name)
        for f in dataclasses.fields(opts)
        if f.name != "jobs"  # how many processes render the sheets changes nothing they are
    ]
    return digest([plain, os.getcwd(), tool_version(), build_day(), os.environ.get("SOURCE_DATE_EPOCH", "")])


def _stats(paths: list[str]) -> list:
    out = []
    for p in paths:
        try:
            st = os.stat(p)
            out.append((st.st_mtime_ns, st.st_size, st.st_ino))
        except OSError:
            out.append(None)
    return out


def replayed(opts, report) -> object | None:
    """The last build's Result when nothing it read or wrote changed since (its warnings and lines said
    again on `report`), else None."""
    key = _replay_key(opts)
    place = opts.output / ".cache" / REPLAY_NAME
    if key is None or not place.is_file():
        return None
    try:
        with open(place, "rb") as f:
            # Our own file, written by the build into the output folder (same trust as the output).
            old_key, paths, stats, result, warnings, notes = pickle.load(f)
    except Exception:  # noqa: BLE001  damaged, or from another version or Python: the build runs
        return None
    if old_key != key or _stats(paths) != stats:
        return None
    for where, message in warnings:
        report.warn(where, message)
    for line in notes:
        report.info(line)
    return result


def forget_replay(output: Path) -> None:
    """A build that runs leaves no replay of an earlier one behind (it may fail half way)."""
    (output / ".cache" / REPLAY_NAME).unlink(missing_ok=True)


def slim_notes(nf: NotesFile) -> NotesFile:
    """A notes file's outline: its domains with their sections' headings and images, none of the text (a
    tenth of the model to read back). What a build needs of a file whose cards it keeps: the keys, the deck
    tree, where the images go (deck/media.attach), the preview's and the summary's titles."""
    # Sections only place a card's images: a file with none keeps none (most of a vault's files)
    images = any(isinstance(b, Image) for d in nf.domains for s in d.sections for b in s.blocks)
    return dataclasses.replace(
        nf, domains=[_slim(d) if images else Domain(d.title, d.slug, d.source, []) for d in nf.domains]
    )


def _slim(domain: Domain) -> Domain:
    """A domain as a replayed result has it: its sections with their images only (what places a card's
    images, deck/media.attach), none of its text."""
    sections = [dataclasses.replace(s, blocks=[b for b in s.blocks if isinstance(b, Image)]) for s in domain.sections]
    return Domain(domain.title, domain.slug, domain.source, sections)


def save_replay(opts, result, report, said, outputs: list[Path], kept_cards) -> None:
    """Keep what this build gave, for the next build with the same inputs: `said`, what it warned of and
    said that a build with nothing to do would say too (warnings, lines); `outputs`, the files it wrote
    or checked; `kept_cards`, its cards as they will be read back (pipeline.KeptCards)."""
    key = _replay_key(opts)
    if key is None or result.model is not None:
        return
    cache_dir = opts.output / ".cache"
    slim = dataclasses.replace(
        result,
        notes=[dataclasses.replace(slim_notes(nf), looked_up={}) for nf in result.notes],
        cards=kept_cards,
        # as the sheets a build finds current are (pipeline._start_sheets): rendered no more
        fits={
            slug: type(fit)(size=fit.size, renders=0, pages=fit.pages, dropped=list(fit.dropped))
            for slug, fit in result.fits.items()
        },
        timings={},
        prepared=None,
        written=None,
        rendered=[],
        carded=[],
        deck_written=False,
    )
    settings = opts.source / ".obsidian"  # which folder holds a vault's templates (notes/read.py)
    template_dirs = (
        [p for p in opts.templates.rglob("*") if p.is_dir()] if opts.templates and opts.templates.is_dir() else []
    )
    paths = [
        *map(str, result.inputs),
        str(opts.templates or ""),
        *map(str, template_dirs),
        str(settings / "templates.json"),
        str(settings / "plugins" / "templater-obsidian" / "data.json"),
        *map(str, outputs),
        str(cache_dir / "manifest.json"),
        *(str(cache_dir / "cards" / f"file-{k}.pickle") for k in kept_cards.keys),
    ]
    warnings, notes = said
    data = (key, paths, _stats(paths), slim, [(w.where, w.message) for w in warnings], notes)
    write_if_changed(cache_dir / REPLAY_NAME, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL), durable=False)
