"""The build: parse every notes file, then write the deck and the sheets, redoing only what changed since the last build."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..files import atomic_path, write_if_changed
from ..model import Card, Domain, NotesFile, Section
from ..notes.read import find_notes, is_table_of_contents
from ..report import NotesError, Report
from . import cache as cache_mod

if TYPE_CHECKING:
    from ..sheets.pdf import Fit


@dataclass
class Options:
    source: Path
    output: Path
    only: str | None = None
    templates: Path | None = None
    deck_name: str | None = None
    page: str | None = None
    """Cheat sheet paper and orientation, e.g. 'letter' or 'a4 portrait' (front matter `sheet:` otherwise)."""
    jobs: int | None = None
    """Processes rendering sheets; None: one per core."""
    cards: str | None = None
    """Who writes the cards: 'rules', 'llm' or 'auto' (llm/); None: front matter `cards:`, else the rules."""
    llm: object | None = None
    """llm.Settings (where the model is); None: from the environment, read only when a model is wanted."""
    sheets: str | None = None
    """'per-domain': a sheet per domain, always; None: in a folder of several files, a file whose domains
    fit one page legibly gets one sheet for the whole file (front matter `sheet: {per: domain|file}`
    decides for one file; a file built alone has a sheet per domain unless it says `per: file`)."""
    include: list[str] = field(default_factory=list)
    """Globs of files read as notes whatever they look like (a LICENSE, a table of contents)."""
    exclude: list[str] = field(default_factory=list)
    """Globs of files and folders never read."""


ALL_SHEETS = "all.pdf"


@dataclass
class Result:
    notes: list[NotesFile] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    deck_path: Path | None = None
    sheets: dict[str, Path] = field(default_factory=dict)
    fits: dict[str, "Fit"] = field(default_factory=dict)
    """Per sheet; a sheet kept from the previous build has renders == 0."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per phase: parse, keys, cards, deck, sheets (wall time, sheets overlap cards and deck)."""
    rendered: list[str] = field(default_factory=list)
    """Slugs of the sheets rendered by this build (the others were current)."""
    carded: list[str] = field(default_factory=list)
    """Slugs of the domains whose cards were made by this build (the others came from the cache)."""
    deck_written: bool = False
    preview: Path | None = None
    inputs: list[Path] = field(default_factory=list)
    """Every file and folder the build read: the notes, their folders, images, templates."""
    model: object | None = None
    """llm.Stats: what the model writer did; None when the rules wrote every card."""
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """Markdown files (and folders) under the source that are not notes, and why: for the summary."""
    sheet_of: dict[str, str] = field(default_factory=dict)
    """Domain slug -> the slug of its file's one sheet, for the domains of a file printed on one page."""


def load(source: Path, report: Report) -> list[NotesFile]:
    """Every notes file under `source`, parsed; domain slugs made unique across files."""
    return _load(Options(source, Path(os.devnull)), report)[0]


def _load(
    opts: Options, report: Report, store: cache_mod.Cache | None = None, on_change=None
) -> tuple[list[NotesFile], list[Path], list[tuple[str, str]]]:
    source = opts.source
    root = source if source.is_dir() else source.parent
    notes: list[NotesFile] = []
    blank: list[str] = []
    found = find_notes(source, opts.include, opts.exclude, opts.output)
    paths: list[Path] = []  # the notes files; found.paths also has the tables of contents
    # Mojibake repairs by line, kept from build to build: an edit elsewhere need not load the repairer.
    repairs = store.manifest.setdefault("repairs", {}) if store else None
    raws: list[bytes] = []
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
        raws.append(raw or b"")
        key = store.parse_key(name, path, root, raw) if store and raw is not None else None
        if store:
            store.read_keys.append(key)
        hit = store.parsed(key) if key else None
        if hit is not None and hit[0] is not None and not _still_there(hit[0].looked_up, root):
            hit = None
        if hit is None:
            if on_change:
                on_change()
            file_report = Report(quiet=True)
            nf = _parse_one(path, name, root, raw, file_report, repairs)
            warnings = [(w.where, w.message) for w in file_report.warnings]
            if key:
                store.store_parsed(key, nf, warnings)
        else:
            nf, warnings = hit
        for where, message in warnings:
            if (str(where), message) not in said:  # a note embedded in another says its own once
                said.add((str(where), message))
                report.warn(where, message)
        if nf is None:
            blank.append(name)
            continue
        notes.append(nf)
    report.step("reading", len(found.paths), len(found.paths))
    if store:
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


