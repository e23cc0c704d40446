"""Small databases for the `responses` definitions: MiniDB rows plus the columns it does not set (intent, kind),
a config with working hours, and the view read the way a build reads it (collector.storage.decisions)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from collector.config import Config, parse_config
from collector.storage import store
from collector.storage.decisions import pin_responses
from tests.site.dbkit import MiniDB


def brand_config(tmp_path: Path, **brand: Any) -> Config:
    """Acme in Europe/Madrid, SLA 24 h, one owned source blog-a; `brand` adds or replaces [brand] keys."""
    data = {"brand": {"name": "Acme", "aliases": ["acme"], "responders": ["Acme Soporte"],
                      "timezone": "Europe/Madrid", "response_sla_hours": 24, **brand},
            "sources": [{"name": "blog-a", "url": "https://blog-a.example.com/feed/", "owned": True}]}
    return parse_config(data, tmp_path / "monitor.toml")


def owned_post(path: Path, at: datetime) -> MiniDB:
    db = MiniDB(path)
    db.source("blog-a", owned=True)
    db.post("p1", "blog-a", at)
    return db


def set_columns(db: MiniDB, comment_id: str, **columns: Any) -> MiniDB:
    """Set columns MiniDB.comment leaves at their defaults (intent, kind, ...)."""
    for name, value in columns.items():
        assert name.isidentifier()
        db.con.execute(f"UPDATE comments SET {name} = ? WHERE comment_id = ?", [value, comment_id])
    return db


def pinned(db_path: Path, config: Config, now: datetime) -> dict[str, dict[str, Any]]:
    """Every row of `responses` as a build sees it at `now`, by comment_id."""
    con = store.connect(db_path, read_only=True)
    try:
        pin_responses(con, config, now)
        frame = con.execute("SELECT * FROM responses").df()
    finally:
        con.close()
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return {row["comment_id"]: row for row in rows}
