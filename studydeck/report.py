"""Errors and warnings about the notes, each naming a file and line; converted to output at the CLI edge."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field

from .model import Source


class NotesError(Exception):
    """Bad input that stops the build: one clear line naming the file (and line)."""

    def __init__(self, where: Source | str, message: str):
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


@dataclass(slots=True)
class Warning_:
    where: Source | str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: warning: {self.message}"


@dataclass
class Report:
    """Collects warnings during a build; prints each to stderr as it comes unless quiet."""

    quiet: bool = False
    warnings: list[Warning_] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Informational lines for the summary (drops on sheets, vanished notes...)."""

    def warn(self, where: Source | str, message: str) -> None:
        w = Warning_(where, message)
        self.warnings.append(w)
        if not self.quiet:
            print(w, file=sys.stderr)

    def info(self, message: str) -> None:
        self.notes.append(message)
        if not self.quiet:
            print(message, file=sys.stderr)
