"""What the build does only to be quick, in one place: the sheets rendered by worker processes (started
early, warmed up, scheduled biggest first), WeasyPrint imported quickly and its columns laid out once, the
garbage collector held back.

`render_sheets(jobs)` renders sheets; the pipeline uses a `Renderer` of its own so that the first worker
starts while it parses and the sheets render while it makes the deck. STUDYDECK_NO_TRICKS=1 in the
environment turns every trick below off (STUDYDECK_NO_TRICKS=early-worker,warm-up: those ones): the
sheets are then rendered by plain workers that import WeasyPrint as it imports itself, with the same
PDFs. What each trick is for, measured by `make bench`, is in the README (Speed).
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import importlib.util
import inspect
import io
import logging
import multiprocessing
import multiprocessing.forkserver
import os
import resource
import signal
import sys
import threading
import time
import types
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..files import atomic_path
from ..model import Domain
from ..preview.page import remember_thumbnail
from ..report import NotesError, Report
from ..sheets import pdf
from ..sheets.pdf import Fit

# The tricks' switch, the collector held back and the quick exit live in a module of their own, which a
# build with nothing to do (cache.replayed) imports without this one's multiprocessing and sheet code.
from .tricks import TRICKS, fast_exit, fewer_collections, trick  # noqa: F401

if TYPE_CHECKING:
    from ..sheets.condense import Sheet

# -- one sheet ---------------------------------------------------------------------------------------


@dataclass
class SheetJob:
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
    parts: list[SheetJob] = field(default_factory=list)
    """For a sheet its domains share: the jobs run instead when it does not fit one page at `legible` pt or
    larger with nothing left out."""
    legible: float = 9.0
    """pt: LEGIBLE, or less for a near-empty page's domains joining a full one (sheets/layout.py)."""
    kept: Outcome | None = None
    """A shared sheet's part that the last build wrote for this key: taken as it is, not rendered again."""


Said = list[tuple[str, str]]
"""A worker's warnings and informative lines, as (where, message) and ('', line)."""
Outcome = tuple[Fit | None, Said, tuple[str, str] | None]
"""A sheet's fit, what it said, and the error that stopped it as (where, message)."""
Done = list[tuple[tuple[int, ...], Outcome]]
"""A job's sheets: [((), outcome)] for its own, or [(path, outcome)] for each of its parts' (path: the indices
into `parts`, then into that part's `parts`, and so on, of the job that made the sheet)."""

LEGIBLE = 9.0
"""pt: a file's domains go on one sheet only when it prints them at this size or larger, leaving nothing out."""


def run_job(job: SheetJob) -> Done:
    """A job's sheets, in a worker or here: its own, or, for a shared sheet that would not be legible, its
    parts' (each of which may share a sheet in turn; the shared page is then not written)."""
    from ..sheets.condense import condense, shortened  # markdown-it: a build that renders nothing never loads it

    if job.kept is not None:
        return [((), job.kept)]
    if job.parts:
        try:
            shared = condense(job.domain, job.deck, job.meta, job.page, job.legible)
            hopeful = pdf.estimate(shared) >= job.legible * 0.9
            # Condensed as one, the domains may have their lines shortened ("…") where their own sheets print
            # them whole: that is leaving out, as much as a dropped line is.
            if hopeful and (cut := len(shortened(shared))):
                own = (condense(leaf.domain, leaf.deck, leaf.meta, leaf.page) for leaf in leaves(job))
                hopeful = cut <= sum(len(shortened(sheet)) for sheet in own)
        except NotesError:
            hopeful = False
        if hopeful:
            # A run is named by its first domain: a part kept from the last build may be this very file, which
            # the try overwrites; it is put back when the try does not fit.
            kept = _kept_here(job)
            fit, _, error = outcome = render_one(job, shared)
            if error or (fit.size >= job.legible and fit.pages == 1 and not fit.dropped):
                return [((), outcome)]
            job.target.unlink(missing_ok=True)
            if kept is not None:
                with atomic_path(job.target) as tmp:
                    tmp.write_bytes(kept)
        out: Done = []
        for i, part in enumerate(job.parts):
            part.thumbnails_for = job.thumbnails_for
            out.extend(((i, *path), outcome) for path, outcome in run_job(part))
        return out
    return [((), render_one(job))]


