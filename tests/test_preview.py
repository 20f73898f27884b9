"""The preview's card rendering agrees with Anki's own, and its quality marks catch what they claim to."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from anki_check import load_deck
from conftest import ROOT, shared_path

from build import main
from studydeck.build.pipeline import Options, build
from studydeck.deck.apkg import note_types
from studydeck.model import Card, Source
from studydeck.preview.anki import TemplateError, render_template
from studydeck.preview.page import expand, quality, render
from studydeck.report import Report

TRICKY = """# Tricky

## Clozes

The {{c1::a & b "q" 's <i>x</i> é ~`}} thing is here.

Also {{c1::one}} and {{c2::deux::a hint}} and {{c3::three}}.

Nested {{c1::outer {{c2::inner}} part::whole}} and a stray }} here.

Q: What does `{{c1::x}}` inside code give?
A: Nothing: code is never markup.
"""


def test_fields_sections_and_front_side():
    fields = {"Front": "F", "Extra": "", "Back": "B"}
    assert (
        render_template("<p>{{Front}}</p>{{#Extra}}[{{Extra}}]{{/Extra}}{{^Extra}}none{{/Extra}}", fields)
        == "<p>F</p>none"
    )
    assert render_template("{{FrontSide}}<hr>{{ Back }}", fields, front_side="<p>F</p>") == "<p>F</p><hr>B"
    # Anki counts a field holding only white space and <br> as empty
    assert render_template("{{#Extra}}x{{/Extra}}", {"Extra": " <br> "}) == ""
    assert render_template("{{text:Front}}", {"Front": "<b>bold</b> &amp; more"}) == "bold & more"


def test_cloze_front_hides_the_active_deletion_only():
    text = {"Text": "{{c1::Paris}} is the capital of {{c2::France::country}}"}
    assert render_template("{{cloze:Text}}", text, 0) == (
        '<span class="cloze" data-cloze="Paris" data-ordinal="1">[...]</span> is the capital of '
        '<span class="cloze-inactive" data-ordinal="2">France</span>'
    )
    assert render_template("{{cloze:Text}}", text, 1) == (
        '<span class="cloze-inactive" data-ordinal="1">Paris</span> is the capital of '
        '<span class="cloze" data-cloze="France" data-ordinal="2">[country]</span>'
    )
    assert render_template("{{cloze:Text}}", text, 1, cloze_back=True) == (
        '<span class="cloze-inactive" data-ordinal="1">Paris</span> is the capital of '
        '<span class="cloze" data-ordinal="2">France</span>'
    )


def test_nested_and_unclosed_deletions():
    text = {"Text": "{{c1::outer {{c2::inner}} part::whole}} }} {{c3::open"}
    assert render_template("{{cloze:Text}}", text, 1) == (
        '<span class="cloze-inactive" data-ordinal="1">outer '
        '<span class="cloze" data-cloze="inner" data-ordinal="2">[...]</span> part</span> }} {{c3::open'
    )
    assert render_template("{{cloze:Text}}", text, 0) == (
        '<span class="cloze" data-cloze="outer&#x20;&lt;span&#x20;class&#x3D;&quot;cloze&#x2D;inactive&quot;&#x20;'
        'data&#x2D;ordinal&#x3D;&quot;2&quot;&gt;inner&lt;&#x2F;span&gt;&#x20;part" data-ordinal="1">[whole]</span>'
        " }} {{c3::open"
    )


@pytest.mark.parametrize("template", ["{{Nope}}", "{{#Front}}open", "{{/Front}}"])
def test_bad_templates_are_errors(template):
    with pytest.raises(TemplateError):
        render_template(template, {"Front": "F"})


def test_bad_user_template_is_one_line_error(tmp_path, capsys):
    tpl = tmp_path / "tpl" / "anki"
    tpl.mkdir(parents=True)
    (tpl / "qa-front.html").write_text("{{Front}} {{Nope}}", encoding="utf-8")
    code = main(
        [
            "--source",
            str(ROOT / "source"),
            "--output",
            str(tmp_path / "out"),
            "--only",
            "deck",
            "--templates",
            str(tmp_path / "tpl"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "error: note type 'studydeck Q/A': template: {{Nope}}: no such field" in err
    assert "Traceback" not in err


def _strip_style(html: str) -> str:
    return re.sub(r"^<style>.*?</style>", "", html, flags=re.S)


def _compare_with_anki(source: Path, tmp_path: Path) -> dict[tuple[str, int], tuple[str, str]]:
    out = tmp_path / "out"
    result = build(Options(source, out, only="deck"), Report(quiet=True))
    qa, cloze = note_types()
    views = expand(result.cards)
    for v in views:
        render(v, qa, cloze)
    anki = {
        (c.guid, c.ord): (_strip_style(c.question), _strip_style(c.answer))
        for c in load_deck(result.deck_path, tmp_path)
    }
    mine = {(v.guid, v.ordinal): (v.front, v.back) for v in views}
    assert len(views) == len(mine)  # no card twice
    assert mine.keys() == anki.keys()
    for key, (front, back) in anki.items():
        assert mine[key] == (front, back), key
    return anki


def test_every_card_renders_as_in_anki_sample(tmp_path):
    assert len(_compare_with_anki(ROOT / "source", tmp_path)) > 20


def test_every_card_renders_as_in_anki_tricky_clozes(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "tricky.md").write_text(TRICKY, encoding="utf-8")
    fronts = [front for front, _ in _compare_with_anki(notes, tmp_path).values()]
    assert any("[a hint]</span>" in f for f in fronts)  # the hint shown in place of the deletion
    assert any('data-cloze="a&#x20;&amp;amp&#x3B;' in f and "&#xE9;" in f for f in fronts)  # Anki's escaping


def test_every_card_renders_as_in_anki_user_notes(tmp_path):
    assert _compare_with_anki(shared_path("notes"), tmp_path)


def _card(kind: str, front: str, answer: str = "", rule: str = "term") -> Card:
    return Card(kind, front, answer, "Ctx", "", [], [], ("d", front), rule, Source("n.md", 3), "D::X", "x")


def test_long_answer_is_flagged_past_thirty_words():
    thirty = " ".join(["word"] * 30)
    assert quality(_card("qa", "Q?", thirty), 0) == []
    assert quality(_card("qa", "Q?", thirty + " more"), 0) == ["long answer: 31 words"]


def test_answer_words_of_five_letters_on_the_front_are_a_possible_leak():
    card = _card("qa", "Which service stores <b>objects</b> in S3?", "Amazon S3 stores objects")
    assert quality(card, 0) == ["possible leak: objects, stores"]
    # four letters and fewer are too common to mean anything
    assert quality(_card("qa", "What does Glue crawl?", "Glue data"), 0) == []


def test_cloze_leak_counts_the_other_deletions_as_front():
    card = _card("cloze", "{{c1::Athena}} queries data in S3; {{c2::Athena}} is serverless", rule="explicit-cloze")
    assert quality(card, 0) == ["possible leak: athena"]
    assert quality(_card("cloze", "{{c1::Athena}} queries data in {{c2::S3}}"), 0) == []


def test_rules_that_reword_prose_are_low_confidence():
    card = _card(
        "qa", "How do you stabilise late training?", "Configure a learning-rate schedule", rule="recommendation"
    )
    assert quality(card, 0) == ["low-confidence rule: recommendation"]
    assert quality(_card("cloze", "{{c1::Gradient descent}} is an algorithm", rule="definition"), 0) == []
    assert quality(_card("cloze", "{{c1::Gradient descent}} is an algorithm", rule="explicit-cloze"), 0) == []


def _articles(preview: Path) -> dict[tuple[str, int], bool]:
    """(guid, ordinal) of each card on the page, and whether it is marked removed."""
    found = re.findall(
        r'<article class="pv-card[^"]*"[^>]* data-guid="([^"]*)" data-ord="(\d+)"( data-removed)?',
        preview.read_text("utf-8"),
    )
    out = {(html.unescape(g), int(o)): bool(r) for g, o, r in found}
    assert len(out) == len(found)
    return out


def test_removed_notes_kept_in_the_deck_are_shown_and_counted(tmp_path, capsys):
    notes = tmp_path / "notes"
    shutil.copytree(ROOT / "source", notes)
    out = tmp_path / "out"
    assert main(["--source", str(notes), "--output", str(out), "--only", "deck", "--quiet"]) == 0
    md = notes / "ml-study-notes.md"
    text = md.read_text("utf-8")
    start, end = text.index("### Scaling"), text.index("### Missing Values")
    md.write_text(text[:start] + text[end:], "utf-8")  # the learner deletes a section
    assert main(["--source", str(notes), "--output", str(out), "--only", "deck"]) == 0
    summary_line = capsys.readouterr().out.splitlines()[0]
    cards = load_deck(next(out.glob("*.apkg")), tmp_path)
    removed = {(c.guid, c.ord) for c in cards if "studydeck::removed" in c.tags}
    assert removed  # the deck keeps them, suspended
    shown = _articles(out / "preview.html")
    assert shown.keys() == {(c.guid, c.ord) for c in cards}
    assert {k for k, r in shown.items() if r} == removed
    assert (
        summary_line.startswith(f"{len(cards)} cards (")
        and f" and {len(removed)} suspended of notes you removed -> " in summary_line
    )


def test_preview_is_made_again_only_when_what_it_shows_changed(tmp_path, monkeypatch):
    import studydeck.preview.page as preview

    src = tmp_path / "notes"
    shutil.copytree(ROOT / "source", src)
    out = tmp_path / "out"
    made = []
    real = preview.preview_html
    monkeypatch.setattr(preview, "preview_html", lambda *a, **k: made.append(1) or real(*a, **k))
    build(Options(src, out), Report(quiet=True))
    build(Options(src, out), Report(quiet=True))
    assert len(made) == 1  # nothing changed: the page stands
    note = next(src.glob("*.md"))
    note.write_text(note.read_text(encoding="utf-8").replace("Min-max scaler", "MinMax scaler"), encoding="utf-8")
    build(Options(src, out), Report(quiet=True))
    assert len(made) == 2
    assert "MinMax scaler" in (out / "preview.html").read_text(encoding="utf-8")


def test_preview_cards_made_while_the_sheets_render_give_the_same_page(tmp_path, monkeypatch):
    # With sheet workers the build makes the preview's cards while they render; rendering the sheets in
    # this process (jobs=1) it makes them when it writes the page: one page either way.
    import studydeck.preview.page as preview

    src = tmp_path / "notes"
    shutil.copytree(ROOT / "source", src)
    early = []
    real = preview.card_views
    monkeypatch.setattr(preview, "card_views", lambda *a, **k: early.append(1) or real(*a, **k))
    made = []
    real_html = preview.preview_html
    monkeypatch.setattr(
        preview,
        "preview_html",
        lambda *a, **k: made.append(a[3] if len(a) > 3 else k.get("views")) or real_html(*a, **k),
    )
    pages = {}
    for jobs in (2, 1):
        early.clear()
        made.clear()
        out = tmp_path / f"out{jobs}"
        build(Options(src, out, jobs=jobs), Report(quiet=True))
        pages[jobs] = (out / "preview.html").read_text(encoding="utf-8").replace(f"out{jobs}", "out")
        assert len(early) == 1 and len(made) == 1
        # made before the page (handed to it) with workers; by the page itself without
        assert (made[0] is not None) == (jobs == 2)
    assert pages[2] == pages[1]


def test_a_rebuild_where_only_sheets_changed_reuses_the_card_views(tmp_path, monkeypatch):
    # The sheets' stylesheet changes, the deck's bytes do not: the preview is written again (new thumbnails)
    # with the cards as the last build rendered them, and it is the page a build from scratch makes.
    import studydeck.preview.page as preview

    src = tmp_path / "notes"
    shutil.copytree(ROOT / "source", src)
    mine = tmp_path / "tpl" / "sheet"
    mine.mkdir(parents=True)
    shutil.copy(ROOT / "templates" / "sheet" / "sheet.css", mine / "sheet.css")
    out = tmp_path / "out"
    build(Options(src, out, templates=tmp_path / "tpl"), Report(quiet=True))
    with open(mine / "sheet.css", "a", encoding="utf-8") as f:
        f.write("\n.box h2 { letter-spacing: 0.02em; }\n")
    rendered = []
    real = preview.render
    monkeypatch.setattr(preview, "render", lambda *a, **k: rendered.append(1) or real(*a, **k))
    again = build(Options(src, out, templates=tmp_path / "tpl"), Report(quiet=True))
    assert again.rendered and rendered == []  # (the deck is written again, to the same bytes)
    page = (out / "preview.html").read_text(encoding="utf-8")
    fresh = tmp_path / "fresh"
    build(Options(src, fresh, templates=tmp_path / "tpl"), Report(quiet=True))
    assert rendered  # the build from scratch rendered its cards
    assert page == (fresh / "preview.html").read_text(encoding="utf-8")


def _edited_and_rebuilt(src, folder, out, monkeypatch):
    """Deck-only builds of `src` before and after a term of the notes in `folder` is renamed: the second
    build's result and the cards the preview rendered for it (a list that goes on filling)."""
    import studydeck.preview.page as preview

    build(Options(src, out, only="deck"), Report(quiet=True))
    note = next(folder.glob("*.md"))
    note.write_text(note.read_text(encoding="utf-8").replace("Min-max scaler", "MinMax scaler"), encoding="utf-8")
    rendered = []
    real = preview.render
    monkeypatch.setattr(preview, "render", lambda v, *a: rendered.append(v) or real(v, *a))
    return build(Options(src, out, only="deck"), Report(quiet=True)), rendered


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink()


