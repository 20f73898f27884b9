"""Each domain's cheat sheet is one PDF page holding its headings and terms; sheets load nothing foreign."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from conftest import ROOT
from sheet_check import build_sheets_logged, comparison_terms, coverage, headings, overlaps, read_pdf

from studydeck.build.pipeline import Options, build, load
from studydeck.report import Report
from studydeck.sheets.condense import condense
from studydeck.sheets.pdf import FLOOR, NAMED, make_fetcher, render_pdf

SAMPLE = ["data-preparation", "deployment", "evaluation", "model-training"]


@pytest.fixture(scope="module")
def sheets_build(tmp_path_factory):
    """The sample notes' sheets, with the build's report and everything WeasyPrint logged."""
    return build_sheets_logged(ROOT / "source", tmp_path_factory.mktemp("sheets"), "per-domain")


def test_one_sheet_per_domain_and_all(sheets_build):
    result, _, _ = sheets_build
    folder = next(iter(result.sheets.values())).parent
    assert sorted(p.stem for p in folder.glob("*.pdf")) == sorted([*SAMPLE, "all"])
    assert read_pdf(folder / "all.pdf")["pages"] == len(SAMPLE)


@pytest.mark.parametrize("slug", SAMPLE)
def test_sample_sheet_is_one_legible_page_inside_its_paper(sheets_build, slug):
    result, _, _ = sheets_build
    facts = read_pdf(result.sheets[slug])
    assert facts["pages"] == 1
    assert facts["body"] >= FLOOR
    assert facts["outside"] == []
    assert overlaps(result.sheets[slug]) == []
    width, height = facts["size"]
    assert (round(width), round(height)) == (842, 595)  # A4 landscape by default


def test_every_heading_and_term_is_in_the_pdf(sheets_build):
    result, _, _ = sheets_build
    for nf in result.notes:
        for d in nf.domains:
            text = "\n".join(read_pdf(result.sheets[d.slug])["texts"])
            assert coverage(headings(d), text)[1] == [], d.title
            assert coverage(comparison_terms(d), text)[1] == [], d.title


def test_no_weasyprint_warning_and_no_drop(sheets_build):
    result, report, records = sheets_build
    assert [r.getMessage() for r in records if r.levelno >= logging.WARNING] == []
    assert [str(w) for w in report.warnings] == []
    assert report.notes == [] and all(f.dropped == [] for f in result.fits.values())


def test_sheet_shows_the_notes_image_small(sheets_build):
    result, _, _ = sheets_build
    with pdfplumber.open(result.sheets["data-preparation"]) as pdf:
        images = pdf.pages[0].images
    assert len(images) == 1
    assert images[0]["height"] <= 22 * 72 / 25.4 + 0.5  # max-height: 22mm in sheet.css


def test_sources_are_numbered_with_short_domain_and_a_qr_code(sheets_build):
    result, _, _ = sheets_build
    text = read_pdf(result.sheets["data-preparation"])["texts"][0]
    assert "Sources" in text and "scikit-learn.org" in text and "https://" not in text
    with pdfplumber.open(result.sheets["data-preparation"]) as pdf:
        # segno draws the QR code as one vector path of many short dark runs
        assert len(pdf.pages[0].curves) + len(pdf.pages[0].lines) + len(pdf.pages[0].rects) > 20


# --- what a sheet may load -------------------------------------------------------------------------


def test_fetcher_serves_only_files_under_allowed_folders(tmp_path):
    inside = tmp_path / "notes" / "a.png"
    inside.parent.mkdir()
    inside.write_bytes(b"x")
    fetch = make_fetcher([tmp_path / "notes"]).fetch
    got = fetch(inside.as_uri())
    assert got.read() == b"x"
    got.close()
    for url in (
        "file:///etc/passwd",
        (tmp_path / "notes" / ".." / "secret").as_uri(),
        "http://example.com/x.css",
        "https://example.com/x.png",
        "data:text/plain,hello",
        "ftp://example.com/f",
    ):
        with pytest.raises(ValueError):
            fetch(url)


def _render_html(html: str, base: Path, allowed: list[Path]) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=html, base_url=str(base), url_fetcher=make_fetcher(allowed)).write_pdf()


@pytest.mark.parametrize(
    "element",
    [
        '<img src="file:///etc/passwd">',
        '<a rel="attachment" href="file:///etc/passwd">passwd</a>',
        '<link rel="stylesheet" href="http://example.com/evil.css">',
        '<img src="http://example.com/tracker.png">',
    ],
)
def test_a_sheet_cannot_pull_in_foreign_files_or_urls(tmp_path, element, caplog):
    notes = tmp_path / "notes"
    notes.mkdir()
    pdf = _render_html(f"<p>hello</p>{element}", notes, [notes])
    assert b"/EmbeddedFile" not in pdf and b"root:" not in pdf and b"/Subtype /Image" not in pdf


def test_attachment_inside_the_notes_is_embedded_so_the_check_above_can_fail(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "ok.txt").write_text("fine")
    pdf = _render_html('<a rel="attachment" href="ok.txt">ok</a>', notes, [notes])
    assert b"/EmbeddedFile" in pdf


def test_raw_html_in_notes_never_reaches_the_sheet(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "n.md").write_text(
        '# N\n\n## Dom\n\n### Part\n\nA line. <img src="/etc/passwd"> and '
        '<a rel="attachment" href="/etc/passwd">x</a>.\n\n<link rel="stylesheet" href="http://example.com/a.css">\n',
        encoding="utf-8",
    )
    report = Report(quiet=True)
    result = build(Options(src, tmp_path / "out", "sheets"), report)
    data = result.sheets["dom"].read_bytes()
    assert b"/EmbeddedFile" not in data and b"/Subtype /Image" not in data
    assert "A line" in read_pdf(result.sheets["dom"])["texts"][0]


# --- paper, templates, fitting ---------------------------------------------------------------------


def _notes(tmp_path: Path, text: str) -> Path:
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    (src / "n.md").write_text(text, encoding="utf-8")
    return src


def test_front_matter_sets_paper_and_orientation_and_page_option_overrides(tmp_path):
    src = _notes(
        tmp_path, "---\nsheet: {paper: letter, orientation: portrait}\n---\n# N\n\n## Dom\n\nSome text here.\n"
    )
    result = build(Options(src, tmp_path / "a", "sheets"), Report(quiet=True))
    assert tuple(map(round, read_pdf(result.sheets["dom"])["size"])) == (612, 792)
    result = build(Options(src, tmp_path / "b", "sheets", page="a4"), Report(quiet=True))
    assert tuple(map(round, read_pdf(result.sheets["dom"])["size"])) == (595, 842)  # a4, still portrait
    result = build(Options(src, tmp_path / "c", "sheets", page="letter landscape"), Report(quiet=True))
    assert tuple(map(round, read_pdf(result.sheets["dom"])["size"])) == (792, 612)


def test_templates_folder_overrides_by_file_name(tmp_path):
    src = _notes(tmp_path, "# N\n\n## Dom\n\nSome text here.\n")
    mine = tmp_path / "mine" / "sheet"
    mine.mkdir(parents=True)
    html = (ROOT / "templates" / "sheet" / "sheet.html.j2").read_text(encoding="utf-8")
    (mine / "sheet.html.j2").write_text(html.replace("<main", "<p>MY OWN TEMPLATE</p><main"), encoding="utf-8")
    result = build(Options(src, tmp_path / "out", "sheets", templates=tmp_path / "mine"), Report(quiet=True))
    assert "MY OWN TEMPLATE" in read_pdf(result.sheets["dom"])["texts"][0]


def _big_notes(sections: int) -> str:
    parts = ["# Big\n\n## Huge\n"]
    for n in range(sections):
        parts.append(f"\n### Topic {n}\n\nOptions:\n")
        for k in range(6):
            parts.append(f"\n- Term{n}x{k}: does thing {k} of topic {n} in a rather long and wordy way that goes on.")
        parts.append(
            f"\n\nUse Service{n} to process the topic {n} data. It has a limit of {n} GB and cannot do more.\n"
        )
    return "".join(parts)


def test_too_much_for_a_page_drops_low_priority_items_counted_per_section(tmp_path):
    src = _notes(tmp_path, _big_notes(28))
    domain = load(src, Report(quiet=True))[0].domains[0]
    sheet = condense(domain, "Big")
    report = Report(quiet=True)
    fit = render_pdf(sheet, tmp_path / "big.pdf", [src], report)
    facts = read_pdf(tmp_path / "big.pdf")
    assert fit.pages == facts["pages"] == 1
    assert fit.size == FLOOR and facts["body"] >= FLOOR
    # one line for what it left out, counted per section, each section named
    said = [n for n in report.notes if " left out " in n]
    assert fit.dropped and len(said) == 1
    line = said[0]
    assert line.startswith("n.md:3: sheet Huge: left out ") and " lines or gists of " in line
    cut = {d.split(" › ")[0] for d in fit.dropped}
    assert len(re.findall(r"Topic \d+ \d+", line)) == min(len(cut), NAMED)
    assert f"of {len(cut)} sections" in line
    text = "\n".join(facts["texts"])
    # headings and comparison terms go last: all still there
    assert coverage(headings(domain), text)[1] == []
    found, missing = coverage(comparison_terms(domain), text)
    assert len(found) >= 0.9 * (len(found) + len(missing))


@pytest.mark.parametrize("sections", [28, 30, 32])  # a page and a twentieth to a fifth at the floor
def test_what_to_leave_out_is_measured_in_the_layout(tmp_path, sections):
    # The built-in template marks its boxes (data-box, data-item): the fitter lays the boxes of a layout
    # out again in columns without what it could leave out, and makes the layout of the fewest that fit.
    # A template without the marks fits by guessing and bisecting: the same items left out, the same
    # page, in more layouts.
    src = _notes(tmp_path, _big_notes(sections))
    domain = load(src, Report(quiet=True))[0].domains[0]
    html = (ROOT / "templates" / "sheet" / "sheet.html.j2").read_text(encoding="utf-8")
    plain = tmp_path / "plain"
    (plain / "sheet").mkdir(parents=True)
    (plain / "sheet" / "sheet.html.j2").write_text(re.sub(r' data-(?:box|item)="[^"]*"', "", html), encoding="utf-8")
    assert 'data-item="' not in (plain / "sheet" / "sheet.html.j2").read_text(encoding="utf-8")
    fits = {}
    for name, templates in (("marked", None), ("plain", plain)):
        fit = render_pdf(condense(domain, "Big"), tmp_path / f"{name}.pdf", [src], Report(quiet=True), templates)
        fits[name] = (fit, read_pdf(tmp_path / f"{name}.pdf")["texts"])
    (marked, marked_text), (guessed, guessed_text) = fits["marked"], fits["plain"]
    assert marked.size == FLOOR and marked.pages == 1 and marked.dropped
    assert marked.dropped == guessed.dropped and marked_text == guessed_text
    assert marked.renders <= 3 and marked.renders <= guessed.renders


def test_fit_finds_about_the_same_largest_size_whatever_the_start(tmp_path):
    src = _notes(tmp_path, _big_notes(6))
    domain = load(src, Report(quiet=True))[0].domains[0]
    sizes = set()
    for start in (None, FLOOR, 12.0, 9.0):
        fit = render_pdf(condense(domain, "Big"), tmp_path / "s.pdf", [src], Report(quiet=True), start_size=start)
        assert fit.pages == 1 and fit.dropped == []
        sizes.add(fit.size)
    # Boxes that avoid breaks make "fits" not quite monotonic in the size: starts may settle a step or
    # two apart, never further, and never at the floor or the ceiling for this middle-sized sheet.
    assert max(sizes) - min(sizes) <= 0.75
    assert FLOOR < min(sizes) and max(sizes) < 14.0


def test_cli_page_option(tmp_path):
    from build import main

    src = _notes(tmp_path, "# N\n\n## Dom\n\nSome text here.\n")
    out = tmp_path / "out"
    assert (
        main(["--source", str(src), "--output", str(out), "--only", "sheets", "--page", "letter portrait", "--quiet"])
        == 0
    )
    assert tuple(map(round, read_pdf(out / "cheatsheets" / "dom.pdf")["size"])) == (612, 792)


def test_broken_template_is_one_line_naming_it(tmp_path, capsys):
    # The sheet renders in a worker process, which loads the template before its first job: a broken
    # one must not break the worker, the job says what is wrong.
    from build import main

    src = _notes(tmp_path, "# N\n\n## Dom\n\nSome text here.\n")
    mine = tmp_path / "mine" / "sheet"
    mine.mkdir(parents=True)
    (mine / "sheet.html.j2").write_text("<html>\n{% for x in %}\n</html>\n", encoding="utf-8")
    code = main(
        [
            "--source",
            str(src),
            "--output",
            str(tmp_path / "o"),
            "--only",
            "sheets",
            "--templates",
            str(tmp_path / "mine"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("error: ") and "sheet.html.j2:2" in err and "Traceback" not in err


def test_a_wide_table_wraps_inside_its_column(tmp_path):
    header = "| " + " | ".join(f"Column{n}" for n in range(7)) + " |\n|" + "---|" * 7 + "\n"
    rows = "".join("| " + " | ".join(f"averyveryverylongcellvalue{r}{n}" for n in range(7)) + " |\n" for r in range(6))
    body = "".join(f"### Part {k}\n\n" + "Some words that fill the column a little. " * 6 + "\n\n" for k in range(4))
    src = _notes(
        tmp_path, f"# N\n\n## Dom\n\n{body}### Table\n\n{header}{rows}\n### After\n\nMore text after the table.\n"
    )
    result = build(Options(src, tmp_path / "out", "sheets"), Report(quiet=True))
    pdf = result.sheets["dom"]
    assert read_pdf(pdf)["pages"] == 1 and read_pdf(pdf)["outside"] == []
    assert overlaps(pdf) == []


# Counts the calls of ctypes.util.find_library (the library search cffi falls back on) in `calls`.
SEARCH_SPY = """import ctypes.util, sys
calls = []
real = ctypes.util.find_library
def spy(name):
    calls.append(name)
    return real(name)
