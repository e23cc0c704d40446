"""Replies per brand, hand-worked: on a competitor's own blog its responders are the brand replies and its
comments wait for it — they count in that competitor's response rate and reply times (Competencia), and never
in the brand's queue, overdue count or KPIs, which stay what they are without the competitor's blog."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from collector import sql
from collector.config import Config, parse_config
from scripts.queries import open_database, queue_params
from scripts.weekly.voice import mentions_view
from tests.responseskit import set_columns
from tests.site.dbkit import NOW, MiniDB, hours_ago


def config(tmp_path: Path) -> Config:
    return parse_config({
        "brand": {"name": "Acme", "aliases": ["acme"], "responders": ["Acme Soporte"], "timezone": "Europe/Madrid",
                  "response_sla_hours": 24},
        "competitors": [{"name": "Rival", "responders": ["Rival Atención"]}, {"name": "Zeta"}],
        "sources": [{"name": "blog-a", "url": "https://blog-a.example.com/feed/", "owned": True},
                    {"name": "rival-blog", "url": "https://rival-blog.example.com/feed/", "owner": "Rival"},
                    {"name": "news", "url": "https://news.example.com/feed/"}]}, tmp_path / "monitor.toml")


def build(path: Path, *, with_rival: bool = True) -> Path:
    """Acme's blog: c1 answered in 2 h, c2 a complaint unanswered for 40 h (overdue), c3 a thank-you.
    A news post naming Acme: e1, a question 5 h old. Rival's blog (a post that names Acme too): d1 answered by
    Rival in 6 h, d2 in 10 h, d3 unanswered, d4 an opinion by Acme's own responder (a guest there)."""
    db = MiniDB(path)
    db.source("blog-a", owned=True).source("news", owned=False)
    db.post("p1", "blog-a", hours_ago(60))
    db.comment("c1", "p1", hours_ago(30), text="¿Cuándo llega?")
    db.comment("c1r", "p1", hours_ago(28), author="Acme Soporte", brand=True, parent="c1")
    db.comment("c2", "p1", hours_ago(40), text="Sigo sin servicio")
    db.comment("c3", "p1", hours_ago(10), text="Gracias")
    db.post("n1", "news", hours_ago(20), mention=True)
    db.comment("e1", "n1", hours_ago(5), source_id="news", text="¿Y Acme qué dice?")
    intents = {"c1": "question", "c2": "complaint", "c3": "thanks", "e1": "question"}
    if with_rival:
        db.source("rival-blog", owned=False)
        db.con.execute("UPDATE sources SET owner = 'Rival' WHERE source_id = 'rival-blog'")
        db.post("r1", "rival-blog", hours_ago(80), mention=True)          # "Rival frente a Acme"
        for cid, at, reply_after in (("d1", 50, 6), ("d2", 30, 10), ("d3", 26, None)):
            db.comment(cid, "r1", hours_ago(at), source_id="rival-blog")
            if reply_after is not None:
                db.comment(f"{cid}r", "r1", hours_ago(at - reply_after), source_id="rival-blog",
                           author="Rival Atención", brand=True, parent=cid)
        db.comment("d4", "r1", hours_ago(12), source_id="rival-blog", author="Acme Soporte", mention=True)
        intents |= {"d1": "question", "d2": "question", "d3": "complaint", "d4": "opinion"}
    for cid, intent in intents.items():
        set_columns(db, cid, intent=intent)
    return db.close()