def test_a_rebuild_renders_again_only_the_cards_whose_fields_changed(tmp_path, monkeypatch):
    import studydeck.preview.page as preview

    src = tmp_path / "notes"
    shutil.copytree(ROOT / "source", src)
    out = tmp_path / "out"
    result, rendered = _edited_and_rebuilt(src, src, out, monkeypatch)
    # the edited term's new cards, and its old ones, now suspended copies of removed notes
    assert 0 < len(rendered) < len(result.cards) / 5
    assert all("MinMax scaler" in v.front + v.back or ("Min-max scaler" in v.back and v.removed) for v in rendered)
    page = (out / "preview.html").read_text(encoding="utf-8")
    for kept in (preview.FACES_DIR, "preview.key"):
        _remove(out / ".cache" / kept)
    rendered.clear()
    build(Options(src, out, only="deck"), Report(quiet=True))
    assert len(rendered) == page.count('<article class="pv-card')  # every card rendered afresh: the same page
    assert (out / "preview.html").read_text(encoding="utf-8") == page


def test_a_paged_preview_rebuilt_after_an_edit_is_the_page_made_afresh(tmp_path, monkeypatch):
    # A folder's paged preview (index, pages, search) after one file is edited, its unchanged cards' faces
    # taken from the last build: byte for byte what rendering every card again writes.
    import studydeck.preview.page as preview
    from studydeck.preview import pages

    monkeypatch.setattr(pages, "PAGED_FROM", 0)
    src = tmp_path / "notes"
    for name in ("a", "b"):
        shutil.copytree(ROOT / "source", src / name)
    out = tmp_path / "out"
    result, rendered = _edited_and_rebuilt(src, src / "a", out, monkeypatch)
    assert 0 < len(rendered) < len(result.cards) / 5
    edited = len(rendered)

    def written():
        return {
            p.relative_to(out).as_posix(): p.read_bytes() for p in [out / "preview.html", *(out / "preview").iterdir()]
        }

    incremental = written()
    for kept in (preview.FACES_DIR, "preview.key", "preview-pages.json"):
        _remove(out / ".cache" / kept)
    shutil.rmtree(out / "preview")
    rendered.clear()
    build(Options(src, out, only="deck"), Report(quiet=True))
    assert len(rendered) > 2 * edited  # every card rendered afresh
    assert written() == incremental


