"""Server faults over real HTTP on 127.0.0.1: each is recorded in `fetches`, none stops the others."""

from __future__ import annotations

import asyncio
import gzip
from dataclasses import replace
from pathlib import Path

from collector.fetching.client import Fetcher
from tests.conftest import FAST, FIXTURES, collect_once, query, write_config
from tests.feedserver import FeedServer, Step

GOOD = (FIXTURES / "feeds" / "wordpress_posts.xml").read_bytes()


def fetch(url: str, policy=FAST, **kwargs):
    async def go():
        async with Fetcher(policy) as f:
            return await f.get(url, allow=lambda u: None, **kwargs)

    return asyncio.run(go())


def test_server_error_then_success_is_retried(server: FeedServer):
    url = server.add("/f", Step(status=500), Step(body=GOOD))
    result = fetch(url)
    assert (result.status, result.http_status, result.attempts) == ("ok", 200, 2)


def test_429_retry_after_is_honoured(server: FeedServer):
    url = server.add("/f", Step(status=429, headers={"Retry-After": "1"}), Step(body=GOOD))
    result = fetch(url)
    assert result.status == "ok"
    assert result.duration_ms >= 900


def test_retry_after_longer_than_the_limit_is_a_failure_not_a_hang(server: FeedServer):
    url = server.add("/f", Step(status=429, headers={"Retry-After": "3600"}))
    result = fetch(url)
    assert (result.status, result.http_status, result.attempts) == ("error", 429, 1)


def test_timeout_is_reported_in_words(server: FeedServer):
    url = server.add("/f", Step(body=GOOD, delay=3))
    result = fetch(url, policy=replace(FAST, retries=0))
    assert result.status == "error"
    assert "timed out" in result.error


def test_body_that_never_ends_is_cut_by_the_total_timeout(server: FeedServer):
    url = server.add("/f", Step(body=b"<rss>", trickle=0.2))
    result = fetch(url, policy=replace(FAST, retries=0, read_timeout=1, total_timeout=2))
    assert result.status == "error" and "timed out" in result.error
    assert result.duration_ms < 5000


def test_oversized_body_is_refused(server: FeedServer):
    url = server.add("/f", Step(body=b"<rss>" + b" " * 50_000))
    result = fetch(url, policy=replace(FAST, max_bytes=10_000))
    assert result.status == "error" and "byte limit" in result.error


def test_gzip_bomb_stops_at_the_decompressed_limit(server: FeedServer):
    url = server.add("/f", Step(body=b"<rss>" + b"\0" * 5_000_000, gzip_body=True))
    result = fetch(url, policy=replace(FAST, max_bytes=100_000))
    assert result.status == "error" and "byte limit" in result.error


def test_gzip_encoded_feed_is_decoded(server: FeedServer):
    url = server.add("/f", Step(body=GOOD, gzip_body=True))
    result = fetch(url)
    assert result.body == GOOD
    assert gzip.compress(GOOD) != GOOD


def test_redirect_loop_stops_at_the_limit(server: FeedServer):
    server.add("/a", Step(status=302, headers={"Location": "/b"}))
    server.add("/b", Step(status=302, headers={"Location": "/a"}))
    result = fetch(server.url("/a"))
    assert result.status == "error" and "redirects" in result.error


def test_redirect_to_another_host_is_refused(server: FeedServer):
    url = server.add("/a", Step(status=301, headers={"Location": "http://example.org/feed"}))

    async def go():
        async with Fetcher(FAST) as f:
            return await f.get(url, allow=lambda u: None if "127.0.0.1" in u else "off host")

    result = asyncio.run(go())
    assert result.status == "refused" and "example.org" in result.error


def test_410_marks_the_feed_gone(server: FeedServer):
    assert fetch(server.add("/f", Step(status=410))).status == "gone"


def test_user_agent_is_honest_and_conditional_get_sends_validators(server: FeedServer):
    url = server.add("/f", Step(body=GOOD))
    first = fetch(url)
    second = fetch(url, etag=first.etag)
    assert second.status == "not_modified"
    headers = server.hits[-1][1]
    assert headers["user-agent"].startswith("Pulso/")
    assert headers["if-none-match"] == first.etag


def test_malformed_feed_next_to_good_ones_good_ones_land_and_run_reports_failure(server: FeedServer, tmp_path: Path):
    server.add("/good", Step(body=GOOD))
    server.add("/html", Step(body=b"<html><body>Not a feed</body></html>", content_type="text/html"))
    server.add("/down", Step(status=503))
    cfg = write_config(tmp_path / "m.toml", "".join(
        f'[[sources]]\nname = "{n}"\nurl = "{server.url("/" + n)}"\ncomments = false\n\n'
        for n in ("good", "html", "down")))
    reports = collect_once(cfg, tmp_path / "p.duckdb")
    assert [r.failed for r in reports] == [False, True, True]
    assert query(tmp_path / "p.duckdb", "SELECT count(*) FROM posts WHERE source_id = 'good'")[0][0] == 10
    errors = dict(query(tmp_path / "p.duckdb", "SELECT source_id, error FROM fetches WHERE status = 'error'"))
    assert errors["html"].startswith("no feed found on ")       # a web page: discovery found no feed on it
    assert errors["down"] == "HTTP 503 Service Unavailable"


def test_connection_refused_is_recorded(tmp_path: Path):
    cfg = write_config(tmp_path / "m.toml", '[[sources]]\nname = "x"\nurl = "http://127.0.0.1:9/feed"\n')
    reports = collect_once(cfg, tmp_path / "p.duckdb")
    assert reports[0].failed
    assert query(tmp_path / "p.duckdb", "SELECT error FROM fetches")[0][0] == "connection refused"


def test_a_body_naming_a_local_path_is_parsed_as_text_never_opened(server: FeedServer, tmp_path: Path):
    secret = tmp_path / "secret.xml"
    secret.write_bytes(GOOD)
    server.add("/f", Step(body=str(secret).encode()))
    cfg = write_config(tmp_path / "m.toml", f'[[sources]]\nname = "x"\nurl = "{server.url("/f")}"\n')
    reports = collect_once(cfg, tmp_path / "p.duckdb")
    assert reports[0].failed
    assert query(tmp_path / "p.duckdb", "SELECT count(*) FROM posts")[0][0] == 0


def test_a_web_page_with_no_feed_says_so_and_to_use_the_feed_url(server: FeedServer, tmp_path: Path):
    server.add("/blog/", Step(body=b"<!DOCTYPE html><html><head><title>Blog</title></head><body>Hola</body></html>",
                              content_type="text/html; charset=UTF-8"))
    cfg = write_config(tmp_path / "m.toml", f'[[sources]]\nname = "x"\nurl = "{server.url("/blog/")}"\n')
    reports = collect_once(cfg, tmp_path / "p.duckdb")
    assert reports[0].failed
    error = query(tmp_path / "p.duckdb", "SELECT error FROM fetches")[0][0]
    assert error.startswith(f"no feed found on {server.url('/blog/')}: the page declares no feed")
    assert error.endswith("use the blog's feed URL")
