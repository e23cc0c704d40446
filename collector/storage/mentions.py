"""One post per article: what the database says about search sources' articles (collector.search_sources).

Why here: a search source's entries are articles on other sites, which a blog source or another search
source may hold already. The source asks before it stores an entry (`urls_posted_elsewhere`); what it
cannot see — a blog collected in the same run, or configured later — is settled after the run's writes
(`drop_duplicate_mentions`): the blog's post wins, else the first stored search post.
"""

from __future__ import annotations

import duckdb

from collector.storage import store


def urls_posted_elsewhere(con: duckdb.DuckDBPyConnection, source_id: str, urls: list[str]) -> set[str]:
    """The `urls` that are already the URL of a post of another source than `source_id`."""
    if not urls:
        return set()
    rows = con.execute(store.sql("post_urls_elsewhere"), {"source_id": source_id, "urls": urls}).fetchall()
    return {url for (url,) in rows}


def drop_duplicate_mentions(con: duckdb.DuckDBPyConnection) -> int:
    """Delete the search posts (and their comments) that another post already is; returns how many.
    One transaction: a post never loses its comments without going itself."""
    ids = [post_id for (post_id,) in con.execute(store.sql("duplicate_mentions")).fetchall()]
    if ids:
        with store.transaction(con):
            con.execute(store.sql("delete_posts_comments"), {"post_ids": ids})
            con.execute(store.sql("delete_posts"), {"post_ids": ids})
    return len(ids)
