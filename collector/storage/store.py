"""DuckDB storage: schema and migrations, reads collect needs, and one transaction per source.

The database is the contract between the collector and the report layer; `schema.sql` documents it.
"""

from __future__ import annotations

import contextlib
import functools
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

SCHEMA_VERSION = 1


class StorageError(Exception):
    """The database cannot be opened or written (read-only file or folder, disk full, damaged file)."""


def _storage_error(action: str, path: Path | str, exc: BaseException) -> StorageError:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    low = text.lower()
    if "read-only" in low or "permission denied" in low or "read only" in low:
        hint = "the file or its folder is read-only; make it writable or pass --db with a writable path"
    elif "no space" in low or "disk full" in low or "could not write" in low:
        hint = ("the disk is full; free some space and run again (sources finished before this one are "
                "kept, this one was rolled back)")
    else:
        hint = "check the file; if it is damaged, restore the last good copy (see README, Operating it)"
    return StorageError(f"cannot {action} the database {path}: {text} - {hint}")


@functools.cache
def sql(name: str, package: str = "collector.storage") -> str:
    """The text of the named query file `<package>/sql/<name>.sql` (one query per file)."""
    return resources.files(package).joinpath("sql", f"{name}.sql").read_text(encoding="utf-8")


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("collector.storage").joinpath("sql", "migrations")
    if not folder.is_dir():
        return []
    found = []
    for item in folder.iterdir():
        if item.name.endswith(".sql") and item.name[:3].isdigit():
            found.append((int(item.name[:3]), item.read_text(encoding="utf-8")))
    return sorted(found)


