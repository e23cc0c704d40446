"""Numbered migrations, applied at connect in one transaction: a database written by the release
before them (tests/fixtures/db, made by that release's own code) upgrades without losing a row, and
one transaction helper that always rolls back."""

from __future__ import annotations

import gzip
import hashlib
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from collector.storage import retention, store
from tests.conftest import FIXTURES

V1 = FIXTURES / "db" / "v1.duckdb.gz"
V1_TABLES = ("meta", "sources", "posts", "comments", "fetches", "feed_state", "feed_entries")
CONSTRAINTS = """SELECT table_name, constraint_type, constraint_column_names FROM duckdb_constraints()
                 WHERE constraint_type IN ('PRIMARY KEY', 'UNIQUE') ORDER BY ALL"""
COLUMNS = """SELECT table_name, column_index, column_name, data_type, is_nullable, column_default
             FROM duckdb_columns() WHERE schema_name = 'main'
             AND table_name IN (SELECT table_name FROM duckdb_tables()) ORDER BY ALL"""


def v1_copy(tmp_path: Path) -> Path:
    path = tmp_path / "pulso.duckdb"
    path.write_bytes(gzip.decompress(V1.read_bytes()))
    return path


def raw(path: Path, text: str) -> list[tuple]:
    return raw_many(path, [text])[0]


def raw_many(path: Path, texts: list[str]) -> list[list[tuple]]:
    """The rows of each query, on one read-only connection opened without Pulso's code."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        con.execute("SET TimeZone = 'UTC'")
        return [con.execute(text).fetchall() for text in texts]
    finally:
        con.close()


def columns(path: Path) -> dict[str, list[str]]:
    found = raw(path, "SELECT table_name, list(column_name ORDER BY column_index) FROM duckdb_columns() "
                      "GROUP BY table_name")
    return {t: cols for t, cols in found if t in V1_TABLES}


def v1_rows(path: Path, names: dict[str, list[str]]) -> dict[str, list[tuple]]:
    """Every row of every table of release 1, in its columns `names` (meta without the schema version)."""
    found = raw_many(path, [f"SELECT {', '.join(names[t])} FROM {t} ORDER BY ALL" for t in V1_TABLES])
    rows = dict(zip(V1_TABLES, found, strict=True))
    rows["meta"] = [r for r in rows["meta"] if r[0] in _V1_META]
    return rows


_V1_META = ("response_sla_hours", "timezone", "language", "brand", "scope_fingerprint")


def connect_and_close(path: Path) -> None:
    store.connect(path).close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_release_1_database_upgrades_without_losing_a_row(tmp_path: Path):
    db = v1_copy(tmp_path)
    names = columns(db)
    before = v1_rows(db, names)
    assert all(before[t] for t in V1_TABLES), "the fixture has rows in every table"
    assert raw(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [("1",)]

    connect_and_close(db)

    assert v1_rows(db, names) == before
    assert raw(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(store.SCHEMA_VERSION),)]
    keys = raw(db, CONSTRAINTS)
    assert ("feed_state", "PRIMARY KEY", ["source_id", "url"]) in keys
    assert ("feed_entries", "PRIMARY KEY", ["source_id", "digest"]) in keys
    assert ("fetch_days", "PRIMARY KEY", ["source_id", "url", "day"]) in keys


def test_a_second_connect_changes_nothing(tmp_path: Path):
    db = v1_copy(tmp_path)
    connect_and_close(db)
    upgraded = digest(db)
    connect_and_close(db)
    assert digest(db) == upgraded


def test_an_upgraded_and_a_new_database_have_the_schema_that_schema_sql_describes(tmp_path: Path):
    old, new = v1_copy(tmp_path), tmp_path / "new.duckdb"
    connect_and_close(old)
    connect_and_close(new)
    described = duckdb.connect()
    described.execute(store.sql("schema"))
    expected = described.execute(COLUMNS).fetchall(), described.execute(CONSTRAINTS).fetchall()
    assert (raw(new, COLUMNS), raw(new, CONSTRAINTS)) == expected
    assert (raw(old, COLUMNS), raw(old, CONSTRAINTS)) == expected


def test_a_failing_migration_leaves_the_database_as_it_was(tmp_path: Path):
    db = v1_copy(tmp_path)
    before, schema = v1_rows(db, columns(db)), raw(db, COLUMNS)
    broken = store.Migration(store.SCHEMA_VERSION + 1, "broken", "CREATE TABLE half (a INTEGER); SELECT * FROM nope;")
    con = duckdb.connect(str(db))
    try:
        with pytest.raises(duckdb.Error):
            store.migrate(con, [*store.migrations(), broken])
    finally:
        con.close()
    assert (v1_rows(db, columns(db)), raw(db, COLUMNS)) == (before, schema)
    assert raw(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [("1",)]


def test_a_database_from_a_newer_release_is_refused_with_a_clear_message(tmp_path: Path):
    db = tmp_path / "pulso.duckdb"
    con = store.connect(db)
    store.set_meta(con, "schema_version", "999")
    con.close()
    with pytest.raises(store.StorageError, match="newer"):
        store.connect(db)


def test_reading_a_database_not_upgraded_yet_says_how_to_upgrade_it(tmp_path: Path):
    with pytest.raises(store.StorageError, match="pulso collect"):
        store.connect(v1_copy(tmp_path), read_only=True)


def test_reading_a_database_whose_views_an_older_pulso_made_says_how_to_refresh_them(tmp_path: Path):
    """A read-only build cannot re-create `responses` or the `open_at` macro; it must say so up front
    instead of failing on its first query."""
    from scripts.queries import open_database

    db = tmp_path / "pulso.duckdb"
    con = store.connect(db)
    store.set_meta(con, "views_fingerprint", "made-by-an-older-pulso")
    con.close()
    with pytest.raises(store.StorageError, match=r"views of another Pulso version.*pulso collect"):
        store.connect(db, read_only=True)
    with pytest.raises(store.StorageError, match="pulso collect"):
        open_database(db)
    store.connect(db).close()  # a writable connect (what collect does) re-creates them
    store.connect(db, read_only=True).close()
    open_database(db).close()


@pytest.mark.parametrize("error", [ValueError("a bug"), KeyboardInterrupt()])
def test_a_transaction_rolls_back_on_any_exception_and_raises_it(error: BaseException):
    con = duckdb.connect()
    con.execute("CREATE TABLE t (n INTEGER)")
    with pytest.raises(type(error)), store.transaction(con):
        con.execute("INSERT INTO t VALUES (1)")
        raise error
    assert con.execute("SELECT count(*) FROM t").fetchall() == [(0,)]
    with store.transaction(con):                 # no transaction was left open
        con.execute("INSERT INTO t VALUES (2)")
    assert con.execute("SELECT n FROM t").fetchall() == [(2,)]


def test_entries_read_by_release_1_are_purged_by_the_next_collect_and_nothing_else(tmp_path: Path):
    db = v1_copy(tmp_path)
    con = store.connect(db)
    try:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in ("posts", "comments")}
        with store.transaction(con):
            retention.apply(con, ["acme-blog", "opiniones", "acme-espejo", "caido"],
                            datetime(2026, 12, 2, tzinfo=UTC))
        assert con.execute("SELECT count(*) FROM feed_entries").fetchall() == [(0,)]
        assert {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in counts} == counts
    finally:
        con.close()
