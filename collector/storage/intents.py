"""Intents of stored comments (comments.intent, comments.intent_cues), worked out over whole threads.

Why after the write and over whole threads: a comment's intent depends on its thread — a reply to
another customer's question is a peer answer, a thanks after a brand reply closes the case — so it is
decided from the stored thread, which holds the comments of earlier runs too, not from one run's batch.

Which threads: every comment written new or changed has its intent set to NULL by the upsert, and so has
one whose brand flag a responders change re-derived; a thread holding a NULL intent is classified again,
whole. So a new brand reply or an edited parent re-decides the replies under it, a run killed between the
write and the classification is caught up by the next one, and a database upgraded to intents is
classified by its first collect. Only rows whose intent or cues changed are written.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import duckdb
import pyarrow as pa

from collector.sentiment.intent import Intent, ThreadComment, classify_threads
from collector.storage import store

#: Comments classified per round trip: bounds the memory of a first run over a large source.
CHUNK_COMMENTS = 20_000
#: Cues kept in intent_cues, the heaviest first.
MAX_CUES = 4
NO_CLEAR_CUE = "no clear cue"


def cues_text(intent: Intent) -> str:
    """The cues that decided `intent`, in words, heaviest first ("sigo sin; ?; sentiment -0.62")."""
    deciding = sorted((c for c in intent.decided_by if c.weight > 0), key=lambda c: -c.weight)
    return "; ".join(c.text for c in deciding[:MAX_CUES]) or NO_CLEAR_CUE


def _chunks(posts: Sequence[tuple[str, int]], limit: int) -> Iterator[list[str]]:
    """Post ids in groups of about `limit` comments (a thread is never split)."""
    group: list[str] = []
    size = 0
    for post_id, count in posts:
        if group and size + count > limit:
            yield group
            group, size = [], 0
        group.append(post_id)
        size += count
    if group:
        yield group


def _classify_posts(con: duckdb.DuckDBPyConnection, post_ids: list[str]) -> int:
    rows = con.sql(store.sql("intent_threads"), params={"post_ids": post_ids}).to_arrow_table().to_pylist()
    thread = [ThreadComment(r["comment_id"], r["post_id"], r["parent_id"], r["is_brand"], r["published_at"],
                            r["text"], r["lang"], r["sentiment"]) for r in rows]
    changed: dict[str, list[str]] = {"comment_id": [], "intent": [], "intent_cues": []}
    for row, intent in zip(rows, classify_threads(thread), strict=True):
        cues = cues_text(intent)
        if (intent.label, cues) != (row["intent"], row["intent_cues"]):
            changed["comment_id"].append(row["comment_id"])
            changed["intent"].append(intent.label)
            changed["intent_cues"].append(cues)
    if changed["comment_id"]:
        con.register("new_intents", pa.table(changed))
        try:
            con.execute(store.sql("update_intents"))
        finally:
            con.unregister("new_intents")
    return len(changed["comment_id"])


def classify_source(con: duckdb.DuckDBPyConnection, source_id: str, *, everything: bool = False) -> int:
    """Work out the intents of the source's threads that need it (all of them with `everything`) and write
    the changed ones; returns how many comments changed. Uses the stored sentiment scores (scoring the
    comments that have none), so run it after the texts are scored."""
    posts = con.execute(store.sql("intent_posts"), {"source_id": source_id, "everything": everything}).fetchall()
    return sum(_classify_posts(con, group) for group in _chunks(posts, CHUNK_COMMENTS))
