"""Stage 5b: a condensed sheet to a one-page PDF: render the template, then fit the font size to the page."""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import logging
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from .. import templates
from ..report import NotesError, Report
from . import formula
from .page import holds, size_for

if TYPE_CHECKING:
    from .condense import Sheet

# Jinja, the sheet condenser (and through it the Markdown parser) and urllib.request are imported where
# they are used: a build that renders no sheet imports this module for Fit alone.

# pt: the largest body size. A short sheet printed larger still (up to 18 pt) read as a poster, not as a
# reference card, and its few lines looked lost on the page all the same (blind review, issue 14).
MAX_SIZE = 11.0
FLOOR = 6.5  # pt: the legibility floor for body text
# A sheet that fills less than ROOMY of its page at MAX_SIZE left the page's last columns empty, a fifth to
# four-fifths of it (blind review, issue 14: 19 corpus sheets): it is laid out again in two columns of equal
# height (balanced), its type up to ROOMY_MAX (a line of about 50 characters in a landscape A4 column) and
# its lines spaced up to ROOMY_LEADING, to fill about ROOMY_FILL of the page; what is still left is a band
# under both columns, not a corner.
ROOMY = 0.8
# One that fills less than FULL of it in three columns (the third a half or less) is balanced in its own
# columns, its lines spaced to fill it (its type no larger: its columns' lines would be short).
FULL = 0.9
ROOMY_FILL = 0.94
# Balanced, the columns end up to this much of the page apart (a box kept whole): each column more, a guess
# fills that much less of the page, so that the longest column still fits.
SHORTER_BY = 0.03
REFINE = 0.05  # a grown layout this much short of its guess's fill is grown again, once
ROOMY_MAX = 14.0
LEADING = 1.16  # line height of the text: keep in step with html in templates/sheet/sheet.css
ROOMY_LEADING = 1.4
ROOMY_RENDERS = 3
# Balanced, a sheet of a few lines printed a line or two a column ('Alpha ...' in one, the group under its rule in
# the next): one whose text fills less than this share of its page keeps its columns filled in turn.
BALANCE_MIN = 0.25
STEP = 0.25  # pt: sizes are tried on this grid
MAX_RENDERS = 6  # to find the size; the floor's search for what to leave out may take as many again
FAR_BELOW = 0.8  # an estimate below this share of the floor goes straight to leaving items out
# A domain far too long for its page keeps its most important sections up to this many pages' worth at the
# floor (by volume) before the first render; leaving out lines then makes what is left fit.
PRESELECT = 1.3
# The share of the measured excess by which what makes a sheet fit may differ from it (below, _fit).
DROP_SPREAD = 0.15
# Lines left over by a layout that the flow foresaw would fit, past which the flow is taken to have missed a
# step of the page, not a line or two per column (below, _fit): 30 on the user's SageMaker sheet (a box kept
# whole, a third of a column), 3-6 on the corpus' sheets that leave out (at A4 and A5).
FLOW_MISS = 12


@dataclass(slots=True)
class Fit:
    """What fitting a sheet to its page took and gave."""

    size: float
    """Body font size in pt of the written PDF."""
    renders: int
    """WeasyPrint layouts it took."""
    pages: int
    dropped: list[str] = field(default_factory=list)
    """Names of items left out to fit, lowest priority first."""
    document: object | None = field(default=None, repr=False, compare=False)
    """The laid-out WeasyPrint document, for putting every sheet into one PDF."""


def file_url(path: str) -> str:
    return Path(path).resolve().as_uri()


def columns(sheet: Sheet, roomy: int = 0) -> int:
    """Fewer, wider columns for short sheets: their text then reads as lines, not as a narrow strip; a roomy
    layout's own number (ROOMY), whatever its volume."""
    if roomy:
        return roomy
    chars = sheet.chars()
    if sheet.orientation == "portrait":
        return 2 if chars < 3500 else 3
    return 2 if chars < 2500 else 3 if chars < 6000 else 4


@functools.lru_cache(maxsize=16)
def qr_svg(url: str) -> str:
    """The QR code of `url` as inline SVG: made once per sheet, not once per fitting render (25 ms each)."""
    import segno  # 60 ms: only for a sheet with a QR code

    return segno.make(url, error="m").svg_inline(border=4, omitsize=True, dark="#000")


def sheet_html(sheet: Sheet, templates_dir: Path | None = None, roomy: int = 0) -> str:
    import jinja2  # 0.1 s: imported by a sheet's render only (pdf.py is read by every build for Fit)

    try:
        return _sheet_html(sheet, templates_dir, roomy)
    except jinja2.TemplateError as e:  # most likely the user's own copy of the template
        where = f"{e.filename}:{e.lineno}" if getattr(e, "filename", None) else "sheet/sheet.html.j2"
        raise NotesError(where, f"cheat sheet template: {e.message or e}") from None


CODE_WORD = 16  # a code token of this many characters may wrap after its punctuation
JOIN = "\u2060"  # WORD JOINER: no line break here


