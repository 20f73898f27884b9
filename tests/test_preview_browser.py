"""output/preview.html in a real browser (Debian's headless Chromium driven by Playwright): offline, complete,
searchable."""

from __future__ import annotations

import os
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from anki_check import load_deck
from conftest import ROOT, shared_path

from studydeck.build.pipeline import load
from studydeck.report import Report

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Words of the page's own labels (rule names, file names, quality marks): a search for them finds meta, not cards.
META = {
    "definition",
    "explicit",
    "reverse",
    "steps",
    "possible",
    "answer",
    "words",
    "confidence",
    "study",
    "notes",
    "engineer",
}


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists() and not os.environ.get("CI"):
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); CI installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class _Text(HTMLParser):
    """The text of an HTML fragment as a browser's textContent gives it, <style> left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = False

    def handle_starttag(self, tag, attrs):
        self.skip = tag == "style"

    def handle_endtag(self, tag):
        self.skip = False

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def text_of(html: str) -> str:
    p = _Text()
    p.feed(html)
    return " ".join("".join(p.parts).split())


def _watched_page(browser):
    """A new page with what it logs (console errors and warnings, page errors) and what it requests."""
    page = browser.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    return page, errors, requests


@pytest.fixture(scope="module", params=["sample", "user"])
def opened(request, browser, tmp_path_factory):
    """The preview of a build open in a page, with what the page logged and requested, and the deck in Anki."""
    out = request.getfixturevalue("sample_build" if request.param == "sample" else "user_notes_build")
    source = ROOT / "source" if request.param == "sample" else shared_path("notes")
    cards = load_deck(next(out.glob("*.apkg")), tmp_path_factory.mktemp("anki"))
    page, errors, requests = _watched_page(browser)
    url = (out / "preview.html").resolve().as_uri()
    page.goto(url, wait_until="load")
    yield page, out, cards, errors, requests, url, source
    page.close()


def _shown(page) -> int:
    return page.locator("article.pv-card:visible").count()


def test_loads_with_no_error_and_no_request(opened):
    page, _, _, errors, requests, url, _ = opened
    assert errors == []
    assert requests == [url]  # the page itself; everything else is inline


def test_shows_every_card_of_the_deck_front_and_back(opened):
    page, _, cards, *_ = opened
    assert _shown(page) == len(cards) > 0
    shown = page.eval_on_selector_all(
        "article.pv-card",
        """els => els.map(e => [e.dataset.guid, Number(e.dataset.ord),
              e.querySelector('.pv-front .card').textContent, e.querySelector('.pv-back .card').textContent])""",
    )
    mine = {(g, o): (" ".join(f.split()), " ".join(b.split())) for g, o, f, b in shown}
    assert len(mine) == len(shown)
    assert mine == {(c.guid, c.ord): (text_of(c.question), text_of(c.answer)) for c in cards}


def test_counts_per_domain(opened):
    page, _, cards, *_ = opened
    per_domain = Counter(c.deck.split("::", 1)[1] for c in cards)
    heads = page.eval_on_selector_all(
        "section.pv-domain > h2",
        "els => els.map(e => [e.firstChild.textContent.trim(), Number(e.querySelector('.pv-n').textContent)])",
    )
    assert {t: n for t, n in heads if n} == dict(per_domain)


def _search_word(cards) -> tuple[str, int]:
    """A word on some cards but not most of them, and how many cards carry it (counted from Anki's rendering)."""
    texts = [(text_of(c.question) + " " + text_of(c.answer)).lower() for c in cards]
    words = Counter(w for t in texts for w in set(re.findall(r"[a-z]{6,}", t)) if w not in META)
    word = next(w for w, n in sorted(words.items(), key=lambda x: (-x[1], x[0])) if 2 <= n <= len(cards) // 2)
    return word, sum(word in t for t in texts)


def test_search_narrows(opened):
    page, _, cards, *_ = opened
    word, expected = _search_word(cards)
    page.fill("#pv-search", word.upper())
    assert 0 < _shown(page) == expected < len(cards)
    assert page.inner_text("#pv-shown") == str(expected)
    page.fill("#pv-search", word + " zzzqqq")  # every word must match
    assert _shown(page) == 0 and page.is_visible("#pv-none")
    page.fill("#pv-search", "")
    assert _shown(page) == len(cards)


def test_filters_by_domain_and_kind(opened):
    page, _, cards, *_ = opened
    options = page.eval_on_selector_all("#pv-domain option", "els => els.map(e => [e.value, e.textContent])")
    per_domain = Counter(c.deck.split("::", 1)[1] for c in cards)
    for value, label in options[1:]:
        page.select_option("#pv-domain", value)
        title = re.sub(r" \(\d+\)$", "", label)
        assert _shown(page) == per_domain[title], title
    page.select_option("#pv-domain", "")
    page.select_option("#pv-kind", "cloze")
    assert _shown(page) == sum(c.note_type == "studydeck Cloze" for c in cards)
    page.select_option("#pv-kind", "qa")
    assert _shown(page) == sum(c.note_type == "studydeck Q/A" for c in cards)
    page.select_option("#pv-kind", "")
    page.check("#pv-flagged")
    flagged = page.locator("article.pv-card:visible").count()
    assert flagged == page.locator("article.pv-card:has(.pv-flag)").count()
    page.uncheck("#pv-flagged")
    assert _shown(page) == len(cards)


def test_links_every_sheet_with_a_thumbnail(opened):
    page, out, *_, source = opened
    domains = [d for nf in load(source, Report(quiet=True)) for d in nf.domains]
    links = page.eval_on_selector_all(
        "a.pv-sheet-link",
        "els => els.map(e => [e.getAttribute('href'),"
        " e.querySelector('img') ? e.querySelector('img').naturalWidth : 0])",
    )
    hrefs = [h for h, _ in links]
    # each domain links its sheet (domains that share one, a small file's, link the same), every sheet linked
    assert len(hrefs) == len(domains)
    sheets = {p.relative_to(out).as_posix() for p in (out / "cheatsheets").rglob("*.pdf") if p.name != "all.pdf"}
    assert set(hrefs) == sheets
    assert all(h.startswith("cheatsheets/") and h.endswith(".pdf") and (out / h).is_file() for h in hrefs)
    assert all(width > 100 for _, width in links)  # the thumbnail decoded to a picture


# -- the paged preview of a big deck ------------------------------------------------------------------


@pytest.fixture(scope="module")
def paged(browser, tmp_path_factory):
    """A folder of three files built with the paged preview (as a deck of thousands of cards gets it),
    a page per domain, so one file of two domains takes two pages."""
    from studydeck.build.pipeline import Options, build
    from studydeck.preview import pages

    out = tmp_path_factory.mktemp("paged-out")
    mp = pytest.MonkeyPatch()
    mp.setattr(pages, "PAGED_FROM", 0)
    mp.setattr(pages, "PAGE_CARDS", 1)
    try:
        build(Options(ROOT / "tests" / "fixtures" / "folders" / "three-subjects", out, jobs=1), Report(quiet=True))
    finally:
        mp.undo()
    cards = load_deck(next(out.glob("*.apkg")), tmp_path_factory.mktemp("anki-paged"))
    page, errors, requests = _watched_page(browser)
    yield page, out, cards, errors, requests
    page.close()


def test_paged_index_holds_no_card_and_loads_only_its_search_index(paged):
    page, out, cards, errors, requests = paged
    url = (out / "preview.html").resolve().as_uri()
    requests.clear()
    page.goto(url, wait_until="load")
    assert errors == []
    assert requests == [url, (out / "preview" / "search.js").resolve().as_uri()]
    assert page.locator("article.pv-card").count() == 0
    assert page.inner_text("#pv-shown") == str(len(cards))
    hrefs = page.eval_on_selector_all("a.pv-page", "els => els.map(e => e.getAttribute('href'))")
    assert sorted(hrefs) == sorted(f"preview/{p.name}" for p in (out / "preview").glob("*.html"))
    assert len(hrefs) == 4  # a page per domain: economics has two


def test_paged_search_finds_every_card_with_the_word_and_opens_it_on_its_page(paged):
    page, out, cards, errors, _ = paged
    page.goto((out / "preview.html").resolve().as_uri(), wait_until="load")
    word, expected = _search_word(cards)
    page.fill("#pv-search", word.upper())
    assert page.inner_text("#pv-shown") == str(expected)
    assert page.locator("#pv-hits li").count() == expected
    page.fill("#pv-search", word + " zzzqqq")
    assert page.inner_text("#pv-shown") == "0" and page.is_visible("#pv-none")
    page.fill("#pv-search", word)
    page.click("#pv-hits li a >> nth=0")
    page.wait_for_load_state("load")
    assert "/preview/" in page.url and errors == []
    assert page.input_value("#pv-search") == word  # the page opens with the index's search
    target = page.url.split("#", 1)[1]
    assert page.is_visible(f"article#{target}") and word in page.inner_text(f"article#{target}").lower()
    page.click("a.pv-index")
    page.wait_for_load_state("load")
    assert page.url.endswith("/preview.html")


def test_paged_pages_together_show_every_card_once_and_link_the_sheets(paged, browser):
    page, out, cards, errors, _ = paged
    seen = []
    for html_page in sorted((out / "preview").glob("*.html")):
        page.goto(html_page.resolve().as_uri(), wait_until="load")
        seen.extend(
            page.eval_on_selector_all("article.pv-card", "els => els.map(e => [e.dataset.guid, e.dataset.ord])")
        )
        for href in page.eval_on_selector_all("a.pv-sheet-link", "els => els.map(e => e.getAttribute('href'))"):
            assert href.startswith("../cheatsheets/") and (out / "preview" / href).resolve().is_file()
    assert errors == []
    assert sorted(seen) == sorted([c.guid, str(c.ord)] for c in cards)