ctypes.util.find_library = spy
"""


def _fresh_python(code: str) -> subprocess.CompletedProcess:
    """`code` in a new interpreter: WeasyPrint is imported once per process, so its import is tested in one of
    its own."""
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_weasyprint_import_runs_no_library_search():
    # cffi hands every library name WeasyPrint tries in vain to ctypes.util.find_library, which runs
    # ldconfig and gcc: the compiled declarations' dlopen never does.
    proc = _fresh_python(
        SEARCH_SPY + "from studydeck.build.speed import load_weasyprint\n"
        "wp = load_weasyprint()\n"
        "assert wp is sys.modules['weasyprint'] and wp.HTML(string='<p>x</p>').render().pages\n"
        "assert ctypes.util.find_library is spy, 'not restored'\n"
        "print(len(calls))\n"
    )
    assert proc.returncode == 0, proc.stderr
    if sys.platform.startswith("linux"):
        assert proc.stdout.strip() == "0"


def test_weasyprint_import_falls_back_to_the_ordinary_import():
    # Something unusual during the quick import (as when a library only the search finds cannot be
    # loaded): the ordinary import runs, library search and parsed declarations included, and nothing
    # the failed attempt printed shows.
    proc = _fresh_python(
        SEARCH_SPY + "class FailOnce:\n"
        "    failed = False\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'weasyprint.text.fonts' and not self.failed:\n"
        "            self.failed = True\n"
        "            print('WeasyPrint could not import some external libraries')\n"
        "            raise OSError('cannot load library')\n"
        "sys.meta_path.insert(0, FailOnce())\n"
        "from studydeck.build.speed import load_weasyprint\n"
        "wp = load_weasyprint()\n"
        "assert sys.meta_path[0].failed\n"
        "assert wp.HTML(string='<p>x</p>').render().pages\n"
        "assert ctypes.util.find_library is spy\n"
        "import cffi\n"
        "print('searched', len(calls) > 0, 'parsed', isinstance(sys.modules['weasyprint.text.ffi'].ffi, cffi.FFI))\n"
    )
    assert proc.returncode == 0, proc.stderr
    _, searched, _, parsed = proc.stdout.split()
    assert parsed == "True"
    if sys.platform.startswith("linux"):  # elsewhere the search is never switched off
        assert searched == "True"


def _compiled_declarations_match() -> None:
    from studydeck.sheets import _weasyprint_ffi
    from tools.weasyprint_ffi import weasyprint_ffi_source

    # Out of date is a failure, not a skip: the build would silently go the slow way.
    if hashlib.sha256(weasyprint_ffi_source().read_bytes()).hexdigest() != _weasyprint_ffi.SOURCE_SHA256:
        pytest.fail(
            "the installed WeasyPrint is not the one its declarations were compiled from: run tools/weasyprint_ffi.py"
        )


# A page using what sheets use (fonts in four styles, a table, a list, an SVG path) written as PDF bytes
# to stdout; with PARSED in the code, WeasyPrint parses its declarations itself.
PAGE_PDF = """import sys
from studydeck.sheets import _weasyprint_ffi
if PARSED:
    _weasyprint_ffi.SOURCE_SHA256 = "another WeasyPrint"