def _kept_here(job: SheetJob) -> bytes | None:
    """The PDF of a kept part under `job` written to `job`'s own file, if there is one."""
    todo = list(job.parts)
    while todo:
        part = todo.pop()
        if part.kept is not None and part.target == job.target and part.target.is_file():
            return part.target.read_bytes()
        todo.extend(part.parts)
    return None


def leaves(job: SheetJob) -> list[SheetJob]:
    """The one-domain jobs under a shared sheet's job (the job itself for a domain's own)."""
    return [leaf for part in job.parts for leaf in leaves(part)] if job.parts else [job]


def render_one(job: SheetJob, sheet: Sheet | None = None) -> Outcome:
    """One sheet: condense, fit and write; warnings go back to be reported. `sheet`: the job's domain
    condensed already, as condense makes it here (run_job's shared sheet: condensed once, not twice)."""
    from ..sheets.condense import condense  # as in run_job

    load_weasyprint()
    report = Report(quiet=True)
    try:
        # a sheet its domains share prints at `legible` or larger: condensed for that size
        if sheet is None:
            sheet = condense(job.domain, job.deck, job.meta, job.page, job.legible if job.parts else 0.0)
        with atomic_path(job.target) as tmp:
            fit = pdf.render_pdf(sheet, tmp, job.allowed, report, job.templates, start_size=job.start_size)
        if job.thumbnails_for is not None:
            remember_thumbnail(job.target, job.thumbnails_for, report)
    except NotesError as e:  # its own arguments do not survive pickling: sent back as plain data
        return None, _said(report), (e.where, e.message)
    fit.document = None  # the laid-out pages stay here: large, and not needed once written
    return fit, _said(report), None


def _said(report: Report) -> Said:
    return [(w.where, w.message) for w in report.warnings] + [("", line) for line in report.notes]


def volume(domain: Domain) -> int:
    return sum(len(s.blocks) for s in domain.sections)


# -- many sheets --------------------------------------------------------------------------------------


class Rendering:
    """Sheets being rendered: their outcomes in the order the jobs were given, once `outcomes()` is called."""

    def __init__(self, jobs: list[SheetJob], futures: list[Future] | None, done: list[Done] | None, started: float):
        self.jobs = jobs
        self.futures = futures
        self.done = done
        self.started = started

    @property
    def in_parallel(self) -> bool:
        """Whether other processes render them (so this one has time for other work meanwhile)."""
        return self.futures is not None

    def outcomes(self, step: Callable[[int, int], None] = lambda done, total: None) -> list[Done]:
        if self.done is None:
            self.done = []
            for fut in self.futures:
                step(len(self.done), len(self.futures))
                self.done.append(fut.result())
            step(len(self.done), len(self.futures))
        return self.done


