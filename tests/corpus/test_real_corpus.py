"""Every real-world feed of the shared corpus, served over HTTP: each lands entries or is logged."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.conftest import collect_once, query, write_config
from tests.feedserver import FeedServer

pytestmark = pytest.mark.corpus


def test_every_real_feed_lands_entries_or_is_recorded_with_an_error(feeds_dir: Path, server: FeedServer,
                                                                     tmp_path: Path):
    files = sorted(row["file"] for row in csv.DictReader((feeds_dir / "INDEX.csv").open(encoding="utf-8")))
    sources = ""
    for i, name in enumerate(files):
        server.add(f"/{name}", (feeds_dir / "files" / name).read_bytes(), content_type="application/xml")
        sources += f'[[sources]]\nname = "s{i}"\nurl = "{server.url("/" + name)}"\n\n'
    db = tmp_path / "p.duckdb"
    reports = collect_once(write_config(tmp_path / "m.toml", sources), db)
    assert len(reports) == len(files) == 37
    landed = dict(query(db, "SELECT source_id, count(*) FROM posts GROUP BY 1"))
    logged = {r[0]: r[1] for r in query(db, "SELECT source_id, error FROM fetches WHERE kind = 'posts'")}
    for i, report in enumerate(reports):
        assert landed.get(f"s{i}", 0) > 0 or report.failed or report.errors or logged.get(f"s{i}") is None, files[i]
    failed = {files[i] for i, r in enumerate(reports) if r.failed}
    assert failed <= {"feedparser_ill_rss_empty_document.xml", "rssparser_unrecognized.rss",
                      "simplepie_feed-utf16le.xml"}, failed
    # Blogger export: published posts land (its draft, settings and template entries do not), its comment
    # lands under its post.
    hakyll = files.index("hakyll_blogger-000.xml")
    assert landed[f"s{hakyll}"] == 2
    assert query(db, "SELECT count(*) FROM comments WHERE source_id = $s", {"s": f"s{hakyll}"})[0][0] == 1
    # Links to real hosts inside these feeds were never followed: only our server was asked.
    requested = [r[0] for r in query(db, "SELECT url FROM fetches WHERE status <> 'refused'")]
    assert requested and all(url.startswith(server.base + "/") for url in requested)
    refused = [r[0] for r in query(db, "SELECT url FROM fetches WHERE status = 'refused'")]
    assert any("blogger.com" in url for url in refused)   # e.g. Blogger's paging link to www.blogger.com
    assert query(db, "SELECT count(*) FROM posts WHERE author LIKE '%@%'")[0][0] == 0