def _still_there(looked_up: dict[str, bool], root: Path) -> bool:
    """Whether the files a kept parse looked for are as they were: each path, each note it embeds (by its
    hash), and each bare name looked for in the whole folder (Obsidian's attachments) and not found, still
    nowhere."""
    for path, was in looked_up.items():
        if path.startswith("*"):
            from ..notes.read import vault_files

            index = vault_files(root.resolve())
            if path[1:] in index or path[1:].lower() in index:
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
    from ..markdown import slugify

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
    path: Path, name: str, root: Path, raw: bytes | None, report: Report, repairs: dict | None = None
) -> NotesFile | None:
    """One notes file to the model; None when it is blank."""
    from ..notes.parse import parse_notes
    from ..notes.read import decode, is_blank, read_notes

    text = read_notes(path, name, report) if raw is None else decode(raw, name, report, repairs)
    if is_blank(text):
        return None
    from ..notes.analyse import analyse_notes

    nf = parse_notes(text, name, path.parent, root, report)
    analyse_notes(nf)
    return nf


def deck_name(notes: list[NotesFile], source: Path, explicit: str | None) -> str:
    if explicit:
        return explicit
    names = {nf.deck for nf in notes}
    if len(names) == 1:
        return names.pop()
    return source.resolve().name if source.is_dir() else source.stem


def build(opts: Options, report: Report) -> Result:
    workers = _Workers(opts) if opts.only in (None, "sheets") else None
    # The model is hundreds of thousands of small acyclic objects: the default collector thresholds
    # would walk them again and again while they are made (about 15% of a big build). Memory is
    # freed by reference counting all the same.
    thresholds = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)
    try:
        return _build(opts, report, workers)
    finally:
        gc.set_threshold(*thresholds)
        if workers is not None:
            workers.close()  # also when the build failed: no worker outlives it


def _build(opts: Options, report: Report, workers: _Workers | None) -> Result:
    result = Result()
    store = cache_mod.Cache(opts.output)
    with _timed(result.timings, "parse"):
        # A notes file that changed almost surely means a sheet to render: the workers start importing
        # WeasyPrint now, while this process parses.
        result.notes, note_paths, result.skipped = _load(
            opts, report, store, on_change=workers.start if workers else None
        )
    root = opts.source if opts.source.is_dir() else opts.source.parent
    with _timed(result.timings, "keys"):
        templates_key = cache_mod.templates_hash(opts.templates)
        domains = [
            (
                nf,
                d,
                cache_mod.domain_key(
                    nf, d, f"{templates_key}|{opts.page}|{cache_mod.digest(cache_mod.canonical(nf.meta, 0))}"
                ),
            )
            for nf in result.notes
            for d in nf.domains
        ]
    deck_target = opts.output / f"{store.slugify(deck_name(result.notes, opts.source, opts.deck_name))}.apkg"
    sheet_dir = opts.output / "cheatsheets"

    pending = None
    if opts.only in (None, "sheets"):
        # Started first: the sheets render in other processes while this one makes the cards and the deck.
        pending = _start_sheets(opts, root, domains, store, sheet_dir, result, report, workers)
    if opts.only in (None, "deck"):
        with _timed(result.timings, "cards"):
            result.cards = _cards(domains, store, result, _model_writer(opts, result, store, report), report.step)
            _by_file(result.notes, result.cards, deck_name(result.notes, opts.source, opts.deck_name))
        with _timed(result.timings, "deck"):
            result.deck_written = _deck(opts, result, deck_target, store, templates_key, report)
            for old in opts.output.glob("*.apkg"):
                if old != deck_target:
                    old.unlink()  # exactly one deck in the output folder
        result.deck_path = deck_target
    elif opts.cards != "rules":
        writer = _model_writer(opts, result, store, report)
        if writer is not None:
            # The preview of a sheets-only build shows the deck's model-written cards as the last deck build
            # made them: from the cache, never a request (a section with no answer kept shows the rules').
            writer.offline = True
            result.cards = _cards(domains, store, result, writer)
    views = None
    if pending is not None and pending.workers is not None:
        # While the sheets render in other processes: the preview's cards, which do not depend on them.
        with _timed(result.timings, "preview"):
            views = _card_views(result, opts)
    if pending is not None:
        _finish_sheets(pending, store, result, report)
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
    with _timed(result.timings, "preview"):
        from ..preview.page import write_preview

        write_preview(result, opts, report, views)
    result.inputs = _inputs(opts, note_paths, domains)
    # The sheets this build wrote or kept; a deck-only build: those on disk (which are per domain or per
    # file was settled by the last build of the sheets).
    sheets = list(result.sheets.values()) or sorted(p for p in sheet_dir.rglob("*.pdf") if p.name != ALL_SHEETS)
    write_deps(opts, result, deck_target, [*sheets, sheet_dir / ALL_SHEETS])
    return result