def test_a_paged_preview_rebuilt_after_an_edit_writes_only_the_edited_files_page_and_faces(tmp_path, monkeypatch):
    # One file of a folder edited: the preview writes that file's page again, the search (every card's text)
    # and its own faces in the build cache; the other files' pages and faces are left as they are (a vault's
    # rebuild costs what changed, not a page and a faces file per notes file).
    import studydeck.preview.page as preview
    from studydeck.preview import pages

    monkeypatch.setattr(pages, "PAGED_FROM", 0)
    src = tmp_path / "notes"
    for name in ("a", "b", "c"):
        shutil.copytree(ROOT / "source", src / name)
        for note in (src / name).glob("*.md"):  # each copy's headings its own: its cards are not the others'
            text = note.read_text(encoding="utf-8")
            note.write_text(re.sub(r"^(#{1,6} .+?)\s*$", rf"\1 ({name})", text, flags=re.M), encoding="utf-8")
    out = tmp_path / "out"
    build(Options(src, out, only="deck"), Report(quiet=True))
    before = {p.name: p.read_bytes() for p in (out / "preview").iterdir()}
    assert {name[0] for name in before if name.endswith(".html")} == {"a", "b", "c"}  # a page of each file
    written = []
    for module in (pages, preview):
        real = module.write_if_changed
        monkeypatch.setattr(
            module, "write_if_changed", lambda path, *a, real=real, **k: written.append(path) or real(path, *a, **k)
        )
    _result, rendered = _edited_and_rebuilt(src, src / "a", out, monkeypatch)
    assert rendered  # the edited cards are rendered again
    pages_written = {p.name for p in written if p.parent == out / "preview"}
    assert pages_written - {pages.SEARCH} and all(name.startswith("a") for name in pages_written - {pages.SEARCH})
    faces = {p for p in written if p.parent.name == preview.FACES_DIR}
    folder = out / ".cache" / preview.FACES_DIR
    edited = next((src / "a").glob("*.md")).relative_to(src).as_posix()
    # the edited file's, and the removed notes' (the renamed term's old cards, kept suspended in the deck)
    assert faces == {preview._faces_file(folder, edited), preview._faces_file(folder, "")}
    after = {p.name: p.read_bytes() for p in (out / "preview").iterdir()}
    assert {n: b for n, b in after.items() if n[0] in "bc"} == {n: b for n, b in before.items() if n[0] in "bc"}