class Renderer:
    """Sheet worker processes, one executor each so each can start on its own: the first as soon as a notes
    file turns out changed (it imports WeasyPrint while the build parses), the others once the sheets to
    render are known and only as many as they need."""

    def __init__(self, processes: int | None, templates: Path | None):
        self.max = processes or os.cpu_count() or 1
        self.templates = templates
        self.executors: list[ProcessPoolExecutor] = []
        self.load: list[int] = []
        self.processes: list[set[multiprocessing.process.BaseProcess]] = []
        """Each executor's worker process, as multiprocessing lists it (the executor's own list is private)."""
        self.starting: threading.Thread | None = None
        """The first worker being started while the build parses (warm_up)."""

    def warm_up(self) -> None:
        """A notes file changed, so a sheet is almost surely to render: its worker starts now."""
        if not trick("early-worker") or self.executors or self.starting is not None:
            return
        if _context().get_start_method() == "forkserver":
            # Asking the fork server for a worker waits until the server has imported its preloads (0.15 s
            # of the one-domain rebuild): waited for in a thread, while this one parses. (A plain fork from a
            # thread could copy a lock the parse holds: that one starts here, as before.) The server itself is
            # started by this thread: it dies with the thread that started it (_die_with_parent).
            multiprocessing.forkserver.ensure_running()
            self.starting = threading.Thread(target=self._start, args=(1,), name="sheet-worker", daemon=True)
            self.starting.start()
        else:
            self._start(1)

    def _started(self) -> None:
        """The first worker's start, if warm_up began it in a thread, finished."""
        if self.starting is not None:
            self.starting.join()
            self.starting = None

    def render_sheets(self, jobs: list[SheetJob], step: Callable[[int, int], None]) -> Rendering:
        """Start rendering `jobs`: in workers when there are several, or one and its worker is already up;
        here otherwise (quicker than starting a worker for it)."""
        self._started()
        started = time.perf_counter()
        # Biggest first, so the longest render starts at once and the small ones fill the other cores.
        order = sorted(range(len(jobs)), key=lambda i: -volume(jobs[i].domain))
        jobs = [jobs[i] for i in order]
        if self.max > 1 and (self.executors or len(jobs) > 1):
            self._start(len(jobs))
            return Rendering(jobs, [self._submit(job) for job in jobs], None, started)
        done: list[Done] = []
        for job in jobs:
            step(len(done), len(jobs))
            done.append(run_job(job))
        step(len(done), len(jobs))
        self.close()
        return Rendering(jobs, None, done, started)

    def _start(self, n: int) -> None:
        context = _context()
        if self.executors and len(self.executors) < min(n, self.max) and context.get_start_method() == "fork":
            # More workers for more sheets: what they import for their jobs (the condenser, the templates,
            # the preview) is imported here first, once, as this process needs most of it too. The first
            # worker is started without waiting for that, to import WeasyPrint while this one parses. (Workers
            # forked from a fork server, small-workers, have them from the server.)
            import jinja2  # noqa: F401  (0.1 s: imported here only to be shared by the workers forked next)

            from ..sheets import condense  # noqa: F401  (markdown-it, likewise)
        warm = trick("warm-up")
        while self.max > 1 and len(self.executors) < min(n, self.max):
            ex = ProcessPoolExecutor(
                max_workers=1,
                mp_context=context,
                initializer=_warm_up if warm else _die_with_parent,
                initargs=(self.templates,) if warm else (),
            )
            before = set(multiprocessing.active_children())
            ex.submit(int)  # starts the process (and its warm-up) now, not at the first real job
            self.executors.append(ex)
            self.load.append(0)
            self.processes.append(set(multiprocessing.active_children()) - before)

    def _submit(self, job: SheetJob) -> Future:
        """To the worker with the least work queued (jobs come biggest first: longest-processing-time first)."""
        i = min(range(len(self.executors)), key=lambda k: self.load[k])
        self.load[i] += volume(job.domain) + 1
        return self.executors[i].submit(run_job, job)

    def close(self) -> None:
        self._started()
        for ex, load, processes in zip(self.executors, self.load, self.processes, strict=True):
            if not load:
                # Started for nothing (the change touched no sheet): do not wait for its imports.
                for proc in processes:
                    proc.terminate()
            ex.shutdown(wait=True, cancel_futures=True)
        self.executors, self.load, self.processes = [], [], []


def render_sheets(jobs: list[SheetJob], processes: int | None = None) -> list[Done]:
    """Render `jobs` (in parallel when there are several): each job's sheets, in the order given."""
    renderer = Renderer(processes, jobs[0].templates if jobs else None)
    try:
        rendering = renderer.render_sheets(jobs, lambda done, total: None)
        outcomes = dict(zip(map(id, rendering.jobs), rendering.outcomes(), strict=True))
    finally:
        renderer.close()
    return [outcomes[id(job)] for job in jobs]


SMALL_BUILD_MB = 200
"""A build below this peak resident size forks its sheet workers itself (small-workers: above it, they come
from the fork server)."""