def _card_views(result: Result, opts: Options):
    """preview.card_views(), or None if it fails: the preview then makes them and says why, as always.
    Also loaded while waiting: the preview's template and the library that joins all.pdf, both next."""
    from .. import templates
    from ..preview.page import card_views

    try:
        views = card_views(result, opts)
    except Exception:  # noqa: BLE001  said where it always was: when the preview is written, after the sheets
        return None
    try:
        templates.environment(opts.templates).get_template("preview/preview.html.j2")
    except Exception:  # noqa: BLE001  a broken template of the user's: said when the preview is written
        pass
    import pypdfium2  # noqa: F401

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
    if opts.cards == "rules" or (opts.cards is None and not any("cards" in nf.meta for nf in result.notes)):
        return None
    from ..llm import writer_for

    writer = writer_for(opts.cards, opts.llm, result.notes, store.dir, report)
    result.model = writer.stats if writer else None
    return writer


def _cards(
    domains: list[tuple[NotesFile, Domain, str]], store: cache_mod.Cache, result: Result, writer=None, step=None
) -> list[Card]:
    """Each domain's cards from the cache when it is unchanged, then the file-wide filters over all of them.

    A domain's cards depend on the domain and on two things of its file: the terms known anywhere in it
    and the key places of its sections; both are in the key. When no notes file changed at all, the
    finished cards of the last build are taken whole: not even the card rules are loaded.
    """
    # The notes files' contents (their parse keys) and the domains' keys: everything the cards depend on.
    model = [writer.key_for(nf) for nf in result.notes] if writer else []  # who writes each file's prose
    whole_key = (
        cache_mod.digest([store.read_keys, [key for _, _, key in domains], *model])
        if None not in store.read_keys
        else None
    )
    whole = store.all_cards(whole_key) if whole_key else None
    if whole is not None:
        return whole
    from ..cards import Ctx, domain_cards, file_facts, finish_cards

    context: dict[int, tuple] = {}
    per_file: dict[int, list[Card]] = {}
    for done, (nf, domain, key) in enumerate(domains):
        if step is not None:
            step("cards", done, len(domains))
        if id(nf) not in context:
            context[id(nf)] = file_facts(nf)
        facts = context[id(nf)]
        model_key = writer.key_for(nf) if writer else None
        card_key = cache_mod.digest(
            [key, cache_mod.digest(facts.digest_parts(domain)), [facts.places[id(s)] for s in domain.sections]]
            + [model_key] * bool(model_key)
        )
        base = domain.source.line
        got = store.cards(card_key, base)
        if got is None:
            got = domain_cards(nf, domain, facts)
            complete = True
            if model_key:
                got, complete = writer.domain_cards(nf, domain, got, _section_ctx(Ctx, nf, domain, facts))
            if complete:  # a section the rules wrote for want of an answer is asked again next build
                store.store_cards(card_key, base, got)
            else:
                whole_key = None
            result.carded.append(domain.slug)
        per_file.setdefault(id(nf), []).extend(got)
    if step is not None:
        step("cards", len(domains), len(domains))
    cards = [c for file_cards in per_file.values() for c in finish_cards(file_cards)]
    if whole_key:
        store.store_all_cards(whole_key, cards)
    return cards


def _section_ctx(ctx, nf, domain, facts):
    """What the model writer's adapter makes a section's cards with: the card engine's context for it."""
    return lambda section: ctx(nf, domain, section, facts)