from studydeck.build.speed import load_weasyprint
wp = load_weasyprint()
html = ('<style>body { font-family: "DejaVu Sans Condensed", sans-serif }'
        ' code { font-family: "DejaVu Sans Mono" }</style>'
        '<h2>Title</h2><p><b>bold</b> <i>italic</i> <b><i>both</i></b> <code>mono()</code> café ≤ 8</p>'
        '<table><tr><th>key</th><td>gist of it</td></tr></table><ul><li>one</li><li>two</li></ul>'
        '<svg width="20" height="20" viewBox="0 0 4 4"><path stroke="#000" d="M0 0.5h3m-3 1h1m1 0h2"/></svg>')
pdf = wp.HTML(string=html).write_pdf()
parsed = 'pycparser' in sys.modules
compiled = sys.modules['weasyprint.text.ffi'].ffi is _weasyprint_ffi.ffi
sys.stderr.write(f"pycparser loaded: {parsed}, compiled declarations: {compiled}\\n")
sys.stdout.buffer.write(pdf)
"""


def _page_pdf(code: str, tricks: str) -> subprocess.CompletedProcess:
    """A PAGE_PDF script run in a new interpreter, the tricks STUDYDECK_NO_TRICKS names switched off."""
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
        env={**os.environ, "STUDYDECK_NO_TRICKS": tricks},
    )
    assert proc.returncode == 0, proc.stderr.decode()
    return proc


def test_weasyprint_declarations_come_compiled_and_render_the_same():
    _compiled_declarations_match()
    runs = {}
    for parsed, tricks in ((False, ""), (True, ""), ("off", "1")):
        runs[parsed] = _page_pdf(PAGE_PDF.replace("if PARSED:", f"if {parsed is True}:"), tricks)
    # the switch: WeasyPrint imported as it imports itself, and the same page
    assert runs["off"].stderr.decode().strip() == "pycparser loaded: True, compiled declarations: False"
    assert runs["off"].stdout == runs[False].stdout
    # compiled: pycparser is never loaded, for the import nor for the C types the render uses
    assert runs[False].stderr.decode().strip() == "pycparser loaded: False, compiled declarations: True"
    assert runs[True].stderr.decode().strip() == "pycparser loaded: True, compiled declarations: False"
    assert runs[False].stdout.startswith(b"%PDF") and runs[False].stdout == runs[True].stdout


def test_weasyprint_loads_fonttools_subsetter_only_when_a_font_needs_it():
    # lazy-fonttools (build/speed.py): a sheet worker's WeasyPrint leaves fontTools' subsetter and instancer
    # unloaded (0.1 s of its start); the page it writes is the same, and the subsetter is there when asked for.
    runs = {}
    for tricks in ("", "lazy-fonttools"):
        code = PAGE_PDF.replace("if PARSED:", "if False:").replace(
            "sys.stdout.buffer.write(pdf)",
            "loaded = 'fontTools.subset' in sys.modules\n"
            "from weasyprint.pdf import fonts\n"
            "fonts.subset.Options  # a font without HarfBuzz-Subset: the real module\n"
            "sys.stderr.write(f'subsetter loaded: {loaded}, then: {\"fontTools.subset\" in sys.modules}\\n')\n"
            "sys.stdout.buffer.write(pdf)",
        )
        runs[tricks] = _page_pdf(code, tricks)
    assert runs[""].stderr.decode().split("\n")[1] == "subsetter loaded: False, then: True"
    assert runs["lazy-fonttools"].stderr.decode().split("\n")[1] == "subsetter loaded: True, then: True"
    assert runs[""].stdout.startswith(b"%PDF") and runs[""].stdout == runs["lazy-fonttools"].stdout


def test_compiled_weasyprint_declarations_are_current():
    # tools/weasyprint_ffi.py run again gives the committed file (for this WeasyPrint and cffi).
    import cffi

    from studydeck.sheets import _weasyprint_ffi
    from tools.weasyprint_ffi import TARGET, module_text, weasyprint_ffi_source

    _compiled_declarations_match()
    if cffi.__version__ != _weasyprint_ffi.CFFI_VERSION:
        pytest.fail(
            f"compiled by cffi {_weasyprint_ffi.CFFI_VERSION}, this is {cffi.__version__}: run tools/weasyprint_ffi.py"
        )
    assert module_text(weasyprint_ffi_source()) == TARGET.read_text(encoding="utf-8")


def test_columns_laid_out_once_give_the_same_sheets(tmp_path, monkeypatch):
    # column-pass (build/speed.py): WeasyPrint's columns_layout without its measuring pass gives the same
    # PDF, for a sheet that fits at a size above the floor and for one whose first layouts take two
    # pages (items left out); it is a failure, not a skip, when the installed WeasyPrint's function is
    # not the one the change was written for (the build would silently go the slow way).
    from studydeck.build import speed
    from studydeck.sheets.pdf import import_weasyprint

    import_weasyprint()
    from weasyprint.layout import block, column

    src = _notes(tmp_path, _big_notes(28).replace("## Huge", "## Huge\n\n[Docs](https://example.com/d)"))
    src2 = tmp_path / "mid"
    src2.mkdir()
    (src2 / "n.md").write_text(_big_notes(6), encoding="utf-8")
    made = {}
    for once in (False, True):
        monkeypatch.setattr(block, "columns_layout", column.columns_layout)
        if once and not speed.one_column_pass():
            pytest.fail("WeasyPrint's columns_layout is not the one speed.one_column_pass was written for")
        assert getattr(block.columns_layout, "one_pass", False) is once
        for notes in (src, src2):
            domain = load(notes, Report(quiet=True))[0].domains[0]
            out = tmp_path / f"{notes.name}-{once}.pdf"
            fit = render_pdf(condense(domain, "Big"), out, [notes], Report(quiet=True))
            made[notes.name, once] = (out.read_bytes(), fit.size, fit.renders, fit.dropped)
    for name in (src.name, src2.name):
        assert made[name, True] == made[name, False], name
    assert made[src.name, True][3] and not made[src2.name, True][3]  # one sheet with drops, one without


def test_a_group_rule_is_a_row_of_dots_between_its_groups(tmp_path):
    # `---` between two groups of a section: a dotted rule above the second (drawn as one repeated tile
    # of a dot, not dot by dot, but dots all the same, on the line between the groups).
    import pypdfium2 as pdfium

    src = _notes(tmp_path, "# N\n\n## Dom\n\nAlpha group text comes first.\n\n---\n\nOmega group text comes second.\n")
    out = tmp_path / "out"
    build(Options(src, out, "sheets"), Report(quiet=True))
    pdf_path = out / "cheatsheets" / "dom.pdf"
    with pdfplumber.open(pdf_path) as pdf:
        words = pdf.pages[0].extract_words()
        above = next(w for w in words if w["text"] == "Alpha")
        below = next(w for w in words if w["text"] == "Omega")
        height = float(pdf.pages[0].height)
    scale = 8
    doc = pdfium.PdfDocument(str(pdf_path))
    image = doc[0].render(scale=scale).to_pil().convert("L")
    doc.close()
    x0, x1 = int(below["x0"] * scale), int((below["x0"] + 100) * scale)
    rows = range(int(above["bottom"] * scale), int(below["top"] * scale))
    assert rows and below["top"] < height

    def dots(y: int) -> int:
        """Dark runs along row y, between the two groups' left edge and 100 pt further."""
        dark = [image.getpixel((x, y)) < 160 for x in range(x0, x1)]
        return sum(1 for i in range(1, len(dark)) if dark[i] and not dark[i - 1])

    # 100 pt of a rule whose dots are 0.12 em apart at 11 pt: about 75 dots, on one line of pixels.
    assert max(dots(y) for y in rows) >= 30


