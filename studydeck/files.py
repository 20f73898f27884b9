"""Output files written so a failed or killed build never leaves a half-written one in place."""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success it is renamed over `target` in one step."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        with open(tmp_path, "rb") as f:  # on disk before it takes the old file's place
            os.fsync(f.fileno())
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


STALE_SECONDS = 600


def _remove_stale(target: Path) -> None:
    """Temporary files a killed build left beside `target` (old enough not to be another build's)."""
    remove_stale(target.parent.glob(f".{glob.escape(target.name)}.*.tmp"))


def remove_stale(paths) -> None:
    """Delete those of these temporary files that are old enough not to be a running build's."""
    now = time.time()
    for old in paths:
        with contextlib.suppress(OSError):
            if now - old.stat().st_mtime > STALE_SECONDS:
                old.unlink()


def write_if_changed(target: Path, data: bytes, durable: bool = True) -> bool:
    """Write only when the bytes differ, so unchanged outputs keep their timestamps (make relies on it).

    `durable=False` is for cache entries, hundreds of them for a semester of notes: still renamed into
    place in one step, but with no fsync and no search for stale temporary files (a glob of the whole
    folder per entry); a crash may lose an entry, which is then made again.
    """
    if target.is_file() and target.read_bytes() == data:
        return False
    if not durable:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            tmp.write_bytes(data)
            os.replace(tmp, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        return True
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return True
