"""`pulso collect` end to end as a user runs it: exit codes, summary lines, scored columns, the lock."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import query, write_config
from tests.feedserver import FeedServer
from tests.test_collect_threads import serve_threads


def pulso(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pulso.cli", *args], capture_output=True, text=True,
                          timeout=300, cwd=cwd)


def owned_blog(server: FeedServer, tmp_path: Path) -> Path:
    return write_config(tmp_path / "monitor.toml",
                        f'[[sources]]\nname = "acme-blog"\nurl = "{server.url("/wp/feed/")}"\nowned = true\n')


def collected_owned_blog(server: FeedServer, tmp_path: Path) -> tuple[Path, Path, str]:
    """The thread fixture served and collected once: (config, database, id of comment 101, a complaint)."""
    serve_threads(server, hostile=False)
    cfg = owned_blog(server, tmp_path)
    db = tmp_path / "pulso.duckdb"
    assert pulso("collect", "--config", str(cfg), "--db", str(db), cwd=tmp_path).returncode == 0
    return cfg, db, query(db, "SELECT comment_id FROM comments WHERE url LIKE '%#comment-101'")[0][0]


def test_collect_scores_language_and_sentiment_of_new_texts(server: FeedServer, tmp_path: Path):
    serve_threads(server, hostile=False)
    cfg = owned_blog(server, tmp_path)
    db = tmp_path / "pulso.duckdb"
    run = pulso("collect", "--config", str(cfg), "--db", str(db), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "acme-blog: ok - posts 3 new, 0 updated; comments 7 new, 0 updated" in run.stdout
    rows = dict(query(db, "SELECT split_part(url, '#', 2), sentiment_label FROM comments"))
    assert rows["comment-101"] == "neg"      # "llevo dos días intentando contactar con vosotros sin respuesta"
    assert rows["comment-107"] == "pos"      # "Muchas gracias por tu comentario… ¡Lo recomiendo!"
    assert query(db, "SELECT count(*) FROM comments WHERE lang IS NULL OR sentiment IS NULL")[0][0] == 0
    assert query(db, "SELECT DISTINCT lang FROM comments WHERE length(text) > 40") == [("es",)]


def test_an_override_wins_and_rescore_applies_it_to_stored_rows(server: FeedServer, tmp_path: Path):
    cfg, db, target = collected_owned_blog(server, tmp_path)
    (tmp_path / "overrides.csv").write_text(f"item_id,label,who,why\n{target},pos,Ana,ironía\n", encoding="utf-8")
    run = pulso("sentiment", "rescore", "--config", str(cfg), "--db", str(db), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "re-scored 10 texts" in run.stdout
    assert query(db, "SELECT sentiment_label, sentiment FROM comments WHERE comment_id = $i", {"i": target}) == [
        ("pos", 1.0)]


def test_a_failed_source_exits_1_and_says_which(server: FeedServer, tmp_path: Path):
    serve_threads(server, hostile=False)
    cfg = write_config(tmp_path / "monitor.toml", f'[[sources]]\nname = "good"\nurl = "{server.url("/wp/feed/")}"\n\n'
                                                  f'[[sources]]\nname = "gone"\nurl = "{server.url("/nope")}"\n')
    run = pulso("collect", "--config", str(cfg), "--db", str(tmp_path / "p.duckdb"), cwd=tmp_path)
    assert run.returncode == 1
    assert "gone: FAILED" in run.stdout and "HTTP 404" in run.stdout
    assert "1 of 2 sources collected cleanly" in run.stdout
