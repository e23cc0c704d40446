"""Keeping stored rows true to the current config, lexicon and model without re-fetching anything.

Flags (is_mention, brands, is_brand) are re-derived when any brand's aliases or responders, or a source's
owner, change, so adding a responder fixes last year's reply times on the next collect. The refresh queries
call the collect-time rules (`collector.matching.Scope`) as DuckDB functions: a flag never depends on which
path computed it.
Sentiment and intent are re-scored by `pulso sentiment rescore`, source by source, one transaction each,
and by the first collect after the scorer changed (new lexicons or rules after an upgrade, another trained
model, edited overrides): stored scores and intents then never mix two versions of the rules.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import duckdb
import pyarrow as pa

from collector.config import Config
from collector.feeds.threads import Enricher
from collector.matching import RULES_VERSION, Scope
from collector.storage import intents, store


def scope_fingerprint(config: Config) -> str:
    """What the stored flags depend on: every brand's name, aliases and responders (the brand's first, then
    the competitors' in order: `brands` lists follow it), the sources' owners and the rules' version."""
    brands = [(config.brand.name, sorted(config.brand.aliases), sorted(config.brand.responders))]
    brands += [(c.name, sorted(c.aliases), sorted(c.responders)) for c in config.competitors]
    owners = sorted((s.name, s.owner) for s in config.sources if s.owner is not None)
    scope = (RULES_VERSION, brands, owners)
    return hashlib.sha1(repr(scope).encode()).hexdigest()[:16]


def refresh_flags_if_changed(con: duckdb.DuckDBPyConnection, config: Config) -> bool:
    """Re-derive scope flags when the config's aliases/responders (or the rules) differ from the last run's."""
    value = scope_fingerprint(config)
    previous = store.get_meta(con, "scope_fingerprint")
    if previous == value:
        return False
    if previous is not None:
        with scope_functions(con, Scope.of_config(config)), store.transaction(con):
            con.execute(store.sql("refresh_post_mentions"))
            con.execute(store.sql("refresh_comment_flags"))
    store.set_meta(con, "scope_fingerprint", value)
    return previous is not None


@contextmanager
def scope_functions(con: duckdb.DuckDBPyConnection, scope: Scope) -> Iterator[None]:
    """`scope`'s rules as SQL functions for the refresh queries, so SQL never re-implements them:
    pulso_mention(title, text), pulso_brands(title, text), pulso_brand(author, owner) — `owner` the
    source's (a competitor's own blog: its responders). Arrow-vectorised: ~1.5 s per 100k texts."""
    owners: dict[str | None, Scope] = {}

    def mention(titles: pa.Array, texts: pa.Array) -> pa.Array:
        return _each(scope.is_mention, titles, texts)

    def brands(titles: pa.Array, texts: pa.Array) -> pa.Array:
        found = [list(scope.brands_in(*row)) for row in zip(titles.to_pylist(), texts.to_pylist(), strict=True)]
        return pa.array(found, pa.list_(pa.string()))

    def brand(authors: pa.Array, sources_owners: pa.Array) -> pa.Array:
        def rule(author: str | None, owner: str | None) -> bool:
            if owner not in owners:
                owners[owner] = scope.for_owner(owner)
            return owners[owner].is_brand(author)
        return _each(rule, authors, sources_owners)

    functions = {"pulso_mention": (mention, ["VARCHAR", "VARCHAR"], "BOOLEAN"),
                 "pulso_brands": (brands, ["VARCHAR", "VARCHAR"], "VARCHAR[]"),
                 "pulso_brand": (brand, ["VARCHAR", "VARCHAR"], "BOOLEAN")}
    for name, (function, parameters, returns) in functions.items():
        con.create_function(name, function, parameters, returns, type="arrow", null_handling="special")
    try:
        yield
    finally:
        for name in functions:
            con.remove_function(name)


def _each(rule: Callable[..., bool], *columns: pa.Array) -> pa.Array:
    return pa.array([rule(*row) for row in zip(*(c.to_pylist() for c in columns), strict=True)], pa.bool_())


def rescore(con: duckdb.DuckDBPyConnection, config: Config, enrich: Enricher) -> int:
    """Re-score every stored post and comment, then work out every comment's intent again from the new
    scores over whole threads (collector.storage.intents); returns how many texts were scored."""
    total = 0
    for source in config.sources:
        with store.transaction(con):
            post_langs: dict[str, str | None] = {}  # a short reply's thread: its post's new language
            for kind, id_col in (("posts", "post_id"), ("comments", "comment_id")):
                frame = con.execute(store.sql("texts_to_rescore"),
                                    {"kind": kind, "source_id": source.name}).df()
                if frame.empty:
                    continue
                frame = frame.rename(columns={"id": id_col})
                if kind == "comments":
                    frame = frame.drop(columns=["title"]).rename(columns={"thread_post_id": "post_id"})
                    scored = enrich(frame, source.lang, post_langs)
                else:
                    scored = enrich(frame.drop(columns=["thread_post_id", "parent_id"]), source.lang)
                    post_langs = dict(zip(scored["post_id"], scored["lang"], strict=True))
                scored = scored[[id_col, "lang", "sentiment", "sentiment_label"]]
                con.register("rescored", scored)
                try:
                    con.execute(store.sql(f"rescore_{kind}"))
                finally:
                    con.unregister("rescored")
                total += len(scored)
            intents.classify_source(con, source.name, everything=True)
    fingerprint = getattr(enrich, "fingerprint", None)   # a bare function (tests) has none
    if fingerprint is not None:
        store.set_meta(con, SCORER_KEY, fingerprint)
    return total


SCORER_KEY = "scorer_fingerprint"


def rescore_if_changed(con: duckdb.DuckDBPyConnection, config: Config, enrich: Enricher,
                       notice: Callable[[str], None] | None = None) -> int | None:
    """Re-score every stored text when the scorer differs from the one that scored them (see
    `Enrich.fingerprint`); a database scored before fingerprints existed counts as different.
    Returns how many texts were re-scored, or None when nothing had to be."""
    current = getattr(enrich, "fingerprint", None)
    if current is None:
        return None
    previous = store.get_meta(con, SCORER_KEY)
    if previous == current:
        return None
    stored = con.execute(store.sql("count_texts")).fetchone()[0]
    if not stored:
        store.set_meta(con, SCORER_KEY, current)
        return None
    if notice is not None:
        notice(f"re-scoring {stored:,} stored texts: the sentiment/intent rules, model or overrides changed "
               f"since they were scored")
    return rescore(con, config, enrich)