def _by_file(notes: list[NotesFile], cards: list[Card], top: str) -> None:
    """What a card has from its file, besides what the card rules gave it: the front matter's `tags` and,
    with several files, its place in the deck tree, `<top>::<file title>::<domain>`, and a `file::<name>`
    tag. A card's key (its identity in Anki) stays as the rules made it: a file joining others in a
    folder keeps its notes' reviews, they only move to the file's subdeck."""
    from ..notes.frontmatter import anki_tag

    several = len(notes) > 1
    files = file_slugs(notes) if several else {}
    by_slug = {d.slug: (nf, d) for nf in notes for d in nf.domains}
    for card in cards:
        nf, domain = by_slug.get(card.domain, (None, None))
        if nf is None:
            continue
        tags = list(nf.meta.get("tags", []))
        if several:
            tags.append(f"file::{anki_tag(files[nf.path])}")
            card.deck = "::".join(_deck_part(p) for p in (top, nf.title, domain.title))
        card.tags.extend(t for t in tags if t not in card.tags)


def _deck_part(name: str) -> str:
    """One level of a deck name: '::' inside it would make two."""
    return name.replace("::", ":").strip() or "_"


def _deck(
    opts: Options, result: Result, target: Path, store: cache_mod.Cache, templates_key: str, report: Report
) -> bool:
    """Write the deck unless the one on disk came from the same cards, images, templates and note state."""
    from ..deck.identity import STATE_NAME, load_state

    if _has_images(result):
        from ..deck.media import attach

        media = attach(result.cards, result.notes, opts.source)
    else:
        media = _NoMedia()
    state_path = opts.output / STATE_NAME
    extra = f"{sorted(media.names.values())}|{cache_mod.file_hash(state_path)}|{cache_mod.build_day()}"
    key = cache_mod.deck_key(result.cards, target, templates_key + extra)
    if store.deck_is_current(key, target):
        return False
    written = _write_deck(result.cards, target, opts.templates, media, load_state(state_path), report)
    from ..deck.identity import dump_state

    write_if_changed(state_path, dump_state(written.state))
    # Recorded against the state just written: the next build with the same cards finds it current.
    extra = f"{sorted(media.names.values())}|{cache_mod.file_hash(state_path)}|{cache_mod.build_day()}"
    store.store_deck(cache_mod.deck_key(result.cards, target, templates_key + extra), target)
    return True


class _NoMedia:
    """What media.attach gives when there is no image at all: nothing to rewrite, nothing to pack."""

    names: dict = {}

    def files(self, folder: Path) -> list[str]:
        return []


def _has_images(result: Result) -> bool:
    """Whether media.attach has anything to do (an image in the notes or in a card); importing it costs
    the parser, which a build with nothing changed otherwise never loads."""
    from ..model import Image

    if any("<img" in (c.front + c.answer + c.extra).lower() for c in result.cards):
        return True
    return any(
        isinstance(b, Image) and b.path for nf in result.notes for d in nf.domains for s in d.sections for b in s.blocks
    )


def _write_deck(cards: list[Card], target: Path, templates_dir: Path | None, media, state, report: Report):
    """Write the deck (its file replaced only when its bytes differ); report notes moved or removed."""
    import tempfile

    from ..deck.apkg import write_deck
    from ..deck.identity import REMOVED_TAG

    # The new deck is written beside the old one under a temporary name (never `*.apkg`: a killed
    # build must leave no unreadable deck), then replaces it only if its bytes differ.
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    new = Path(name)
    try:
        with tempfile.TemporaryDirectory() as media_dir:
            written = write_deck(cards, new, templates_dir, media.files(Path(media_dir)), state=state)
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
    import html as html_lib
    import re

    return html_lib.unescape(re.sub(r"<[^>]+>", "", html_text)).strip()


# -- sheets -----------------------------------------------------------------------------------------


@dataclass
class _Pending:
    futures: list
    """(job, future or finished outcome) in submission order."""
    workers: _Workers | None
    started: float


