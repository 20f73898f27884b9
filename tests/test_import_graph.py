"""tools/import_graph.py: studydeck's import graph has no cycle, counting the imports inside functions."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

from tools.import_graph import cycles, imports, modules, report


def test_studydeck_imports_make_no_cycle():
    proc = subprocess.run(
        [sys.executable, "tools/import_graph.py"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "cycles: none" in proc.stdout
    assert "imports inside functions:" in proc.stdout


def test_a_cycle_through_an_import_inside_a_function_is_found(tmp_path):
    pkg = tmp_path / "studydeck"
    (pkg / "build").mkdir(parents=True)
    (pkg / "preview").mkdir()
    (pkg / "build" / "pipeline.py").write_text("from ..preview import page\n", encoding="utf-8")
    (pkg / "preview" / "page.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from ..build.options import Options\n"
        "def deck_views():\n    from ..build.pipeline import deck_name  # the old way round\n",
        encoding="utf-8",
    )
    (pkg / "build" / "options.py").write_text("from ..preview.page import deck_views\n", encoding="utf-8")
    known = modules(tmp_path)
    found = imports(known)
    inside = [(i.module, i.target, i.in_function, i.commented) for i in found if i.in_function]
    assert inside == [("studydeck.preview.page", "studydeck.build.pipeline", "deck_views", True)]
    text, found_cycles = report(found, known)
    # a module-level cycle only through TYPE_CHECKING is none; the one through deck_views() is
    assert found_cycles == [["studydeck.build.pipeline", "studydeck.preview.page", "studydeck.build.pipeline"]]
    assert "build.pipeline -> preview.page -> build.pipeline" in text


def test_cycles_are_reported_once_each():
    edges = {"a": {"b"}, "b": {"a", "c"}, "c": {"c"}, "d": {"a"}}
    assert cycles(edges) == [["c", "c"], ["a", "b", "a"]]


def test_the_summary_reads_what_the_build_made_not_the_preview():
    # The summary's card counts come with the build's Result (build/options.py), not from preview/.
    found = imports(modules(ROOT))
    assert [i.target for i in found if i.module == "studydeck.build.summary" and ".preview" in i.target] == []
    assert any(i.module == "studydeck.build.summary" and i.target == "studydeck.build.options" for i in found)


def test_every_import_inside_a_function_says_what_it_saves():
    # issue 15: an import left inside a function has a comment saying why it is not at module level
    bare = [f"{i.module}:{i.line} {i.target}" for i in imports(modules(ROOT)) if i.in_function and not i.commented]
    assert bare == []
