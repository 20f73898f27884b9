"""Stage 1: find the notes files (which Markdown files are notes), read them as clean text (UTF-8, no mojibake)."""

from __future__ import annotations

import difflib
import fnmatch
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from ..report import NotesError, Report

NOTE_SUFFIXES = (".md", ".markdown")


# Markdown files that are about a repository, not notes to learn from, by name (any case, any suffix).
NOT_NOTES = {
    "license": "a licence",
    "licence": "a licence",
    "copying": "a licence",
    "changelog": "a change log",
    "changes": "a change log",
    "history": "a change log",
    "contributing": "a contributors' guide",
    "code_of_conduct": "a code of conduct",
    "code-of-conduct": "a code of conduct",
    "security": "a security policy",
}
# Folders of tools, not of notes: version control, CI, editors' settings and trash, packages, built sites.
NOT_NOTES_FOLDERS = {".git", ".github", ".obsidian", ".trash", "node_modules", "_site"}


@dataclass
class Found:
    """What find_notes saw under the source folder."""

    paths: list[Path] = field(default_factory=list)
    """The notes files, sorted so builds are deterministic."""
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(file relative to the source, why it is not notes), for the summary."""
    others: int = 0
    """Files that are not Markdown at all."""
    source: Path | None = None
    include: list[str] = field(default_factory=list)

    def included(self, path: Path) -> bool:
        """Whether an --include glob takes this file in, whatever it looks like."""
        return self.source is not None and _matches(path.relative_to(self.source).as_posix(), self.include)

    def saw(self) -> str:
        """What a folder without notes holds, for the error saying so: '(no .md or .markdown files, 3 other files)'."""
        others = f"{self.others} other file{'s' if self.others != 1 else ''}" if self.others else ""
        if not self.skipped:
            return f"(no .md or .markdown files, {others})" if others else "(the folder is empty)"
        names = ", ".join(f"{rel}: {why}" for rel, why in self.skipped[:4])
        more = f" and {len(self.skipped) - 4} more" if len(self.skipped) > 4 else ""
        return f"(skipped {names}{more}" + (f"; {others}" if others else "") + "); --include GLOB takes a file in"


def find_notes(
    source: Path, include: list[str] | None = None, exclude: list[str] | None = None, output: Path | None = None
) -> Found:
    """Notes files under `source`: every Markdown file bar the repository's own papers (LICENSE,
    CHANGELOG...) and tools' folders (.git, .obsidian, a vault's templates, the output folder). `include`
    globs (on the path from `source`, or the name) take a file in whatever it is; `exclude` globs leave it out."""
    _VAULTS.clear()  # what a folder held at the last build is not what it holds now
    if not source.exists():
        raise NotesError(str(source), "source folder does not exist")
    if source.is_file():
        return Found([source])
    if not source.is_dir():
        raise NotesError(str(source), "source is not a folder")
    if not os.access(source, os.R_OK | os.X_OK):
        raise NotesError(str(source), "source folder is not readable")
    include, exclude = include or [], exclude or []
    found = Found(source=source, include=include)
    templates = _vault_templates(source)
    skip_abs = os.path.abspath(output) if output is not None else None
    for dirpath, dirnames, filenames in os.walk(source):
        folder = Path(dirpath)
        kept = []
        for d in sorted(dirnames):
            rel = (folder / d).relative_to(source).as_posix()
            if os.path.abspath(folder / d) == skip_abs:
                continue
            if d in NOT_NOTES_FOLDERS or d.startswith(".") or rel in templates:
                if not _matches(rel + "/", include):
                    if _has_markdown(folder / d):
                        why = "the vault's templates" if rel in templates else "a tool's folder"
                        found.skipped.append((rel + "/", why))
                    continue
            kept.append(d)
        dirnames[:] = kept
        for f in sorted(filenames):
            path = folder / f
            rel = path.relative_to(source).as_posix()
            if path.suffix.lower() not in NOTE_SUFFIXES:
                found.others += 1
                continue
            if _matches(rel, exclude):
                found.skipped.append((rel, "excluded (--exclude)"))
                continue
            why = NOT_NOTES.get(path.stem.lower())
            if why and not found.included(path):
                found.skipped.append((rel, why))
                continue
            if path.is_file():
                found.paths.append(path)
    found.paths.sort()
    if not found.paths:
        raise NotesError(str(source), f"no notes found {found.saw()}")
    return found


_VAULTS: dict[Path, dict[str, list[Path]]] = {}


def vault_files(root: Path) -> dict[str, list[Path]]:
    """Every file under `root` by name and by lower-cased name, tools' folders aside: for images written
    by bare name (Obsidian). Made once per build (find_notes forgets the last one)."""
    if root not in _VAULTS:
        index: dict[str, list[Path]] = {}
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d not in NOT_NOTES_FOLDERS and not d.startswith("."))
            for f in sorted(filenames):
                path = Path(dirpath, f).resolve()
                index.setdefault(f, []).append(path)
                if f.lower() != f:
                    index.setdefault(f.lower(), []).append(path)
        _VAULTS[root] = index
    return _VAULTS[root]


_TITLE_LINE = re.compile(rb"^ {0,3}#[ \t].*$", re.M)


def title_digest(raw: bytes) -> str:
    """A digest of the lines a note's title can come from (its front matter, its H1 lines): a note
    linking to it shows that title, so it is parsed again when this changes, and only then."""
    head = b""
    if raw.startswith((b"---", b"+++")):
        end = raw.find(b"\n" + raw[:3], 3)
        head = raw[: end if end > 0 else 0]
    return hashlib.sha256(head + b"\0" + b"\n".join(_TITLE_LINE.findall(raw))).hexdigest()[:16]


def _matches(rel: str, globs: list[str]) -> bool:
    name = rel.rstrip("/").rsplit("/", 1)[-1]
    return any(
        fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(rel.rstrip("/"), g) or fnmatch.fnmatch(name, g) for g in globs
    )


def _has_markdown(folder: Path) -> bool:
    """Whether a skipped folder holds Markdown (only those are worth naming in the summary)."""
    for _dirpath, _dirnames, filenames in os.walk(folder):
        if any(Path(f).suffix.lower() in NOTE_SUFFIXES for f in filenames):
            return True
    return False


def _vault_templates(source: Path) -> set[str]:
    """The template folders an Obsidian vault's settings name (core Templates and Templater plugins)."""
    out = set()
    settings = source / ".obsidian"
    for file, key in (("templates.json", "folder"), ("plugins/templater-obsidian/data.json", "templates_folder")):
        try:
            value = json.loads((settings / file).read_text(encoding="utf-8")).get(key)
        except (OSError, ValueError, AttributeError):
            continue
        if isinstance(value, str) and value.strip("/ "):
            out.add(value.strip("/ "))
    return out