def test_first_size_tried_is_the_estimate_rounded_to_the_nearest_step(tmp_path, monkeypatch):
    # A short sheet fits at the largest size: estimated 0.1 pt below it, it is tried at the largest size first
    # (rounded to the nearest 0.25 pt) and takes one render, not a first one a step below and a second at it.
    import studydeck.sheets.pdf as pdf

    src = _notes(tmp_path, "# N\n\n## Dom\n\nSome text here.\n")
    domain = load(src, Report(quiet=True))[0].domains[0]
    monkeypatch.setattr(pdf, "FULL", 0.0)  # the renders that find the size, not those of a roomy layout
    for estimated, renders in ((pdf.MAX_SIZE - 0.1, 1), (pdf.MAX_SIZE - 0.2, 2)):
        monkeypatch.setattr(pdf, "estimate", lambda sheet, e=estimated: e)
        fit = render_pdf(condense(domain, "N"), tmp_path / "s.pdf", [src], Report(quiet=True))
        assert (fit.size, fit.renders) == (pdf.MAX_SIZE, renders)


@pytest.mark.skipif(
    sys.platform != "linux", reason="the fork server and a plain fork side by side: Linux's start methods"
)
def test_a_small_build_forks_its_sheet_workers_itself_a_big_one_asks_the_fork_server(tmp_path):
    # small-workers: a fork server is started only for a build too big to fork its workers from (they would
    # carry its model); a small build's workers, forked from it, need no server to start first. The
    # sheets are the same bytes either way.
    src = _notes(tmp_path, "# N\n\n## Alpha\n\nAlpha text here.\n\n## Beta\n\nBeta text here.\n")
    made = {}
    for small_mb in (200, 0):
        out = tmp_path / f"out-{small_mb}"
        code = (
            "import multiprocessing.forkserver as fs; from pathlib import Path\n"
            "from studydeck.build import speed\n"
            "from studydeck.build.pipeline import Options, build\n"
            "from studydeck.report import Report\n"
            f"speed.SMALL_BUILD_MB = {small_mb}\n"
            f"r = build(Options(Path({str(src)!r}), Path({str(out)!r}), 'sheets', jobs=2, sheets='per-domain'),"
            " Report(quiet=True))\n"
            "print(sorted(r.rendered), fs._forkserver._forkserver_pid is not None)\n"
        )
        proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        made[small_mb] = proc.stdout.split(), {p.name: p.read_bytes() for p in (out / "cheatsheets").glob("*.pdf")}
    assert made[200][0] == ["['alpha',", "'beta']", "False"]  # no fork server for a small build
    assert made[0][0] == ["['alpha',", "'beta']", "True"]
    assert made[200][1] == made[0][1] and len(made[0][1]) == 3  # alpha, beta, all


