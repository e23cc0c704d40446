"""A loopback-only HTTP server for a directory of feed files (the demo, the tests, the benchmarks).

It behaves like a well-run blog host — ETag/Last-Modified validators, 304s, gzip, proper feed
Content-Types — so the collector's conditional-GET and decoding paths run against real HTTP.
It refuses to bind anywhere but loopback: the tests promise that no traffic leaves the machine.

URL → file convention (shared with `pulso.demo.generate`, which writes the tree):
- `/a/b/rss.xml` (last segment has a dot) → `ROOT/a/b/rss.xml`;
- `/a/b/` or `/a/b` (a directory) → `ROOT/a/b/index.xml`;
- `/a/b?start-index=26&max-results=25` → `ROOT/a/b/index@max-results=25&start-index=26.xml`
  (parameters sorted, so the order a client sends them in does not matter).
"""

from __future__ import annotations

import gzip
import hashlib
import ipaddress
import socket
import threading
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import unquote, urlsplit

FEED_TYPES = {b"<rss": "application/rss+xml; charset=UTF-8", b"<feed": "application/atom+xml; charset=UTF-8",
              b"<rdf": "application/rdf+xml; charset=UTF-8"}


def canonical_query(query: str) -> str:
    return "&".join(sorted(p for p in query.split("&") if p))


def disk_path(root: Path, url_path: str, query: str = "") -> Path:
    """The file that serves `url_path?query` under `root` (see the module docstring)."""
    rel = url_path.lstrip("/")
    last = rel.rstrip("/").rsplit("/", 1)[-1]
    if not query and not url_path.endswith("/") and "." in last:
        return root / rel
    name = "index.xml" if not query else f"index@{canonical_query(query)}.xml"
    return root / rel / name


def _content_type(head: bytes) -> str:
    """Sniff the document so the same `index.xml` name can hold RSS, Atom or an HTML error page."""
    lowered = head.lower()
    if lowered.lstrip().startswith((b"<!doctype html", b"<html")):
        return "text/html; charset=UTF-8"
    hits = [(lowered.find(tag), ctype) for tag, ctype in FEED_TYPES.items() if tag in lowered]
    return min(hits)[1] if hits else "application/xml; charset=UTF-8"


def _loopback_family(host: str) -> socket.AddressFamily:
    """Only loopback addresses are acceptable; anything else is a ValueError, never a warning."""
    if host == "localhost":
        return socket.AF_INET
    try:
        addr = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        raise ValueError(f"refusing to serve on {host!r}: give a loopback IP address such as 127.0.0.1") from None
    if not addr.is_loopback:
        raise ValueError(f"refusing to serve on {host!r}: only loopback addresses are allowed")
    return socket.AF_INET6 if addr.version == 6 else socket.AF_INET


@dataclass(frozen=True)
class Request:
    method: str
    path: str  # path plus "?query" when there was one
    status: int


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    # Headers and body are two writes: with Nagle's algorithm a small body waits for the client's delayed
    # ACK (~40 ms an answer on a kept-alive connection), which a real host's server does not do.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        self._serve(body=True)

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Silenced: tests read `.requests` instead of stderr."""

    def _serve(self, *, body: bool) -> None:
        status = 500
        try:
            status = self._respond(body)
        finally:
            self.server.record(Request(self.command, self.path, status))

    def _resolve(self) -> Path | None:
        parts = urlsplit(self.path)
        url_path = unquote(parts.path)
        if "\x00" in url_path or any(seg in ("..", ".") for seg in url_path.split("/")) or "\\" in url_path:
            return None
        root = self.server.root
        target = disk_path(root, url_path, parts.query).resolve()
        if not target.is_relative_to(root):
            return None
        if target.is_dir():
            target = target / "index.xml"
        return target

    def _respond(self, body: bool) -> int:
        target = self._resolve()
        if target is None:
            return self._plain(403, b"forbidden\n", body)
        try:
            data = target.read_bytes()
            mtime = target.stat().st_mtime
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
            return self._plain(404, b"not found\n", body)
        etag = '"' + hashlib.blake2b(data, digest_size=12).hexdigest() + '"'
        last_modified = formatdate(int(mtime), usegmt=True)
        if self._not_modified(etag, int(mtime)):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", last_modified)
            self.end_headers()
            return 304
        ctype = _content_type(data[:512])
        encoding = None
        if "gzip" in self.headers.get("Accept-Encoding", "").lower():
            data, encoding = gzip.compress(data, compresslevel=5, mtime=0), "gzip"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", last_modified)
        self.send_header("Vary", "Accept-Encoding")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        if body:
            self.wfile.write(data)
        return 200

    def _not_modified(self, etag: str, mtime: int) -> bool:
        """RFC 9110: If-None-Match wins; If-Modified-Since is consulted only without it."""
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
            return "*" in tags or etag in tags
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                return mtime <= parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError):
                return False
        return False

    def _plain(self, status: int, text: bytes, body: bool) -> int:
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=UTF-8")
        self.send_header("Content-Length", str(len(text)))
        self.end_headers()
        if body:
            self.wfile.write(text)
        return status


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, addr: tuple[str, int], root: Path, family: socket.AddressFamily) -> None:
        self.address_family = family
        self.root = root
        self._lock = threading.Lock()
        self.log: list[Request] = []
        super().__init__(addr, _Handler)

    def record(self, req: Request) -> None:
        with self._lock:
            self.log.append(req)


class LocalServer:
    """A running server: `.base_url` to build URLs, `.requests` to assert what was fetched."""

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 0) -> None:
        family = _loopback_family(host)
        self.root = Path(root).resolve()
        self._httpd = _Server(("127.0.0.1" if host == "localhost" else host.strip("[]"), port), self.root, family)
        bound_host, bound_port = self._httpd.server_address[:2]
        shown = f"[{bound_host}]" if family == socket.AF_INET6 else bound_host
        self.base_url = f"http://{shown}:{bound_port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="pulso-localserver", daemon=True)
        self._thread.start()

    @property
    def requests(self) -> list[Request]:
        """A snapshot of every request so far as (method, path, status)."""
        with self._httpd._lock:
            return list(self._httpd.log)

    def clear_requests(self) -> None:
        with self._httpd._lock:
            self._httpd.log.clear()

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> LocalServer:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def serve(root: Path, host: str = "127.0.0.1", port: int = 0) -> LocalServer:
    """Start serving `root` on loopback in a daemon thread; use as a context manager or call `.close()`."""
    return LocalServer(root, host, port)
