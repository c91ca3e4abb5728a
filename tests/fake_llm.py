"""A small OpenAI-compatible chat server on 127.0.0.1 for the tests, scripted per test.

Each request to ``/v1/chat/completions`` takes the next :class:`Reply` from the script (the
last one repeats). A reply's ``text`` may be a function of the numbered sources in the prompt,
so a test can quote source 1 without knowing what retrieval put there. Streaming requests get
server-sent events, others one JSON body. Behaviours: ``status`` (500, 429 with
``retry_after``), ``delay`` (seconds before answering: a timeout), ``cut`` (the stream stops
half-way, the connection closed without ``[DONE]``).
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_SOURCE = re.compile(
    r"^\[(\d+)\] (.+?) – (.+?)\n(.*?)(?=\n\n\[\d+\] |\n\n(?:Fråga|Question): )", re.S | re.M
)


@dataclass(frozen=True)
class PromptSource:
    n: int
    project: str
    section: str
    text: str


def prompt_sources(messages: list[dict[str, Any]]) -> list[PromptSource]:
    """The numbered sources of the last user message, as the prompt lists them."""
    content = messages[-1]["content"]
    return [PromptSource(int(m[1]), m[2], m[3], m[4]) for m in _SOURCE.finditer(content)]


def first_sentence(text: str) -> str:
    """The first sentence of a source (through the first '. ' or the end)."""
    m = re.search(r"^(.+?[.!?])(\s|$)", text.strip(), re.S)
    return (m.group(1) if m else text.strip()).replace("\n", " ")


Text = str | Callable[[list[PromptSource]], str]


@dataclass
class Reply:
    text: Text = ""
    status: int = 200
    retry_after: str | None = None
    delay: float = 0.0
    cut: bool = False
    pace: float = 0.0  # seconds between streamed pieces


@dataclass
class FakeLLM:
    """The running fake: ``base_url`` for the settings, ``script`` the replies in order,
    ``requests`` every request body received."""

    port: int
    script: list[Reply] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def set(self, *replies: Reply) -> FakeLLM:
        self.script[:] = list(replies)
        self.requests.clear()
        return self

    def next_reply(self) -> Reply:
        if len(self.script) > 1:
            return self.script.pop(0)
        return self.script[0] if self.script else Reply("")


def _handler(fake: FakeLLM) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
            fake.requests.append(body)
            reply = fake.next_reply()
            if reply.delay:
                time.sleep(reply.delay)
            if reply.status != 200:
                self._json(reply.status, {"error": {"message": "scripted", "type": "x"}}, reply)
                return
            text = (
                reply.text(prompt_sources(body["messages"])) if callable(reply.text) else reply.text
            )
            if body.get("stream"):
                self._stream(text, cut=reply.cut, pace=reply.pace)
            else:
                self._json(200, _completion(text), reply)

        def _json(self, status: int, data: dict[str, Any], reply: Reply) -> None:
            raw = json.dumps(data).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            if reply.retry_after is not None:
                self.send_header("Retry-After", reply.retry_after)
            self.end_headers()
            self.wfile.write(raw)

        def _stream(self, text: str, *, cut: bool, pace: float = 0.0) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            pieces = re.findall(r"\S+\s*|\s+", text)
            if cut:
                pieces = pieces[: max(1, len(pieces) // 2)]
            for piece in pieces:
                time.sleep(pace)
                try:
                    self._event(_chunk({"content": piece}, None))
                except OSError:  # the client hung up (its deadline)
                    return
            if cut:
                self.wfile.flush()
                self.close_connection = True
                return
            self._event(_chunk({}, "stop"))
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
            self.close_connection = True

        def _event(self, data: dict[str, Any]) -> None:
            self.wfile.write(b"data: " + json.dumps(data).encode() + b"\n\n")
            self.wfile.flush()

    return Handler


def _completion(text: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": "fake",
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
        ],
    }


def _chunk(delta: dict[str, Any], finish: str | None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "fake",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


class Running:
    """A started fake and its server, to stop."""

    def __init__(self) -> None:
        self.fake = FakeLLM(port=0)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.fake))
        self.server.daemon_threads = True
        self.fake.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (connection refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