def test_a_short_sheet_prints_no_larger_than_a_reference_card(tmp_path):
    # Three lines on a page: printed at the largest size of a short sheet (14 pt), not as a poster at 18.
    import studydeck.sheets.pdf as pdf

    src = _notes(tmp_path, "# N\n\n## Dom\n\nSome text here.\n\n- One point.\n- Another point.\n")
    domain = load(src, Report(quiet=True))[0].domains[0]
    fit = render_pdf(condense(domain, "N"), tmp_path / "s.pdf", [src], Report(quiet=True))
    assert fit.size == pdf.ROOMY_MAX == 14.0
    assert 13.9 <= read_pdf(tmp_path / "s.pdf")["body"] <= 14.1


def _column_ends(doc) -> list[float]:
    """Where each column of the page's <main> ends, in pt from the columns' top."""
    from studydeck.sheets.pdf import _content_bottom

    page = doc.pages[0]._page_box
    main = next(b for b in page.descendants() if getattr(b, "element_tag", None) == "main")
    top, bottom = main.content_box_y(), page.content_box_y() + page.height
    return [(_content_bottom(col) - top) / (bottom - top) for col in main.children]


def _topics(n: int) -> str:
    """`n` sections of three bullets of about 80 characters each, under one title (one domain)."""
    return "".join(
        f"### Topic {k}\n\n- The service number {k} stores records of every kind for a long time at a low price.\n"
        f"- It is read by jobs that run at {k % 24:02d}:00, in batches of a thousand records or more.\n"
        f"- Its records are kept in three places at once, so lost copy {k:02d} is made again.\n\n"
        for k in range(1, n + 1)
    )


