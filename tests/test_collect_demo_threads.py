"""The demo's blogs collected over HTTP as `pulso demo` does: complete threads wherever the platform allows.

The generator's own records are the truth: each WordPress blog's `wp-api/comments.json` (every approved
comment, what its REST API answers from) and each Blogger blog's entry stores (what its paged feeds
serve on the stand-in for www.blogger.com).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import query
from tests.demokit import CollectedDemo

_NUMBER = re.compile(r"#comment-(\d+)$")


@pytest.fixture(scope="module")
def collected(demo_collected: CollectedDemo) -> tuple[CollectedDemo, Path, object]:
    """The session's collected demo (tests/conftest.py), read-only."""
    return demo_collected, demo_collected.db, demo_collected.report


def _api_blogs(demo: CollectedDemo) -> list[str]:
    return sorted(p.parent.parent.name for p in (demo.root / "wp").glob("*/wp-api/comments.json"))


def test_wordpress_blogs_with_the_api_on_have_every_approved_comment_with_its_exact_parent(collected) -> None:
    demo, db, _report = collected
    checked = 0
    for blog in _api_blogs(demo):
        via = query(db, "SELECT threads_via FROM sources WHERE source_id = $s", {"s": blog})[0][0]
        if via != "api":
            continue
        truth = {c["id"]: c["parent"] for c in demo.api_store(blog)}
        stored = {}
        for url, parent_url in query(db, """
                SELECT c.url, p.url FROM comments c LEFT JOIN comments p ON p.comment_id = c.parent_id
                WHERE c.source_id = $s AND c.kind = 'comment'""", {"s": blog}):
            parent = _NUMBER.search(parent_url or "")
            stored[int(_NUMBER.search(url).group(1))] = int(parent.group(1)) if parent else 0
        assert stored == truth, blog
        assert len(truth) > 10 * query(db, "SELECT count(*) FROM posts WHERE source_id = $s", {"s": blog})[0][0] \
            or any(n > 10 for n in _thread_sizes(demo, blog)), blog   # the threads really are longer than a feed
        checked += 1
    assert checked >= 2


def _thread_sizes(demo: CollectedDemo, blog: str) -> list[int]:
    sizes: dict[int, int] = {}
    for c in demo.api_store(blog):
        sizes[c["post"]] = sizes.get(c["post"], 0) + 1
    return list(sizes.values())


def test_a_blog_whose_api_is_off_is_read_from_its_feeds_and_marked_possibly_incomplete(collected) -> None:
    demo, db, report = collected
    off = dict(query(db, "SELECT source_id, threads_note FROM sources WHERE threads_via = 'feeds' "
                         "AND platform = 'wordpress'"))
    assert set(off) >= {"ahorro-y-consumo", "vida-en-valencia"} & {s.name for s in report.sources}
    for blog, note in off.items():
        assert "REST API" in note
        stored = query(db, "SELECT count(*) FROM comments WHERE source_id = $s AND kind = 'comment'", {"s": blog})
        assert stored[0][0] <= len(demo.api_store(blog))


def test_blogger_blogs_are_read_whole_across_their_feed_hosts_pages(collected) -> None:
    demo, db, report = collected
    blogs = sorted(p.name for p in (demo.root / "blogger").iterdir() if p.is_dir())
    assert blogs
    for blog in blogs:
        posts = json.loads((demo.root / "blogger" / blog / "feeds" / "posts" / "default" / "blogger.json")
                           .read_text(encoding="utf-8"))["entries"]
        comments = [e for store in (demo.root / "blogger" / blog / "feeds").glob("[0-9]*/comments/default/blogger.json")
                    for e in json.loads(store.read_text(encoding="utf-8"))["entries"]]       # every post's thread
        assert query(db, "SELECT count(*) FROM posts WHERE source_id = $s", {"s": blog})[0][0] == len(posts), blog
        assert query(db, "SELECT count(*) FROM comments WHERE source_id = $s", {"s": blog})[0][0] == len(comments)
        line = next(r for r in report.sources if r.name == blog)
        assert not line.partial and not line.failed, line.line()
