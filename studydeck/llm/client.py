"""The requests: one chat completion per section through the `openai` client, with our own retries."""

from __future__ import annotations

import threading
import time
from email.utils import parsedate_to_datetime

from . import Settings
from .prompt import RESPONSE_FORMAT, TEMPERATURE

MAX_WAIT = 60.0  # seconds: a Retry-After longer than this is a server that will not answer this build


class Unreachable(Exception):
    """The server cannot be reached at all (refused, no such host): no section will get an answer."""


class Failed(Exception):
    """This request got no usable answer, retries included (a timeout, an HTTP error): its section falls back."""


class MissingClient(Exception):
    """The `openai` package is not installed (the `studydeck[llm]` extra)."""


class Client:
    """One HTTP client for the build, shared by the threads that send the sections."""

    def __init__(self, settings: Settings):
        try:
            import openai
        except ImportError:
            raise MissingClient("the model writer needs the openai client: pip install 'studydeck[llm]'") from None
        self.openai = openai
        self.settings = settings
        # openai's own retries are off: ours count every request and honour Retry-After the same way
        # whatever the library's version does.
        self.client = openai.OpenAI(
            base_url=settings.url, api_key=settings.api_key or "none", timeout=settings.timeout, max_retries=0
        )
        # Without a key no Authorization header at all (a local server needs none; the client wants one set).
        omit = getattr(openai, "Omit", None)
        self.headers = {"Authorization": omit()} if omit is not None and not settings.api_key else None
        self.requests = 0
        self._lock = threading.Lock()

    def ask(self, messages: list[dict]) -> str:
        """The answer's message content; Unreachable or Failed when there is none."""
        openai, s = self.openai, self.settings
        wait = s.backoff
        for attempt in range(s.retries + 1):
            last = attempt == s.retries
            with self._lock:
                self.requests += 1
            try:
                response = self.client.chat.completions.create(
                    model=s.model,
                    messages=messages,
                    temperature=TEMPERATURE,
                    response_format=RESPONSE_FORMAT,
                    extra_headers=self.headers,
                )
            except openai.APITimeoutError:
                if last:
                    raise Failed(f"no answer within {s.timeout:g} s ({attempt + 1} tries)") from None
                delay = wait
            except openai.APIConnectionError as e:
                raise Unreachable(_cause(e)) from None
            except openai.APIStatusError as e:
                code = e.status_code
                if code != 429 and code < 500:
                    raise Failed(f"HTTP {code}: {_message(e)}") from None
                if last:
                    raise Failed(f"HTTP {code} after {attempt + 1} tries: {_message(e)}") from None
                delay = _retry_after(e.response.headers, wait)
            except (openai.APIResponseValidationError, ValueError) as e:
                raise Failed(f"the server's reply is not a chat completion ({type(e).__name__})") from None
            else:
                try:
                    return response.choices[0].message.content or ""
                except (AttributeError, IndexError, TypeError):
                    raise Failed("the server's reply has no message") from None
            time.sleep(delay)
            wait *= 2
        raise AssertionError("unreachable")  # the loop returns or raises


def _retry_after(headers, default: float) -> float:
    """Seconds the server asked us to wait (Retry-After as seconds or an HTTP date), else `default`."""
    value = (headers.get("retry-after") or "").strip()
    if not value:
        return default
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError):
            return default
    return min(max(seconds, 0.0), MAX_WAIT)


def _cause(e: Exception) -> str:
    """'connection refused' rather than the library's 'Connection error.'"""
    inner = e
    while inner.__cause__ is not None or inner.__context__ is not None:
        inner = inner.__cause__ or inner.__context__
    text = str(inner) or type(inner).__name__
    return "connection refused" if "refused" in text.lower() else text


def _message(e) -> str:
    body = getattr(e, "body", None)
    if isinstance(body, dict):
        err = body.get("error", body)
        msg = err.get("message") if isinstance(err, dict) else err
        if msg:
            return str(msg)[:200]
    return str(getattr(e, "message", "") or e)[:200]
