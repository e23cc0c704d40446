"""Server faults not covered in tests/test_fetch_faults.py, over real HTTP on 127.0.0.1.

Each fault ends as a row in `fetches` with words a person can act on; none stops the other sources.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from collector.fetching.client import Fetcher
from tests.conftest import FAST, FIXTURES, collect_once, query, write_config
from tests.feedserver import FeedServer, Step

GOOD = (FIXTURES / "feeds" / "wordpress_posts.xml").read_bytes()


def fetch(url: str, policy=FAST):
    async def go():
        async with Fetcher(policy) as f:
            return await f.get(url, allow=lambda u: None)

    return asyncio.run(go())


def sources(**urls: str) -> str:
    return "".join(f'[[sources]]\nname = "{n}"\nurl = "{u}"\ncomments = false\n\n' for n, u in urls.items())


def test_dns_failure_is_recorded_and_other_sources_land(server: FeedServer, tmp_path: Path):
    # .invalid is reserved (RFC 2606/6761): it never resolves, so nothing leaves the machine.
    cfg = write_config(tmp_path / "m.toml", sources(good=server.add("/good", GOOD),
                                                     nodns="http://pulso-feed.invalid/feed"))
    reports = collect_once(cfg, tmp_path / "p.duckdb")
    assert [r.failed for r in reports] == [False, True]
    error = query(tmp_path / "p.duckdb", "SELECT error FROM fetches WHERE source_id = 'nodns'")[0][0]
    assert error.startswith("DNS lookup failed"), error
    assert query(tmp_path / "p.duckdb", "SELECT count(*) FROM posts WHERE source_id = 'good'")[0][0] == 10


def test_tls_error_against_a_plain_http_server(server: FeedServer, tmp_path: Path):
    server.add("/f", GOOD)
    https = server.base.replace("http://", "https://") + "/f"
    cfg = write_config(tmp_path / "m.toml", sources(tls=https))
    reports = collect_once(cfg, tmp_path / "p.duckdb")
    assert reports[0].failed
    error = query(tmp_path / "p.duckdb", "SELECT error FROM fetches")[0][0]
    assert error.startswith("TLS error"), error


def test_read_timeout_mid_body_is_reported_and_retried(server: FeedServer):
    url = server.add("/f", Step(body=GOOD, stall_after=200, stall=3), Step(body=GOOD))
    result = fetch(url, replace(FAST, read_timeout=1, retries=1))
    assert (result.status, result.attempts) == ("ok", 2)     # the second attempt got the whole body
    url = server.add("/g", Step(body=GOOD, stall_after=200, stall=3))
    result = fetch(url, replace(FAST, read_timeout=1, retries=0))
    assert result.status == "error" and "timed out" in result.error and result.body is None


def test_connection_cut_mid_body_keeps_nothing_partial(server: FeedServer, tmp_path: Path):
    url = server.add("/f", Step(body=GOOD, cut_after=500))
    cfg = write_config(tmp_path / "m.toml", sources(cut=url))
    reports = collect_once(cfg, tmp_path / "p.duckdb")
    assert reports[0].failed
    status, error, entries = query(tmp_path / "p.duckdb", "SELECT status, error, entries FROM fetches")[0]
    assert status == "error" and error.startswith("server broke the connection"), error
    assert entries is None
    assert query(tmp_path / "p.duckdb", "SELECT count(*) FROM posts")[0][0] == 0


def test_404_is_an_error_not_gone_and_is_retried_next_run(server: FeedServer, tmp_path: Path):
    url = server.add("/f", Step(status=404, body=b"nope"), Step(body=GOOD))
    cfg = write_config(tmp_path / "m.toml", sources(x=url))
    db = tmp_path / "p.duckdb"
    assert collect_once(cfg, db)[0].failed
    assert query(db, "SELECT status, http_status, error FROM fetches")[0] == ("error", 404, "HTTP 404 Not Found")
    assert query(db, "SELECT count(*) FROM feed_state WHERE gone")[0][0] == 0
    assert not collect_once(cfg, db)[0].failed              # a 404 is not permanent: asked again, lands
    assert query(db, "SELECT count(*) FROM posts")[0][0] == 10


def test_410_stops_further_requests_for_a_comment_feed(server: FeedServer, tmp_path: Path):
    feed = GOOD.replace(b"<slash:comments>0<", b"<slash:comments>2<", 1).replace(  # a count of 0 costs no request
        b"</item>", b"<wfw:commentRss>{base}/c</wfw:commentRss></item>", 1).replace(
        b"{base}", server.base.encode())
    server.add("/f", feed)
    server.add("/c", Step(status=410))
    cfg = write_config(tmp_path / "m.toml", f'[[sources]]\nname = "x"\nurl = "{server.url("/f")}"\n')
    db = tmp_path / "p.duckdb"
    collect_once(cfg, db)
    collect_once(cfg, db)
    assert server.count("/c") == 1
    assert query(db, "SELECT gone FROM feed_state WHERE url = $u", {"u": server.url("/c")})[0][0] is True


def _rss(title: str, desc: str, *, decl: str | None = "utf-8") -> str:
    head = f'<?xml version="1.0" encoding="{decl}"?>' if decl else '<?xml version="1.0"?>'
    return (head + '<rss version="2.0"><channel><title>Canal</title><link>http://127.0.0.1/</link>'
            f'<item><title>{title}</title><guid>g1</guid><link>http://127.0.0.1/1</link>'
            '<pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate>'
            f'<description>{desc}</description></item></channel></rss>')


def test_wrong_or_missing_charset_still_reads_accents(server: FeedServer, tmp_path: Path):
    title, desc = "Atención al cliente «ñ»", "Pésima atención, ¿dónde está mi reembolso?"
    cases = {
        # UTF-8 bytes, but the header says Latin-1
        "utf8-said-latin1": (_rss(title, desc).encode("utf-8"), "application/rss+xml; charset=ISO-8859-1"),
        # Latin-1 bytes declared in the XML, but the header says UTF-8
        "latin1-said-utf8": (_rss(title, desc, decl="iso-8859-1").encode("latin-1"),
                             "application/rss+xml; charset=UTF-8"),
        # windows-1252 bytes, no declaration anywhere
        "cp1252-no-charset": (_rss(title + " “citado”", desc, decl=None).encode("cp1252"), "application/rss+xml"),
        # text/xml with no charset (RFC 3023 says us-ascii) carrying UTF-8
        "textxml-no-charset": (_rss(title, desc, decl=None).encode("utf-8"), "text/xml"),
        # an unknown charset name
        "bogus-charset": (_rss(title, desc).encode("utf-8"), "application/rss+xml; charset=klingon-8"),
    }
    for name, (body, ctype) in cases.items():
        server.add(f"/{name}", body, content_type=ctype)
    cfg = write_config(tmp_path / "m.toml", sources(**{n: server.url(f"/{n}") for n in cases}))
    db = tmp_path / "p.duckdb"
    reports = collect_once(cfg, db)
    assert not any(r.failed for r in reports)
    rows = dict((s, (t, x)) for s, t, x in query(db, "SELECT source_id, title, text FROM posts"))
    assert set(rows) == set(cases)
    for name, (got_title, got_text) in rows.items():
        assert got_title.startswith(title), (name, got_title)
        assert got_text == desc, (name, got_text)
        assert "Ã" not in got_title + got_text and "\ufffd" not in got_title + got_text, name


def test_utf8_feed_with_a_stray_latin1_byte_keeps_its_good_text(server: FeedServer, tmp_path: Path):
    body = _rss("Atención ñ", "Buen servicio 😀").encode("utf-8").replace(b"Canal", b"Canal \xe9")
    cfg = write_config(tmp_path / "m.toml", sources(mixed=server.add("/m", body)))
    db = tmp_path / "p.duckdb"
    assert not collect_once(cfg, db)[0].failed
    assert query(db, "SELECT title, text FROM posts") == [("Atención ñ", "Buen servicio 😀")]


def test_utf16_body_without_bom_is_read(server: FeedServer, tmp_path: Path):
    body = _rss("Atención ñ", "Buen servicio 😀", decl=None).encode("utf-16-le")   # Python's -le/-be add no BOM
    assert body[:2] not in (b"\xff\xfe", b"\xfe\xff") and b"\0" in body[:10]
    be = body.decode("utf-16-le").encode("utf-16-be")
    cfg = write_config(tmp_path / "m.toml", sources(
        le=server.add("/le", body, content_type="application/xml"),
        be=server.add("/be", be, content_type="text/xml; charset=utf-16"),
    ))
    db = tmp_path / "p.duckdb"
    reports = collect_once(cfg, db)
    assert [r.failed for r in reports] == [False, False], [r.errors for r in reports]
    assert sorted(query(db, "SELECT source_id, title, text FROM posts")) == [
        ("be", "Atención ñ", "Buen servicio 😀"), ("le", "Atención ñ", "Buen servicio 😀")]


def _rotating_feed(run: int, items: int = 5) -> bytes:
    """A feed that mints new guids on every fetch (session tokens in guids do this)."""
    base = datetime(2026, 11, 2, 10, tzinfo=UTC)
    entries = "".join(
        f"<item><title>Entrada {i}</title><guid isPermaLink=\"false\">urn:run{run}:item{i}</guid>"
        f"<link>http://127.0.0.1/p/{i}</link><pubDate>{format_datetime(base + timedelta(hours=i))}</pubDate>"
        f"<description>texto {i}</description></item>"
        for i in range(items))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Rotating</title>'
            f"<link>http://127.0.0.1/</link>{entries}</channel></rss>").encode()


def _rotating_comments(run: int) -> bytes:
    base = datetime(2026, 11, 2, 12, tzinfo=UTC)
    entries = "".join(
        f"<item><title>c{i}</title><guid isPermaLink=\"false\">tok-{run}-{i}</guid>"
        f"<link>http://127.0.0.1/p/0?c={i}</link><dc:creator>Lector {i}</dc:creator>"
        f"<pubDate>{format_datetime(base + timedelta(minutes=i))}</pubDate>"
        f"<description>comentario {i}</description></item>"
        for i in range(4))
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Comments</title>'
            f"<link>http://127.0.0.1/</link>{entries}</channel></rss>").encode()


def test_feed_changing_guids_every_fetch_does_not_duplicate(server: FeedServer, tmp_path: Path):
    server.add("/f", *[Step(body=_rotating_feed(run), etag=False) for run in range(4)])
    server.add("/c", *[Step(body=_rotating_comments(run), etag=False) for run in range(4)])
    cfg = write_config(tmp_path / "m.toml", f'[[sources]]\nname = "rot"\nurl = "{server.url("/f")}"\n'
                                            f'comments_url = "{server.url("/c")}"\n')
    db = tmp_path / "p.duckdb"
    for _ in range(4):
        reports = collect_once(cfg, db)
        assert not reports[0].failed
    assert server.count("/f") == 4
    assert query(db, "SELECT count(*), count(DISTINCT url) FROM posts") == [(5, 5)]
    assert query(db, "SELECT count(*), count(DISTINCT url) FROM comments") == [(4, 4)]
    # the last run found nothing new
    assert (reports[0].posts_new, reports[0].comments_new) == (0, 0)


def test_distinct_items_sharing_link_and_date_are_not_merged(server: FeedServer, tmp_path: Path):
    """Two items that both stay in the feed are two items, even with the same link and date."""
    same = ("<link>http://127.0.0.1/digest</link><pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate>")
    body = ('<?xml version="1.0"?><rss version="2.0"><channel><title>D</title><link>http://127.0.0.1/</link>'
            f"<item><title>A</title><guid>a</guid>{same}</item><item><title>B</title><guid>b</guid>{same}</item>"
            "</channel></rss>").encode()
    more = body.replace(b"</channel>", f"<item><title>C</title><guid>c</guid>{same}</item></channel>".encode())
    server.add("/f", Step(body=body), Step(body=more))
    cfg = write_config(tmp_path / "m.toml", sources(d=server.url("/f")))
    db = tmp_path / "p.duckdb"
    collect_once(cfg, db)
    collect_once(cfg, db)
    assert sorted(t for (t,) in query(db, "SELECT title FROM posts")) == ["A", "B", "C"]


def test_a_post_counting_no_comments_never_costs_a_comment_feed_request(server: FeedServer, tmp_path: Path):
    feed = GOOD.replace(b"</item>", b"<wfw:commentRss>{base}/c0</wfw:commentRss></item>", 1).replace(
        b"{base}", server.base.encode())
    assert b"<slash:comments>0<" in feed.split(b"</item>")[0]
    server.add("/f", feed)
    server.add("/c0", b"<rss version='2.0'><channel><title>c</title></channel></rss>")
    cfg = write_config(tmp_path / "m.toml", f'[[sources]]\nname = "x"\nurl = "{server.url("/f")}"\n')
    collect_once(cfg, tmp_path / "p.duckdb")
    collect_once(cfg, tmp_path / "p.duckdb")                 # the stored post too: its count was 0
    assert server.count("/c0") == 0
