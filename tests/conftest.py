"""Shared fixtures: builds of the sample notes, and the user's notes when ../shared is present."""

from __future__ import annotations

import ctypes
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


# What the README's system packages give that the suite cannot do without (libharfbuzz-subset0 is not
# among them: without it WeasyPrint subsets fonts with fontTools, and the sheets come out the same way).
SYSTEM_LIBRARIES = {"libpango-1.0.so.0": "libpango-1.0-0", "libpangoft2-1.0.so.0": "libpangoft2-1.0-0"}
SYSTEM_FONTS = {
    "DejaVu Sans": "fonts-dejavu-core",
    "DejaVu Sans Condensed": "fonts-dejavu-extra",
    "NanumGothic": "fonts-nanum",
    "Droid Sans Fallback": "fonts-droid-fallback",
}


def pytest_sessionstart(session):
    """On Linux, a missing system package is said in one line, not in a hundred failing tests."""
    if not sys.platform.startswith("linux"):
        return
    missing = []
    for library, package in SYSTEM_LIBRARIES.items():
        try:
            ctypes.CDLL(library)
        except OSError:
            missing.append(package)
    if shutil.which("fc-list"):
        families = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
        known = {name.strip() for line in families.splitlines() for name in line.split(",")}
        missing += [package for family, package in SYSTEM_FONTS.items() if family not in known]
    if missing:
        pytest.exit(f"missing system package: {' '.join(missing)} (apt-get install {' '.join(missing)})", returncode=1)


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
