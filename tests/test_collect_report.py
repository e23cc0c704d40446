"""`collector.collect_into`: the collect workflow as one library call, and the report it returns.

The commands and the nightly sequence decide from that report alone: which sources failed or were
read only in part, what landed, and the exit code."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from collector import CollectReport, ExitCode, SourceReport, collect_into
from collector.config import load_config
from collector.storage.lock import exclusive
from scripts.nightly import run_nightly
from tests.conftest import FAST, query, write_config
from tests.feedserver import FeedServer
from tests.test_collect_threads import serve_threads


def _config(tmp_path: Path, name: str, url: str):
    return load_config(write_config(tmp_path / "monitor.toml", f'[[sources]]\nname = "{name}"\nurl = "{url}"\n'))


def _three_sources(server: FeedServer, tmp_path: Path) -> Path:
    """One clean source, one whose blog-wide comment feed is missing (partial), one whose feed is gone."""
    return write_config(tmp_path / "monitor.toml", f"""
[[sources]]
name = "clean"
url = "{server.url('/wp/feed/')}"
owned = true
comments_url = "{server.url('/wp/comments/feed/')}"

[[sources]]
name = "partial"
url = "{server.url('/blogger/feeds/posts/default')}"
comments_url = "{server.url('/blogger/no-such-comments-feed')}"

[[sources]]
name = "gone"
url = "{server.url('/no-such-feed')}"
""")


def test_collect_into_reports_each_source_the_failed_and_partial_ones_and_the_exit_code(
        server: FeedServer, tmp_path: Path):
    serve_threads(server, hostile=False)
    config, db = load_config(_three_sources(server, tmp_path)), tmp_path / "pulso.duckdb"
    finished: list[SourceReport] = []
    report = collect_into(config, db, finished.append, policy=FAST)
    assert [r.name for r in report.sources] == ["clean", "partial", "gone"]       # in config order
    assert sorted(r.name for r in finished) == ["clean", "gone", "partial"]       # progress: once per source
    assert [r.name for r in report.failed] == ["gone"]
    assert [r.name for r in report.partial] == ["partial"] and "HTTP 404" in report.partial[0].errors[0]
    assert [r.name for r in report.clean] == ["clean"]
    assert report.exit_code == ExitCode.SOURCES_FAILED == 1
    assert report.error is None and not report.every_source_failed
    assert report.posts_new == query(db, "SELECT count(*) FROM posts")[0][0] > 0
    assert report.comments_new == query(db, "SELECT count(*) FROM comments")[0][0] > 0
    assert report.lines()[-1] == ("1 of 3 sources collected cleanly; 2 with errors "
                                  "(see the Estado page or the fetches table)")
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.sources[0].failed = True          # type: ignore[misc]


def test_a_clean_second_run_reports_nothing_new_and_exit_code_ok(server: FeedServer, tmp_path: Path):
    serve_threads(server, hostile=False)
    config = _config(tmp_path, "clean", server.url("/wp/feed/"))
    db = tmp_path / "pulso.duckdb"
    first = collect_into(config, db, policy=FAST)
    again = collect_into(config, db, policy=FAST)
    assert first.exit_code == again.exit_code == ExitCode.OK
    assert first.posts_new > 0 and (again.posts_new, again.comments_new) == (0, 0)
    assert again.sources[0].not_modified == again.sources[0].requests > 0


def test_collect_into_with_the_lock_held_is_unusable_and_writes_nothing(tmp_path: Path):
    config = _config(tmp_path, "s", "http://127.0.0.1:9/feed/")
    db = tmp_path / "pulso.duckdb"
    with exclusive(db, "pulso build"):
        report = collect_into(config, db, policy=FAST)
    assert report == CollectReport(error=report.error)
    assert report.exit_code == ExitCode.UNUSABLE
    assert f"{db}.lock" in report.error and "pulso build" in report.error
    assert not db.exists()


def test_nightly_decides_from_the_report_a_held_lock_builds_nothing(tmp_path: Path):
    config = _config(tmp_path, "s", "http://127.0.0.1:9/feed/")
    db, said, built = tmp_path / "pulso.duckdb", [], []
    shown: list[CollectReport] = []
    with exclusive(db, "pulso collect"):
        code = run_nightly(config, db, tmp_path / "site", build=lambda *args: built.append(args) or 0,
                           echo=said.append, on_collected=shown.append)
    assert code == ExitCode.UNUSABLE and built == []
    assert shown[0].error and "nothing published" in said[-1]


def test_nightly_builds_when_a_source_is_only_partial_and_says_so(server: FeedServer, tmp_path: Path):
    serve_threads(server)
    config = load_config(write_config(tmp_path / "monitor.toml", f"""
[[sources]]
name = "partial"
url = "{server.url('/blogger/feeds/posts/default')}"
comments_url = "{server.url('/blogger/no-such-comments-feed')}"
"""))
    said: list[str] = []
    built: list[tuple] = []
    code = run_nightly(config, tmp_path / "pulso.duckdb", tmp_path / "site",
                       build=lambda *args: built.append(args) or 0, echo=said.append)
    assert code == ExitCode.SOURCES_FAILED and len(built) == 1
    assert said[-1] == "nightly: site built; 0 of 1 sources failed, 1 partial (see the Estado page)"
