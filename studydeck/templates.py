"""Where templates live, and the one Jinja environment every HTML stage renders with."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2


DEFAULT_DIR = Path(__file__).resolve().parent.parent / "templates"


def find(name: str, templates_dir: Path | None = None) -> Path:
    """A template file: the user's folder first (it may hold only the files they changed), then ours."""
    for base in (templates_dir, DEFAULT_DIR):
        if base is not None and (base / name).is_file():
            return base / name
    raise FileNotFoundError(f"template {name} not found")


def read(name: str, templates_dir: Path | None = None) -> str:
    return find(name, templates_dir).read_text(encoding="utf-8")


_bytecode: tuple[Path, str] | None = None


def keep_compiled(folder: Path | None, version: str = "") -> None:
    """Keep the templates as compiled in `folder` (the build cache), under `version` (our code's: the
    environment's settings are part of what they compile to): a rebuild loads them, not compiles them again
    (0.1 s for the preview's, in the build and in the sheet worker for the sheet's; Jinja checks each one's
    source). Those of another version go."""
    global _bytecode
    _bytecode = (folder, version.replace(":", "-")) if folder is not None else None
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.cache"):
            if not old.name.startswith(f"{_bytecode[1]}-"):
                old.unlink(missing_ok=True)


def environment(templates_dir: Path | None = None) -> jinja2.Environment:
    return _environment(templates_dir, _bytecode)


@lru_cache(maxsize=4)
def _environment(templates_dir: Path | None, bytecode: tuple[Path, str] | None) -> jinja2.Environment:
    import jinja2  # here, not at the top: a build with nothing to render never needs it

    dirs = [str(d) for d in (templates_dir, DEFAULT_DIR) if d is not None]
    compiled = jinja2.FileSystemBytecodeCache(str(bytecode[0]), f"{bytecode[1]}-%s.cache") if bytecode else None
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(dirs),
        autoescape=jinja2.select_autoescape(["html", "htm", "xml", "j2"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=compiled,
    )
    return env
