"""Bad input: a good build with a warning, or one error line naming the file (and line) and exit 1; no traceback."""

from __future__ import annotations

import base64
import os
import shutil
from pathlib import Path

import pytest
from anki_check import load_deck

from build import main

ROOT = Path(__file__).resolve().parent.parent
GOOD = "# T\n\n## A\n\n- Alpha: first letter\n- Beta: second letter\n"


def _run(tmp_path, files: dict[str, bytes | str], *extra: str):
    src = tmp_path / "notes"
    src.mkdir(exist_ok=True)
    for name, data in files.items():
        path = src / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return main(["--source", str(src), "--output", str(tmp_path / "out"), "--only", "deck", *extra])


def _err(capsys) -> list[str]:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err.strip().splitlines()


def test_empty_file_alone_is_an_error(tmp_path, capsys):
    assert _run(tmp_path, {"e.md": b""}) == 1
    assert _err(capsys) == ["error: e.md: empty notes (nothing but blank lines or `---`): nothing to build"]


def test_empty_file_beside_notes_is_skipped_with_a_warning(tmp_path, capsys):
    assert _run(tmp_path, {"e.md": b"\n\n", "good.md": GOOD}, "--quiet") == 0
    assert _err(capsys) == ["e.md: warning: empty notes file (nothing but blank lines or `---`); skipped"]


def test_only_rules(tmp_path, capsys):
    assert _run(tmp_path, {"d.md": "---\n---\n---\n"}) == 1
    assert _err(capsys) == ["error: d.md: empty notes (nothing but blank lines or `---`): nothing to build"]


def test_binary_file_named_md(tmp_path, capsys):
    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
    assert _run(tmp_path, {"pic.md": png, "good.md": GOOD}) == 1
    assert _err(capsys) == ["error: pic.md: this is a binary file, not Markdown text"]


def test_latin1(tmp_path, capsys):
    assert _run(tmp_path, {"latin.md": "# T\n\n## A\n\ncaf\xe9 au lait\n".encode("latin-1")}) == 1
    assert _err(capsys) == ["error: latin.md:5: not UTF-8 text (byte 0xe9); save the file as UTF-8"]


def test_utf16(tmp_path, capsys):
    assert _run(tmp_path, {"u.md": GOOD.encode("utf-16")}) == 1
    assert _err(capsys) == ["error: u.md: UTF-16 text; save the file as UTF-8"]


def test_bom_is_ignored(tmp_path, capsys):
    assert _run(tmp_path, {"b.md": b"\xef\xbb\xbf" + GOOD.encode()}, "--quiet") == 0
    assert _err(capsys) == []
    assert [p.name for p in (tmp_path / "out").glob("*.apkg")] == ["t.apkg"]  # the H1 is seen despite the BOM


def test_unclosed_code_fence(tmp_path, capsys):
    text = "# T\n\n## A\n\n- Alpha: first\n- Beta: second\n\n```python\nprint(1)\n\n## B\n"
    assert _run(tmp_path, {"f.md": text}, "--quiet") == 0
    assert _err(capsys) == ["f.md:8: warning: code block opened here is never closed; it runs to the end of the file"]


def test_malformed_front_matter(tmp_path, capsys):
    text = "---\ntitle: [oops\ndeck: x\n---\n" + GOOD
    assert _run(tmp_path, {"f.md": text}, "--quiet") == 0
    assert _err(capsys) == [
        "f.md:3: warning: front matter is not valid YAML, ignored (expected ',' or ']', but got ':')"
    ]


def test_front_matter_not_a_mapping(tmp_path, capsys):
    assert _run(tmp_path, {"f.md": "---\n- a\n- b\n---\n" + GOOD}, "--quiet") == 0
    assert _err(capsys) == ["f.md:1: warning: front matter is not a set of `key: value` lines, ignored"]