def code_breaks(line: str) -> str:
    """A code line with a break opportunity (formula.BREAK) after the punctuation inside its long tokens
    ("os.environ['STATEMACHINEARN']," may wrap after "os." or "environ["): a line too long for its column
    wrapped anywhere, mid-word ('STATEMA CHINEARN', 'arn:aws:lambda:us - east-1', blind review). Never after
    a hyphen inside a token: a line may break after a hyphen in text, and an option came apart from its
    dashes ('--restart=Never --' over 'labels=app=v1', blind review, issue 14: code cut wrong)."""
    line = re.sub(
        rf"\S{{{CODE_WORD},}}",
        lambda m: re.sub(r"(?<=[.,:;=(\[{/&|])(?=[\w'\"$])", formula.BREAK, m.group(0)),
        line,
    )
    return re.sub(r"-(?=[-\w])", "-" + JOIN, line) if "-" in line else line


def _sheet_html(sheet: Sheet, templates_dir: Path | None = None, roomy: int = 0) -> str:
    from markupsafe import Markup  # with jinja2, as above

    from .condense import short_domain  # the condenser's markdown-it, as above

    env = templates.environment(templates_dir)
    env.filters.setdefault("math", lambda text: Markup(formula.html(str(text))))
    env.filters.setdefault("tex", lambda text: formula.plain(str(text)))
    # ' dir="rtl"' on an element whose text is Arabic or Hebrew; nothing on the others
    env.filters.setdefault("dir", lambda text: Markup(' dir="rtl"') if formula.direction(str(text)) == "rtl" else "")
    env.filters.setdefault("code_breaks", code_breaks)
    env.filters.setdefault("short_domain", short_domain)
    env.filters.setdefault("file_url", file_url)
    qr = qr_svg(sheet.qr.url) if sheet.qr else ""
    qr_ref = next((r.number for r in sheet.refs if sheet.qr and r.url == sheet.qr.url), None)
    return env.get_template("sheet/sheet.html.j2").render(
        sheet=sheet, columns=columns(sheet, roomy), roomy=bool(roomy), qr_svg=qr, qr_ref=qr_ref
    )


def import_weasyprint():
    """WeasyPrint, imported when a sheet is rendered (build/speed.py imports it quicker first, when it can),
    its fonts keeping their dates."""
    import weasyprint  # a quarter of a second at best: a build that renders nothing never loads it

    _fonts_keep_their_dates()
    return weasyprint


def _fonts_keep_their_dates() -> None:
    """The fonts embedded in a sheet keep the date they carry, so the same sheet gives the same bytes.

    WeasyPrint subsets fonts with HarfBuzz-Subset (libharfbuzz-subset0), which keeps a font's date, or
    without it with fontTools, which stamps each font it writes with the current time (and does so for
    emoji and variable fonts in any case): two builds of the same notes would write different PDFs."""
    from weasyprint.pdf import fonts  # loaded with weasyprint itself

    if getattr(fonts.TTFont, "keeps_its_date", False):
        return

    class TTFont(fonts.TTFont):
        keeps_its_date = True

        def __init__(self, *args, **kwargs):
            kwargs.setdefault("recalcTimestamp", False)
            super().__init__(*args, **kwargs)

    fonts.TTFont = TTFont


def make_fetcher(allowed: list[Path]):
    """A URL fetcher that serves only local files under `allowed` folders: no network, nothing else."""
    from urllib.request import url2pathname  # http.client and email come with it: only for a render

    weasyprint = import_weasyprint()

    roots = [p.resolve() for p in allowed]

    class LocalOnly(weasyprint.URLFetcher):
        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme == "file":
                path = Path(url2pathname(parsed.path)).resolve()
                if any(path == r or r in path.parents for r in roots) and path.is_file():
                    return super().fetch(url, headers)
            raise ValueError(f"not allowed in a sheet: {url}")

    return LocalOnly(allowed_protocols=["file"], allow_redirects=False)


def estimate(sheet: Sheet) -> float:
    """The font size at which the sheet's text volume would just fill its page."""
    return size_for(sheet.chars(), sheet.paper, sheet.orientation)


def capacity(sheet: Sheet, size: float = FLOOR) -> float:
    """The text volume (Sheet.chars) that about fills the sheet's page at `size`."""
    return holds(sheet.paper, sheet.orientation, size)


def _grid(size: float) -> float:
    return max(FLOOR, min(MAX_SIZE, math.floor(size / STEP + 1e-6) * STEP))


GAP_EM = {1: 0.0, 2: 2.0, 3: 1.5, 4: 1.1}  # the column gap by column count: keep in step with sheet.css
WRAP_FILL = 0.92  # how full a wrapped text's lines are, on average, the last one apart (words do not break)


