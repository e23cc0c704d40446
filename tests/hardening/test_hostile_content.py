"""Hostile feed content through the real collector and a real DuckDB file.

Entities never expand and never reach a file or a host; links survive only as http(s) without
tracking parameters; control and bidi-override characters go, emoji stay; long values are kept whole.
"""

from __future__ import annotations

import resource
import time
from pathlib import Path

from collector.feeds.parse import parse_feed
from tests.conftest import collect_once, query, write_config
from tests.feedserver import FeedServer
from tests.hardening.hostile import LONG_AUTHOR, LONG_TITLE, RLO, serve_hostile

LAUGHS = "".join(
    f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10))


def _feed_with_dtd(dtd: str, title: str, text: str = "x") -> bytes:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n{dtd}]>\n<rss version="2.0"><channel><title>T</title>'
            f"<link>http://127.0.0.1/</link><item><title>{title}</title><guid>g1</guid>"
            f"<link>http://127.0.0.1/1</link><description>{text}</description></item></channel></rss>").encode()


def test_billion_laughs_does_not_expand():
    variants = [
        _feed_with_dtd('<!ENTITY lol0 "lol">\n' + LAUGHS, "&lol9;", "&lol9;"),
        # all on one line, which slips past line-anchored entity filters
        _feed_with_dtd(('<!ENTITY lol0 "lol">' + LAUGHS).replace("\n", " "), "&lol9;", "&lol9;"),
        # quadratic blow-up: one big entity referenced many times
        _feed_with_dtd(f'<!ENTITY big "{"x" * 100_000}">\n', "&big;" * 1000, "t"),
    ]
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for body in variants:
        started = time.perf_counter()
        parsed = parse_feed(body, "http://127.0.0.1/feed")
        assert time.perf_counter() - started < 2
        assert parsed.problem is None and len(parsed.posts) == 1
        post = parsed.posts[0]
        assert len(post.title) < 200_000 and len(post.text) < 10_000, (len(post.title), len(post.text))
        assert "lollollol" not in post.title + post.text
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before < 200_000   # KiB: < 200 MB


def test_external_entities_read_no_file_and_fetch_nothing(server: FeedServer, tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    server.add("/evil.dtd", f'<!ENTITY leak SYSTEM "file://{secret}">'.encode(), content_type="application/xml-dtd")
    server.add("/ext.txt", b"FROM-THE-NETWORK", content_type="text/plain")
    variants = [
        _feed_with_dtd(f'<!ENTITY x SYSTEM "file://{secret}">\n', "A &x; B", "&x;"),
        _feed_with_dtd(f'<!ENTITY x SYSTEM "file://{secret}">', "A &x; B", "&x;").replace(b"\n", b" "),
        _feed_with_dtd(f'<!ENTITY x SYSTEM "{server.url("/ext.txt")}">\n', "A &x; B", "&x;"),
        _feed_with_dtd(f'<!ENTITY % p SYSTEM "{server.url("/evil.dtd")}">\n%p;\n', "A &leak; B", "&leak;"),
        (f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{server.url("/evil.dtd")}"><rss version="2.0"><channel>'
         "<title>T</title><item><title>&leak;</title><guid>g</guid></item></channel></rss>").encode(),
    ]
    for body in variants:
        parsed = parse_feed(body, "http://127.0.0.1/feed")
        seen = " ".join(p.title + p.text for p in parsed.posts)
        assert "TOP-SECRET" not in seen and "FROM-THE-NETWORK" not in seen, seen
    assert server.hits == []          # neither the DTD nor the entity was ever requested


def test_hostile_feed_lands_clean(server: FeedServer, tmp_path: Path):
    url = serve_hostile(server)
    cfg = write_config(tmp_path / "m.toml", f'[[sources]]\nname = "h"\nurl = "{url}"\nowned = true\n')
    db = tmp_path / "p.duckdb"
    report = collect_once(cfg, db)[0]
    assert not report.failed
    posts = {g: (u, t, a, x) for g, u, t, a, x in query(db, "SELECT guid, url, title, author, text FROM posts")}
    assert len(posts) == 3
    url1, _, author1, text1 = posts[server.url("/?p=1")]
    # tracking parameters gone, the meaningful one kept
    assert url1 == server.url("/entrada-1/?id=7")
    # javascript: and data: links are dropped, the items kept
    assert posts[server.url("/?p=2")][0] is None and posts[server.url("/?p=3")][0] is None
    # long values are kept whole in the database (pages cut them)
    assert posts[server.url("/?p=2")][1] == LONG_TITLE and posts[server.url("/?p=2")][2] == LONG_AUTHOR
    # markup is text: script/style/iframe bodies dropped, tags gone, nothing executable stored as markup
    assert author1 == "Ana Ruiz"
    assert "window.__xss=2" not in text1 and "display:none" not in text1 and "<" not in text1
    assert "\x01" not in text1 and RLO not in text1 and "😀🇪🇸" in text1
    comments = {u: (a, x) for u, a, x in query(db, "SELECT url, author, text FROM comments")}
    assert len(comments) == 2
    eve = comments[server.url("/entrada-1/#comment-11")]        # utm_source stripped, fragment kept
    assert RLO not in eve[0] and "😡" in eve[1]
    # a file: comment feed is refused and logged, never opened
    refused = query(db, "SELECT url, error FROM fetches WHERE status = 'refused'")
    assert len(refused) == 1 and refused[0][0].startswith("file:") and refused[0][1] == "not an http(s) URL (file:)"
    assert report.refused == 1
    # nothing stored anywhere carries a tracking parameter
    urls = [u for (u,) in query(db, "SELECT url FROM posts UNION ALL SELECT url FROM comments") if u]
    assert not any(k in u for u in urls for k in ("utm_", "fbclid", "gclid"))


def test_short_flat_entities_of_an_internal_dtd_still_resolve():
    body = _feed_with_dtd('<!ENTITY marca "Acme">\n<!ENTITY copia "&#169;">\n', "&marca; &copia; 2026", "&marca;")
    post = parse_feed(body, "http://127.0.0.1/feed").posts[0]
    assert (post.title, post.text) == ("Acme © 2026", "Acme")
