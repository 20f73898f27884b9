"""Where the model is and how to talk to it (llm/): the settings every part of the model writer reads."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_URL = "http://localhost:11434/v1"  # Ollama's OpenAI-compatible endpoint
DEFAULT_JOBS = 4
DEFAULT_TIMEOUT = 120.0  # seconds per request: a local model on a laptop is slow to write a section's cards


@dataclass(frozen=True)
class Settings:
    """Where the model is and how to talk to it: environment first, flags over it."""

    url: str = DEFAULT_URL
    """Base URL of the chat-completions API (requests go to URL/chat/completions)."""
    model: str | None = None
    """The model's name on that server; None: no model configured, nothing is ever sent."""
    api_key: str | None = None
    """Sent as `Authorization: Bearer KEY` when set (a local server needs none)."""
    jobs: int = DEFAULT_JOBS
    """Requests in flight at once."""
    timeout: float = DEFAULT_TIMEOUT
    retries: int = 3
    """Further attempts after a 429, a 5xx or a timeout."""
    backoff: float = 1.0
    """Seconds before the first retry (doubled each time) when the server names no Retry-After."""


def settings_from(
    env=None,
    url: str | None = None,
    model: str | None = None,
    api_key: str | None = None,
    jobs: int | None = None,
    timeout: float | None = None,
) -> Settings:
    """STUDYDECK_LLM_URL / _MODEL / _API_KEY, each overridden by its flag when given."""
    env = os.environ if env is None else env
    return Settings(
        url=(url or env.get("STUDYDECK_LLM_URL") or DEFAULT_URL).rstrip("/"),
        model=model or env.get("STUDYDECK_LLM_MODEL") or None,
        api_key=api_key or env.get("STUDYDECK_LLM_API_KEY") or None,
        jobs=jobs or DEFAULT_JOBS,
        timeout=timeout or DEFAULT_TIMEOUT,
    )