@dataclass(slots=True)
class _Reflow:
    """A laid-out page's content, read once, to say how full the page would be at another size, line height
    and column count, without laying it out again: each text's lines wrap again in a column as much wider
    as the type is larger (its length in lines scales with the size over the column's width), a line's
    height scales with the size and the line height, the rest (margins, rules, formulas) with the size; a
    table row is as tall as its tallest cell. On the corpus' short sheets, from a layout in three columns at
    11 pt it says the fill in two within 0.01 of the layout's own, 0.04 over on one whose formulas were
    shrunk to fit a narrow column."""

    nodes: list
    size: float
    leading: float
    columns: int
    width: float
    """pt: the columns' width together, gaps included."""
    band: float
    """pt: from the page's content top to the columns' top (the title band), which scales with the size."""
    height: float
    """pt: the page's content height."""

    @classmethod
    def of(cls, doc, size: float, leading: float, columns: int) -> _Reflow | None:
        """The content of a one-page layout; None when WeasyPrint's boxes are not as this reads them."""
        from weasyprint.formatting_structure import boxes as wp  # loaded with the layout being read

        def node(box):
            lines = [c for c in getattr(box, "children", []) if isinstance(c, wp.LineBox)]
            total = _extent(box) - box.position_y
            if lines:
                # a text that goes on in the next column is as tall as its column: it ends with its last line
                end = lines[-1].position_y + lines[-1].height - box.position_y
                total = min(total, end + box.padding_bottom + box.border_bottom_width + box.margin_bottom)
                avail = box.width or 1.0
                used = [
                    max((c.position_x + c.margin_width() for c in ln.children), default=ln.position_x) - ln.position_x
                    for ln in lines
                ]
                text = sum(ln.height for ln in lines)
                if isinstance(box, wp.TableCellBox):
                    # stretched to its row's height (WeasyPrint pads it at the bottom): what its text needs is
                    # its lines and the room above them again below
                    total = text + 2 * (lines[0].position_y - box.position_y)
                return ("lines", len(lines), sum(used) / avail, text / len(lines), total - text)
            if isinstance(box, wp.TableRowBox):
                cells = [node(c) for c in box.children]
                inner = max((_extent(c) - c.position_y for c in box.children), default=0.0)
                return ("row", cells, total - inner)
            if isinstance(box, wp.TableBox):
                kids = list(box.children)
            else:
                kids = [
                    c
                    for c in getattr(box, "children", [])
                    if not isinstance(c, (wp.LineBox, wp.InlineLevelBox)) and c.is_in_normal_flow()
                ]
            if kids:
                return ("block", [node(c) for c in kids], total - sum(_extent(c) - c.position_y for c in kids))
            return ("fixed" if getattr(box, "element_tag", None) == "img" else "scaled", total)

        if len(doc.pages) != 1:
            return None
        try:
            page = doc.pages[0]._page_box
            main = next(b for b in page.descendants() if getattr(b, "element_tag", None) == "main")
            nodes = [
                node(c)
                for col in main.children
                for c in col.children
                if not isinstance(c, (wp.LineBox, wp.InlineLevelBox)) and c.is_in_normal_flow()
            ]
            top = page.content_box_y()
            return cls(nodes, size, leading, columns, main.width, main.content_box_y() - top, page.height)
        except (StopIteration, AttributeError, TypeError, ZeroDivisionError):  # WeasyPrint internals moved
            return None

    def fill(self, size: float, leading: float, columns: int) -> float:
        """The share of the page the content would fill at `size` pt, `leading`, in `columns` columns."""
        r, lr = size / self.size, leading / self.leading
        before = (self.width - (self.columns - 1) * GAP_EM.get(self.columns, 1.1) * self.size) / self.columns
        after = (self.width - (columns - 1) * GAP_EM.get(columns, 1.1) * size) / columns
        k = r * before / max(after, 1.0)  # a text's length in lines of its new width, for each it had

        def height(n) -> float:
            kind = n[0]
            if kind == "lines":
                _, count, used, line, rest = n
                lines = count if abs(k - 1) < 1e-6 else 1 if used * k <= 1 else math.ceil(used * k / WRAP_FILL)
                return rest * r + lines * line * r * lr
            if kind == "row":
                return max((height(c) for c in n[1]), default=0.0) + n[2] * r
            if kind == "block":
                return sum(height(c) for c in n[1]) + n[2] * r
            return n[1] if kind == "fixed" else n[1] * r

        room = columns * (self.height - self.band * r)
        return sum(height(n) for n in self.nodes) / room if room > 0 else float("inf")

    def roomiest(self, columns: int, cap: float, target: float) -> tuple[float, float] | None:
        """The largest size (on the grid, up to `cap`) and then line height (up to ROOMY_LEADING) at which the
        content fills `target` of the page in `columns`; None when even MAX_SIZE fills more."""
        size = math.floor(cap / STEP + 1e-6) * STEP
        while self.fill(size, LEADING, columns) > target:
            size -= STEP
            if size < MAX_SIZE - 1e-6:
                return None
        lo, hi = LEADING, ROOMY_LEADING
        if self.fill(size, hi, columns) <= target:
            return size, hi
        for _ in range(6):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if self.fill(size, mid, columns) <= target else (lo, mid)
        return size, lo


def fill(doc, ncols: int) -> float:
    """How many pages the content takes, as a fraction: 1.4 is a page and 40% of the next one's columns."""
    n = len(doc.pages)
    try:
        page = doc.pages[-1]._page_box
        main = next(b for b in page.descendants() if getattr(b, "element_tag", None) == "main")
        bottom = page.content_box_y() + page.height
        top = main.content_box_y()
        # A column box is as tall as the page allows; what it holds ends where its last child ends.
        used = sum(min(_content_bottom(col) - top, bottom - top) for col in main.children)
        return n - 1 + used / (ncols * (bottom - top))
    except (StopIteration, AttributeError, TypeError, ZeroDivisionError):  # WeasyPrint internals moved: guess
        return float(n)


