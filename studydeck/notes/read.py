"""Stage 1: find the notes files and read them as clean text (UTF-8, no BOM, mojibake repaired)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..report import NotesError, Report

NOTE_SUFFIXES = (".md", ".markdown")


def find_notes(source: Path) -> list[Path]:
    """Notes files under `source`, sorted so builds are deterministic."""
    if not source.exists():
        raise NotesError(str(source), "source folder does not exist")
    if source.is_file():
        return [source]
    if not source.is_dir():
        raise NotesError(str(source), "source is not a folder")
    if not os.access(source, os.R_OK | os.X_OK):
        raise NotesError(str(source), "source folder is not readable")
    files = sorted(
        p
        for p in source.rglob("*")
        if p.suffix.lower() in NOTE_SUFFIXES
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(source).parts)
        and p.name.lower() != "readme.md"
    )
    if not files:
        raise NotesError(str(source), "no notes found (no .md files)")
    return files


def decode(data: bytes, name: str, report: Report, repairs: dict | None = None) -> str:
    """Bytes to text: UTF-8 (BOM stripped), line endings normalised, mojibake repaired with a warning.

    `repairs`: line -> [repaired line, places], kept by the caller between builds; lines found there are
    not repaired again (ftfy then need not be loaded at all when only other lines changed)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise NotesError(name, "UTF-16 text; save the file as UTF-8")
    if b"\x00" in data[:8192]:
        raise NotesError(name, "this is a binary file, not Markdown text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise NotesError(
            f"{name}:{line}",
            f"not UTF-8 text (byte 0x{data[e.start]:02x}); save the file as UTF-8",
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    first = _CONTROL.search(text)
    if first:
        line = text[: first.start()].count("\n") + 1
        text, controls = _CONTROL.subn("", text)
        plural = "s" if controls != 1 else ""
        report.warn(f"{name}:{line}", f"removed {controls} invisible control character{plural} (first here)")
    fixed, fixed_count = _fix_mojibake(text, {} if repairs is None else repairs)
    if fixed_count:
        report.warn(
            name, f"repaired mojibake in {fixed_count} place{'s' if fixed_count != 1 else ''} (e.g. 'â€”' → '—')"
        )
    return fixed


def _fix_mojibake(text: str, repairs: dict) -> tuple[str, int]:
    """Repair text decoded with the wrong codec, line by line so the count means something.

    Only encoding repairs: ftfy's other fixes (quotes, HTML entities, width) would change
    what the author wrote on purpose.
    """
    if not _suspicious(text):
        return text, 0
    count = 0
    out = []
    for line in text.split("\n"):
        if _suspicious(line):
            if line not in repairs:
                new = _repair(line)
                repairs[line] = [new, _count_fixes(line, new) if new != line else 0]
            new, places = repairs[line]
            count += places
            line = new
        out.append(line)
    return "\n".join(out), count


def _repair(line: str) -> str:
    import ftfy  # here, not at the top: finding the notes, or notes with nothing to repair, must not pay for it

    config = ftfy.TextFixerConfig(
        unescape_html=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        normalization=None,
        remove_terminal_escapes=False,
        remove_control_chars=False,
        explain=False,
    )
    return ftfy.fix_text(line, config)


_SUSPICIOUS = re.compile("[âÃÂ€™œž]")


def _suspicious(line: str) -> bool:
    return _SUSPICIOUS.search(line) is not None


def _count_fixes(old: str, new: str) -> int:
    """Number of separate places changed between `old` and `new`."""
    import difflib

    sm = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return sum(1 for op in sm.get_opcodes() if op[0] != "equal")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANK_LINE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|\.{3})?\s*$")


def is_blank(text: str) -> bool:
    """Nothing to learn from: only blank lines and `---` rules (or an empty front matter)."""
    return all(_BLANK_LINE.match(line) for line in text.split("\n"))


def read_notes(path: Path, name: str, report: Report) -> str:
    try:
        data = path.read_bytes()
    except PermissionError:
        raise NotesError(name, "cannot read the file (permission denied)") from None
    except OSError as e:
        raise NotesError(name, f"cannot read the file ({e.strerror})") from None
    return decode(data, name, report)
