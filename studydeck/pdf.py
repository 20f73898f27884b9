"""Stage 5b: a condensed sheet to a one-page PDF: render the template, then fit the font size to the page."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from . import templates
from .report import Report
from .sheet import Sheet

MAX_SIZE = 9.0
FLOOR = 6.5  # pt: the legibility floor for body text


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


def short_domain(url: str) -> str:
    host = urlparse(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def file_url(path: str) -> str:
    return Path(path).resolve().as_uri()


def sheet_html(sheet: Sheet, templates_dir: Path | None = None) -> str:
    env = templates.environment(templates_dir)
    env.filters.setdefault("short_domain", short_domain)
    env.filters.setdefault("file_url", file_url)
    return env.get_template("sheet/sheet.html.j2").render(sheet=sheet)


def make_fetcher(allowed: list[Path]):
    """A URL fetcher that serves only local files under `allowed` folders: no network, nothing else."""
    import weasyprint

    roots = [p.resolve() for p in allowed]

    class LocalOnly(weasyprint.URLFetcher):
        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme == "file":
                from urllib.request import url2pathname

                path = Path(url2pathname(parsed.path)).resolve()
                if any(path == r or r in path.parents for r in roots) and path.is_file():
                    return super().fetch(url, headers)
            raise ValueError(f"not allowed in a sheet: {url}")

    return LocalOnly(allowed_protocols=["file"], allow_redirects=False)


def render_pdf(
    sheet: Sheet,
    out: Path,
    allowed: list[Path],
    report: Report,
    templates_dir: Path | None = None,
    start_size: float | None = None,
) -> Fit:
    """Write the sheet as one page at the largest font size that fits.

    `start_size` is a first guess (e.g. the size the previous build settled on).
    """
    import weasyprint  # imported only when a sheet is rendered: it costs about a second

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    css_path = templates.find("sheet/sheet.css", templates_dir)
    html = weasyprint.HTML(
        string=sheet_html(sheet, templates_dir),
        base_url=str(css_path.parent),
        url_fetcher=make_fetcher([*allowed, css_path.parent]),
    )
    base_css = weasyprint.CSS(filename=str(css_path), url_fetcher=make_fetcher([css_path.parent]))
    renders = 0

    def render(size: float):
        nonlocal renders
        renders += 1
        return html.render(stylesheets=[base_css, weasyprint.CSS(string=f"html {{ font-size: {size:.2f}pt; }}")])

    lo, hi = FLOOR, MAX_SIZE
    doc = render(hi)
    if len(doc.pages) == 1:
        best, size = doc, hi
    else:
        doc = render(lo)
        best, size = doc, lo
        if len(doc.pages) > 1:
            report.warn(sheet.title, f"does not fit one page at {FLOOR}pt; sheet has {len(doc.pages)} pages")
        else:
            while hi - lo > 0.25:
                mid = round((lo + hi) / 2, 2)
                d = render(mid)
                if len(d.pages) == 1:
                    lo, best, size = mid, d, mid
                else:
                    hi = mid
    out.parent.mkdir(parents=True, exist_ok=True)
    best.write_pdf(str(out))
    return Fit(size=size, renders=renders, pages=len(best.pages))