class _Workers:
    """Sheet worker processes, one executor each so each can start on its own: the first as soon as a notes
    file turns out changed (it imports WeasyPrint while this process parses), the others once the sheets to
    render are known and only as many as they need."""

    def __init__(self, opts: Options):
        self.max = opts.jobs or os.cpu_count() or 1
        self.templates = opts.templates
        self.executors: list = []
        self.load: list[int] = []

    def start(self, n: int = 1) -> None:
        from concurrent.futures import ProcessPoolExecutor

        if self.executors and len(self.executors) < min(n, self.max):
            # More workers for more sheets: what they import for their jobs (the condenser, the templates,
            # the preview) is imported here first, once, as this process needs most of it too. The first
            # worker is started without waiting for that, to import WeasyPrint while this one parses.
            import jinja2  # noqa: F401

            from ..preview import page as preview  # noqa: F401
            from ..sheets import condense as sheet  # noqa: F401
        while self.max > 1 and len(self.executors) < min(n, self.max):
            ex = ProcessPoolExecutor(
                max_workers=1, mp_context=_context(), initializer=_warm_up, initargs=(self.templates,)
            )
            ex.submit(int)  # starts the process (and its warm-up) now, not at the first real job
            self.executors.append(ex)
            self.load.append(0)

    def submit(self, job: _SheetJob):
        """To the worker with the least work queued (jobs come biggest first: longest-processing-time first)."""
        i = min(range(len(self.executors)), key=lambda k: self.load[k])
        self.load[i] += _volume(job.domain) + 1
        return self.executors[i].submit(_run_job, job)

    def close(self) -> None:
        for ex, load in zip(self.executors, self.load):
            if not load:
                # Started for nothing (the change touched no sheet): do not wait for its imports.
                for proc in list((getattr(ex, "_processes", None) or {}).values()):
                    proc.terminate()
            ex.shutdown(wait=True, cancel_futures=True)
        self.executors, self.load = [], []


def _die_with_parent() -> None:
    """A worker ends when the build does, even when the build is killed outright (kill -9 gives it no
    chance to stop its workers): Linux's parent-death signal; elsewhere the pool's own shutdown has to do."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG = 1
        except (OSError, AttributeError):
            pass
        if os.getppid() == 1:  # the build died before the line above ran
            os._exit(1)


def _warm_up(templates_dir: Path | None) -> None:
    """In a new worker, before its first job: what that job needs anyway (WeasyPrint, the sheet's stylesheet,
    the thumbnail library), loaded while the build still parses and cards. Not the HTML template: the
    build may send the HTML made. No page is rendered here: a dummy page took 0.1 s and left the first
    real render no quicker."""
    _die_with_parent()
    import logging

    from ..sheets.pdf import load_weasyprint, prepare

    try:
        load_weasyprint()
        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        prepare(templates_dir)
        import pypdfium2  # noqa: F401  the sheet's thumbnail for the preview
    except Exception:  # noqa: BLE001  a broken template or library: the job meets it again and says what it is
        pass


def _start_sheets(opts, root, domains, store, sheet_dir, result, report, workers: _Workers | None) -> _Pending:
    from ..sheets.pdf import Fit

    started = time.perf_counter()
    jobs = []
    singles = []
    by_file: dict[int, list] = {}
    for item in domains:
        by_file.setdefault(id(item[0]), []).append(item)
    splits = store.manifest.setdefault("split", {})
    used_splits = {}
    for group in by_file.values():
        nf = group[0][0]
        file_key = cache_mod.digest(["file", [key for _, _, key in group]])
        # One file alone keeps a sheet per domain, as it always had, unless its front matter asks.
        per = opts.sheets or (nf.meta.get("sheet") or {}).get("per") or ("file" if len(by_file) > 1 else "domain")
        if len(group) < 2 or per in ("domain", "per-domain") or splits.get(file_key):
            if file_key in splits:
                used_splits[file_key] = True
            singles.extend(group)
            continue
        slug = _file_sheet_slug(nf, len(by_file) > 1)
        target = sheet_dir / _sheet_name(slug)
        result.sheets[slug] = target
        result.sheet_of.update({d.slug: slug for _, d, _ in group})
        if store.sheet_is_current(slug, file_key, target):
            entry = store.sheet(slug)
            result.fits[slug] = Fit(size=entry["size"], renders=0, pages=entry["pages"], dropped=list(entry["dropped"]))
            _say(report, entry.get("warnings", []))
            continue
        merged = _whole_file(nf, [d for _, d, _ in group], slug)
        job = _SheetJob(
            merged, nf.deck, nf.meta, opts.page, file_key, target, [root], opts.templates, store.previous_size(slug)
        )
        job.parts = [_domain_job(opts, root, nf, d, key, sheet_dir, store) for _, d, key in group]
        jobs.append(job)
    store.manifest["split"] = used_splits  # decisions for files no longer there, or changed, go
    for nf, domain, key in singles:
        target = sheet_dir / _sheet_name(domain.slug)
        result.sheets[domain.slug] = target
        if store.sheet_is_current(domain.slug, key, target):
            entry = store.sheet(domain.slug)
            result.fits[domain.slug] = Fit(
                size=entry["size"], renders=0, pages=entry["pages"], dropped=list(entry["dropped"])
            )
            _say(report, entry.get("warnings", []))  # what its render said still holds (e.g. it does not fit)
            continue
        jobs.append(_domain_job(opts, root, nf, domain, key, sheet_dir, store))
    # Biggest first, so the longest render starts at once and the small ones fill the other cores.
    jobs.sort(key=lambda j: -_volume(j.domain))
    if workers is not None and workers.max > 1 and (workers.executors or len(jobs) > 1):
        workers.start(len(jobs))
        for job in jobs:
            job.thumbnails_for = opts.output
        if len(jobs) == 1:
            # One sheet (one domain edited): its worker is still importing WeasyPrint, and this process has
            # time to spare before it waits for it; the sheet's HTML is made here meanwhile.
            jobs[0].html = _html_ahead(jobs[0])
        return _Pending([(job, workers.submit(job)) for job in jobs], workers, started)
    # One sheet and no worker running yet: rendering it here is quicker than starting one.
    done = []
    for job in jobs:
        report.step("sheets", len(done), len(jobs))
        done.append((job, _run_job(job)))
    report.step("sheets", len(done), len(jobs))
    if workers is not None:
        workers.close()
    return _Pending(done, None, started)


LEGIBLE = 9.0
"""pt: a file's domains go on one sheet only when it prints them at this size or larger, leaving nothing out."""