def _content_bottom(box) -> float:
    children = [c for c in getattr(box, "children", []) if hasattr(c, "margin_height")]
    if not children:
        return box.position_y + box.margin_height()
    last = children[-1]
    return last.position_y + last.margin_height()


class _Log(logging.Handler):
    """Collects what WeasyPrint logs while a sheet renders, so it reaches the build output as warnings."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record):
        self.records.append(record.getMessage())


def render_pdf(
    sheet: Sheet,
    out: Path,
    allowed: list[Path],
    report: Report,
    templates_dir: Path | None = None,
    start_size: float | None = None,
) -> Fit:
    """Write the sheet as one page at the largest font size that fits, leaving items out only below the floor.

    `start_size` is a first guess (e.g. the size the previous build settled on); without it the size is
    estimated from the text volume.
    """
    weasyprint = import_weasyprint()

    log = _Log()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(log)
    try:
        fit = _fit(sheet, allowed, report, templates_dir, start_size, weasyprint)
    finally:
        logger.removeHandler(log)
    from .condense import shortened, undrawable  # as above

    for where, message in undrawable(sheet):
        report.warn(where, message)
    if cut := shortened(sheet):
        lines = ", ".join(str(n) for n in sorted({src.line for src in cut}))
        report.info(
            f"{cut[0]}: sheet {formula.plain(sheet.title)}: shortened {len(cut)} line{'s' if len(cut) > 1 else ''}"
            f" too long for their place (they end in …); the sentences are at line{'s' if len(cut) > 1 else ''} {lines}"
        )
    for message in dict.fromkeys(log.records):
        report.warn(sheet.source or sheet.title, f"sheet {sheet.title}: {message}")
    out.parent.mkdir(parents=True, exist_ok=True)
    fit.document.write_pdf(str(out))
    if fit.pages > 1:
        report.warn(sheet.source or sheet.title, f"sheet {sheet.title} takes {fit.pages} pages even at {FLOOR}pt")
    return fit


def prepare(templates_dir: Path | None = None):
    """The sheet's stylesheet, parsed (once per process)."""
    css_path = templates.find("sheet/sheet.css", templates_dir)
    return css_path, _stylesheet(str(css_path), css_path.stat().st_mtime_ns)