def connect(path: Path | str, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database, creating or migrating the schema when writable."""
    path = Path(path)
    if read_only:
        try:
            return duckdb.connect(str(path), read_only=True)
        except (duckdb.Error, OSError) as exc:
            raise _storage_error("open", path, exc) from exc
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(path))
        try:
            return _prepare(con)
        except BaseException:
            con.close()
            raise
    except (duckdb.Error, OSError) as exc:
        raise _storage_error("open", path, exc) from exc


def _prepare(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    con.execute("SET TimeZone = 'UTC'")
    con.execute(sql("schema"))
    version = int(get_meta(con, "schema_version") or SCHEMA_VERSION)
    for number, script in _migrations():
        if number > version:
            con.execute("BEGIN TRANSACTION")
            con.execute(script)
            set_meta(con, "schema_version", str(number))
            con.execute("COMMIT")
            version = number
    set_meta(con, "schema_version", str(version))
    con.execute(sql("responses"))
    return con


def get_meta(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    rows = con.execute(sql("get_meta"), {"key": key}).fetchall()
    return rows[0][0] if rows else None


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute(sql("set_meta"), {"key": key, "value": value})


@dataclass
class SourceState:
    """What the database already knows about one source: its posts and feeds, read before collecting it;
    its comments only as far as this run's parsed comments need them (see `add_comment_state`)."""

    post_ids_by_key: dict[str, str] = field(default_factory=dict)
    post_ids_by_url: dict[str, str] = field(default_factory=dict)
    post_hashes: dict[str, str] = field(default_factory=dict)
    comment_hashes: dict[str, str] = field(default_factory=dict)
    comment_feeds: dict[str, str] = field(default_factory=dict)   # feed url -> post_id
    published: dict[str, datetime] = field(default_factory=dict)  # post_id -> published_at
    validators: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    gone: set[str] = field(default_factory=set)
    # (link, published date) -> the stored post's guid / comment's id; None when two stored items share it.
    # A feed that mints a new guid on every fetch is recognised by these (see rows.same_items).
    post_link_dates: dict[tuple[str, datetime], str | None] = field(default_factory=dict)
    comment_link_dates: dict[tuple[str, datetime], str | None] = field(default_factory=dict)
    has_entries: bool = False   # entries of this source were recorded as read (feed_entries)


def _add_link_date(index: dict[tuple[str, datetime], str | None], url: str | None, when: datetime | None,
                   value: str, estimated: bool = False) -> None:
    if not url or when is None or estimated:
        return
    key = (url, when)
    index[key] = None if key in index and index[key] != value else value


def load_source_state(con: duckdb.DuckDBPyConnection, source_id: str) -> SourceState:
    """Posts and feed validators of one source. Comments are left out: a source holds ~50 times more
    comments than posts, and a nightly run parses few of them (see `add_comment_state`)."""
    state = SourceState()
    params = {"source_id": source_id}
    for post_id, guid, url, feed_url, content_hash, published, estimated in con.execute(
            sql("source_posts"), params).fetchall():
        state.published[post_id] = published
        state.post_ids_by_key[guid] = post_id
        if url:
            state.post_ids_by_url[url] = post_id
        if feed_url:
            state.comment_feeds[feed_url] = post_id
        state.post_hashes[post_id] = content_hash
        _add_link_date(state.post_link_dates, url, published, guid, estimated)
    for url, etag, last_modified, gone in con.execute(sql("source_feed_state"), params).fetchall():
        state.validators[url] = (etag, last_modified)
        if gone:
            state.gone.add(url)
    state.has_entries = bool(con.execute(sql("source_has_entries"), params).fetchall()[0][0])
    return state


def source_entry_digests(con: duckdb.DuckDBPyConnection, source_id: str) -> set[int]:
    """The digests of every feed entry the source has read (collector.delta)."""
    column = con.execute(sql("source_entry_digests"), {"source_id": source_id}).fetchnumpy()["digest"]
    return set(column.tolist())


def entry_keys(con: duckdb.DuckDBPyConnection, source_id: str, digests: list[int]) -> dict[int, str]:
    """The keys of the entries read before with these digests."""
    return dict(con.execute(sql("entry_keys"), {"source_id": source_id, "digests": digests}).fetchall())


def add_comment_state(con: duckdb.DuckDBPyConnection, source_id: str, state: SourceState,
                      ids: list[str], urls: list[str]) -> None:
    """The stored comments a batch of parsed comments may be: those with one of `ids`, and every stored
    comment sharing a link with the batch (the candidates of the new-guid dedupe, which needs all stored
    comments of a (link, date) to tell a unique match from an ambiguous one). Reading only these keeps
    the cost of a run proportional to what it parsed, not to the size of the database."""
    if not ids:
        return
    rows = con.execute(sql("source_comment_hashes"), {"source_id": source_id, "ids": ids, "urls": urls}).fetchall()
    for comment_id, content_hash, url, published, estimated in rows:
        state.comment_hashes[comment_id] = content_hash
        _add_link_date(state.comment_link_dates, url, published, comment_id, estimated)


def upsert_sources(con: duckdb.DuckDBPyConnection, sources: pd.DataFrame) -> None:
    """Register or refresh the configured sources (DataFrame `config_sources`), in one statement."""
    con.register("config_sources", sources)
    try:
        con.execute(sql("upsert_sources"))
    finally:
        con.unregister("config_sources")


_BATCH_TABLES = (("posts", "new_posts", "upsert_posts"), ("comments", "new_comments", "upsert_comments"),
                 ("fetches", "new_fetches", "insert_fetches"), ("feed_state", "new_feed_state", "upsert_feed_state"),
                 ("entries", "new_entries", "insert_feed_entries"))


def write_source_batches(con: duckdb.DuckDBPyConnection, batches: list[dict[str, Any]]) -> None:
    """The batches of one or more sources, in one transaction: a crash leaves each source all or nothing.

    Each batch holds `posts`, `comments`, `fetches`, `feed_state`, optionally `entries` (DataFrames or
    Arrow tables, one kind per table) and `source_feed` (a row for update_source_feed, or None).
    Tables are written with one statement each for all the batches; feed_state only when no feed URL
    repeats across them (an upsert may not touch a row twice in one statement, and two sources can
    share a feed), else source by source, in order.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        for kind, name, query in _BATCH_TABLES:
            frames = [b[kind] for b in batches if kind in b and len(b[kind])]
            urls = [url for f in frames for url in _values(f, "url")] if kind == "feed_state" else []
            groups = [_concat(frames)] if frames and len(set(urls)) == len(urls) else frames
            for frame in groups:
                con.register(name, frame)
                try:
                    con.execute(sql(query))
                finally:
                    con.unregister(name)
        for batch in batches:
            if batch["source_feed"] is not None:
                con.execute(sql("update_source_feed"), batch["source_feed"])
        con.execute("COMMIT")
    except BaseException as exc:
        with contextlib.suppress(duckdb.Error):     # a failed COMMIT already ended the transaction
            con.execute("ROLLBACK")
        if _is_storage_failure(exc):
            raise _storage_error("write", _db_path(con), exc) from exc
        raise


def _values(frame: Any, column: str) -> list[Any]:
    return frame[column].to_pylist() if isinstance(frame, pa.Table) else frame[column].tolist()


def _concat(frames: list[Any]) -> Any:
    if len(frames) == 1:
        return frames[0]
    if isinstance(frames[0], pa.Table):
        return pa.concat_tables(frames)
    return pd.concat(frames, ignore_index=True)


def _is_storage_failure(exc: BaseException) -> bool:
    """A write the file system refused, whatever class DuckDB wraps it in (a full disk surfaces as a
    TransactionException "Failed to commit: Could not write file …: No space left on device")."""
    if isinstance(exc, duckdb.IOException | OSError):
        return True
    text = str(exc).lower()
    return isinstance(exc, duckdb.Error) and any(
        words in text for words in ("could not write", "no space left", "read-only file system", "failed to commit"))


def _db_path(con: duckdb.DuckDBPyConnection) -> str:
    try:
        return con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
                           ).fetchall()[0][0] or "(in memory)"
    except duckdb.Error:
        return "(unknown path)"


def now_utc(con: duckdb.DuckDBPyConnection) -> datetime:
    return con.execute("SELECT now()").fetchall()[0][0]
