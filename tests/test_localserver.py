"""The loopback feed server behaves like a careful blog host and never like an open file server."""

from __future__ import annotations

import gzip
import http.client
import os
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from pulso.demo.routing import Answer, Ask
from pulso.demo.server import LocalServer, disk_path, serve

RSS = b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title></channel></rss>\n'
ATOM = b'<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>a</title></feed>'
PAGE2 = ATOM.replace(b"<title>a</title>", b"<title>page 2</title>")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    for url, query, body in [("/wp/blog/feed/", "", RSS * 50), ("/blogger/b/feeds/posts/default", "", ATOM),
                             ("/blogger/b/feeds/posts/default", "start-index=26&max-results=25", PAGE2),
                             ("/news/site/rss.xml", "", RSS)]:
        path = disk_path(root, url, query)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
    os.utime(disk_path(root, "/wp/blog/feed/"), (1_700_000_000, 1_700_000_000))
    (tmp_path / "secret.txt").write_text("top secret")
    return root


@pytest.fixture
def server(tree: Path) -> Iterator[LocalServer]:
    with serve(tree) as srv:
        yield srv


def _raw(server: LocalServer, path: str) -> tuple[int, bytes]:
    """Send the path byte-for-byte (httpx would normalise `..` away before it left the client)."""
    host, port = server.base_url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    conn.putrequest("GET", path, skip_accept_encoding=True)
    conn.endheaders()
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp.status, body


def test_feed_is_served_with_type_etag_and_last_modified(server: LocalServer) -> None:
    r = httpx.get(f"{server.base_url}/wp/blog/feed/", headers={"Accept-Encoding": "identity"})
    assert r.status_code == 200 and r.content == RSS * 50
    assert r.headers["content-type"] == "application/rss+xml; charset=UTF-8"
    assert r.headers["etag"].startswith('"') and r.headers["last-modified"] == "Tue, 14 Nov 2023 22:13:20 GMT"
    atom = httpx.get(f"{server.base_url}/blogger/b/feeds/posts/default")
    assert atom.headers["content-type"] == "application/atom+xml; charset=UTF-8" and atom.content == ATOM


def test_matching_validators_get_304_and_stale_ones_200(server: LocalServer) -> None:
    url = f"{server.base_url}/wp/blog/feed/"
    first = httpx.get(url)
    again = httpx.get(url, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == first.headers["etag"]
    since = httpx.get(url, headers={"If-Modified-Since": first.headers["last-modified"]})
    assert since.status_code == 304
    stale = httpx.get(url, headers={"If-None-Match": '"other"', "If-Modified-Since": first.headers["last-modified"]})
    assert stale.status_code == 200, "If-None-Match takes precedence over If-Modified-Since"


def test_gzip_is_used_only_when_asked_for(server: LocalServer) -> None:
    with httpx.Client() as client:
        r = client.get(f"{server.base_url}/wp/blog/feed/", headers={"Accept-Encoding": "gzip"})
        assert r.headers["content-encoding"] == "gzip" and r.content == RSS * 50
        assert int(r.headers["content-length"]) < len(RSS * 50)
        plain = client.get(f"{server.base_url}/wp/blog/feed/", headers={"Accept-Encoding": "identity"})
        assert "content-encoding" not in plain.headers
    raw = httpx.get(f"{server.base_url}/wp/blog/feed/", headers={"Accept-Encoding": "gzip"}).headers
    assert raw["vary"] == "Accept-Encoding"
    with httpx.stream("GET", f"{server.base_url}/news/site/rss.xml", headers={"Accept-Encoding": "gzip"}) as s:
        assert gzip.decompress(b"".join(s.iter_raw())) == RSS


def test_missing_file_is_404(server: LocalServer) -> None:
    assert httpx.get(f"{server.base_url}/wp/nope/feed/").status_code == 404
    assert httpx.get(f"{server.base_url}/wp/blog/feed/?p=1").status_code == 404


@pytest.mark.parametrize("path", ["/../secret.txt", "/../etc/passwd", "/%2e%2e/secret.txt", "/wp/..%2f..%2fsecret.txt",
                                  "/wp/blog/feed/../../../secret.txt"])
def test_paths_outside_the_root_are_refused(server: LocalServer, path: str) -> None:
    status, body = _raw(server, path)
    assert status in (403, 404)
    assert b"secret" not in body and b"root:" not in body


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "8.8.8.8", "example.com", ""])
def test_binding_beyond_loopback_is_refused(tree: Path, host: str) -> None:
    with pytest.raises(ValueError, match="loopback"):
        serve(tree, host=host)


