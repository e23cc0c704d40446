"""`pulso export --parquet DIR`: the database as hive-partitioned Parquet, for engines bigger than one machine.

Layout (what Spark, Trino/Hive, Athena and DuckDB over S3 read unchanged as partitioned tables):

    DIR/comments/source_id=<id>/year=<yyyy>/data_0.parquet    year = UTC year of published_at
    DIR/posts/source_id=<id>/year=<yyyy>/data_0.parquet
    DIR/fetches/source_id=<id>/year=<yyyy>/data_0.parquet     year = UTC year of fetched_at
    DIR/sources/data_0.parquet, DIR/feed_state/data_0.parquet, DIR/meta/data_0.parquet,
    DIR/triage/data_0.parquet       the triage decisions the last collect read (the responses view reads them)
    DIR/fetch_days/data_0.parquet   the health log's daily roll-up: one file, as it is often empty (a
                                    hive folder with no files is no table to a reader)
    DIR/views.sql       DuckDB views over those files, named like the tables (edit the root for s3://…)
    DIR/responses.sql   the `responses` view, the very file the collector installs: it runs over the views
    DIR/fetch_history.sql  the `fetch_history` view (the health log, raw and rolled up), likewise

The partition columns live in the directory names (hive style), not in the files; readers get them back
as columns (`hive_partitioning`). Column names and meanings are the database contract (schema.sql).
Every export writes into a fresh folder and swaps it in, so a failed export leaves the previous one whole.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from collector.storage.store import VIEWS, sql

#: table -> (timestamp column giving `year`, or None for a small unpartitioned table)
TABLES: dict[str, str | None] = {
    "sources": None, "posts": "published_at", "comments": "published_at", "fetches": "fetched_at",
    "fetch_days": None, "feed_state": None, "meta": None, "triage": None,
}
#: Partition column types, stated so no reader guesses (a source named "2024" must stay a string).
HIVE_TYPES = "{'source_id': VARCHAR, 'year': INTEGER}"


@dataclass(frozen=True)
class ExportReport:
    out_dir: Path
    rows: dict[str, int]
    files: int

    def __str__(self) -> str:
        counts = ", ".join(f"{name} {n:,}" for name, n in self.rows.items())
        return f"exported to {self.out_dir}/: {counts} ({self.files} Parquet files)"


def _quote(path: str) -> str:
    return "'" + path.replace("'", "''") + "'"


def view_sql(root: str) -> str:
    """`CREATE VIEW` statements over the export at `root` (a local folder or an s3://, gs://, https:// prefix)."""
    root = root.rstrip("/")
    lines = ["-- Views over a `pulso export --parquet` folder, named like the database tables.",
             "-- Run this, then responses.sql and fetch_history.sql, in DuckDB (for s3:// roots: INSTALL httpfs;"
             " LOAD httpfs;).",
             "SET TimeZone = 'UTC';"]
    for table, stamp in TABLES.items():
        if stamp is None:
            source = f"read_parquet({_quote(f'{root}/{table}/*.parquet')})"
            lines.append(f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM {source};")
        else:
            source = (f"read_parquet({_quote(f'{root}/{table}/*/*/*.parquet')}, hive_partitioning = true, "
                      f"hive_types = {HIVE_TYPES}, union_by_name = true)")
            lines.append(f"CREATE OR REPLACE VIEW {table} AS SELECT * EXCLUDE (year) FROM {source};")
    return "\n".join(lines) + "\n"


def attach_views(con: duckdb.DuckDBPyConnection, root: str | Path) -> None:
    """Create the table-named views and the collector's views over an export in this connection."""
    con.execute(view_sql(str(root)))
    for view in VIEWS:
        con.execute(sql(view))


def export_parquet(db_path: Path, out_dir: Path) -> ExportReport:
    """Write every contract table of `db_path` under `out_dir` (replaced) as described in the module doc."""
    db_path, out_dir = Path(db_path), Path(out_dir).resolve()
    if not db_path.is_file():
        raise FileNotFoundError(f"{db_path}: no database here; run `pulso collect` first")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    rows: dict[str, int] = {}
    try:
        con = duckdb.connect(str(db_path), read_only=True)
        try:
            con.execute("SET TimeZone = 'UTC'")
            for table, stamp in TABLES.items():
                rows[table] = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
                target = staging / table
                if stamp is None:
                    target.mkdir()
                    con.execute(f"COPY (SELECT * FROM {table}) TO {_quote(str(target / 'data_0.parquet'))} "
                                "(FORMAT parquet, COMPRESSION zstd)")
                else:
                    con.execute(f"COPY (SELECT *, CAST(year({stamp}) AS INTEGER) AS year FROM {table}) "
                                f"TO {_quote(str(target))} (FORMAT parquet, COMPRESSION zstd, "
                                "PARTITION_BY (source_id, year), FILENAME_PATTERN 'data_{i}')")
                    target.mkdir(exist_ok=True)   # an empty table still gets its folder
        finally:
            con.close()
        (staging / "views.sql").write_text(view_sql(str(out_dir)), encoding="utf-8")
        for view in VIEWS:
            (staging / f"{view}.sql").write_text(sql(view), encoding="utf-8")
        files = sum(1 for _ in staging.rglob("*.parquet"))
        old = out_dir.parent / f".{out_dir.name}.old-{staging.name.rsplit('-', 1)[-1]}"
        if out_dir.exists():
            out_dir.rename(old)
        staging.rename(out_dir)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    out_dir.chmod(0o755)
    return ExportReport(out_dir, rows, files)