def _domain_job(opts, root, nf: NotesFile, domain: Domain, key: str, sheet_dir: Path, store) -> _SheetJob:
    target = sheet_dir / _sheet_name(domain.slug)
    return _SheetJob(
        domain, nf.deck, nf.meta, opts.page, key, target, [root], opts.templates, store.previous_size(domain.slug)
    )


def _file_sheet_slug(nf: NotesFile, several: bool) -> str:
    """The name of a file's one sheet: its file name's slug beside the folders of the other files' sheets
    (cheatsheets/networks.pdf), or, alone, its title's."""
    from ..markdown import slugify

    if several:
        return nf.domains[0].slug.split("/", 1)[0]
    return slugify(nf.title) or "notes"


def _whole_file(nf: NotesFile, domains: list[Domain], slug: str) -> Domain:
    """A file's domains as one: each domain's sections under the file's title, so each domain is a box."""
    import dataclasses

    head = Section(nf.title, 0, (nf.title,), domains[0].source, [], nf.title)  # the sheet's header, no box
    sections = [
        dataclasses.replace(s, path=(nf.title, *s.path), level=s.level or 1) for d in domains for s in d.sections
    ]
    return Domain(nf.title, slug, domains[0].source, [head, *sections])


def _finish_sheets(pending: _Pending, store, result, report) -> None:
    try:
        if pending.workers is None:
            outcomes = pending.futures
        else:
            outcomes = []
            for job, fut in pending.futures:
                report.step("sheets", len(outcomes), len(pending.futures))
                outcomes.append((job, fut.result()))
            report.step("sheets", len(outcomes), len(pending.futures))
    finally:
        if pending.workers is not None:
            pending.workers.close()
    for job, done in outcomes:
        if done and done[0][0] is not None:  # the file did not fit one page legibly: its domains' sheets
            store.manifest.setdefault("split", {})[job.key] = True
            result.sheets.pop(job.domain.slug, None)
            result.sheet_of = {d: f for d, f in result.sheet_of.items() if f != job.domain.slug}
        for i, (fit, warnings, error) in done:
            _say(report, warnings)
            if error:
                raise NotesError(*error)
            made = job if i is None else job.parts[i]
            result.sheets[made.domain.slug] = made.target
            result.fits[made.domain.slug] = fit
            result.rendered.append(made.domain.slug)
            store.store_sheet(made.domain.slug, made.key, made.target, fit, warnings)
    result.fits = dict(sorted(result.fits.items()))
    result.timings["sheets"] = time.perf_counter() - pending.started


def _sheet_name(slug: str) -> str:
    # all.pdf is the file of every sheet: a domain titled "All" steps aside.
    return f"{slug}.pdf" if f"{slug}.pdf" != ALL_SHEETS else f"{slug}-domain.pdf"