def test_a_short_domain_fills_its_page_in_balanced_columns(tmp_path):
    # A domain that filled half its page at the largest size (11 pt, three columns) left its last column
    # empty, a corner of the page blank (blind review, issue 14: 19 corpus sheets a fifth to four-fifths
    # empty). It is laid out in two columns of equal height, its type and leading grown to fill most of the page.
    import studydeck.sheets.pdf as pdf

    src = _notes(tmp_path, f"# N\n\n{_topics(11)}")
    domain = load(src, Report(quiet=True))[0].domains[0]
    sheet = condense(domain, "N")
    assert pdf.columns(sheet) == 3
    fit = render_pdf(sheet, tmp_path / "s.pdf", [src], Report(quiet=True))
    assert fit.pages == 1 and pdf.MAX_SIZE <= fit.size <= pdf.ROOMY_MAX
    ends = _column_ends(fit.document)
    assert len(ends) == 2
    assert min(ends) >= 0.75, ends  # most of the page, in both columns
    assert max(ends) - min(ends) <= 0.1, ends  # of about equal height


def test_a_sheet_nearly_full_in_three_columns_is_balanced_in_them(tmp_path):
    # 'EMR · Storage' filled two columns and half the third at 11 pt, the rest of the third empty (blind
    # review, issue 14: large empty area): too long for two columns, it is balanced in its three, its lines
    # spaced to fill them; its type stays 11 pt (three columns' lines are short).
    import studydeck.sheets.pdf as pdf

    src = _notes(tmp_path, f"# N\n\n{_topics(15)}")
    sheet = condense(load(src, Report(quiet=True))[0].domains[0], "N")
    assert pdf.columns(sheet) == 3
    fit = render_pdf(sheet, tmp_path / "s.pdf", [src], Report(quiet=True))
    ends = _column_ends(fit.document)
    assert fit.pages == 1 and fit.size == pdf.MAX_SIZE and len(ends) == 3
    assert min(ends) >= 0.8 and max(ends) - min(ends) <= 0.1, ends


