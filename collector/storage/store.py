"""DuckDB storage: schema and migrations, reads collect needs, and one transaction per source.

The database is the contract between the collector and the report layer; `schema.sql` documents it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from collector.feeds import delta


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


@dataclass(frozen=True, order=True)
class Migration:
    """One `sql/migrations/NNN_name.sql` file: the statements that take a database from NNN-1 to NNN."""

    number: int
    name: str
    script: str


@functools.cache
def migrations() -> tuple[Migration, ...]:
    """Every migration shipped, in order. Numbers run 1, 2, 3... without gaps or repeats, so a missing or
    doubled file is a packaging bug found on the first connect, not a silently skipped step."""
    folder = resources.files("collector.storage").joinpath("sql", "migrations")
    found = sorted(Migration(int(item.name[:3]), item.name[4:-4], item.read_text(encoding="utf-8"))
                   for item in folder.iterdir() if item.name.endswith(".sql") and item.name[:3].isdigit())
    if [m.number for m in found] != list(range(1, len(found) + 1)):
        raise RuntimeError(f"collector/storage/sql/migrations is not numbered 001..{len(found):03}: "
                           f"{[m.number for m in found]}")
    return tuple(found)


SCHEMA_VERSION = migrations()[-1].number
#: Views installed at connect, re-created whenever their SQL changes (meta.views_fingerprint).
VIEWS = ("responses", "fetch_history")


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """`with transaction(con):` commits what the block wrote, or, on any exception (KeyboardInterrupt
    too), rolls it all back and re-raises, so no caller leaves half a change or an open transaction."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
        con.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(duckdb.Error):     # a failed COMMIT already ended the transaction
            con.execute("ROLLBACK")
        raise


def connect(path: Path | str, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database. Writable: created or upgraded to SCHEMA_VERSION first (see `migrate`).
    Read-only: refused with a clear message unless it is at SCHEMA_VERSION already."""
    path = Path(path)
    try:
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(path), read_only=read_only)
    except (duckdb.Error, OSError) as exc:
        raise _storage_error("open", path, exc) from exc
    try:
        if read_only:
            check_readable(con, path)
        else:
            con.execute("SET TimeZone = 'UTC'")
            _check_version(schema_version(con), path, read_only=False)
            migrate(con)
        return con
    except BaseException as exc:
        con.close()
        if isinstance(exc, duckdb.Error | OSError):
            raise _storage_error("open", path, exc) from exc
        raise


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The last migration applied to this database; 0 for a new one."""
    if not con.execute(sql("has_meta")).fetchall()[0][0]:
        return 0
    return int(get_meta(con, "schema_version") or 0)


def _check_version(version: int, path: Path, *, read_only: bool) -> None:
    if version > SCHEMA_VERSION:
        raise StorageError(f"the database {path} was written by a newer Pulso (schema version {version}; this "
                           f"one knows up to {SCHEMA_VERSION}): upgrade Pulso, or use a copy made by this version")
    if read_only and version < SCHEMA_VERSION:
        raise StorageError(f"the database {path} is at schema version {version}, this Pulso reads "
                           f"{SCHEMA_VERSION}: run `pulso collect` once, which upgrades it, then try again")


def views_fingerprint(views: Sequence[str] | None = None) -> str:
    """What the installed views and macros must match (meta.views_fingerprint); `views` their SQL."""
    views = [sql(name) for name in VIEWS] if views is None else views
    return hashlib.sha256("\n".join(views).encode()).hexdigest()[:16]


def check_readable(con: duckdb.DuckDBPyConnection, path: Path | str) -> None:
    """Refuse a read-only connection to a database this Pulso cannot read as it is: another schema
    version, or views and macros (`responses`, `open_at` ...) made by another version. A read-only
    build cannot re-create them, and without this check it fails on the first query with a bare
    "open_at does not exist"."""
    _check_version(schema_version(con), Path(path), read_only=True)
    if get_meta(con, "views_fingerprint") != views_fingerprint():
        raise StorageError(f"the database {path} has the views of another Pulso version: run `pulso collect` "
                           f"once, which re-creates them, then try again")


def migrate(con: duckdb.DuckDBPyConnection, steps: Sequence[Migration] | None = None) -> int:
    """Apply the migrations newer than the database, and re-create the views if their SQL changed, all in
    one transaction: a failure leaves the database exactly as it was. Returns how many were applied.
    A database already up to date is only read, so opening it again writes nothing."""
    steps = migrations() if steps is None else steps
    version = schema_version(con)
    pending = [m for m in steps if m.number > version]
    views = [sql(name) for name in VIEWS]
    fingerprint = views_fingerprint(views)
    if not pending and version and get_meta(con, "views_fingerprint") == fingerprint:
        return 0
    with transaction(con):
        for step in pending:
            con.execute(step.script)
            set_meta(con, "schema_version", str(step.number))
        for view in views:
            con.execute(view)
        set_meta(con, "views_fingerprint", fingerprint)
    return len(pending)


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
    platform: str | None = None           # wordpress | blogger | feed, as detected by an earlier collect
    site_url: str | None = None           # the feed's <link>, as an earlier collect read it
    latest_comment_at: datetime | None = None
    threads_note: str | None = None       # why the last collect read a WordPress source's feeds, not its API


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
    for platform, site_url, latest, note in con.execute(sql("source_platform"), params).fetchall():
        state.platform, state.site_url, state.latest_comment_at, state.threads_note = platform, site_url, latest, note
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
                 ("entries", "new_entries", "upsert_feed_entries"))


def write_source_batches(con: duckdb.DuckDBPyConnection, batches: list[dict[str, Any]]) -> None:
    """The batches of one or more sources, in one transaction: a crash leaves each source all or nothing.

    Each batch holds `posts`, `comments`, `fetches`, `feed_state`, optionally `entries` (DataFrames or
    Arrow tables, one kind per table) and `source_feed` (a row for update_source_feed, or None).
    Each table is written with one statement for all the batches: an upsert may not touch a row twice in
    one statement, and none can, as every key holds the source and a source has one batch per run.
    Entries are recorded with the parser version that read them (delta.CODE_VERSION).
    """
    params = {"entries": {"version": delta.CODE_VERSION.decode()}}
    try:
        with transaction(con):
            for kind, name, query in _BATCH_TABLES:
                frames = [b[kind] for b in batches if kind in b and len(b[kind])]
                if not frames:
                    continue
                con.register(name, _concat(frames))
                try:
                    con.execute(sql(query), params.get(kind))
                finally:
                    con.unregister(name)
            for batch in batches:
                if batch["source_feed"] is not None:
                    con.execute(sql("update_source_feed"), batch["source_feed"])
    except BaseException as exc:
        if _is_storage_failure(exc):
            raise _storage_error("write", _db_path(con), exc) from exc
        raise


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
