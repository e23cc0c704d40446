"""A real HTTP server on 127.0.0.1 for collector tests, with scriptable faults.

Routes map a path (with query) to a response script: a list of steps served in turn (the last one
repeats), so "500 then 200" or "a slow body" is one line in a test.
"""

from __future__ import annotations

import gzip
import hashlib
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Step:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=UTF-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0            # before the headers
    trickle: float = 0.0          # seconds between body bytes (a body that never ends, effectively)
    gzip_body: bool = False       # send body gzip-encoded regardless of what was asked
    etag: bool = True             # send ETag and honour If-None-Match
    stall_after: int | None = None  # send this many body bytes, then go silent for `stall` seconds
    stall: float = 0.0
    cut_after: int | None = None    # send this many body bytes (of a longer declared length), then hang up


class _ThreadingHTTPServer6(ThreadingHTTPServer):
    address_family = socket.AF_INET6


class FeedServer:
    """`FeedServer()` on 127.0.0.1; `host=` another loopback address, IPv6 ones ("::1") included."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, list[Step]] = {}
        self.hits: list[tuple[str, dict[str, str], int]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server._handle(self)

        self.httpd = (_ThreadingHTTPServer6 if ":" in host else ThreadingHTTPServer)((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://{f'[{host}]' if ':' in host else host}:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, *steps: Step | bytes, **kwargs: object) -> str:
        self.routes[path] = [s if isinstance(s, Step) else Step(body=s, **kwargs) for s in steps]
        return self.url(path)

    def add_text(self, path: str, text: str, **kwargs: object) -> str:
        """A feed whose text names the server as {base}."""
        return self.add(path, text.replace("{base}", self.base).encode("utf-8"), **kwargs)

    def count(self, path: str) -> int:
        return sum(1 for p, _, _ in self.hits if p == path)

    def _handle(self, req: BaseHTTPRequestHandler) -> None:
        with self._lock:
            steps = self.routes.get(req.path)
            served = sum(1 for p, _, _ in self.hits if p == req.path)
            step = steps[min(served, len(steps) - 1)] if steps else Step(status=404, body=b"not found")
        headers = {k.lower(): v for k, v in req.headers.items()}
        if step.delay:
            time.sleep(step.delay)
        body = step.body
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        status = step.status
        if step.etag and status == 200 and headers.get("if-none-match") == etag:
            status, body = 304, b""
        with self._lock:
            self.hits.append((req.path, headers, status))
        encoded = gzip.compress(body) if (step.gzip_body and body) else body
        try:
            req.send_response(status)
            if status != 304:
                req.send_header("Content-Type", step.content_type)
            if step.etag and status in (200, 304):
                req.send_header("ETag", etag)
            if step.gzip_body:
                req.send_header("Content-Encoding", "gzip")
            for k, v in step.headers.items():
                req.send_header(k, v)
            if step.trickle:
                req.send_header("Content-Length", str(len(encoded) * 1000))
                req.end_headers()
                for i in range(len(encoded) * 1000):
                    req.wfile.write(encoded[i % len(encoded): i % len(encoded) + 1])
                    req.wfile.flush()
                    time.sleep(step.trickle)
                return
            req.send_header("Content-Length", str(len(encoded)))
            req.end_headers()
            if status == 304:
                return
            partial = step.stall_after if step.stall_after is not None else step.cut_after
            if partial is not None:
                req.wfile.write(encoded[:partial])
                req.wfile.flush()
                if step.stall_after is not None:
                    time.sleep(step.stall)
                req.close_connection = True
                return
            req.wfile.write(encoded)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
