"""The build: parse every notes file, then write the deck and the sheets, redoing only what changed since the
last build."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import html as html_lib
import os
import re
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .. import templates, words
from ..deck.identity import REMOVED_TAG, STATE_NAME, dump_state, load_state
from ..files import atomic_path, write_if_changed
from ..model import Card, Domain, NotesFile, Section, sheet_header
from ..report import NotesError, Report
from . import cache as cache_mod
from . import tricks
from .options import ALL_SHEETS, Options, Result, deck_name, sheet_name

if TYPE_CHECKING:
    from ..notes.parts import Parts
    from . import speed

# The stages' modules (the reader, the deck's media, the sheets' layout, the workers, the preview) are
# imported where they are used: a build with nothing to do replays the last one without them (cache.replayed).


def load(source: Path, report: Report) -> list[NotesFile]:
    """Every notes file under `source`, parsed; domain slugs made unique across files."""
    return _load(Options(source, Path(os.devnull)), report)[0]


def _load(
    opts: Options, report: Report, store: cache_mod.Cache | None = None, on_change=None
) -> tuple[list[NotesFile], list[Path], list[tuple[str, str]]]:
    from ..notes.read import find_notes, is_table_of_contents  # see the imports at the top

    source = opts.source
    root = source if source.is_dir() else source.parent
    root_abs = root.resolve()  # once: a path resolved is a system call for each of its parts
    notes: list[NotesFile] = []
    blank: list[str] = []
    found = find_notes(source, opts.include, opts.exclude, opts.output)
    paths: list[Path] = []  # the notes files; found.paths also has the tables of contents
    # Mojibake repairs by line, kept from build to build: an edit elsewhere need not load the repairer.
    repairs = store.manifest.setdefault("repairs", {}) if store else None
    raws: list[bytes] = []
    names: set[str] = set()  # the notes files' names, as the cache knows them
    said: set[tuple[str, str]] = set()
    for done, path in enumerate(found.paths):
        report.step("reading", done, len(found.paths))
        name = str(path.relative_to(root)) if source.is_dir() else path.name
        try:
            raw = path.read_bytes()
        except OSError:
            raw = None  # read_notes below says why, in one line
        if (
            raw
            and source.is_dir()
            and is_table_of_contents(raw.decode("utf-8", "replace"))
            and not found.included(path)
        ):
            found.skipped.append((path.relative_to(root).as_posix(), "a table of contents"))
            continue
        paths.append(path)
        names.add(name)
        raws.append(raw or b"")
        key = store.parse_key(name, path, root, raw) if store and raw is not None else None
        if store:
            store.read_keys.append(key)
        # a deck-only build reads a file's outline only (its cards are almost surely kept: cache.full else)
        hit = store.parsed(key, slim=opts.only == "deck") if key else None
        if hit is not None and hit[0] is not None and not _still_there(hit[0].looked_up, root_abs):
            hit = None
        if hit is None:
            if on_change:
                on_change(raw or b"")
            file_report = Report(quiet=True)
            # the domains its last parse made: an edit of one of them parses that one again, not the file
            parts = store.last_parts(name, lambda looked_up: _still_there(looked_up, root_abs)) if key else None
            nf = _parse_one(path, name, root, raw, file_report, repairs, parts)
            warnings = [(w.where, w.message) for w in file_report.warnings]
            if key:
                store.store_parsed(key, nf, warnings, parts)
        else:
            nf, warnings = hit
        for where, message in warnings:
            if (str(where), message) not in said:  # a note embedded in another says its own once
                said.add((str(where), message))
                report.warn(where, message)
        if nf is None:
            blank.append(name)
            continue
        if store and key:
            store.parse_key_of[id(nf)] = key
        notes.append(nf)
    report.step("reading", len(found.paths), len(found.paths))
    if store:
        store.keep_parts_of(names)
        store.manifest["repairs"] = {
            line: v for line, v in repairs.items() if any(line.encode() in raw for raw in raws)
        }
    if not paths:
        raise NotesError(str(source), f"no notes found {found.saw()}")
    if not notes:
        where = blank[0] if len(blank) == 1 else str(source)
        raise NotesError(where, "empty notes (nothing but blank lines or `---`): nothing to build")
    for name in blank:
        report.warn(name, "empty notes file (nothing but blank lines or `---`); skipped")
    _name_domains(notes)
    return notes, found.paths, sorted(found.skipped)


def _still_there(looked_up: dict[str, bool], root_abs: Path) -> bool:
    """Whether the files a kept parse looked for are as they were: each path, each note it embeds (by its
    hash), each note it links to (by its title's lines), and each bare name looked for in the whole folder
    (Obsidian's attachments, notes linked to) and not found, still nowhere."""
    from ..notes.read import title_digest, vault_files  # with _load's, above

    for path, was in looked_up.items():
        if path.startswith("*"):
            index = vault_files(root_abs)
            if path[1:] in index or path[1:].lower() in index:
                return False
        elif path.startswith("~"):  # a note linked to: its title as it was
            file, digest = path[1:].rsplit("~", 1)
            try:
                if title_digest(Path(file).read_bytes()) != digest:
                    return False
            except OSError:
                return False
        elif path.startswith("="):  # an embedded note: its text as it was
            file, digest = path[1:].rsplit("=", 1)
            if (cache_mod.file_hash(Path(file)) or "")[:16] != digest:
                return False
        elif os.path.isfile(path) != was:
            return False
    return True


def file_slugs(notes: list[NotesFile]) -> dict[str, str]:
    """Each notes file's short name for folders and tags: its file name's slug ('tcp-handshake'), or its
    path's when two files share a name ('networks-tcp', 'os-tcp')."""
    from ..markdown import slugify  # markdown-it: only for a folder of notes

    stems = {nf.path: slugify(Path(nf.path).stem) or "notes" for nf in notes}
    shared = {s for s in stems.values() if list(stems.values()).count(s) > 1}
    return {
        path: stem if stem not in shared else slugify(str(Path(path).with_suffix("")).replace("/", "-"))
        for path, stem in stems.items()
    }


def _name_domains(notes: list[NotesFile]) -> None:
    """Domain slugs made unique. With several files each domain's is under its file's ('tcp-handshake/opening'):
    its sheet is then cheatsheets/tcp-handshake/opening.pdf."""
    files = file_slugs(notes) if len(notes) > 1 else {}
    seen: set[str] = set()
    for nf in notes:
        prefix = f"{files[nf.path]}/" if files else ""
        for d in nf.domains:
            base = prefix + d.slug
            slug, n = base, 2
            while slug in seen:
                slug = f"{base}-{n}"
                n += 1
            d.slug = slug
            seen.add(slug)


def _parse_one(
    path: Path,
    name: str,
    root: Path,
    raw: bytes | None,
    report: Report,
    repairs: dict | None = None,
    parts: Parts | None = None,
) -> NotesFile | None:
    """One notes file to the model; None when it is blank. `parts`: its last parse's domains (notes/parts.py)."""
    from ..notes.parse import parse_notes  # yaml, markdown-it: a build with no notes file changed never parses
    from ..notes.read import decode, is_blank, read_notes  # with _load's, above

    text = read_notes(path, name, report) if raw is None else decode(raw, name, report, repairs)
    if is_blank(text):
        return None
    from ..notes.analyse import analyse_notes  # with the parser, as above

    nf = parse_notes(text, name, path.parent, root, report, parts)
    analyse_notes(nf, parts.analysed if parts is not None else lambda lang: set())
    return nf


def build(opts: Options, report: Report) -> Result:
    kept = cache_mod.replayed(opts, report)
    if kept is not None:  # nothing changed since the last build: its result, and nothing imported for it
        kept.cards.notes = kept.notes  # (KeptCards: what places the cards in the deck when they are read)
        return kept
    cache_mod.forget_replay(opts.output)
    renderer = None
    if opts.only in (None, "sheets"):
        from . import speed  # multiprocessing and the workers' code: not for a build without sheets to make

        renderer = speed.Renderer(opts.jobs, opts.templates)
    try:
        with tricks.fewer_collections():
            return _build(opts, report, renderer)
    finally:
        if renderer is not None:
            renderer.close()  # also when the build failed: no worker outlives it


def _build(opts: Options, report: Report, renderer: speed.Renderer | None) -> Result:
    result = Result()
    store = cache_mod.Cache(opts.output)
    words.keep_tables(store.dir)  # how common each word is: read from the cache, not from wordfreq
    templates.keep_compiled(store.dir / "templates", cache_mod.tool_version())  # and the templates, compiled
    said = (len(report.warnings), len(report.notes))  # what this build says from here on, for its replay
    unsaid: list = []  # the ranges of it a build with nothing to do would not say (writing the deck, the preview)
    with _timed(result.timings, "parse"):
        # A notes file that changed almost surely means a sheet to render: a worker may start now.
        # A deck-only build makes the word table the cards read meanwhile, if its cache has none.
        ahead = tricks.WordsAhead() if opts.only == "deck" else None
        on_change = (lambda raw: renderer.warm_up()) if renderer else ahead.start if ahead else None
        result.notes, note_paths, result.skipped = _load(opts, report, store, on_change=on_change)
        if _wants_model(opts, result):  # the model writer reads every section: files read slim in whole
            result.notes = [store.full(nf) for nf in result.notes]
    root = opts.source if opts.source.is_dir() else opts.source.parent
    with _timed(result.timings, "keys"):
        templates_key = cache_mod.templates_hash(opts.templates)
        domains = [
            (
                nf,
                d,
                cache_mod.domain_key(
                    nf,
                    d,
                    f"{templates_key}|{opts.page}|{cache_mod.digest(cache_mod.canonical(nf.meta, 0))}",
                    store.contents.get(id(d)),
                ),
            )
            for nf in result.notes
            for d in nf.domains
        ]
    result.deck_name = deck_name(result.notes, opts.source, opts.deck_name)
    result.deck_file = deck_target = opts.output / f"{store.slugify(result.deck_name)}.apkg"
    sheet_dir = opts.output / "cheatsheets"

    pending = None
    if opts.only in (None, "sheets"):
        # Started first: the sheets render in other processes while this one makes the cards and the deck.
        pending = _start_sheets(opts, root, domains, store, sheet_dir, result, report, renderer)
    if opts.only in (None, "deck"):
        with _timed(result.timings, "cards"):
            if ahead is not None:
                ahead.join()
            # (a deck-only build has no sheet workers to share the cores with: its cards may use them)
            processes = (opts.jobs or os.cpu_count() or 1) if opts.only == "deck" else 1
            writer = _model_writer(opts, result, store, report)
            result.cards = _cards(domains, store, result, writer, report.step, processes)
            _by_file(result.notes, result.cards, result.deck_name)
        with _timed(result.timings, "deck"):
            result.deck_written = _deck(opts, result, deck_target, store, templates_key, report, unsaid)
            for old in opts.output.glob("*.apkg"):
                if old != deck_target:
                    old.unlink()  # exactly one deck in the output folder
        result.deck_path = deck_target
    else:
        # A sheets-only build makes no cards: the preview shows the last build's if no notes file changed
        # since, the model's among them under the model's key (from the cache: nothing is sent).
        writer = _model_writer(opts, result, store, report) if _wants_model(opts, result) else None
        if writer is not None:
            writer.offline = True
        kept = _whole_cards(domains, store, writer)
        if kept is not None:
            _by_file(result.notes, kept, result.deck_name)
        result.cards, result.cards_known = kept or [], kept is not None
    views = None
    if pending is not None and pending.in_parallel:
        # While the sheets render in other processes: the preview's cards, which do not depend on them.
        with _timed(result.timings, "preview"):
            views = _card_views(result, opts)
    if pending is not None:
        _finish_sheets(pending, store, result, report)
        renderer.close()
        wanted = set(result.sheets.values())
        if result.sheets:
            wanted.add(_write_all(result, sheet_dir, store))
        for old in sheet_dir.rglob("*.pdf"):
            if old not in wanted:
                old.unlink()
        for folder in sorted((p for p in sheet_dir.glob("*") if p.is_dir()), reverse=True):
            with contextlib.suppress(OSError):
                folder.rmdir()  # a file's sheet folder with no sheet left in it
    # A deck-only build leaves the sheets' entries alone; card files unused by this build go.
    store.save(
        keep_sheets={d.slug for _, d, _ in domains} | set(result.sheets) if opts.only in (None, "sheets") else None,
        prune_cards=opts.only in (None, "deck"),
    )
    from ..preview import page as preview  # templates and the card renderer: see the imports at the top

    with _timed(result.timings, "preview"):
        before = (len(report.warnings), len(report.notes))
        preview.write_preview(result, opts, report, views)
        unsaid.append((before, (len(report.warnings), len(report.notes))))  # said when it is written, only
        result.counts = preview.deck_counts(result, opts)  # for the summary: the cards as the preview counts them
    result.inputs = _inputs(opts, note_paths, domains)
    # The sheets this build wrote or kept; a deck-only build: those on disk (which are per domain or per
    # file was settled by the last build of the sheets).
    sheets = list(result.sheets.values()) or sorted(p for p in sheet_dir.rglob("*.pdf") if p.name != ALL_SHEETS)
    write_deps(opts, result, deck_target, [*sheets, sheet_dir / ALL_SHEETS])
    keys = [key for key, _ in store.card_groups]
    if opts.only in (None, "deck") and all(keys):
        outputs = [deck_target, opts.output / STATE_NAME, opts.output / ".deps.mk", *sheets, sheet_dir / ALL_SHEETS]
        outputs += [opts.output / "preview.html", opts.output / ".cache" / "preview.key"]
        kept = KeptCards(store.dir, keys, len(result.cards), result.deck_name, opts.source)
        cache_mod.save_replay(opts, result, report, _said(report, said, unsaid), outputs, kept)
    return result


def _said(report: Report, start: tuple[int, int], unsaid: list[tuple[tuple[int, int], tuple[int, int]]]):
    """The warnings and lines from `start` on, less those in the `unsaid` ranges."""
    out = []
    for i, items in enumerate((report.warnings, report.notes)):
        skip = {k for lo, hi in unsaid for k in range(lo[i], hi[i])}
        out.append([x for k, x in enumerate(items) if k >= start[i] and k not in skip])
    return out


class KeptCards(Sequence):
    """A replayed build's cards (cache.replayed): read from the cache's per-file cards, and given their
    place in the deck, only when something asks for more than how many there are."""

    def __init__(self, cache_dir: Path, keys: list[str], count: int, top: str, source: Path):
        self.cache_dir, self.keys, self.count, self.top, self.source = cache_dir, keys, count, top, source
        self.notes: list[NotesFile] = []
        """The replayed result's notes (set when it is read back)."""
        self._cards: list[Card] | None = None

    def __getstate__(self):
        return {name: getattr(self, name) for name in ("cache_dir", "keys", "count", "top", "source")}

    def __setstate__(self, state):
        self.__dict__.update(state, notes=[], _cards=None)

    def _load(self) -> list[Card]:
        if self._cards is None:
            store = cache_mod.Cache.__new__(cache_mod.Cache)  # only its card files: no manifest read
            store.dir, store.used_card_keys = self.cache_dir, set()
            cards = []
            for key in self.keys:
                got = store.file_cards(key)
                if got is None:
                    raise OSError(f"{self.cache_dir}: the build cache changed under a replayed build")
                cards.extend(got)
            _by_file(self.notes, cards, self.top)
            from ..deck.media import attach  # see the imports at the top

            attach(cards, self.notes, self.source)  # as _deck does: images pointed at the deck's media
            self._cards = cards
        return self._cards

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, i):
        return self._load()[i]

    def __iter__(self):
        return iter(self._load())

    def __eq__(self, other):
        return list(self) == (list(other) if isinstance(other, (list, KeptCards)) else other)

    __hash__ = None


def _card_views(result: Result, opts: Options):
    """preview.card_views(), or None if it fails: the preview then makes them and says why, as always.
    Also loaded while waiting: the preview's template and the library that joins all.pdf, both next."""
    from ..preview import page as preview  # see the imports at the top

    try:
        views = preview.card_views(result, opts)
    except Exception:  # noqa: BLE001  said where it always was: when the preview is written, after the sheets
        return None
    try:
        templates.environment(opts.templates).get_template("preview/preview.html.j2")
    except Exception:  # noqa: BLE001  a broken template of the user's: said when the preview is written
        pass
    import pypdfium2  # noqa: F401  (35 ms, needed next for all.pdf: loaded while the sheets render)

    return views


@contextlib.contextmanager
def _timed(timings: dict[str, float], phase: str) -> Iterator[None]:
    t = time.perf_counter()
    try:
        yield
    finally:
        timings[phase] = timings.get(phase, 0.0) + time.perf_counter() - t


# -- cards ------------------------------------------------------------------------------------------


def _model_writer(opts: Options, result: Result, store: cache_mod.Cache, report: Report):
    """The language-model writer of prose cards (llm/), when the options or a file's front matter ask for it."""
    if not _wants_model(opts, result):
        return None
    from ..llm import writer_for  # the optional model writer: loaded only when a file asks for it

    writer = writer_for(opts.cards, opts.llm, result.notes, store.dir, report)
    result.model = writer.stats if writer else None
    return writer


def _wants_model(opts: Options, result: Result) -> bool:
    """Whether the options or a file's front matter may ask for the model writer."""
    return opts.cards != "rules" and (opts.cards is not None or any("cards" in nf.meta for nf in result.notes))


def _cards(
    domains: list[tuple[NotesFile, Domain, str]],
    store: cache_mod.Cache,
    result: Result,
    writer=None,
    step=None,
    processes: int = 1,
) -> list[Card]:
    """Each domain's cards from the cache when it is unchanged, then the file-wide filters over all of them.

    A domain's cards depend on the domain and on two things of its file: the terms known anywhere in it
    and the key places of its sections; both are in the key. A notes file that did not change gives its
    finished cards whole, from the cache: when none changed, the card rules are not even loaded.
    """
    per_file: dict[int, list[Card]] = {}
    done = 0
    for items in _by_notes_file(domains):
        nf = items[0][0]
        if step is not None:
            step("cards", done, len(domains))
        done += len(items)
        model_key = writer.key_for(nf) if writer else None
        file_key = _file_key(items, store, model_key)
        got = store.file_cards(file_key) if file_key else None
        if got is None:
            whole = store.full(nf)  # read as its outline (a deck-only build): its whole model to card it
            items = [(whole, d, key) for d, (_, _, key) in zip(whole.domains, items, strict=True)]
            got, card_keys, complete = _file_cards(items, store, result, writer, model_key, processes)
            if complete and file_key:
                store.store_file_cards(file_key, got, card_keys)
        per_file[id(nf)] = got
        store.card_groups.append((file_key, len(got)))
    if step is not None:
        step("cards", len(domains), len(domains))
    return [c for file_cards in per_file.values() for c in file_cards]


def _by_notes_file(domains: list[tuple[NotesFile, Domain, str]]) -> list[list[tuple[NotesFile, Domain, str]]]:
    files: dict[int, list[tuple[NotesFile, Domain, str]]] = {}
    for item in domains:
        files.setdefault(id(item[0]), []).append(item)
    return list(files.values())


def _file_key(items: list[tuple[NotesFile, Domain, str]], store: cache_mod.Cache, model_key) -> str | None:
    """What a notes file's finished cards depend on: its text (so its model: the parse key), its domains'
    keys and who writes its prose. None for a file read with no parse key (unreadable)."""
    parse_key = store.parse_key_of.get(id(items[0][0]))
    return cache_mod.digest([parse_key, [k for _, _, k in items], model_key]) if parse_key else None


def _file_cards(
    items: list[tuple[NotesFile, Domain, str]],
    store: cache_mod.Cache,
    result: Result,
    writer,
    model_key,
    processes: int = 1,
) -> tuple[list[Card], list[str], bool]:
    """One notes file's finished cards: each domain's from the cache when it is unchanged, then the
    file-wide passes; the domains' card keys; and whether all of them are final (False: a section the
    rules wrote for want of the model's answer, asked again next build)."""
    # the card engine: only for changed files
    from ..cards import Ctx, domain_cards, file_facts, finish_cards

    nf = items[0][0]
    facts = file_facts(nf)
    out: list[Card] = []
    card_keys: list[str] = []
    all_complete = True
    cached = []
    read = facts.domains_digest_parts([domain for _, domain, _ in items])
    for (_, domain, key), parts in zip(items, read, strict=True):
        card_key = cache_mod.digest(
            [key, cache_mod.digest(parts), [facts.places[id(s)] for s in domain.sections]]
            + [model_key] * bool(model_key)
        )
        card_keys.append(card_key)
        cached.append(store.cards(card_key, domain.source.line))
    todo = [d for (_, d, _), got in zip(items, cached, strict=True) if got is None]
    made = iter(
        tricks.map_forked(
            lambda domain: domain_cards(nf, domain, facts),
            todo,
            sum(len(s.blocks) for d in todo for s in d.sections),
            processes if writer is None else 1,  # (the model writer's requests stay in this process)
            shared=lambda: words.preload(nf.lang),
        )
    )
    for (_, domain, _), card_key, got in zip(items, card_keys, cached, strict=True):
        base = domain.source.line
        if got is None:
            got = next(made)
            complete = True
            if model_key:
                got, complete = writer.domain_cards(nf, domain, got, _section_ctx(Ctx, nf, domain, facts))
            if complete:
                store.store_cards(card_key, base, got)
            all_complete = all_complete and complete
            result.carded.append(domain.slug)
        out.extend(got)
    return finish_cards(out), card_keys, all_complete


def _section_ctx(ctx, nf, domain, facts):
    """What the model writer's adapter makes a section's cards with: the card engine's context for it."""
    return lambda section: ctx(nf, domain, section, facts)


def _by_file(notes: list[NotesFile], cards: list[Card], top: str) -> None:
    """What a card has from its file, besides what the card rules gave it: the front matter's `tags` and,
    with several files, its place in the deck tree, `<top>::<file title>::<domain>`, and a `file::<name>`
    tag. A card's key (its identity in Anki) stays as the rules made it: a file joining others in a
    folder keeps its notes' reviews, they only move to the file's subdeck."""
    from ..notes.frontmatter import anki_tag  # see the imports at the top

    several = len(notes) > 1
    files = file_slugs(notes) if several else {}
    places: dict[str, tuple[str | None, list[str]]] = {}  # by domain: its subdeck and tags (once, not per card)
    for nf in notes:
        tags = list(nf.meta.get("tags", []))
        if several:
            tags.append(f"file::{anki_tag(files[nf.path])}")
        for domain in nf.domains:
            deck = "::".join(_deck_part(p) for p in (top, nf.title, domain.title)) if several else None
            places[domain.slug] = (deck, tags)
    for card in cards:
        place = places.get(card.domain)
        if place is None:
            continue
        if place[0] is not None:
            card.deck = place[0]
        card.tags.extend(t for t in place[1] if t not in card.tags)


def _deck_part(name: str) -> str:
    """One level of a deck name: '::' inside it would make two."""
    return name.replace("::", ":").strip() or "_"


def _whole_cards(domains: list[tuple[NotesFile, Domain, str]], store: cache_mod.Cache, writer) -> list[Card] | None:
    """Every notes file's finished cards as an earlier build kept them (what a sheets-only build shows),
    or None when a file's are not in the cache."""
    cards: list[Card] = []
    for items in _by_notes_file(domains):
        key = _file_key(items, store, writer.key_for(items[0][0]) if writer else None)
        got = store.file_cards(key) if key else None
        if got is None:
            return None
        cards.extend(got)
    return cards


def _deck(
    opts: Options,
    result: Result,
    target: Path,
    store: cache_mod.Cache,
    templates_key: str,
    report: Report,
    unsaid: list | None = None,
) -> bool:
    """Write the deck unless the one on disk came from the same cards, images, templates and note state."""
    from ..deck.media import attach  # see the imports at the top

    media = attach(result.cards, result.notes, opts.source)
    state_path = opts.output / STATE_NAME
    extra = f"{sorted(media.names.values())}|{cache_mod.file_hash(state_path)}|{cache_mod.build_day()}"
    cards = _deck_digest(result.cards, store)
    key = cache_mod.deck_key(cards, target, templates_key + extra)
    if store.deck_is_current(key, target):
        store.used_deck_keys.update(file_key for file_key, _ in store.card_groups if file_key)  # kept for next time
        return False
    # What the deck holds of each file's cards, as the last build that wrote them made it (the cards of a
    # file that did not change need not be sanitised and made notes of again).
    groups, start = [], 0
    for file_key, count in store.card_groups:
        groups.append((file_key, start, count, store.deck_rows(file_key, count) if file_key else None))
        start += count
    prepared = [row for _, _, count, rows in groups for row in (rows or [None] * count)]
    state = load_state(state_path)
    before = (len(report.warnings), len(report.notes))
    written = _write_deck(result.cards, target, opts.templates, media, state, report, prepared)
    if unsaid is not None:  # notes moved or removed: said when the deck is written, not by a replay
        unsaid.append((before, (len(report.warnings), len(report.notes))))
    result.prepared = written.prepared
    result.written = (written.written, dict(media.names))
    for file_key, start, count, rows in groups:
        if file_key and rows is None:
            store.store_deck_rows(file_key, written.prepared[start : start + count])

    write_if_changed(state_path, dump_state(written.state))
    # Recorded against the state just written: the next build with the same cards finds it current.
    extra = f"{sorted(media.names.values())}|{cache_mod.file_hash(state_path)}|{cache_mod.build_day()}"
    store.store_deck(cache_mod.deck_key(cards, target, templates_key + extra), target)
    return True


def _deck_digest(cards: list[Card], store: cache_mod.Cache) -> str:
    """What the deck holds of the cards, in one digest made of each notes file's cards_digest: kept in the
    manifest by the file's key (which fixes its cards) and by the places _by_file gave them (subdeck, tags),
    so a file edited in a vault digests its own cards, not 20,000 (0.09 s at 200 files)."""
    kept = store.manifest.get("digests", {})
    used: dict[str, str] = {}
    parts, start = [], 0
    for file_key, count in store.card_groups:
        group = cards[start : start + count]
        start += count
        key = f"{file_key}:{cache_mod.digest([[c.deck, c.tags] for c in group])}" if file_key else None
        part = kept.get(key) if key else None
        if part is None:
            part = cache_mod.cards_digest(group)
        if key:
            used[key] = part
        parts.append(part)
    store.manifest["digests"] = used
    return cache_mod.digest(parts)


def _write_deck(
    cards: list[Card], target: Path, templates_dir: Path | None, media, state, report: Report, prepared=None
):
    """Write the deck (its file replaced only when its bytes differ); report notes moved or removed."""
    from ..deck.apkg import write_deck  # genanki (0.1 s): only when the deck is written again

    # The new deck is written beside the old one under a temporary name (never `*.apkg`: a killed
    # build must leave no unreadable deck), then replaces it only if its bytes differ.
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    new = Path(name)
    try:
        with tempfile.TemporaryDirectory() as media_dir:
            written = write_deck(
                cards, new, templates_dir, media.files(Path(media_dir)), state=state, prepared=prepared
            )
        write_if_changed(target, new.read_bytes())
    finally:
        new.unlink(missing_ok=True)
    moves: dict[tuple[str, str], list[str]] = {}
    for where, old_deck, new_deck in written.moved:
        moves.setdefault((old_deck, new_deck), []).append(where)
    for (old_deck, new_deck), wheres in sorted(moves.items()):
        report.info(
            f"{wheres[0]}: {len(wheres)} note(s) moved from {old_deck} to {new_deck}; Anki updates them in place "
            f"but keeps their cards in {old_deck}: move them there with Browse › Change Deck"
        )
    for gone in written.removed:
        report.info(
            f"{gone.source or gone.deck}: note removed from the notes since the last build; "
            f"kept in Anki suspended, tagged {REMOVED_TAG}: {_plain(gone.fields[0])[:70]}"
        )
    return written


def _plain(html_text: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", "", html_text)).strip()


# -- sheets -----------------------------------------------------------------------------------------


def _start_sheets(opts, root, domains, store, sheet_dir, result, report, renderer) -> speed.Rendering:
    """Every sheet whose domains changed goes to the renderer; the others are taken as they are. A file's
    domains share sheets: all of them one when they fit it legibly, else runs of them packed by
    volume, each giving way to its halves when it does not fit (sheets/layout.py, speed.run_job)."""
    from ..sheets import layout  # the sheets' stage: not for a deck-only build (see the imports at the top)

    jobs = []
    singles = []
    by_file: dict[int, list] = {}
    for item in domains:
        by_file.setdefault(id(item[0]), []).append(item)
    splits = store.manifest.setdefault("split", {})
    used_splits = {}
    for group in by_file.values():
        nf = group[0][0]
        if len(by_file) > 1 and _describes_the_folder(nf):
            report.info(
                f"{nf.path}: no cheat sheet: it describes the folder (a README without sections); its cards stay"
            )
            continue
        # Alone or in a folder, a file's domains share sheets: the whole file when it fits legibly, else runs
        # of small domains packed by volume, a big domain on its own (a page per small domain, as a file
        # alone once had, printed near-empty pages at 14-18 pt); its front matter may ask for a page each.
        per = opts.sheets or (nf.meta.get("sheet") or {}).get("per") or "file"
        if len(group) < 2 or per in ("domain", "per-domain"):
            singles.extend(group)
            continue
        volumes = [layout.volume(d) for _, d, _ in group]
        page = layout.page_volume(_paper(nf, opts))
        tree = layout.tree(volumes, page)
        # Far more than a page: the whole file is not tried (a render lost on every edit of one of its
        # domains), its runs are the sheets; unless the tree's top is itself runs joined (legible set).
        todo = [tree] if layout.may_fit_whole(volumes, page) or tree.legible else list(tree.parts)
        while todo:  # the shared sheets the last build found too full give way to their parts
            node = todo.pop(0)
            part = [group[i] for i in node.domains]
            file_key = cache_mod.digest(["file", [key for _, _, key in part]])
            if len(part) < 2:
                singles.extend(part)
            elif splits.get(file_key):
                used_splits[file_key] = True
                todo[:0] = node.parts
            else:
                job = _shared_job(opts, root, nf, group, node, len(by_file) > 1, sheet_dir, store, result, report)
                if job is not None:
                    jobs.append(job)
    store.manifest["split"] = used_splits  # decisions for files no longer there, or changed, go
    for nf, domain, key in singles:
        target = sheet_dir / sheet_name(domain.slug)
        result.sheets[domain.slug] = target
        if kept := _kept(store, domain.slug, key, target):
            result.fits[domain.slug] = kept[0]
            _say(report, kept[1])  # what its render said still holds (e.g. it does not fit)
            continue
        jobs.append(_domain_job(opts, root, nf, domain, key, sheet_dir, store))
    for job in jobs:
        job.thumbnails_for = opts.output
    return renderer.render_sheets(jobs, lambda done, total: report.step("sheets", done, total))


def _describes_the_folder(nf: NotesFile) -> bool:
    """The README at the top of a folder of notes, written as one block of prose under its title: what the
    folder holds and where it comes from, nothing to print on a cheat sheet (a README with sections of its
    own is notes, and gets its sheet)."""
    return (
        Path(nf.path).name.lower() in ("readme.md", "readme.markdown")
        and "/" not in nf.path.replace("\\", "/")
        and len(nf.domains) == 1
        and all(len(s.path) <= 1 for s in nf.domains[0].sections)
    )


def _shared_job(opts, root, nf, group, node, several, sheet_dir, store, result, report, top=True):
    """The job of the sheet the domains of `node` (a layout.Node) share, with its parts' jobs under it for
    when it does not fit; None when the last build's sheet is current."""
    from . import speed  # see the imports at the top

    part = [group[i] for i in node.domains]
    if len(part) == 1:
        job = _domain_job(opts, root, nf, part[0][1], part[0][2], sheet_dir, store)
        job.kept = _kept(store, job.domain.slug, job.key, job.target)
        return job
    key = cache_mod.digest(["file", [k for _, _, k in part]])
    if len(part) == len(group):
        slug, parts = _file_sheet_slug(nf, several), []
    else:  # a run of the file's domains: named by its first, titled by the file, its domains listed under it
        slug, parts = part[0][1].slug, _run_parts([d for _, d, _ in part], nf.title)
    target = sheet_dir / sheet_name(slug)
    if top:
        result.sheets[slug] = target
        result.sheet_of.update({d.slug: slug for _, d, _ in part})
        if kept := _kept(store, slug, key, target):
            result.fits[slug] = kept[0]
            _say(report, kept[1])
            return None
    merged = _whole_file(nf, [d for _, d, _ in part], slug, nf.title, parts)
    job = speed.SheetJob(
        merged, sheet_header(nf), nf.meta, opts.page, key, target, [root], opts.templates, store.previous_size(slug)
    )
    job.legible = node.legible or speed.LEGIBLE
    job.parts = [
        _shared_job(opts, root, nf, group, p, several, sheet_dir, store, result, report, top=False) for p in node.parts
    ]
    if not top:
        job.kept = _kept(store, slug, key, target)
    return job


def _run_parts(domains: list[Domain], file_title: str = "") -> list[str]:
    """The names of the domains a run prints, in order, for the line under its title (the file's topic). Its
    title listed them joined by '·' up to a line's worth, then counted ('Amazon Bedrock · SM Jumpstart · Data
    mesh architecture (+1)'), or named its first and last: an artefact on paper, and a title naming one box of
    several (blind review, issue 14: 15 corpus sheets).
    A domain named as the file is the title's already; a heading's closing colon or stop goes. A domain that
    prints nothing is not named ('Arc 3 – Notes in this lecture' named a domain of one embed the sheet does not
    print: a heading that is nowhere on the page)."""
    from ..sheets.condense import prints_something  # the sheets' stage, as in _start_sheets

    shown = [d for d in domains if prints_something(d)] or domains
    names = [(d.sections[0].markup or d.title if d.sections else d.title).strip().rstrip(":.").strip() for d in shown]
    return [n for n in names if n.casefold() != file_title.strip().casefold()]


def _kept(store, slug: str, key: str, target: Path) -> speed.Outcome | None:
    """The last build's sheet of this key, its PDF still the one it wrote: its fit and what its render said.
    A shared sheet's part is taken so too when the shared sheet does not fit (a tiny domain joining a big
    one's sheet: an edit of the tiny one tries them together again, and must not redo the big one's)."""
    from ..sheets.pdf import Fit  # the sheets' stage, as in _start_sheets

    if not store.sheet_is_current(slug, key, target):
        return None
    entry = store.sheet(slug)
    fit = Fit(size=entry["size"], renders=0, pages=entry["pages"], dropped=list(entry["dropped"]))
    return fit, [tuple(w) for w in entry.get("warnings", [])], None


def _paper(nf: NotesFile, opts: Options) -> str:
    from ..sheets.condense import sheet_options  # with markdown-it, loaded by the parse already

    return sheet_options(nf.meta, opts.page)["paper"]


def _domain_job(opts, root, nf: NotesFile, domain: Domain, key: str, sheet_dir: Path, store) -> speed.SheetJob:
    from . import speed  # see the imports at the top

    target = sheet_dir / sheet_name(domain.slug)
    return speed.SheetJob(
        domain,
        sheet_header(nf),
        nf.meta,
        opts.page,
        key,
        target,
        [root],
        opts.templates,
        store.previous_size(domain.slug),
    )


def _file_sheet_slug(nf: NotesFile, several: bool) -> str:
    """The name of a file's one sheet: its file name's slug beside the folders of the other files' sheets
    (cheatsheets/networks.pdf), or, alone, its title's."""
    from ..markdown import slugify  # markdown-it: only for a file printed on one sheet

    if several:
        return nf.domains[0].slug.split("/", 1)[0]
    return slugify(nf.title) or "notes"


def _whole_file(nf: NotesFile, domains: list[Domain], slug: str, title: str, parts: Sequence[str] = ()) -> Domain:
    """A file's domains (or a run of them) as one: each domain's sections under the sheet's title, so each
    domain is a box; `parts`: the names printed under the title (a run's domains)."""
    head = Section(title, 0, (nf.title,), domains[0].source, [], title)  # the sheet's header, no box
    sections = [
        dataclasses.replace(s, path=(nf.title, *s.path), level=s.level or 1) for d in domains for s in d.sections
    ]
    return Domain(title, slug, domains[0].source, [head, *sections], list(parts))


def _finish_sheets(rendering: speed.Rendering, store, result, report) -> None:
    from . import speed  # see the imports at the top

    outcomes = rendering.outcomes(lambda done, total: report.step("sheets", done, total))
    for job, done in zip(rendering.jobs, outcomes, strict=True):
        # A shared sheet that did not fit one page legibly: its parts' sheets instead, now and next time.
        failed = {path[:k] for path, _ in done for k in range(len(path))}
        for path in sorted(failed):
            node = _part(job, path)
            store.manifest.setdefault("split", {})[node.key] = True
            result.sheets.pop(node.domain.slug, None)
            result.sheet_of = {d: f for d, f in result.sheet_of.items() if f != node.domain.slug}
        for path, (fit, warnings, error) in done:
            _say(report, warnings)
            if error:
                raise NotesError(*error)
            made = _part(job, path)
            result.sheets[made.domain.slug] = made.target
            if made.parts:
                result.sheet_of.update({leaf.domain.slug: made.domain.slug for leaf in speed.leaves(made)})
            result.fits[made.domain.slug] = fit
            if made.kept is None:  # else a part the last build wrote, taken as it was
                result.rendered.append(made.domain.slug)
                store.store_sheet(made.domain.slug, made.key, made.target, fit, warnings)
    result.fits = dict(sorted(result.fits.items()))
    # The sheets in the notes' order (all.pdf prints them so), whichever finished or split first.
    order: dict[str, int] = {}
    for nf in result.notes:
        for d in nf.domains:
            order.setdefault(result.sheet_of.get(d.slug, d.slug), len(order))
    result.sheets = dict(sorted(result.sheets.items(), key=lambda item: order.get(item[0], len(order))))
    result.timings["sheets"] = time.perf_counter() - rendering.started


def _part(job: speed.SheetJob, path: tuple[int, ...]) -> speed.SheetJob:
    for i in path:
        job = job.parts[i]
    return job


def _write_all(result: Result, sheet_dir: Path, store: cache_mod.Cache) -> Path:
    """Every sheet in one PDF for printing in one go: the sheets' own PDFs put together page by page
    (they may come from other processes or an earlier build, so there is no laid-out document to reuse)."""
    target = sheet_dir / ALL_SHEETS
    made_of = [[slug, cache_mod.file_hash(path)] for slug, path in result.sheets.items()]
    if store.manifest.get("all") == [made_of, cache_mod.file_hash(target)]:
        return target  # no sheet changed: all.pdf neither
    import pypdfium2 as pdfium  # 35 ms: only when a sheet changed

    merged = pdfium.PdfDocument.new()
    for slug in sorted(result.sheets, key=list(result.sheets).index):
        part = pdfium.PdfDocument(str(result.sheets[slug]))
        merged.import_pages(part)
        part.close()
    with atomic_path(target) as tmp:
        merged.save(str(tmp))
        tmp.write_bytes(_reproducible(tmp.read_bytes()))
    merged.close()
    store.manifest["all"] = [made_of, cache_mod.file_hash(target)]
    return target


def _reproducible(pdf: bytes) -> bytes:
    """PDFium stamps the time and a random file id: blanked, byte for byte so every offset stays right
    (the same sheets give the same all.pdf)."""
    pdf = re.sub(rb"/CreationDate\(D:[^)]*\)", lambda m: b" " * len(m.group(0)), pdf)
    ident = hashlib.md5(re.sub(rb"/ID\[<[0-9A-Fa-f]*><[0-9A-Fa-f]*>\]", b"", pdf)).hexdigest().upper().encode()
    return re.sub(rb"/ID\[<([0-9A-Fa-f]{32})><([0-9A-Fa-f]{32})>\]", b"/ID[<" + ident + b"><" + ident + b">]", pdf)


def _say(report: Report, said) -> None:
    for where, message in said:
        if where == "":
            report.info(message)
        else:
            report.warn(where, message)


# -- what make needs to know --------------------------------------------------------------------------


def _inputs(opts: Options, note_paths: list[Path], domains) -> list[Path]:
    # A note or an image added or removed changes its folder's time.
    folders = {p.parent for p in note_paths}
    if opts.source.is_dir():
        folders.update(cache_mod.folders(opts.source, opts.output))
    images = {Path(img) for _, d, _ in domains for img in cache_mod.domain_images(d)}
    return [*sorted(note_paths), *sorted(folders), *sorted(images), *cache_mod.template_files(opts.templates)]


def _make_path(path: Path, as_given: bool = False) -> str:
    """A path as make reads it: relative to here when inside, spaces escaped."""
    text = str(path)
    if not as_given:
        p = Path(os.path.abspath(path))
        try:
            text = str(p.relative_to(Path.cwd()))
        except ValueError:
            text = str(p)
    return text.replace("$", "$$").replace(" ", "\\ ").replace("#", "\\#")


def write_deps(opts: Options, result: Result, deck: Path, sheets: list[Path]) -> bool:
    """OUTPUT/.deps.mk for make: what the build read and what it writes; rewritten only when it changes."""

    def var(name: str, paths) -> str:
        return f"{name} := \\\n" + "".join(f"  {_make_path(p)} \\\n" for p in paths) + "\n"

    text = (
        "# Written by the studydeck build: make rebuilds when one of the inputs changed or an output is gone.\n"
        + f"STUDYDECK_SOURCE := {_make_path(opts.source, as_given=True)}\n"
        + var("STUDYDECK_INPUTS", result.inputs)
        + var("STUDYDECK_OUTPUTS", [deck, *sheets])
    )
    return write_if_changed(opts.output / ".deps.mk", text.encode("utf-8"))
