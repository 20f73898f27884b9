"""Stage 3, optional: a language model writes the cards of prose sections, behind studydeck's checks.

The rule engine stays the default and works offline. With `--cards llm|auto` (or `cards:` in front
matter) and a model configured, each prose section's heading path and text go to an OpenAI-compatible
chat-completions server, one request per section; the answer is checked (`checks.py`), kept in the build
cache (`answers.py`) and turned into cards by one adapter (`adapter.py`). Explicit markup and tables keep
coming from the rules, and so does every section whose answer cannot be used.

    prompt.py   what is sent: the messages and the JSON schema of the answer
    client.py   the requests: concurrency, timeout, retries (the `openai` client, imported when needed)
    answers.py  answers kept in OUTPUT/.cache/llm, keyed by what they depend on
    checks.py   what an answer must pass before it becomes cards
    adapter.py  one checked answer item -> one studydeck card
    writer.py   a domain's cards: the rules' for what the model does not write, the model's for prose
"""

from __future__ import annotations

import os
from dataclasses import dataclass

ENGINES = ("rules", "llm", "auto")
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


def writer_for(engine: str | None, settings: Settings | None, notes: list, cache_dir, report):
    """The model writer for this build, or None when the rules write every card (no file asks for the
    model, or `auto` finds none configured: one warning). Nothing is imported or sent here."""
    from ..report import NotesError

    modes = {}
    for nf in notes:
        mode = engine or nf.meta.get("cards") or "rules"
        if mode not in ENGINES:
            raise NotesError(f"{nf.path}:1", f"front matter cards: {mode!r}: use rules, llm or auto")
        modes[id(nf)] = mode
    wanted = [nf for nf in notes if modes[id(nf)] != "rules"]
    if not wanted:
        return None
    settings = settings or settings_from()
    if settings.model is None:
        strict = [nf for nf in wanted if modes[id(nf)] == "llm"]
        if strict:
            where = "--cards llm" if engine == "llm" else f"{strict[0].path}:1: cards: llm"
            raise NotesError(
                where, "no model configured: set STUDYDECK_LLM_MODEL (or --llm-model), or use --cards rules"
            )
        report.warn(
            "--cards auto" if engine == "auto" else f"{wanted[0].path}:1",
            "no model configured (STUDYDECK_LLM_MODEL): the rules write every card",
        )
        return None
    from .writer import Writer

    return Writer(settings, {i: m for i, m in modes.items() if m != "rules"}, notes, cache_dir, report)


def summary_line(stats, cards: list) -> str:
    """'12 cards written by the model (qwen2.5 at http://...): 3 requests, 5 sections from the cache, 1 card
    dropped as ungrounded': for the build summary and the preview."""
    written = sum(c.rule == "model" for c in cards)
    parts = [f"{stats.requests} request{'s' * (stats.requests != 1)}"]
    if stats.cached:
        parts.append(f"{stats.cached} section{'s' * (stats.cached != 1)} from the cache")
    if not stats.requests and not stats.cached and written:
        parts.append("nothing changed")
    ungrounded = stats.dropped.get("ungrounded", 0)
    parts.append(f"{ungrounded} card{'s' * (ungrounded != 1)} dropped as ungrounded")
    other = sum(stats.dropped.values()) - ungrounded
    if other:
        parts.append(f"{other} dropped by the other checks")
    if stats.fallbacks:
        parts.append(f"{stats.fallbacks} section{'s' * (stats.fallbacks != 1)} left to the rules")
    return f"{written} card{'s' * (written != 1)} written by the model ({stats.model} at {stats.url}): " + ", ".join(
        parts
    )
