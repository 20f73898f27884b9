"""Shared fixtures: builds of the sample notes, and the user's notes when ../shared is present."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_path(*parts: str) -> Path:
    """A path under ../shared; the test skips when that folder is not there (a fresh machine)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present on this machine")
    return path


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The sample notes in source/, built once for the session."""
    from build import main

    out = tmp_path_factory.mktemp("sample-out")
    assert main(["--source", str(ROOT / "source"), "--output", str(out), "--quiet"]) == 0
    return out


@pytest.fixture(scope="session")
def user_notes_build(tmp_path_factory):
    """The user's real notes, built once for the session (skips without ../shared)."""
    from build import main

    notes = shared_path("notes")
    src = tmp_path_factory.mktemp("user-notes")
    for f in notes.iterdir():
        if f.is_file():
            shutil.copy(f, src / f.name)
    out = tmp_path_factory.mktemp("user-out")
    assert main(["--source", str(src), "--output", str(out), "--quiet"]) == 0
    return out