def rows(db: Path, cfg: Config, name: str, **params: Any) -> list[dict[str, Any]]:
    con = open_database(db, cfg, NOW)
    try:
        mentions_view(con)
        frame = con.execute(sql(name, "scripts"), params).df()
    finally:
        con.close()
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _responses(db: Path, cfg: Config) -> list[dict[str, Any]]:
    con = open_database(db, cfg, NOW)
    try:
        frame = con.execute("SELECT * FROM responses").df()
    finally:
        con.close()
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def test_a_competitors_blog_waits_for_the_competitor_not_for_the_brand(tmp_path: Path):
    cfg = config(tmp_path)
    r = {row["comment_id"]: row for row in _responses(build(tmp_path / "p.duckdb"), cfg)}
    assert {c for c, row in r.items() if row["eligible"]} == {"c1", "c2", "c3", "e1"}
    assert {c for c, row in r.items() if row["needs_reply"]} == {"c1", "c2", "e1"}
    assert {c for c, row in r.items() if row["overdue"]} == {"c2"}
    assert {c: r[c]["brand"] for c in ("c1", "e1", "d1", "d4")} == {"c1": "Acme", "e1": "Acme", "d1": "Rival",
                                                                      "d4": "Rival"}
    assert {c for c, row in r.items() if row["brand_needs_reply"] and row["brand"] == "Rival"} == {"d1", "d2", "d3"}
    assert (r["d1"]["answered"], r["d1"]["response_hours"]) == (True, pytest.approx(6.0))
    assert not any(r[c]["open"] or r[c]["overdue"] or r[c]["needs_reply"] for c in ("d1", "d2", "d3", "d4"))
    assert r["c1r"]["brand"] is None and r["d1r"]["brand"] is None          # replies wait for nobody


def replies(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows without their text counts: the rival's post and d4 name Acme, and a mention is a mention
    wherever it is published (the volume and sentiment numbers rightly count them); weekly rows that hold
    only texts (no eligible comment) go with them."""
    return [{k: v for k, v in row.items() if k not in TEXT_COUNTS} for row in found if row.get("eligible", 1)]


TEXT_COUNTS = ("mentions", "texts", "scored", "pos", "neg", "net_sentiment")


def test_the_brands_queue_and_kpis_are_the_same_with_or_without_the_competitors_blog(tmp_path: Path):
    cfg = config(tmp_path)
    with_rival, without = build(tmp_path / "a.duckdb"), build(tmp_path / "b.duckdb", with_rival=False)
    window = {"start": NOW - timedelta(days=7), "end": NOW}
    for name, params in (("window_kpis", window), ("open_queue", queue_params(NOW, None, None)),
                         ("queue_asof", {"now": NOW, "prev": NOW - timedelta(days=7), "weeks": 4,
                                         "tz": "Europe/Madrid"}),
                         ("weekly", {"tz": "Europe/Madrid"}), ("response_time_bins", {})):
        assert replies(rows(with_rival, cfg, name, **params)) == replies(rows(without, cfg, name, **params)), name
    kpis = rows(with_rival, cfg, "window_kpis", **window)[0]
    assert (kpis["eligible"], kpis["needs_reply"], kpis["answered"], kpis["open"], kpis["overdue"]) == (4, 3, 1, 2, 1)


def test_each_brand_replies_on_its_own_blogs_hand_worked(tmp_path: Path):
    cfg = config(tmp_path)
    found = rows(build(tmp_path / "p.duckdb"), cfg, "competitors_replies", brand="Acme",
                 brands=list(cfg.brand_names), start=NOW - timedelta(days=7), end=NOW)
    acme, rival = found                                   # Zeta has no blog: no row
    # Acme on blog-a only (e1 sits on a news site): c1, c2, c3 eligible; c1, c2 need a reply; c1 answered in 2 h.
    assert (acme["brand"], acme["blogs"], acme["eligible"], acme["needs_reply"], acme["answered"]) == (
        "Acme", 1, 3, 2, 1)
    assert (acme["response_rate"], acme["median_hours"], acme["p90_hours"]) == (0.5, 2.0, 2.0)
    # Rival: d1..d4 eligible, d1..d3 need a reply, d1 (6 h) and d2 (10 h) answered.
    assert (rival["brand"], rival["blogs"], rival["eligible"], rival["needs_reply"], rival["answered"]) == (
        "Rival", 1, 4, 3, 2)
    assert rival["response_rate"] == pytest.approx(2 / 3)
    assert rival["eligible_response_rate"] == pytest.approx(2 / 4)
    assert rival["median_hours"] == pytest.approx(8.0)               # (6 + 10) / 2
    assert rival["p90_hours"] == pytest.approx(9.6)                   # 6 + 0.9 × (10 − 6)