def test_missing_source(tmp_path, capsys):
    assert main(["--source", str(tmp_path / "nope"), "--output", str(tmp_path / "out")]) == 1
    assert _err(capsys) == [f"error: {tmp_path / 'nope'}: source folder does not exist"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_unreadable_source(tmp_path, capsys):
    src = tmp_path / "locked"
    src.mkdir()
    (src / "n.md").write_text(GOOD)
    src.chmod(0)
    try:
        assert main(["--source", str(src), "--output", str(tmp_path / "out")]) == 1
    finally:
        src.chmod(0o755)
    assert _err(capsys) == [f"error: {src}: source folder is not readable"]


def test_unreadable_source_as_root_too(tmp_path, capsys, monkeypatch):
    # Root reads every folder, so the refusal is simulated where the folder is checked.
    src = tmp_path / "locked"
    src.mkdir()
    (src / "n.md").write_text(GOOD)
    monkeypatch.setattr("studydeck.notes.read.os.access", lambda path, mode: False)
    assert main(["--source", str(src), "--output", str(tmp_path / "out")]) == 1
    assert _err(capsys) == [f"error: {src}: source folder is not readable"]


def test_unreadable_file(tmp_path, capsys, monkeypatch):
    # Permissions do not stop root, so the refusal is simulated where the file is read.
    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert _run(tmp_path, {"n.md": GOOD}) == 1
    assert _err(capsys) == ["error: n.md: cannot read the file (permission denied)"]


def test_folder_without_notes(tmp_path, capsys):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.txt").write_text("not notes")
    assert main(["--source", str(tmp_path / "notes"), "--output", str(tmp_path / "out")]) == 1
    assert _err(capsys) == [f"error: {tmp_path / 'notes'}: no notes found (no .md or .markdown files, 1 other file)"]


def test_duplicate_headings(tmp_path, capsys):
    text = GOOD + "\n## A\n\n- Gamma: third letter\n- Delta: fourth letter\n"
    src = tmp_path / "notes"
    src.mkdir()
    (src / "d.md").write_text(text, encoding="utf-8")
    assert main(["--source", str(src), "--output", str(tmp_path / "out"), "--quiet"]) == 0
    assert _err(capsys) == [
        "d.md:8: warning: heading 'A' repeats the one at line 3; cards with the same subject in both are kept once"
    ]
    # one domain: one sheet, one subdeck, holding the cards of both sections
    assert sorted(p.name for p in (tmp_path / "out" / "cheatsheets").glob("*.pdf")) == ["a.pdf", "all.pdf"]
    cards = load_deck(next((tmp_path / "out").glob("*.apkg")), tmp_path)
    assert {c.deck for c in cards} == {"T::A"}
    for term in ("Alpha", "Beta", "Gamma", "Delta"):
        assert any(term in c.question + c.answer for c in cards), term


def test_many_repeats_are_one_warning(tmp_path, capsys):
    text = "# T\n" + "".join(f"\n## A\n\n- Term{i}: meaning {i}\n" for i in range(50))
    assert _run(tmp_path, {"d.md": text}, "--quiet") == 0
    assert _err(capsys) == [
        "d.md:7: warning: heading 'A' repeats the one at line 3 (49 times, last at line 199); "
        "cards with the same subject in both are kept once"
    ]


def test_unwritable_output_is_one_line(tmp_path, capsys):
    (tmp_path / "out").write_text("a file where the output folder should be")
    assert _run(tmp_path, {"n.md": GOOD}) == 1
    [line] = _err(capsys)
    assert line.startswith(f"error: {tmp_path / 'out'}") and "cannot write the output" in line


def test_debug_shows_the_traceback(tmp_path, capsys):
    assert main(["--source", str(tmp_path / "nope"), "--output", str(tmp_path / "out"), "--debug"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and err.strip().endswith("source folder does not exist")


def test_ten_megabyte_file_builds(tmp_path, capsys):
    """A 10 MB notes file as they come: notes, a pasted screenshot as a data: URI, a pasted log."""
    notes = (ROOT / "source" / "ml-study-notes.md").read_text(encoding="utf-8")
    blob = base64.b64encode(bytes(range(256)) * 20_000).decode()  # ~6.8 MB of base64
    log = "\n".join(f"2024-01-01 12:00:{i % 60:02d} INFO request {i} served in {i % 97} ms" for i in range(60_000))
    text = f"{notes}\n\n## Screenshot\n\n![pasted](data:image/png;base64,{blob})\n\n## Log\n\n```\n{log}\n```\n"
    assert len(text.encode()) >= 10_000_000
    src = tmp_path / "notes"
    src.mkdir()
    (src / "big.md").write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "source" / "img", src / "img")
    assert main(["--source", str(src), "--output", str(tmp_path / "out"), "--quiet"]) == 0
    line = text[: text.index("![pasted]")].count("\n") + 1
    assert _err(capsys) == [
        f"big.md:{line}: warning: image pasted as a data: URL is not used; save it as a file beside the notes"
    ]
    apkg = next((tmp_path / "out").glob("*.apkg"))
    assert apkg.stat().st_size < 2_000_000  # the pasted blob is not carried into the deck
    # its sheets and all.pdf: one sheet when every domain fits one page legibly, else one per domain
    assert len(list((tmp_path / "out" / "cheatsheets").glob("*.pdf"))) >= 2


def test_control_characters(tmp_path, capsys):
    text = "# T\n\n## A\n\n- Alpha: first\x1f letter\n- Beta: second\x07 letter\n"
    assert _run(tmp_path, {"c.md": text}, "--quiet") == 0
    assert _err(capsys) == ["c.md:5: warning: removed 2 invisible control characters (first here)"]
