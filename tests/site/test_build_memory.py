"""What grows with the data is never held whole: the open queue is read as its first rows and a count, its CSV
streams from DuckDB in Arrow batches (each cleaned), and DuckDB works within a fixed memory budget."""

from __future__ import annotations

import csv
import io
from contextlib import closing
from pathlib import Path

import pytest

from scripts import queries
from scripts.pages.downloads import CsvDownload
from scripts.queries import MEMORY_LIMIT, QueryRows, load_site_data, open_database, queue_params
from tests.site.dbkit import NOW, MiniDB, hours_ago, make_config


def queue_db(path: Path, comments: int) -> Path:
    db = MiniDB(path)
    db.source("blog-a", owned=True).post("p1", "blog-a", hours_ago(500))
    for i in range(comments):
        db.comment(f"c{i:03}", "p1", hours_ago(400 - i), text=f"=cmd {i} ana@example.com")
    db.fetch("blog-a", "https://blog-a.example.com/feed/", hours_ago(1))
    return db.close()


def test_the_open_queue_is_read_as_its_first_rows_and_a_count(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(queries, "QUEUE_ROWS", 5)
    with closing(open_database(queue_db(tmp_path / "t.duckdb", 12))) as con:
        data = load_site_data(con, make_config(tmp_path), NOW)
        assert len(data.open_queue) == 5 and data.open_total == 12
        # all overdue: the most recently overdue first (collector responses, scripts/sql/open_queue.sql)
        assert data.open_queue["comment_id"].tolist() == [f"c{i:03}" for i in range(11, 6, -1)]
        every = data.open_rows.reader(con).read_all()
    assert every.num_rows == 12 and every["comment_id"].to_pylist() == [f"c{i:03}" for i in range(11, -1, -1)]


def test_a_download_is_written_batch_by_batch_and_every_batch_is_cleaned(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(queries, "BATCH_ROWS", 4)
    with closing(open_database(queue_db(tmp_path / "t.duckdb", 10))) as con:
        rows = QueryRows("open_queue", queue_params(NOW, None, None))
        assert [batch.num_rows for batch in rows.reader(con)] == [4, 4, 2]
        download = CsvDownload(rows, ("comment_id", "text", "overdue"),
                               {"text": lambda v: v.replace("ana@example.com", "[e-mail]")})
        assert download.write(con, tmp_path / "out" / "queue.csv") == 10
    got = list(csv.DictReader(io.StringIO((tmp_path / "out" / "queue.csv").read_text(encoding="utf-8-sig"))))
    assert [row["comment_id"] for row in got] == [f"c{i:03}" for i in range(9, -1, -1)]   # the queue's order
    assert all(row["text"].startswith("'=cmd") and "@" not in row["text"] for row in got)
    assert {row["overdue"] for row in got} == {"true"}


def test_an_empty_download_still_has_its_header(tmp_path: Path) -> None:
    with closing(open_database(queue_db(tmp_path / "t.duckdb", 0))) as con:
        download = CsvDownload(QueryRows("open_queue", queue_params(NOW, None, None)), ("comment_id", "text"),
                               {"text": str})
        assert download.write(con, tmp_path / "queue.csv") == 0
    assert (tmp_path / "queue.csv").read_text(encoding="utf-8-sig").splitlines() == ['"comment_id","text"']


def test_duckdb_reads_the_database_within_a_memory_budget_and_spills_outside_its_folder(tmp_path: Path) -> None:
    with closing(open_database(queue_db(tmp_path / "t.duckdb", 1))) as con:
        limit, spill = con.execute("SELECT current_setting('memory_limit'), current_setting('temp_directory')"
                                   ).fetchone()
    budget = con_budget_bytes(limit)
    assert budget <= int(MEMORY_LIMIT.removesuffix("MB")) * 1_000_000
    assert not Path(spill).is_relative_to(tmp_path)          # a read-only database folder is never written


def con_budget_bytes(setting: str) -> float:
    """DuckDB reports its limit as e.g. '244.1 MiB'."""
    number, unit = setting.split()
    return float(number) * {"KiB": 2**10, "MiB": 2**20, "GiB": 2**30}[unit]