def _fit(sheet, allowed, report, templates_dir, start_size, weasyprint) -> Fit:
    css_path, base_css = prepare(templates_dir)
    fetcher = make_fetcher([*allowed, css_path.parent])
    ncols = columns(sheet)
    renders = 0

    def parse(roomy: int = 0):
        return weasyprint.HTML(
            string=sheet_html(sheet, templates_dir, roomy), base_url=str(css_path.parent), url_fetcher=fetcher
        )

    def render(html, size: float, leading: float | None = None, cols: int = ncols, balance: bool = False):
        nonlocal renders
        renders += 1
        spacing = f" line-height: {leading:.3f};" if leading else ""
        page = f"@page {{ size: {sheet.paper} {sheet.orientation}; }} html {{ font-size: {size:.2f}pt;{spacing} }}"
        if balance:  # only here: balancing a full page's columns takes seconds a render
            page += " main { column-fill: balance !important; }"
        doc = html.render(stylesheets=[base_css, weasyprint.CSS(string=page)])
        return doc, fill(doc, cols)

    for n, box in enumerate(sheet.boxes):
        box.number = n
    for n, item in enumerate(sheet.items()):
        item.number = n
    est = estimate(sheet)
    if est < FLOOR * FAR_BELOW and sheet.keep_within(capacity(sheet) * PRESELECT):
        est = estimate(sheet)  # its most important sections, chosen by volume: few renders
    html = parse()
    # The estimate rounded to the nearest step: it errs either way (over the user's notes and the corpus,
    # the size that fits is 0.77-1.12 times it), rounding it down cost a render more in a sheet or two.
    size = _grid(start_size or est + STEP / 2)
    best = None  # (size, doc) of the largest size known to fit
    too_big = None  # smallest size known not to fit
    used = last = None  # fill and size of the last render
    # Far below the floor by volume (and no size known from a previous build): straight to the drops.
    hopeless = start_size is None and est < FLOOR * FAR_BELOW
    while renders < MAX_RENDERS and not hopeless:
        doc, used = render(html, size)
        last = size
        if len(doc.pages) == 1:
            best = (size, doc, used)
            if size >= MAX_SIZE or (too_big is not None and too_big - size <= STEP + 1e-6):
                break
            if used * ((size + STEP) / size) ** 2 >= 1:
                break  # the next step up cannot fit by volume: no render needed to know it
            nxt = _grid(size * math.sqrt(1 / max(used, 0.05)) + STEP / 2)
            nxt = max(nxt, size + STEP)
            if too_big is not None:
                nxt = min(nxt, too_big - STEP)
        else:
            too_big = size
            if size <= FLOOR:
                break
            nxt = min(_grid(size * math.sqrt(1 / used) * 0.99), size - STEP)
            if best is not None:
                if too_big - best[0] <= STEP + 1e-6:
                    break
                if best[0] >= nxt:  # the overflow says little (a wide table, a long block): bisect the gap
                    nxt = _grid((best[0] + too_big) / 2)
                nxt = max(nxt, best[0] + STEP)
        size = nxt
    if best is not None:
        flow = _Reflow.of(best[1], MAX_SIZE, LEADING, ncols) if best[0] >= MAX_SIZE and best[2] < FULL else None
        if flow is not None:
            # A short sheet: its layout at the largest size says how full the page would be at a larger size,
            # line height or in two columns (_Reflow), so the layout grown to fill the page is the next one
            # (it was laid out in two columns at the largest size first, to measure, and grown by a guess that
            # filled 0.82-0.87 of the page, not ROOMY_FILL: a sixth of it a band under the columns). Two
            # columns hold no more lines than three did when the lines are short items, so it keeps its own
            # when it is too long for two; in three or four its type stays MAX_SIZE (short lines), its lines
            # spaced. Should a guess not fit (a box kept whole, a balanced column's break), a smaller one.
            used = flow.fill(MAX_SIZE, LEADING, ncols)  # to the content's end: a split box is as tall as its column
            tries = [(2, ROOMY_MAX)] if used < ROOMY and ncols > 2 else []
            tries.append((ncols, ROOMY_MAX if ncols <= 2 else MAX_SIZE))
            left, erred = ROOMY_RENDERS, 1.0
            for cols, cap in tries:
                html = parse(roomy=cols)
                first = ROOMY_FILL - SHORTER_BY * (cols - 2)
                for target in (first, first - 0.04, first - 0.08):
                    guess = flow.roomiest(cols, cap, target / erred) if left else None
                    if guess is None:
                        break
                    size, leading = guess
                    fills = flow.fill(size, leading, cols)
                    if cols == ncols and size <= MAX_SIZE and leading <= LEADING + 0.005:
                        break  # nothing to grow: the layout measured, balanced below
                    left -= 1
                    grown, got = render(html, size, leading, cols, balance=fills >= BALANCE_MIN)
                    if len(grown.pages) == 1:
                        own = _Reflow.of(grown, size, leading, cols)
                        got = own.fill(size, leading, cols) if own is not None else target
                        if left == ROOMY_RENDERS - 1 and got < target - REFINE:  # the first guess only
                            # Well short of the page (the model over by as much: formulas in lines of text, lines
                            # fuller in wider columns): once, a guess made as much larger, kept if it fits.
                            better = flow.roomiest(cols, cap, target * fills / max(got, 0.05))
                            if better is not None and better > (size, leading + 0.02):
                                left -= 1
                                again, _ = render(html, *better, cols, balance=True)
                                if len(again.pages) == 1:
                                    return Fit(size=better[0], renders=renders, pages=1, document=again)
                        return Fit(size=size, renders=renders, pages=1, document=grown)
                    # Over the page: the model missed by as much as the layout overflowed (a table whose
                    # columns are as wide as their longest word wraps its other cells more than the model
                    # says), and the next guess is made smaller by as much.
                    if got > 1 + 2 * SHORTER_BY:  # not a balanced column's break over the page's foot: a miss
                        erred = max(erred, got / max(fills, 0.05))
                    cap = size  # (no larger than what missed: its line height first gives way)
            if used >= BALANCE_MIN and left:
                balanced, _ = render(parse(roomy=ncols), MAX_SIZE, None, ncols, balance=True)
                if len(balanced.pages) == 1:
                    return Fit(size=MAX_SIZE, renders=renders, pages=1, document=balanced)
        return Fit(size=best[0], renders=renders, pages=1, document=best[1])
    # Even the floor does not fit: leave out the fewest lowest-priority items that make it fit, and say which.
    candidates = sheet.candidates()
    # The volume to leave out: measured at the floor when rendered there, else from the estimate.
    at_floor = used * (FLOOR / last) ** 2 if used is not None else (FLOOR / est) ** 2  # pages' worth at the floor
    over = max(at_floor - 1, 0) / at_floor
    excess = over * sheet.chars()
    volumes = list(itertools.accumulate(c.chars() for c in candidates))

    def holding(volume: float) -> int:
        """The fewest candidates that hold `volume`."""
        return bisect.bisect_left(volumes, volume) + 1 if volumes and volume > 0 else 0

    # What makes a sheet fit holds the measured excess give or take DROP_SPREAD (0.86-1.12 of it on the
    # user's and the corpus' sheets that need drops), and the page fills in steps, not smoothly (a box too
    # tall for the column's end moves back whole), so a render between two guesses says little. So: the
    # guess; then the far end of the spread on the side the guess fell; then out from there (1, 2, 4 ...)
    # while still on that side; then bisect between a fit and a miss.
    # Leaving out fewer than `lo` does not fit (none left out was tried when the last render was at the
    # floor); leaving out `hi`, everything droppable, is taken to fit.
    lo, hi = (1 if last == FLOOR else 0), len(candidates)
    k = min(max(holding(excess), lo), hi)
    best, failed, tries = None, False, 0
    flow = _flow(doc, sheet, ncols) if last == FLOOR else None
    whole = flow  # the layout with nothing left out: every piece that can be given back is in it
    if flow is not None:
        # The last layout, at the floor with nothing left out, did not fit, and the template says which of
        # its boxes is which: the fewest to leave out are found by laying out its boxes again in columns
        # (_Flow), not by guessing from the text volume; a layout checks, and if the page still overflows,
        # its boxes say what to leave out next.
        more = 0  # the fewest the last layout's leftover volume says must go (a guess, not a bound)
        for _ in range(MAX_RENDERS):
            k = max(next((j for j in range(lo, hi) if flow.spill(candidates, j) == 0), hi), min(more, hi - 1))
            if k >= hi:
                break
            _apply(sheet, candidates, k)
            d, u = render(parse(), FLOOR)
            if len(d.pages) == 1:
                best, hi = (k, d), k
                # One fewer is tried too unless the columns laid out said it overflows by two lines or more.
                lo = k if flow.spill(candidates, k - 1) >= 2 * LINE * FLOOR else lo
                failed, tries, k = True, 2, k - 1
                break
            # Laid out again without some of its pieces, a page may move in a step its columns read from a
            # layout do not foresee (a box kept whole that just missed the last column's end stays on the next
            # page until all its height is freed), and the flow read from this layout then misses by as much
            # again. When the layout left much more over than the flow foresaw (it foresaw none), the next
            # try leaves out at least what the volume left over says (at its low end: a guess, not a bound).
            flow = _flow(d, sheet, ncols) or flow
            lo, more = k + 1, 0
            if (u - 1) * ncols * flow.height > FLOW_MISS * LINE * FLOOR:
                more = holding(volumes[k - 1] + (u - 1) / u * sheet.chars() * (1 - DROP_SPREAD))
        k = min(max(k, lo), hi)
    while lo < hi and renders < MAX_RENDERS * 2:
        _apply(sheet, candidates, k)
        d, _u = render(parse(), FLOOR)
        if len(d.pages) == 1:
            best, hi = (k, d), k
        else:
            failed, lo = True, k + 1
        tries += 1
        if best is not None and failed:
            k = (lo + hi) // 2
        elif tries == 1:
            k = holding(excess * (1 - DROP_SPREAD)) if best is not None else holding(excess * (1 + DROP_SPREAD))
        elif best is not None:
            k = k - (1 << (tries - 2))
        else:
            k = k + (1 << (tries - 2))
        k = min(max(k, lo), hi - 1 if best is not None else hi)
    k, doc = best if best is not None else (len(candidates), None)
    back = _give_back(whole, candidates, k) if doc is not None else set()
    if back:
        _apply(sheet, candidates, k, back)
        d, _u = render(parse(), FLOOR)
        back = back if len(d.pages) == 1 else set()
        doc = d if back else doc
    _apply(sheet, candidates, k, back)
    if doc is None:
        doc, _u = render(parse(), FLOOR)
    if len(doc.pages) > 1:  # one section longer than a page on its own: its first page, and the build says so
        report.warn(
            sheet.source or sheet.title,
            f"sheet {formula.plain(sheet.title)}: longer than a page even at {FLOOR}pt with "
            "everything else left out: printed its first page only (the rest is in the deck)",
        )
        doc = doc.copy([doc.pages[0]])
    dropped = [drop.name for j, drop in enumerate(candidates[:k]) if j not in back]
    for line in drop_lines(sheet):
        report.info(f"{sheet.source or sheet.title}: sheet {formula.plain(sheet.title)}: {line}")
    return Fit(size=FLOOR, renders=renders, pages=len(doc.pages), dropped=dropped, document=doc)