_LIST_MARK = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
_INLINE_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_SKIP_LINE = re.compile(r"^(?:#{1,6}\s.*|#{1,6}|-{3,}|\*{3,}|<!--.*-->|\[[^\]]+\]:\s+\S.*)$")


def is_table_of_contents(text: str) -> bool:
    """Nothing but links to other files, under headings and list bullets: GitBook's SUMMARY.md, a README
    that indexes the notes. One word of its own, or one link to the web or to a place on the same page,
    and it is notes."""
    local = 0
    for line in text.split("\n"):
        line = line.strip()
        if not line or _SKIP_LINE.match(line):
            continue
        rest = _LIST_MARK.sub("", line)
        for m in _INLINE_LINK.finditer(rest):
            target = m.group(1)
            if not target or target.startswith("#") or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
                return False
            local += 1
        if re.search(r"\w", _INLINE_LINK.sub("", rest)):
            return False
    return local > 0


_NBSP_INDENT = re.compile(r"^[ \t\u00a0]*(?:(?:[*+-]|\d{1,9}[.)])\u00a0[ \u00a0]*)?", re.M)


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
    # No-break spaces as a line's indent or after its list marker (pasted from a web page or a word
    # processor) are the spaces Markdown reads them as: else '  * Tagging ...' is a paragraph printed
    # with its '*', not the list item it is.
    text = _NBSP_INDENT.sub(lambda m: m.group(0).replace("\u00a0", " "), text)
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


def local_image(
    src: str, base_dir: Path, root: Path, looked_up: dict[str, bool] | None = None
) -> tuple[Path | None, str]:
    """The file an image `src` names, if it is under `root`; else None and what is wrong ('' for remote ones).
    A bare name not beside the notes is looked for anywhere under `root`, as Obsidian keeps attachments
    in a folder of their own. `looked_up` gets each path looked at and whether it was there."""
    looked_up = {} if looked_up is None else looked_up

    if not src or re.match(r"^[a-z][a-z0-9+.-]*:", src, re.I):
        return None, ""  # remote images are never fetched
    rel = unquote(src.split("#")[0].split("?")[0])
    if rel.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[\\/]", rel):
        return None, f"image '{src}' has an absolute path; only images under the notes folder are used"
    path = (base_dir / rel).resolve()
    root = root.resolve()
    if root != path and root not in path.parents:
        return None, f"image '{src}' is outside the notes folder; refused"
    looked_up[str(path)] = path.is_file()
    if not looked_up[str(path)]:
        found = _in_vault(rel, root) if "/" not in rel and "\\" not in rel else None
        if found is None:
            looked_up["*" + rel] = False
            return None, f"image '{src}' not found"
        looked_up[str(found)] = True
        return found, ""
    return path, ""


def _in_vault(name: str, root: Path) -> Path | None:
    """The file called `name` anywhere under `root` (the first in path order; the same name in another
    case if none has it exactly), tools' folders aside."""
    index = vault_files(root)
    hits = index.get(name) or index.get(name.lower())
    return hits[0] if hits else None
