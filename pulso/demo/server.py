"""A loopback-only HTTP server for a directory of feed files (the demo, the tests, the benchmarks).

It behaves like a well-run blog host — ETag/Last-Modified validators, 304s, gzip, proper feed
Content-Types — so the collector's conditional-GET and decoding paths run against real HTTP.
It refuses to bind anywhere but loopback: the tests promise that no traffic leaves the machine.

Files follow the URL -> file convention in `pulso.demo.routing`. Before the files, a server asks its
routes: by default the WordPress REST API (`pulso.demo.wpapi`) and Blogger's paging
(`pulso.demo.blogger_feeds`), which answer only where the generator stored their data. `serve_demo`
adds the second host the demo needs, a stand-in for Blogger's feed host `www.blogger.com` on 127.0.0.3.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import ipaddress
import socket
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import unquote, urlsplit

from pulso.demo.blogger_feeds import blogger_feed, blogger_feed_host
from pulso.demo.routing import Answer, Ask, Route, canonical_query, disk_path
from pulso.demo.wpapi import wordpress_api

__all__ = ["BLOGGER_FEED_HOST", "DEMO_ROUTES", "DemoServers", "LocalServer", "Request", "canonical_query",
           "disk_path", "serve", "serve_demo"]

FEED_TYPES = {b"<rss": "application/rss+xml; charset=UTF-8", b"<feed": "application/atom+xml; charset=UTF-8",
              b"<rdf": "application/rdf+xml; charset=UTF-8"}
DEMO_ROUTES: tuple[Route, ...] = (wordpress_api, blogger_feed)
BLOGGER_FEED_HOST = "127.0.0.3"  # the demo's www.blogger.com


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

    def _respond(self, body: bool) -> int:
        parts = urlsplit(self.path)
        url_path = unquote(parts.path)
        if "\x00" in url_path or any(seg in ("..", ".") for seg in url_path.split("/")) or "\\" in url_path:
            return self._send(_plain(403, b"forbidden\n"), body)
        ask = Ask(self.server.root, url_path, parts.query, self.server.origin)  # like a site's configured URL
        answer = self._route(ask)
        if answer is None and self.server.static:
            answer = self._file(url_path, parts.query)
        return self._send(answer or _plain(404, b"not found\n"), body)

    def _route(self, ask: Ask) -> Answer | None:
        for route in self.server.routes:
            try:
                answer = route(ask)
            except Exception as exc:  # a broken data file must show up as a 500, not a dropped connection
                return _plain(500, f"{type(exc).__name__}: {exc}\n".encode())
            if answer is not None:
                return answer
        return None

    def _file(self, url_path: str, query: str) -> Answer:
        root = self.server.root
        target = disk_path(root, url_path, query).resolve()
        if not target.is_relative_to(root):
            return _plain(403, b"forbidden\n")
        if target.is_dir():
            target = target / "index.xml"
        if target.name == "index.xml" and not target.exists():
            target = target.with_name("index.html")  # a home page
        try:
            data = target.read_bytes()
            mtime = target.stat().st_mtime
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
            return _plain(404, b"not found\n")
        return Answer(200, data, _content_type(data[:512]), modified=mtime)

    def _send(self, answer: Answer, body: bool) -> int:
        """Validators and 304s for answers that have a modification time; gzip when the client asks."""
        headers = list(answer.headers)
        if answer.modified is not None and answer.status == 200:
            etag = '"' + hashlib.blake2b(answer.body, digest_size=12).hexdigest() + '"'
            headers += [("ETag", etag), ("Last-Modified", formatdate(int(answer.modified), usegmt=True))]
            if self._not_modified(etag, int(answer.modified)):
                self.send_response(304)
                for name, value in headers:
                    self.send_header(name, value)
                self.end_headers()
                return 304
        data = answer.body
        if answer.status == 200 and "gzip" in self.headers.get("Accept-Encoding", "").lower():
            data = gzip.compress(data, compresslevel=5, mtime=0)
            headers += [("Content-Encoding", "gzip")]
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        if answer.status == 200:
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if body:
            self.wfile.write(data)
        return answer.status

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


def _plain(status: int, text: bytes) -> Answer:
    return Answer(status, text, "text/plain; charset=UTF-8")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, addr: tuple[str, int], root: Path, family: socket.AddressFamily, routes: Sequence[Route],
                 static: bool) -> None:
        self.address_family = family
        self.root, self.routes, self.static = root, tuple(routes), static
        self.origin = ""
        self._lock = threading.Lock()
        self.log: list[Request] = []
        super().__init__(addr, _Handler)

    def record(self, req: Request) -> None:
        with self._lock:
            self.log.append(req)

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up a kept-alive connection is normal (the collector closes its pool at the
        end of a run): only other errors are printed, so `pulso demo` shows no tracebacks for it."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class LocalServer:
    """A running server: `.base_url` to build URLs, `.requests` to assert what was fetched.

    `routes` answer first (see `pulso.demo.routing`); `static=False` serves nothing else, as a host
    that only has dynamic pages.
    """

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 0, *,
                 routes: Sequence[Route] = DEMO_ROUTES, static: bool = True) -> None:
        family = _loopback_family(host)
        self.root = Path(root).resolve()
        self._httpd = _Server(("127.0.0.1" if host == "localhost" else host.strip("[]"), port), self.root, family,
                              routes, static)
        bound_host, bound_port = self._httpd.server_address[:2]
        shown = f"[{bound_host}]" if family == socket.AF_INET6 else bound_host
        self.base_url = f"http://{shown}:{bound_port}"
        self._httpd.origin = self.base_url
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


@dataclass(frozen=True)
class DemoServers:
    """The demo's two hosts: the blogs (`base_url`) and the stand-in for `www.blogger.com` (`blogger_url`)."""

    site: LocalServer
    blogger: LocalServer

    @property
    def base_url(self) -> str:
        return self.site.base_url

    @property
    def blogger_url(self) -> str:
        return self.blogger.base_url

    @property
    def requests(self) -> list[Request]:
        """Both hosts' requests, the blogs' first."""
        return self.site.requests + self.blogger.requests


@contextlib.contextmanager
def serve_demo(root: Path, host: str = "127.0.0.1", blogger_host: str = BLOGGER_FEED_HOST) -> Iterator[DemoServers]:
    """Serve the demo tree on `host` and Blogger's feed host on `blogger_host`; both stop on exit.

    Start it before `generate(root, servers.base_url, blogger_url=servers.blogger_url)`: the feeds
    carry the servers' ports. Example::

        with serve_demo(feeds) as servers:
            generate(feeds, servers.base_url, blogger_url=servers.blogger_url)
            ...collect feeds/monitor.toml...
    """
    with LocalServer(root, host) as site, LocalServer(root, blogger_host, routes=(blogger_feed_host,),
                                                      static=False) as blogger:
        yield DemoServers(site, blogger)
