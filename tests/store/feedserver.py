"""A local HTTP server on 127.0.0.1 serving the feed and page fixtures, with ETag support, and
scripted failures (a status, with headers, answered before a path succeeds)."""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
LAST_MODIFIED = "Mon, 06 May 2024 09:00:00 GMT"


@dataclass
class Site:
    """What the server serves (path → content type, body); editable while it runs."""

    base: str = ""
    pages: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    conditional: list[str] = field(default_factory=list)
    slow_s: float = 0.0
    # path → (status, headers) answered, first to last, before the page itself
    failures: dict[str, list[tuple[int, dict[str, str]]]] = field(default_factory=dict)
    agents: list[str] = field(default_factory=list)

    def put(self, path: str, content_type: str, text: str) -> None:
        self.pages[path] = (content_type, text.replace("http://HOST", self.base).encode())

    def put_fixture(self, path: str, name: str, content_type: str = "text/html") -> None:
        self.put(path, content_type, (FIXTURES / name).read_text(encoding="utf-8"))


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.hits[self.path] += 1
            site.agents.append(self.headers.get("User-Agent", ""))
            if site.failures.get(self.path):
                self._fail(*site.failures[self.path].pop(0))
                return
            if self.path == "/slow":
                time.sleep(site.slow_s)
            if self.path not in site.pages:
                self.send_error(404)
                return
            content_type, body = site.pages[self.path]
            etag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'
            if self.headers.get("If-None-Match") == etag:
                site.conditional.append(self.path)
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", f"{content_type}; charset=utf-8")
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", LAST_MODIFIED)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _fail(self, status: int, headers: dict[str, str]) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

    return Handler


@contextmanager
def serve() -> Iterator[Site]:
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
