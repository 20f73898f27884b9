"""Which domains of a file share a sheet (studydeck/sheets/layout.py), and the build that follows it: no
near-empty page per small domain, no page too full to read."""

from __future__ import annotations

from pathlib import Path

from studydeck.build.pipeline import Options, build
from studydeck.report import Report
from studydeck.sheets import layout

PAGE = 1000


def _runs(node: layout.Node) -> list[list[int]]:
    return [p.domains for p in node.parts] if len(node.domains) > max(len(p.domains) for p in node.parts) else []


def test_small_domains_share_sheets_packed_evenly_by_volume():
    tree = layout.tree([200] * 10, PAGE)  # 2,000: three sheets' worth at FILL, each as full as the others
    assert tree.domains == list(range(10))
    assert sorted(len(r) for r in _runs(tree)) == [3, 3, 4]
    assert all(p.legible is None for p in tree.parts)


def test_a_file_that_fits_is_one_sheet_then_its_halves():
    tree = layout.tree([300, 100, 200], PAGE)
    assert tree.domains == [0, 1, 2] and [p.domains for p in tree.parts] == [[0], [1, 2]]


def test_a_near_empty_run_joins_its_smaller_neighbour_and_may_print_smaller():
    tree = layout.tree([800, 820, 50, 900], PAGE)  # the 50 alone would be a near-empty page
    runs = [p.domains for p in tree.parts]
    assert [1, 2] in runs and [2] not in runs
    joined = next(p for p in tree.parts if p.domains == [1, 2])
    assert joined.legible == layout.ABSORBING and [q.domains for q in joined.parts] == [[1], [2]]


def test_a_near_empty_run_after_a_big_domain_joins_it_and_may_print_smaller():
    # Its only neighbour: condensing shrinks a big domain a lot (a sheet's fit decides, its parts kept).
    tree = layout.tree([5000, 50], PAGE)
    assert tree.domains == [0, 1] and tree.legible == layout.ABSORBING
    assert [p.domains for p in tree.parts] == [[0], [1]]


def test_a_domain_bigger_than_a_page_shares_no_sheet():
    tree = layout.tree([5000, 400, 400], PAGE)
    assert [p.domains for p in tree.parts] == [[0], [1, 2]]


def _sheets(out: Path) -> list[str]:
    return sorted(p.relative_to(out / "cheatsheets").as_posix() for p in (out / "cheatsheets").rglob("*.pdf"))


def test_a_file_of_many_small_domains_prints_a_few_full_sheets_and_a_rebuild_keeps_them(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    # (each row says its own: one said again is printed once)
    body = "".join(f"- **Word {k}**: what word {k} means, said in a line of about {{i}} words.\n" for k in range(7))
    (src / "many.md").write_text("".join(f"# Topic {i}\n\n{body.format(i=i)}\n" for i in range(14)), encoding="utf-8")
    (src / "other.md").write_text("# Other\n\n## A\n\nA short note.\n", encoding="utf-8")
    (src / "README.md").write_text("# My notes\n\nWhat I wrote for the exam, one file a topic.\n", encoding="utf-8")
    report = Report(quiet=True)
    result = build(Options(src, tmp_path / "out", only="sheets", jobs=1), report)
    assert not any(s.startswith("readme") for s in _sheets(tmp_path / "out"))  # it describes the folder
    assert any("README.md: no cheat sheet" in n for n in report.notes)
    many = [s for s in _sheets(tmp_path / "out") if s.startswith("many/")]
    assert 2 <= len(many) <= 4, many  # not 14 near-empty pages
    shared = {result.sheet_of[d.slug] for nf in result.notes if nf.path == "many.md" for d in nf.domains}
    assert len(shared) == len(many) and all(result.fits[s].size >= 9 and not result.fits[s].dropped for s in shared)
    again = build(Options(src, tmp_path / "out", only="sheets", jobs=1), Report(quiet=True))
    assert again.rendered == [] and _sheets(tmp_path / "out") == _sheets(tmp_path / "out")
    assert again.sheet_of == result.sheet_of
