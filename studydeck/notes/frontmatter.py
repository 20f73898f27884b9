"""Stage 1b: the front matter atop a notes file (YAML between `---`, TOML between `+++`) as plain data.

Front matter is written for other tools (Jekyll, Hugo, Obsidian, GitBook) far more often than for us:
every key we do not use is ignored; a key we use with a value of the wrong type is one warning naming
its line, and the key is then ignored too. Values come out JSON-able (dates as ISO text), because the
build hashes them into its cache keys.
"""

from __future__ import annotations

import datetime as dt
import re

from ..report import Report

_OPEN = {"---": ("---", "..."), "+++": ("+++",)}


def split(text: str, name: str, report: Report) -> tuple[dict, str]:
    """The front matter's keys, checked, and `text` with the front matter blanked line for line
    (so every line below keeps its number). No front matter: ({}, text)."""
    lines = text.split("\n")
    closers = _OPEN.get(lines[0].rstrip()) if lines else None
    if closers is None:
        return {}, text
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in closers), None)
    if end is None:
        return {}, text  # an opening rule with no closing one: a horizontal rule, not front matter
    body = "\n".join(lines[1:end])
    data = _toml(body, name, report) if lines[0].startswith("+") else _yaml(body, name, report)
    blanked = "\n" * end + "\n".join([""] + lines[end + 1 :])
    return check(plain(data), lines[1:end], name, report), blanked


def _yaml(body: str, name: str, report: Report) -> dict:
    import yaml  # 13 ms: only for YAML front matter

    try:
        data = yaml.safe_load(body)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = (mark.line + 2) if mark else 1
        report.warn(f"{name}:{line}", f"front matter is not valid YAML, ignored ({getattr(e, 'problem', None) or e})")
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        report.warn(f"{name}:1", "front matter is not a set of `key: value` lines, ignored")
        return {}
    return data


def _toml(body: str, name: str, report: Report) -> dict:
    import tomllib  # only for TOML front matter

    try:
        return tomllib.loads(body)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"\(at line (\d+)", str(e))
        line = int(m.group(1)) + 1 if m else body.count("\n") + 2  # '(at end of document)'
        report.warn(f"{name}:{line}", f"front matter is not valid TOML, ignored ({str(e).split(' (at')[0]})")
        return {}


def plain(value):
    """YAML's and TOML's values as JSON's: dates and times as ISO text, keys as text, sets as lists."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(v) for v in value]
    if isinstance(value, (dt.date, dt.time)):  # datetime is a date
        return value.isoformat()
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    return str(value)  # anything else a loader may make (bytes, YAML tags): as text


SHEET_PER = ("domain", "file")


def check(meta: dict, lines: list[str], name: str, report: Report) -> dict:
    """The keys studydeck uses, each of the right type; one warning naming the line for each that is not."""

    def wrong(key: str, what: str) -> None:
        report.warn(f"{name}:{_line_of(key, lines) or 1}", f"front matter `{key}` should be {what}; ignored")
        meta.pop(key, None)

    for key in ("title", "deck"):
        value = meta.get(key)
        if isinstance(value, bool) or (value is not None and not isinstance(value, (str, int, float))):
            wrong(key, "text")
        elif value is None or not str(value).strip():
            meta.pop(key, None)  # `title:` left empty: as if not written
        else:
            meta[key] = str(value).strip()  # `title: 1984` is text too
    for key, read, what in (
        ("tags", tag_list, "a list of words or one line of them"),
        ("hints", _hints, "kinds with their names, e.g. `hints: {service: [Pub/Sub, Cloud Monitoring]}`"),
    ):
        if key in meta:
            value = read(meta[key])
            if value is None:
                wrong(key, what)
            else:
                meta[key] = value
    sheet = meta.get("sheet")
    if sheet is not None:
        if not isinstance(sheet, dict):
            wrong("sheet", "a set of options, e.g. `sheet: {paper: letter, per: file}`")
        elif "per" in sheet and sheet["per"] not in SHEET_PER:
            report.warn(
                f"{name}:{_line_of('per', lines) or _line_of('sheet', lines)}",
                "front matter `sheet: per:` should be `domain` or `file`; ignored",
            )
            sheet.pop("per")
    return meta


def _hints(value) -> dict[str, list[str]] | None:
    """`{service: [Pub/Sub, Cloud Monitoring], algorithm: XGBoost}` -> kinds and their names; None if not that shape."""
    if not isinstance(value, dict):
        return None
    out: dict[str, list[str]] = {}
    for kind, names in value.items():
        if isinstance(names, str):
            names = [n.strip() for n in names.split(",")]
        if (
            not isinstance(kind, str)
            or not isinstance(names, list)
            or not all(isinstance(n, (str, int)) for n in names)
        ):
            return None
        out[kind.strip()] = [str(n).strip() for n in names if str(n).strip()]
    return out


def tag_list(value) -> list[str] | None:
    """Front matter tags as Anki tags: a list, or one line split at commas and spaces (Jekyll writes
    `tags: a b`, Obsidian `tags: [a, b]`); '#' dropped, Obsidian's nested 'a/b' as Anki's 'a::b'.
    None when `value` is no list of words (a map, a list of maps)."""
    if value is None:
        return []
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        items = re.split(r"[,\s]+", str(value))
    elif isinstance(value, list) and all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
        items = [str(v) for v in value]
    else:
        return None
    out: list[str] = []
    for item in items:
        tag = anki_tag(item)
        if tag and tag not in out:
            out.append(tag)
    return out


def anki_tag(text: str) -> str:
    """One tag as Anki takes it: no spaces, no leading '#', '/' nesting as '::'."""
    tag = re.sub(r"\s+", "_", text.strip().lstrip("#"))
    return "::".join(p for p in tag.split("/") if p)


def _line_of(key: str, lines: list[str]) -> int:
    """The file line of `key:` (YAML) or `key =` (TOML) in the front matter (its first line is line 2)."""
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*[:=]")
    for i, line in enumerate(lines):
        if pattern.match(line):
            return i + 2
    return 0