def test_the_search_reads_the_kept_cards_text_not_their_html_again(tmp_path, monkeypatch):
    # A paged preview made again (its key gone) with every card's faces kept: the search's text of each
    # card is kept with its faces, not read out of its HTML again; the same search.js.
    from studydeck.preview import pages

    monkeypatch.setattr(pages, "PAGED_FROM", 0)
    src = tmp_path / "notes"
    shutil.copytree(ROOT / "source", src)
    out = tmp_path / "out"
    build(Options(src, out, only="deck"), Report(quiet=True))
    search = (out / "preview" / pages.SEARCH).read_bytes()
    (out / ".cache" / "preview.key").unlink()
    calls = []
    real = pages.plain_text
    monkeypatch.setattr(pages, "plain_text", lambda text: calls.append(text) or real(text))
    build(Options(src, out, only="deck"), Report(quiet=True))
    assert calls == []
    assert (out / "preview" / pages.SEARCH).read_bytes() == search


def test_the_templates_are_compiled_once_and_kept_in_the_build_cache(tmp_path, monkeypatch):
    # Jinja's compiled templates are kept in OUTPUT/.cache/templates: a later build (a process with no
    # template in memory) loads them instead of compiling them again, and writes the same preview.
    import jinja2

    from studydeck import templates

    src = tmp_path / "notes"
    shutil.copytree(ROOT / "source", src)
    out = tmp_path / "out"
    build(Options(src, out, only="deck"), Report(quiet=True))
    assert list((out / ".cache" / "templates").glob("*.cache"))
    page = (out / "preview.html").read_bytes()
    (out / ".cache" / "preview.key").unlink()
    templates._environment.cache_clear()  # as in a new build process
    compiled = []
    real = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile", lambda self, *a, **k: compiled.append(a) or real(self, *a, **k))
    build(Options(src, out, only="deck"), Report(quiet=True))
    assert compiled == []
    assert (out / "preview.html").read_bytes() == page
