"""A chat-completions server on 127.0.0.1 for the model writer's tests, answering from fixture files.

Each fixture in tests/fixtures/llm/ is either an answer (its text is the message content as sent) or a
control object: {"status": 500, "headers": {...}, "body": {...}} for an HTTP error, {"delay": s, "answer":
{...}} for a slow answer, {"content": "..."} for a content that is not JSON. `script` maps the last heading
of a section to the fixtures it is answered with, in turn (the last one repeats).
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "llm"


class ModelServer:
    def __init__(self, script: dict[str, list[str]] | None = None):
        self.script = dict(script or {})
        self.requests: list[dict] = []
        """Each request received: method, path, headers, json body, time."""
        self._turn: dict[str, int] = {}
        self._lock = threading.Lock()
        self.in_flight = 0
        self.most_in_flight = 0
        """The most requests the server was answering at once."""
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                with server._lock:
                    server.requests.append(
                        {"path": self.path, "headers": dict(self.headers), "json": body, "time": time.monotonic()}
                    )
                    fixture = server._next(body)
                    server.in_flight += 1
                    server.most_in_flight = max(server.most_in_flight, server.in_flight)
                try:
                    server._answer(self, body, fixture)
                finally:
                    with server._lock:
                        server.in_flight -= 1

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def sections(self) -> list[str]:
        """The heading path of each request received, in order."""
        return [_heading(r["json"]) for r in self.requests]

    def _next(self, body: dict) -> str:
        heading = _heading(body).split(" > ")[-1]
        names = self.script.get(heading) or self.script.get("*") or ["empty"]
        k = self._turn.get(heading, 0)
        self._turn[heading] = k + 1
        return names[min(k, len(names) - 1)]

    def _answer(self, handler: BaseHTTPRequestHandler, body: dict, name: str) -> None:
        if name == "empty":
            text = '{"cards": []}'
            control = {}
        else:
            text = (FIXTURES / f"{name}.json").read_text(encoding="utf-8")
            data = json.loads(text)
            control = data if {"status", "delay", "content", "answer"} & set(data) else {}
        if control.get("delay"):
            time.sleep(control["delay"])
        status = control.get("status", 200)
        if status != 200:
            payload = json.dumps(control.get("body", {})).encode()
        else:
            content = control.get("content")
            if content is None:
                content = json.dumps(control["answer"]) if "answer" in control else text
            payload = json.dumps(
                {
                    "id": "chatcmpl-test",
                    "object": "chat.completion",
                    "created": 0,
                    "model": body.get("model", ""),
                    "choices": [
                        {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}
                    ],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                }
            ).encode()
        try:
            handler.send_response(status)
            for k, v in control.get("headers", {}).items():
                handler.send_header(k, v)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)
        except OSError:  # the client gave up waiting (a timeout test)
            pass


def _heading(body: dict) -> str:
    user = next((m["content"] for m in body.get("messages", []) if m.get("role") == "user"), "")
    first = user.split("\n", 1)[0]
    return first.removeprefix("Heading path: ")


def closed_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens: connections are refused."""
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"http://127.0.0.1:{port}/v1"