def _write_all(result: Result, sheet_dir: Path, store: cache_mod.Cache) -> Path:
    """Every sheet in one PDF for printing in one go: the sheets' own PDFs put together page by page
    (they may come from other processes or an earlier build, so there is no laid-out document to reuse)."""
    target = sheet_dir / ALL_SHEETS
    made_of = [[slug, cache_mod.file_hash(path)] for slug, path in result.sheets.items()]
    if store.manifest.get("all") == [made_of, cache_mod.file_hash(target)]:
        return target  # no sheet changed: all.pdf neither
    import pypdfium2 as pdfium

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
    import hashlib
    import re

    pdf = re.sub(rb"/CreationDate\(D:[^)]*\)", lambda m: b" " * len(m.group(0)), pdf)
    ident = hashlib.md5(re.sub(rb"/ID\[<[0-9A-Fa-f]*><[0-9A-Fa-f]*>\]", b"", pdf)).hexdigest().upper().encode()
    return re.sub(rb"/ID\[<([0-9A-Fa-f]{32})><([0-9A-Fa-f]{32})>\]", b"/ID[<" + ident + b"><" + ident + b">]", pdf)


def _context():
    import multiprocessing

    # fork: workers start in milliseconds with our modules loaded; WeasyPrint is imported in each worker.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _volume(domain: Domain) -> int:
    return sum(len(s.blocks) for s in domain.sections)


@dataclass
class _SheetJob:
    domain: Domain
    deck: str
    meta: dict
    page: str | None
    key: str
    target: Path
    allowed: list[Path]
    templates: Path | None
    start_size: float | None
    thumbnails_for: Path | None = None
    """The output folder whose preview will show this sheet: its thumbnail is made here too, in parallel."""
    html: str | None = None
    """The sheet as HTML, when the build made it ahead (sheet_html of the condensed domain)."""
    parts: list = field(default_factory=list)
    """For a whole file's sheet: its domains' jobs, run instead when the file does not fit one page at
    LEGIBLE pt or larger with nothing left out."""


def _html_ahead(job: _SheetJob) -> str | None:
    """The job's sheet as HTML, made as the worker would; None when that fails (the worker then says why)."""
    from ..sheets.condense import condense
    from ..sheets.pdf import sheet_html

    try:
        return sheet_html(condense(job.domain, job.deck, job.meta, job.page), job.templates)
    except NotesError:
        return None


def _run_job(job: _SheetJob) -> list:
    """A job's sheets, in a worker: [(None, outcome)] for its own, or, for a whole file's sheet that would
    not be legible, [(i, outcome)] for each of its domains' (the file's page is then not written)."""
    if job.parts:
        from ..sheets.condense import condense
        from ..sheets.pdf import estimate

        try:
            hopeful = estimate(condense(job.domain, job.deck, job.meta, job.page)) >= LEGIBLE * 0.9
        except NotesError:
            hopeful = False
        if hopeful:
            fit, said, error = outcome = _render_job(job)
            if error or (fit.size >= LEGIBLE and fit.pages == 1 and not fit.dropped):
                return [(None, outcome)]
            job.target.unlink(missing_ok=True)
        for part in job.parts:
            part.thumbnails_for = job.thumbnails_for
        return [(i, _render_job(part)) for i, part in enumerate(job.parts)]
    return [(None, _render_job(job))]


def _render_job(job: _SheetJob):
    """One sheet: condense, fit and write; warnings go back to the parent to be reported."""
    from ..sheets.condense import condense
    from ..sheets.pdf import render_pdf

    report = Report(quiet=True)
    try:
        sheet = condense(job.domain, job.deck, job.meta, job.page)
        with atomic_path(job.target) as tmp:
            fit = render_pdf(sheet, tmp, job.allowed, report, job.templates, start_size=job.start_size, html=job.html)
        if job.thumbnails_for is not None:
            from ..preview.page import remember_thumbnail

            remember_thumbnail(job.target, job.thumbnails_for, report)
    except NotesError as e:  # its own arguments do not survive pickling: sent back as plain data
        return None, _said(report), (e.where, e.message)
    fit.document = None  # the laid-out pages stay here: large, and not needed once written
    return fit, _said(report), None


def _said(report: Report) -> list[tuple[str, str]]:
    """A worker's warnings and informative lines, as (where, message) and ('', line)."""
    return [(w.where, w.message) for w in report.warnings] + [("", line) for line in report.notes]


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
