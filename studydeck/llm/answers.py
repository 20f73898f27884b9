"""The model's answers kept in the build cache (OUTPUT/.cache/llm): what was asked once is never asked again."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..files import write_if_changed
from .prompt import PROMPT_VERSION, RESPONSE_FORMAT, TEMPERATURE


def answer_key(model: str, path: tuple[str, ...], text: str) -> str:
    """What an answer depends on: the section's heading path and text, the model, the prompt's version and
    the engine's settings (temperature, schema). Not the URL or the key: the same model answers the same."""
    data = [PROMPT_VERSION, model, TEMPERATURE, RESPONSE_FORMAT, list(path), text]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:32]


class Answers:
    """One JSON file per answer: {"content": the message content as the server sent it}. The checks run on
    it at every build, so a change to them needs no new request."""

    def __init__(self, cache_dir: Path):
        self.dir = Path(cache_dir) / "llm"

    def get(self, key: str) -> str | None:
        try:
            data = json.loads((self.dir / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # absent or damaged: asked again
        content = data.get("content") if isinstance(data, dict) else None
        return content if isinstance(content, str) else None

    def put(self, key: str, content: str) -> None:
        data = json.dumps({"content": content}, ensure_ascii=False)
        write_if_changed(self.dir / f"{key}.json", data.encode("utf-8"), durable=False)

    def keep_only(self, used: set[str]) -> None:
        """Forget the answers for sections no longer in the notes (or no longer sent to the model)."""
        if self.dir.is_dir():
            for path in self.dir.glob("*.json"):
                if path.stem not in used:
                    path.unlink(missing_ok=True)