# The line "N more sections: see the deck" that the first section left out whole adds, in em, its margins
# and some room to spare.
MORE_LINE = 3.0
GIVE_BACK = 2  # lines of each column a candidate given back must leave free (_give_back)
LINE = 1.16  # em: sheet.css's line height


@dataclass(slots=True)
class _Piece:
    """A box of a layout that no column break splits: a line, a row, a box that keeps together."""

    lead: float
    """pt from the end of the piece before it in its column (from the column's top for the first) to its top."""
    height: float
    keep: bool
    """Stays in the column of the piece after it (a heading)."""
    item: int
    """Item.number of the item it belongs to (data-item), -1 for none."""
    box: int
    """Box.number of the section it belongs to (data-box), -1 for none."""
    gist: float
    """What it loses with its item's gist left out (a row of terms keeps its term)."""
    inner: dict[int, tuple[float, float]]
    """For a piece that holds several items (a section that keeps together): what each takes, and its gist."""
    column: int = 0
    """The column the layout put it in, counted over the pages (the page's columns, then the next page's)."""


@dataclass(slots=True)
class _Flow:
    """The pieces of a sheet's columns, from a layout at the floor, laid out again without some of them."""

    pieces: list[_Piece]
    height: float
    """pt: a column's."""
    columns: int
    sheet: Sheet
    more_shown: bool
    """The layout has the line "N more sections" already."""

    def spill(self, candidates, k: int, back: set[int] = frozenset()) -> float:
        """How much of the content (pt) is left over once the pieces without the first `k` candidates (but
        those numbered in `back`) fill the page's columns in order, as WeasyPrint fills them: 0 when it all
        fits."""
        items, boxes, gists = set(), set(), set()
        for drop in (d for j, d in enumerate(candidates[:k]) if j not in back):
            numbers = {i.number for i in drop.items} if drop.what != "box" else {drop.items[0].number}
            {"box": boxes, "item": items, "value": gists}[drop.what].update(numbers)
        for box in self.sheet.boxes:
            inside = [i.number for e in box.entries for i in e.items]
            if inside and all(n in items for n in inside):
                boxes.add(box.number)  # nothing left under its heading: not drawn
        live = [p for p in self.pieces if p.item not in items and p.box not in boxes]
        # A box left short by what goes is kept in one column (Box.short, the template's "keep"): its pieces
        # then go on to the next column together, as a heading does with what follows it.
        whole = self._short(candidates, k, back)
        last = {p.box: i for i, p in enumerate(live)}

        def height(p: _Piece) -> float:
            h = p.height - (p.gist if p.item in gists else 0.0)
            for n, (taken, gist) in p.inner.items():
                h -= taken if n in items else gist if n in gists else 0.0
            return h

        column, used, first, i = 0, 0.0, True, 0
        while i < len(live):
            j, need = i, height(live[i]) + (0.0 if first else live[i].lead)
            while (live[j].keep or (live[j].box in whole and last[live[j].box] > j)) and j + 1 < len(live):
                # a heading goes with what follows it, a short box's piece with the rest of the box
                j += 1
                need += live[j].lead + height(live[j])
            if first or used + need <= self.height + 0.01:
                used, first, i = used + need, False, j + 1
                continue
            column, used, first = column + 1, 0.0, True
            if column >= self.columns:
                return sum(p.lead + height(p) for p in live[i:])
        more = MORE_LINE * FLOOR if boxes and not self.more_shown else 0.0
        return max(used + more - self.height, 0.0) if column == self.columns - 1 else 0.0

    def _short(self, candidates, k: int, back: set[int] = frozenset()) -> set[int]:
        """The boxes (Box.number) kept in one column once the first `k` candidates (but `back`) are left out."""
        if len(self.sheet.boxes) < 2:
            return set()
        items = list(self.sheet.items())
        before = [(i.dropped, i.value_dropped) for i in items]
        shown = [b.dropped for b in self.sheet.boxes]
        _apply(self.sheet, candidates, k, back)
        out = {b.number for b in self.sheet.boxes if b.short}
        for i, (dropped, value_dropped) in zip(items, before, strict=True):
            i.dropped, i.value_dropped = dropped, value_dropped
        for b, dropped in zip(self.sheet.boxes, shown, strict=True):
            b.dropped = dropped
        return out


