"""`pulso export --parquet`: the demo, collected over real HTTP, exported to hive-partitioned Parquet;
the site's own metric SQL over Parquet views gives the same answers as over the DuckDB file."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.dataset as ds
import pytest

from collector.sentiment.enrich import Enrich
from collector.storage.export import TABLES, attach_views
from collector.storage.store import sql
from pulso.demo.generate import generate
from pulso.demo.server import serve
from tests.conftest import collect_once

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)   # the demo's default end

# Response and sentiment numbers per source and overall, with overdue measured at a fixed $now so the
# two connections cannot disagree on the clock.
METRICS = """
WITH r AS (
    SELECT r.*, c.published_at FROM responses r JOIN comments c ON c.comment_id = r.comment_id
)
SELECT source_id,
       count(*) FILTER (WHERE eligible) AS eligible,
       count(*) FILTER (WHERE eligible AND answered) AS answered,
       count(*) FILTER (WHERE eligible AND NOT answered) AS open,
       count(*) FILTER (WHERE eligible AND NOT answered
                        AND epoch($now) - epoch(published_at) > 3600.0 * 24) AS overdue,
       median(response_hours) FILTER (WHERE eligible) AS median_hours,
       quantile_cont(response_hours, 0.9) FILTER (WHERE eligible) AS p90_hours
FROM r
GROUP BY GROUPING SETS ((source_id), ())
ORDER BY source_id NULLS FIRST
"""
NET = """
SELECT source_id, 100.0 * (count(*) FILTER (WHERE sentiment_label = 'pos')
                           - count(*) FILTER (WHERE sentiment_label = 'neg')) / nullif(count(sentiment_label), 0) AS net
FROM texts GROUP BY GROUPING SETS ((source_id), ()) ORDER BY source_id NULLS FIRST
"""


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("export")
    feeds, db = tmp / "feeds", tmp / "pulso.duckdb"
    with serve(feeds) as server:
        generate(feeds, server.base_url, scale=0.15)
        collect_once(feeds / "monitor.toml", db, enrich=Enrich(("es", "en")))
    proc = subprocess.run([sys.executable, "-m", "pulso.cli", "export", "--db", str(db), "--parquet",
                           str(tmp / "parquet")], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "exported to" in proc.stdout
    return db, tmp / "parquet"


def _file_con(db: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(db), read_only=True)
    con.execute("SET TimeZone = 'UTC'")
    con.execute(sql("texts", "scripts"))
    return con


def _parquet_con(root: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    attach_views(con, root)
    con.execute(sql("texts", "scripts"))
    return con


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=False,
                                  rtol=1e-12)


def test_layout_is_hive_partitioned_and_readable_by_another_engine(exported: tuple[Path, Path]) -> None:
    db, root = exported
    con = _file_con(db)
    for table, stamp in TABLES.items():
        folder = root / table
        assert folder.is_dir(), table
        if stamp is None:
            assert [p.name for p in folder.iterdir()] == ["data_0.parquet"]
            continue
        parts = {p.relative_to(folder).parts[:2] for p in folder.rglob("*.parquet")}
        assert parts and all(s.startswith("source_id=") and y.startswith("year=") for s, y in parts)
        # pyarrow's dataset reader (what Spark/Trino-style engines do): hive directories, no Pulso code
        dataset = ds.dataset(folder, format="parquet", partitioning="hive")
        assert dataset.count_rows() == con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
        assert {"source_id", "year"} <= set(dataset.schema.names)
    assert (root / "responses.sql").read_text(encoding="utf-8") == sql("responses")


def test_tables_round_trip_exactly(exported: tuple[Path, Path]) -> None:
    db, root = exported
    fcon, pcon = _file_con(db), _parquet_con(root)
    for table in TABLES:
        keys = {"comments": "comment_id", "posts": "post_id", "sources": "source_id", "meta": "key",
                "feed_state": "source_id, url", "fetches": "url, fetched_at, kind, status",
                "fetch_days": "source_id, url, day", "triage": "line"}[table]
        columns = [row[0] for row in fcon.execute(f"DESCRIBE {table}").fetchall()]
        query = f"SELECT {', '.join(columns)} FROM {table} ORDER BY {keys}"
        _same(fcon.execute(query).df(), pcon.execute(query).df())


def test_metric_sql_gives_identical_answers(exported: tuple[Path, Path]) -> None:
    db, root = exported
    fcon, pcon = _file_con(db), _parquet_con(root)
    mine = fcon.execute(METRICS, {"now": NOW}).df()
    assert mine["eligible"].iloc[0] > 100 and mine["open"].iloc[0] > 0 and mine["overdue"].iloc[0] > 0
    _same(mine, pcon.execute(METRICS, {"now": NOW}).df())
    _same(fcon.execute(NET).df(), pcon.execute(NET).df())
    # and the site's own queries, unchanged, over the Parquet views (overdue uses the clock: left out)
    for name, params in (("source_summary", {}), ("weekly", {"tz": "Europe/Madrid"}), ("response_time_bins", {})):
        a = fcon.execute(sql(name, "scripts"), params).df()
        b = pcon.execute(sql(name, "scripts"), params).df()
        _same(a.drop(columns=["overdue"], errors="ignore"), b.drop(columns=["overdue"], errors="ignore"))