def test_paged_query_is_served_from_its_sibling_file_in_any_parameter_order(server: LocalServer) -> None:
    base = f"{server.base_url}/blogger/b/feeds/posts/default"
    assert httpx.get(f"{base}?start-index=26&max-results=25").content == PAGE2
    assert httpx.get(f"{base}?max-results=25&start-index=26").content == PAGE2
    assert httpx.get(f"{base}?start-index=51&max-results=25").status_code == 404


def test_requests_are_recorded_for_assertions(server: LocalServer) -> None:
    httpx.get(f"{server.base_url}/news/site/rss.xml")
    httpx.head(f"{server.base_url}/news/site/rss.xml")
    httpx.get(f"{server.base_url}/missing")
    assert [(r.method, r.path, r.status) for r in server.requests] == [
        ("GET", "/news/site/rss.xml", 200), ("HEAD", "/news/site/rss.xml", 200), ("GET", "/missing", 404)]
    server.clear_requests()
    assert server.requests == []


def test_close_stops_serving(tree: Path) -> None:
    srv = serve(tree)
    url = f"{srv.base_url}/news/site/rss.xml"
    assert httpx.get(url).status_code == 200
    srv.close()
    with pytest.raises(httpx.ConnectError):
        httpx.get(url, timeout=2)


def test_kept_alive_gzip_answers_are_not_held_back_by_delayed_acks(tree: Path) -> None:
    """Headers and a small body are two writes; with Nagle on, each answer waited ~40 ms for the client's ACK."""
    with serve(tree) as srv, httpx.Client(trust_env=False) as client:
        client.get(f"{srv.base_url}/wp/blog/feed/")
        started = time.perf_counter()
        for _ in range(25):
            assert client.get(f"{srv.base_url}/wp/blog/feed/", headers={"Accept-Encoding": "gzip"}).status_code == 200
        elapsed = time.perf_counter() - started
    assert elapsed < 0.5, f"25 gzip answers took {elapsed:.2f} s"


def _echo(ask: Ask) -> Answer | None:
    if ask.path != "/echo":
        return None
    if "boom" in ask.query:
        raise RuntimeError("broken data file")
    return Answer(200, f"{ask.origin} {ask.params()}".encode(), "text/plain; charset=UTF-8", (("X-Echo", "1"),))


def test_routes_answer_first_and_hand_everything_else_to_the_files(tree: Path) -> None:
    with LocalServer(tree, routes=(_echo,)) as srv:
        r = httpx.get(f"{srv.base_url}/echo?after=2026-11-30T09:00:00%2B00:00&x=a+b")
        assert r.status_code == 200 and r.headers["x-echo"] == "1"
        assert r.text == f"{srv.base_url} [('after', '2026-11-30T09:00:00+00:00'), ('x', 'a b')]"
        assert "etag" not in r.headers, "a dynamic answer without a modification time has no validators"
        assert httpx.get(f"{srv.base_url}/news/site/rss.xml").content == RSS
        failed = httpx.get(f"{srv.base_url}/echo?boom")
        assert failed.status_code == 500 and b"RuntimeError: broken data file" in failed.content


def test_a_host_without_static_files_serves_only_its_routes(tree: Path) -> None:
    with LocalServer(tree, "127.0.0.3", routes=(_echo,), static=False) as srv:
        assert srv.base_url.startswith("http://127.0.0.3:")
        assert httpx.get(f"{srv.base_url}/echo").status_code == 200
        assert httpx.get(f"{srv.base_url}/news/site/rss.xml").status_code == 404


def test_a_folder_without_a_feed_serves_its_home_page(tree: Path, server: LocalServer) -> None:
    (tree / "wp/blog/index.html").write_text("<!doctype html><title>Blog</title>", encoding="utf-8")
    r = httpx.get(f"{server.base_url}/wp/blog/")
    assert r.status_code == 200 and r.headers["content-type"] == "text/html; charset=UTF-8"
    assert httpx.get(f"{server.base_url}/wp/blog").text == r.text
