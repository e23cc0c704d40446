"""Keeping stored rows true to the current config, lexicon and model without re-fetching anything.

Flags (is_mention, is_brand) are re-derived in SQL when the aliases or responders change, so adding a
responder fixes last year's reply times on the next collect. Sentiment is re-scored on demand
(`pulso sentiment rescore`), source by source, one transaction each.
"""

from __future__ import annotations

import hashlib
import re

import duckdb

from collector.config import Config
from collector.feeds.text import fold, name_key
from collector.feeds.threads import Enricher
from collector.storage import store


def mention_pattern(aliases: tuple[str, ...]) -> str:
    """RE2 has no look-behind: word boundaries are spelled as non-letter-or-start / end."""
    words = sorted({fold(a).strip() for a in aliases if a.strip()}, key=len, reverse=True)
    body = "|".join(re.escape(w) for w in words) or "(?!)"
    return r"(^|[^\pL\pN_])(" + body + r")([^\pL\pN_]|$)"


def refresh_flags_if_changed(con: duckdb.DuckDBPyConnection, config: Config) -> bool:
    """Re-derive scope flags when the config's aliases/responders differ from the last run's."""
    fingerprint = hashlib.sha1(repr((sorted(config.brand.aliases), sorted(config.brand.responders))).encode())
    value = fingerprint.hexdigest()[:16]
    previous = store.get_meta(con, "scope_fingerprint")
    if previous == value:
        return False
    if previous is not None:
        params = {"pattern": mention_pattern(config.brand.aliases)}
        con.execute("BEGIN TRANSACTION")
        con.execute(store.sql("refresh_post_mentions"), params)
        con.execute(store.sql("refresh_comment_flags"),
                    {**params, "responders": sorted({name_key(r) for r in config.brand.responders})})
        con.execute("COMMIT")
    store.set_meta(con, "scope_fingerprint", value)
    return previous is not None


def rescore(con: duckdb.DuckDBPyConnection, config: Config, enrich: Enricher) -> int:
    """Re-score every stored post and comment; returns how many texts were scored."""
    total = 0
    for source in config.sources:
        con.execute("BEGIN TRANSACTION")
        try:
            for kind, id_col in (("posts", "post_id"), ("comments", "comment_id")):
                frame = con.execute(store.sql("texts_to_rescore"),
                                    {"kind": kind, "source_id": source.name}).df()
                if frame.empty:
                    continue
                frame = frame.rename(columns={"id": id_col})
                if kind == "comments":
                    frame = frame.drop(columns=["title"])
                scored = enrich(frame, source.lang)[[id_col, "lang", "sentiment", "sentiment_label"]]
                con.register("rescored", scored)
                try:
                    con.execute(store.sql(f"rescore_{kind}"))
                finally:
                    con.unregister("rescored")
                total += len(scored)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return total