def _flow(doc, sheet: Sheet, ncols: int) -> _Flow | None:
    """The pieces of a layout's columns, in order; None when the template marks no item (data-item) or
    WeasyPrint's boxes are not as this reads them."""
    from weasyprint.formatting_structure import boxes as wp  # loaded with the layout being read

    found: list[tuple] = []

    def children(box) -> list:
        return [
            c
            for c in getattr(box, "children", [])
            if not isinstance(c, (wp.LineBox, wp.InlineLevelBox)) and c.is_in_normal_flow()
        ]

    def gist(row) -> float:
        """What a row of terms loses without its gist: its height, but for the lines of its term."""
        if not isinstance(row, wp.TableRowBox) or len(row.children) < 2:
            return 0.0
        lines = [sum(isinstance(x, wp.LineBox) for x in cell.children) for cell in row.children]
        return row.border_height() * (1 - lines[0] / max(lines)) if max(lines) else 0.0

    def number(element, kind: str) -> int | None:
        value = element.get(f"data-{kind}") if element is not None else None
        return int(value) if value is not None and value.lstrip("-").isdigit() else None

    def inner(piece) -> dict[int, tuple[float, float]]:
        out = {}

        def walk(box, parent) -> None:
            element = getattr(box, "element", None)
            if element is not None and element is not parent and (n := number(element, "item")) is not None:
                out[n] = (_extent(box) - box.position_y, gist(box))
                return
            for c in getattr(box, "children", []):
                walk(c, element if element is not None else parent)

        for c in piece.children:
            walk(c, piece.element)
        return out

    def walk(box, item: int, section: int, column: int, top: float) -> None:
        element = getattr(box, "element", None)
        item = n if (n := number(element, "item")) is not None else item
        section = n if (n := number(element, "box")) is not None else section
        below = children(box)
        if below and box.style["break_inside"] not in ("avoid", "avoid-column", "avoid-page"):
            for c in below:
                walk(c, item, section, column, top)
            return
        keep = box.style["break_after"] in ("avoid", "avoid-column", "avoid-page")
        y = box.border_box_y()
        found.append((column, top, y, y + box.border_height(), keep, item, section, gist(box), inner(box)))

    try:
        height, column = None, 0
        ends: dict[int, float] = {}  # column: where what followed its last box would start
        for page in doc.pages:
            page_box = page._page_box
            main = next(b for b in page_box.descendants() if getattr(b, "element_tag", None) == "main")
            top = main.content_box_y()
            height = height or page_box.content_box_y() + page_box.height - top
            for col in main.children:
                for c in children(col):
                    walk(c, -1, -1, column, top)
                if kids := children(col):
                    ends[column] = _extent(kids[-1])
                column += 1
        pieces = []
        for i, (column, top, y, bottom, keep, item, section, lost, held) in enumerate(found):
            if i and found[i - 1][0] == column:
                before = found[i - 1][3]
            elif i and found[i - 1][0] in ends:
                # First in its column, where its top margin (and the closing margins of the boxes around the
                # piece before it) fell away: laid out after that piece instead, it starts where the column
                # before ended, not right under it (a box that just missed the column's end must not be taken
                # to fit there).
                before = y - max(ends[found[i - 1][0]] - found[i - 1][3], 0.0)
            else:
                before = top
            pieces.append(_Piece(y - before, bottom - y, keep, item, section, min(lost, bottom - y), held, column))
    except (AttributeError, TypeError, KeyError, StopIteration):  # WeasyPrint internals moved: guessed instead
        return None
    if not any(p.item >= 0 or p.inner for p in pieces):
        return None
    return _Flow(pieces, height, ncols, sheet, sheet.more > 0)


