"""After an upgrade (new lexicons or rules), another trained model or edited overrides, the stored scores
and intents were made by a scorer that no longer runs; the next `pulso collect` re-scores every stored text
before collecting, says so, and later collects with the same scorer re-score nothing."""

from __future__ import annotations

from pathlib import Path

import duckdb

from collector.storage import maintain, store
from tests.conftest import query
from tests.feedserver import FeedServer
from tests.test_cli_collect import collected_owned_blog, owned_blog, pulso
from tests.test_collect_threads import serve_threads


def _set_stored(db: Path, sql: str, params: dict | None = None) -> None:
    con = duckdb.connect(str(db))
    try:
        con.execute(sql, params or {})
    finally:
        con.close()


def test_a_collect_after_a_scorer_change_rescores_what_an_older_scorer_stored(server: FeedServer,
                                                                               tmp_path: Path) -> None:
    cfg, db, _target = collected_owned_blog(server, tmp_path)
    fresh = dict(query(db, "SELECT comment_id, sentiment FROM comments"))
    fresh_intents = dict(query(db, "SELECT comment_id, intent FROM comments"))
    # what an older Pulso would have left: other scores and intents, and another scorer's fingerprint
    _set_stored(db, "UPDATE comments SET sentiment = 0.99, sentiment_label = 'pos', intent = 'praise'")
    _set_stored(db, "UPDATE meta SET value = 'an-older-scorer' WHERE key = $k", {"k": maintain.SCORER_KEY})

    run = pulso("collect", "--config", str(cfg), "--db", str(db), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "re-scoring 10 stored texts" in run.stderr
    assert "re-scored 10 stored texts first" in run.stdout
    assert dict(query(db, "SELECT comment_id, sentiment FROM comments")) == fresh
    assert dict(query(db, "SELECT comment_id, intent FROM comments")) == fresh_intents

    again = pulso("collect", "--config", str(cfg), "--db", str(db), cwd=tmp_path)
    assert again.returncode == 0 and "re-scor" not in again.stdout + again.stderr


def test_editing_the_overrides_rescores_on_the_next_collect(server: FeedServer, tmp_path: Path) -> None:
    cfg, db, target = collected_owned_blog(server, tmp_path)
    (tmp_path / "overrides.csv").write_text(f"item_id,label,who,why\n{target},pos,Ana,ironía\n", encoding="utf-8")
    run = pulso("collect", "--config", str(cfg), "--db", str(db), cwd=tmp_path)
    assert run.returncode == 0 and "re-scored 10 stored texts first" in run.stdout
    assert query(db, "SELECT sentiment_label FROM comments WHERE comment_id = $i", {"i": target}) == [("pos",)]


def test_a_new_database_is_not_rescored_and_records_its_scorer(server: FeedServer, tmp_path: Path) -> None:
    serve_threads(server, hostile=False)
    cfg = owned_blog(server, tmp_path)
    db = tmp_path / "pulso.duckdb"
    run = pulso("collect", "--config", str(cfg), "--db", str(db), cwd=tmp_path)
    assert run.returncode == 0 and "re-scor" not in run.stdout + run.stderr
    con = store.connect(db, read_only=True)
    try:
        assert store.get_meta(con, maintain.SCORER_KEY)
    finally:
        con.close()
