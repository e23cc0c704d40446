"""Tiny hand-built Pulso databases with known answers, written through the collector's own schema."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from collector.config import Config, parse_config
from collector.storage.store import connect, set_meta

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def hours_ago(hours: float, now: datetime = NOW) -> datetime:
    return now - timedelta(hours=hours)


def make_config(tmp_path: Path, *, language: str = "es", sources: tuple[tuple[str, bool], ...] = (("blog-a", True),),
                hide_authors: tuple[str, ...] = ()) -> Config:
    data: dict[str, Any] = {
        "brand": {"name": "Acme", "aliases": ["acme"], "responders": ["Acme Soporte"], "language": language,
                  "timezone": "Europe/Madrid", "response_sla_hours": 24},
        "sources": [{"name": name, "url": f"https://{name}.example.com/feed/", "owned": owned}
                    for name, owned in sources],
    }
    if hide_authors:
        data["privacy"] = {"hide_authors": list(hide_authors)}
    return parse_config(data, tmp_path / "monitor.toml")


class MiniDB:
    """Insert rows with only the columns a test cares about; the rest get harmless defaults."""

    def __init__(self, path: Path, *, sla_hours: float = 24) -> None:
        self.path = path
        self.con = connect(path)
        set_meta(self.con, "response_sla_hours", str(sla_hours))
        set_meta(self.con, "timezone", "Europe/Madrid")

    def source(self, source_id: str, *, owned: bool = True, url: str | None = None) -> MiniDB:
        self.con.execute(
            "INSERT INTO sources (source_id, name, url, owned, comments, site_url) VALUES (?, ?, ?, ?, true, ?)",
            [source_id, source_id, url or f"https://{source_id}.example.com/feed/", owned,
             f"https://{source_id}.example.com/"])
        return self

    def post(self, post_id: str, source_id: str, at: datetime, *, title: str = "Entrada", text: str = "",
             mention: bool = True, label: str | None = None, score: float | None = None, author: str = "Autor",
             url: str | None = None, comments_feed_url: str | None = None) -> MiniDB:
        self.con.execute(
            "INSERT INTO posts (post_id, source_id, guid, url, title, author, published_at, date_estimated, text, "
            "comments_feed_url, sentiment, sentiment_label, is_mention, content_hash, first_seen_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, false, ?, ?, ?, ?, ?, 'h', ?, ?)",
            [post_id, source_id, post_id, url or f"https://{source_id}.example.com/{post_id}", title, author, at,
             text, comments_feed_url, score, label, mention, at, at])
        return self

    def comment(self, comment_id: str, post_id: str, at: datetime, *, source_id: str = "blog-a",
                author: str = "Lectora", brand: bool = False, parent: str | None = None, text: str = "Hola",
                label: str | None = None, score: float | None = None, mention: bool = False,
                url: str | None = None) -> MiniDB:
        self.con.execute(
            "INSERT INTO comments (comment_id, post_id, source_id, parent_id, url, author, is_brand, published_at, "
            "date_estimated, text, sentiment, sentiment_label, is_mention, content_hash, first_seen_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?, ?, ?, 'h', ?, ?)",
            [comment_id, post_id, source_id, parent, url or f"https://{source_id}.example.com/p#{comment_id}",
             author, brand, at, text, score, label, mention, at, at])
        return self

    def fetch(self, source_id: str, url: str, at: datetime, *, status: str = "ok", kind: str = "posts",
              http_status: int | None = 200, error: str | None = None, entries: int | None = 3) -> MiniDB:
        self.con.execute(
            "INSERT INTO fetches (source_id, url, kind, fetched_at, status, http_status, error, entries) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [source_id, url, kind, at, status, http_status, error, entries])
        return self

    def close(self) -> Path:
        self.con.close()
        return self.path


XSS_TEXT = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> ¡Pésima atención!'
XSS_AUTHOR = '<b onmouseover="window.__xss=3">Troll</b> troll@example.com'


def site_fixture(path: Path, now: datetime = NOW) -> Path:
    """A small but complete database: two sources, accented words, hostile texts, every status."""
    db = MiniDB(path)
    db.source("blog-a", owned=True).source("noticias-b", owned=False)
    for week in range(8):
        base = now - timedelta(days=7 * week + 1)
        pid = f"p{week}"
        db.post(pid, "blog-a", base - timedelta(hours=5), title=f"Atención al cliente, semana {week}",
                text="La atención de Acme mejoró", label=["pos", "neu", "neg"][week % 3],
                score=[0.6, 0.0, -0.5][week % 3])
        db.comment(f"c{week}a", pid, base - timedelta(hours=4), text="¿Cuándo responde la atención al cliente?",
                   label="neg", score=-0.4)
        db.comment(f"c{week}b", pid, base - timedelta(hours=3), text="Gracias por la información",
                   label="pos", score=0.7)
        if week % 2 == 0:
            db.comment(f"r{week}", pid, base - timedelta(hours=1), author="Acme Soporte", brand=True,
                       text="Te escribimos por privado")
    db.post("px", "blog-a", now - timedelta(hours=50), title="Opiniones sobre la atención")
    db.comment("xss", "px", now - timedelta(hours=30), author=XSS_AUTHOR, text=XSS_TEXT, label="neg", score=-0.9,
               url="javascript:alert(1)")
    db.post("n1", "noticias-b", now - timedelta(days=3), title="Acme y su atención al cliente",
            mention=True, label="neg", score=-0.3, url="javascript:alert(2)")
    db.post("n2", "noticias-b", now - timedelta(days=3), title="Otra noticia sin marca", mention=False)
    db.fetch("blog-a", "https://blog-a.example.com/feed/", now - timedelta(hours=2))
    db.fetch("blog-a", "https://blog-a.example.com/p0/feed/", now - timedelta(hours=2), kind="comments",
             status="not_modified", http_status=304, entries=None)
    db.fetch("noticias-b", "https://noticias-b.example.com/feed/", now - timedelta(hours=30))
    db.fetch("noticias-b", "https://noticias-b.example.com/feed/", now - timedelta(hours=2), status="error",
             http_status=500, error="HTTP 500 <script>window.__xss=4</script>", entries=None)
    db.fetch("noticias-b", "file:///etc/passwd", now - timedelta(hours=2), status="refused", kind="refused",
             http_status=None, error="not http(s)", entries=None)
    return db.close()
