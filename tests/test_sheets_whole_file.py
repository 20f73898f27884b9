"""A notes file built alone: one sheet for the whole file when its domains fit one page legibly (issue 13's
rule for a folder), else its small domains share sheets in runs packed by volume and a big domain keeps
its own (issue 14: a page per small domain printed near-empty pages at 14-18 pt)."""

from __future__ import annotations

from sheet_check import read_pdf

from studydeck.build.pipeline import Options, build
from studydeck.report import Report


def _build(tmp_path, text: str, meta: str = ""):
    src = tmp_path / "src"
    src.mkdir()
    (src / "cells.md").write_text((f"---\n{meta}\n---\n" if meta else "") + text, encoding="utf-8")
    return build(Options(src, tmp_path / "out", only="sheets", jobs=1), Report(quiet=True))


SMALL = "".join(
    f"# Organelle {i}\n\n## Parts\n\n- **Part {i}**: what the part does, in a line of about ten words.\n"
    f"- **Other {i}**: another part, and what it is for in the cell.\n\n"
    for i in range(3)
)


def test_a_small_file_alone_prints_one_sheet_for_all_its_domains(tmp_path):
    result = _build(tmp_path, SMALL)
    assert len(result.sheets) == 1
    (slug,) = result.sheets
    assert result.fits[slug].size >= 9 and not result.fits[slug].dropped
    assert {result.sheet_of[d.slug] for nf in result.notes for d in nf.domains} == {slug}


def test_front_matter_per_domain_keeps_a_sheet_per_domain(tmp_path):
    result = _build(tmp_path, SMALL, "sheet:\n  per: domain")
    assert len(result.sheets) == 3 and not result.sheet_of


def test_a_file_alone_of_big_domains_keeps_a_sheet_per_domain(tmp_path):
    body = "".join(f"- **Word {k}**: what the word means, said in a line of about ten words.\n" for k in range(150))
    result = _build(tmp_path, "".join(f"# Topic {i}\n\n## Words\n\n{body}\n" for i in range(3)))
    assert len(result.sheets) == 3 and not result.sheet_of  # each is a page or more: none shares a sheet
    assert all(result.fits[s].pages == 1 for s in result.sheets)


def _topic(i: int, words: int) -> str:
    body = "".join(f"- **Word {i}.{k}**: what the word means, said in a line of ten words.\n" for k in range(words))
    return f"# Topic {i}\n\n## Words\n\n{body}\n"


def test_a_file_alone_packs_its_small_domains_onto_shared_sheets_and_a_big_one_keeps_its_own(tmp_path):
    # Eight small domains, a big one, four small ones: too much for one page, far too little for thirteen.
    text = "".join(_topic(i, 6) for i in range(8)) + _topic(8, 150) + "".join(_topic(i, 6) for i in range(9, 13))
    result = _build(tmp_path, text)
    domains = [d.slug for nf in result.notes for d in nf.domains]
    assert 3 <= len(result.sheets) <= 4, sorted(result.sheets)  # not 13 near-empty pages
    assert "topic-8" in result.sheets and "topic-8" not in result.sheet_of  # the big one: its own page
    shared = [s for s in result.sheets if s != "topic-8"]
    # Every other domain is on one shared sheet, a run of consecutive domains named by its first.
    assert sorted(result.sheet_of) == sorted(d for d in domains if d != "topic-8")
    for sheet in shared:
        run = [i for i, d in enumerate(domains) if result.sheet_of.get(d) == sheet]
        assert len(run) >= 2 and domains[run[0]] == sheet and run == list(range(run[0], run[-1] + 1))
    assert all(result.fits[s].pages == 1 and result.fits[s].size >= 9 and not result.fits[s].dropped for s in shared)
    first = result.sheets["topic-0"]
    title = read_pdf(first)["texts"][0]
    assert "Topic 0" in title and "Word 0.5" in title and "Word 1.0" in title