def test_a_short_sheet_is_grown_from_its_first_layout_in_one_more(tmp_path):
    # Laid out at the largest size in three columns, a short domain was laid out again in two to measure it,
    # then grown by a guess from that measure that filled 0.82-0.87 of the page (the corpus' short sheets, a
    # sixth of the page a band under the columns). The first layout says how full the page would be in two
    # columns at a larger size (pdf._Reflow): the grown layout is the second, and fills the page.
    import studydeck.sheets.pdf as pdf

    src = _notes(tmp_path, f"# N\n\n{_topics(11)}")
    sheet = condense(load(src, Report(quiet=True))[0].domains[0], "N")
    fit = render_pdf(sheet, tmp_path / "s.pdf", [src], Report(quiet=True))
    assert fit.pages == 1 and fit.renders == 2 and pdf.MAX_SIZE <= fit.size <= pdf.ROOMY_MAX
    ends = _column_ends(fit.document)
    assert len(ends) == 2 and min(ends) >= 0.85 and max(ends) <= 1.0, ends


def test_a_layout_says_how_full_its_page_is_at_another_size_and_column_count(tmp_path):
    # What the roomy layout's guess rests on: the columns' fill of a layout at 11 pt in three columns says the
    # fill in two, at a larger size, with more line height, each line of text wrapped again.
    import studydeck.sheets.pdf as pdf

    src = _notes(tmp_path, f"# N\n\n{_topics(3)}\n\nA last paragraph of a few sentences. " + "It goes on. " * 30)
    sheet = condense(load(src, Report(quiet=True))[0].domains[0], "N")
    weasyprint = pdf.import_weasyprint()
    css_path, css = pdf.prepare()

    def layout(size: float, leading: float, cols: int):
        html = weasyprint.HTML(string=pdf.sheet_html(sheet, roomy=cols), base_url=str(css_path.parent))
        page = f"@page {{ size: A4 landscape; }} html {{ font-size: {size}pt; line-height: {leading}; }}"
        return html.render(stylesheets=[css, weasyprint.CSS(string=page)])

    flow = pdf._Reflow.of(layout(11.0, pdf.LEADING, 3), 11.0, pdf.LEADING, 3)
    assert abs(flow.fill(11.0, pdf.LEADING, 3) - sum(_column_ends(layout(11.0, pdf.LEADING, 3))) / 3) < 0.01
    for size, leading, cols in ((11.0, pdf.LEADING, 2), (13.0, 1.3, 2), (11.0, 1.4, 3)):
        ends = _column_ends(layout(size, leading, cols))
        assert abs(flow.fill(size, leading, cols) - sum(ends) / cols) < 0.02, (size, leading, cols)
