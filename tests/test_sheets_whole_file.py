"""A notes file built alone: one sheet for the whole file when its domains fit one page legibly (issue 13's
rule for a folder, issue 14: a file of small domains printed a near-empty page per domain), else a sheet
per domain as before (never runs of domains: a file alone keeps the sheets its user knows)."""

from __future__ import annotations

from studydeck.build.pipeline import Options, build
from studydeck.report import Report
from studydeck.sheets import layout


def test_the_tree_of_a_file_alone_is_the_whole_file_or_each_domain():
    tree = layout.whole([300, 100, 200])
    assert tree.domains == [0, 1, 2] and [p.domains for p in tree.parts] == [[0], [1], [2]]
    assert all(not p.parts for p in tree.parts)


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


def test_a_file_alone_too_big_for_one_legible_page_keeps_a_sheet_per_domain(tmp_path):
    body = "".join(f"- **Word {k}**: what the word means, said in a line of about ten words.\n" for k in range(150))
    result = _build(tmp_path, "".join(f"# Topic {i}\n\n## Words\n\n{body}\n" for i in range(3)))
    assert len(result.sheets) == 3  # not two runs: a file alone is one sheet or a sheet per domain
    assert all(result.fits[s].pages == 1 for s in result.sheets)
