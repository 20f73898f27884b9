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
    progress: object | None = None
    """A progress bar (summary.Progress) on the terminal, or None: warnings clear it before they print."""

    def warn(self, where: Source | str, message: str) -> None:
        w = Warning_(where, message)
        self.warnings.append(w)
        if not self.quiet:
            self.clear_progress()
            print(w, file=sys.stderr)

    def info(self, message: str) -> None:
        self.notes.append(message)
        if not self.quiet:
            self.clear_progress()
            print(message, file=sys.stderr)

    def step(self, stage: str, done: int, total: int) -> None:
        """Progress through a long stage (`done` of `total` sheets rendered, say)."""
        if self.progress is not None:
            self.progress.update(stage, done, total)

    def clear_progress(self) -> None:
        if self.progress is not None:
            self.progress.clear()