def _extent(box, margin: bool = True) -> float:
    """Where what follows `box` starts (its margin's lower edge), or without `margin` where the box ends.

    A piece of a box that goes on in the next column is as tall as its column in WeasyPrint's layout, so
    its last child tells where it ends; so does any box whose child's margin runs through its own."""
    from weasyprint.formatting_structure import boxes  # loaded with the layout being measured

    own = box.position_y + (box.margin_height() if margin else box.margin_top + box.border_height())
    children = [
        c
        for c in getattr(box, "children", [])
        if not isinstance(c, (boxes.LineBox, boxes.InlineLevelBox)) and c.is_in_normal_flow()
    ]
    if not children:
        return own
    inner = _extent(children[-1], margin)
    below = box.padding_bottom + box.border_bottom_width + (box.margin_bottom if margin else 0)
    return inner if own > inner + below + 0.5 else max(own, inner)


NAMED = 12  # sections named in a line of what a sheet left out; the rest are counted


def drop_lines(sheet: Sheet) -> list[str]:
    """What the sheet left out to fit, in a line or two: sections left out whole, then lines (and
    gists) left out of the others, counted per section."""

    def names(pairs: list[tuple[str, int]]) -> str:
        shown = ", ".join(f"{formula.plain(t)} {n}" for t, n in pairs[:NAMED])
        return shown + (f" and {len(pairs) - NAMED} more" if len(pairs) > NAMED else "")

    whole, cut = [], []
    for box in sheet.boxes:
        items = [i for e in box.entries for i in e.items]
        if box.dropped:
            whole.append((box.title, len(items)))
        elif lost := sum(i.dropped or i.value_dropped for i in items):
            cut.append((box.title, lost))
    out = []
    fit = f"to fit one page at {FLOOR}pt"
    if whole:
        out.append(f"left out {len(whole)} sections whole {fit} (lines each; they are in the deck): {names(whole)}")
    if cut:
        out.append(f"left out {sum(n for _, n in cut)} lines or gists of {len(cut)} sections {fit}: {names(cut)}")
    return out


@functools.lru_cache(maxsize=4)
def _stylesheet(path: str, mtime_ns: int):
    """The sheet's CSS, parsed once per process (a worker renders many sheets), again if the file changes."""
    weasyprint = import_weasyprint()

    return weasyprint.CSS(filename=path, url_fetcher=make_fetcher([Path(path).parent]))


def _apply(sheet: Sheet, candidates, k: int, back: set[int] = frozenset()) -> None:
    """Leave out exactly the first `k` candidates but those numbered in `back` (and what keep_within left
    out)."""
    for drop in candidates:
        drop.reset()
    for j, drop in enumerate(candidates[:k]):
        if j not in back:
            drop.apply()
    sheet.drop_empty_groups()


def _give_back(flow: _Flow | None, candidates, k: int) -> set[int]:
    """Of the first `k` candidates, left out to fit, those that the page still holds when given back, the
    most important first: the fewest that fit are the first `k` in order, and the last of them may leave a
    column's foot empty that a smaller one before it fills (the user's SageMaker sheet printed 'Model
    Selection' as bare keys above a fifth of a column left empty). Laid out again from the layout with
    nothing left out (_Flow); a render checks."""
    back: set[int] = set()
    if flow is None:
        return back
    # With GIVE_BACK lines of each column to spare: the flow read from the layout with nothing left out
    # runs a line or two short where the page reflows (a wasted render on tests/test_sheets.py's big notes).
    flow = dataclasses.replace(flow, height=flow.height - GIVE_BACK * LINE * FLOOR)
    for j in range(k - 1, -1, -1):
        if flow.spill(candidates, k, back | {j}) == 0:
            back.add(j)
    return back