def _context():
    # small-workers: a big build's workers are forked from a server process that has imported this module
    # and nothing of the build (forked from the build, a worker starts with the build's whole model, a
    # vault's hundreds of MB, counted again in each), in milliseconds all the same. While the build is small
    # (the user's notes, or a vault before its model is read), a worker is forked from it directly: it then
    # carries little, and needs no server to start and import its preloads first (0.3 s of CPU, most of the
    # first worker's start: the one-domain rebuild waits for that worker). fork where there is no such
    # server; either way WeasyPrint is imported in each worker.
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods and trick("small-workers") and not ("fork" in methods and _build_is_small()):
        context = multiprocessing.get_context("forkserver")
        # what the workers import for their jobs (the condenser, the templates), imported there once
        context.set_forkserver_preload([__name__, "jinja2", "studydeck.sheets.condense"])
        return context
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _build_is_small() -> bool:
    """Whether this process's resident memory is below SMALL_BUILD_MB: now, where Linux says (its peak,
    getrusage's, counts what the process that started it had before its exec: a build run by a big test
    process looked big), else its peak."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") < SMALL_BUILD_MB << 20
    except (OSError, ValueError, IndexError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux, bytes on macOS
        return peak / (1 << 20 if sys.platform == "darwin" else 1 << 10) < SMALL_BUILD_MB


def _die_with_parent(*_args) -> None:
    """A worker ends when the build does, even when the build is killed outright (kill -9 gives it no
    chance to stop its workers): Linux's parent-death signal; elsewhere the pool's own shutdown has to do."""
    if sys.platform.startswith("linux"):
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
    try:
        load_weasyprint()
        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        pdf.prepare(templates_dir)
        # The thumbnail's library for the preview; the sheet's template (jinja2) and the condenser (markdown-it),
        # which every job imports first: here, while the build still parses, not on the one-domain rebuild's
        # path (0.04-0.08 s of its sheet job).
        import jinja2  # noqa: F401
        import pypdfium2  # noqa: F401

        from ..sheets import condense  # noqa: F401
    except Exception:  # noqa: BLE001  a broken template or library: the job meets it again and says what it is
        pass


# -- WeasyPrint, imported quickly ---------------------------------------------------------------------


def load_weasyprint():
    """WeasyPrint, imported (only when a sheet is rendered: it costs a quarter of a second at best).

    compiled-ffi: its C declarations come compiled (sheets/_weasyprint_ffi.py), not parsed again by pycparser
    at the import and at each C type's first use, when its ffi.py is the very file they were compiled from.
    That also spares the library search of cffi's own dlopen: WeasyPrint tries several names for each C
    library, and cffi hands each one that fails to ctypes.util.find_library, which on Linux runs ldconfig and
    gcc for it. Together 0.27 s of each sheet worker's start (0.44 s of CPU, not 0.72 s). If anything goes
    otherwise, the ordinary import runs.
    """
    with _fonttools_later():
        if "weasyprint" not in sys.modules and trick("compiled-ffi"):
            _compiled_import()
        weasyprint = pdf.import_weasyprint()
    if trick("column-pass"):
        one_column_pass()
    return weasyprint


@contextlib.contextmanager
def _fonttools_later():
    """lazy-fonttools: WeasyPrint imports fontTools' subsetter and variable-font instancer with its PDF writer
    (0.1 s of CPU of a sheet worker's start, on the one-domain rebuild's way), and a sheet uses neither: its
    fonts are subset by HarfBuzz-Subset and are static (DejaVu, Nanum). While WeasyPrint is imported they stand
    in as modules that import the real one at its first use (without HarfBuzz-Subset, or for a variable font)."""
    if not trick("lazy-fonttools") or "weasyprint" in sys.modules or "fontTools.subset" in sys.modules:
        yield
        return
    stubs = {
        "fontTools.subset": _Later("fontTools.subset"),
        "fontTools.varLib.instancer": _Later("fontTools.varLib.instancer"),
    }
    stubs["fontTools.varLib.instancer"].instantiateVariableFont = _later_function(
        "fontTools.varLib.instancer", "instantiateVariableFont"
    )
    for name, stub in stubs.items():
        sys.modules.setdefault(name, stub)
    try:
        yield
    finally:
        for name, stub in stubs.items():
            if sys.modules.get(name) is stub:
                del sys.modules[name]


class _Later(types.ModuleType):
    """A module that is imported at the first use of one of its names (the stand-in is out of sys.modules by then)."""

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(importlib.import_module(self.__name__), name)


def _later_function(module: str, name: str):
    def call(*args, **kwargs):
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    return call


def _compiled_import() -> None:
    try:
        _compiled_declarations()
        with contextlib.redirect_stdout(io.StringIO()):  # WeasyPrint prints its advice before it raises
            import weasyprint  # noqa: F401  (the import this function is for)
    except Exception:  # noqa: BLE001  the ordinary import (pdf.import_weasyprint) says what is wrong, if anything is
        for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
            del sys.modules[name]


def weasyprint_ffi_path() -> Path:
    """weasyprint/text/ffi.py of the installed WeasyPrint, found without importing WeasyPrint."""
    return Path(importlib.util.find_spec("weasyprint").origin).parent / "text" / "ffi.py"


def _compiled_declarations() -> None:
    """weasyprint.text.ffi made from its own code with `ffi` the compiled declarations, put where the
    import finds it; nothing when the installed ffi.py is not the one they were compiled from."""
    from ..sheets import _weasyprint_ffi as compiled  # 25 KB of tables: loaded only by a sheet's render

    path = weasyprint_ffi_path()
    source = path.read_bytes()
    if hashlib.sha256(source).hexdigest() != compiled.SOURCE_SHA256:
        return
    lines = source.decode("utf-8").split("\n")
    first, last = compiled.DECLARATIONS
    # `ffi = cffi.FFI()` and `ffi.cdef(...)` blanked: the lines keep their numbers
    lines[first - 1 : last] = [""] * (last - first + 1)
    spec = importlib.util.spec_from_file_location("weasyprint.text.ffi", path)
    module = importlib.util.module_from_spec(spec)
    module.ffi = compiled.ffi
    exec(compile("\n".join(lines), str(path), "exec"), module.__dict__)
    sys.modules["weasyprint.text.ffi"] = module


# -- WeasyPrint's columns, laid out once -------------------------------------------------------------

# columns_layout of WeasyPrint 70 lays the columns out twice: first to find their height (what
# column-fill: balance needs), then for real. With column-fill: auto, as sheet.css has it, and nothing
# after the columns, that first pass cannot change the height (the page's, whether the content fits or
# not) and its boxes are thrown away: 40% of a dense sheet's render. The pass is skipped only there, and
# without footnotes (they can change the height in that pass); the PDFs are the same byte for byte
# (tests/test_sheets.py renders a sheet both ways).
_MEASURE_PASS = """        page_is_empty = stop_rendering = balancing = False
        while True:"""
_NO_MEASURE_PASS = """        page_is_empty = stop_rendering = balancing = False
        while not (
                style['column_fill'] == 'auto' and index == columns_and_blocks[-1][0]
                and not (context.footnotes or context.current_page_footnotes
                         or context.reported_footnotes)):"""


def one_column_pass() -> bool:
    """WeasyPrint's columns_layout without its measuring pass where it is thrown away (above); False when the
    installed WeasyPrint's columns_layout is not the one this was written for (it then stays as it is)."""
    from weasyprint.layout import block, column  # loaded by the render that needs this, already

    if getattr(block.columns_layout, "one_pass", False):
        return True
    lines, first = inspect.getsourcelines(column.columns_layout)
    source = "".join(lines)
    if source.count(_MEASURE_PASS) != 1:
        return False
    # Blank lines before it, so a traceback through it names the lines of WeasyPrint's own file.
    patched = "\n" * (first - 1) + source.replace(_MEASURE_PASS, _NO_MEASURE_PASS)
    namespace = dict(vars(column))  # its own module's names: the helpers and imports it calls
    exec(compile(patched, column.__file__, "exec"), namespace)
    namespace["columns_layout"].one_pass = True
    block.columns_layout = namespace["columns_layout"]  # where the block layout looks it up
    return True


def _in_fork_server() -> bool:
    """This module imported by small-workers' fork server as one of its preloads (`python -c "from
    multiprocessing.forkserver import main; main(...)"`), not by a build."""
    return sys.argv[:1] == ["-c"] and "multiprocessing.forkserver" in sys.modules and "build" not in sys.modules


if _in_fork_server():
    # The server outlives a build killed outright (its workers die with the server, not the build): it is
    # to die with the build that started it. Measured: a killed build's server and its tracker stayed for good.
    _die_with_parent()
