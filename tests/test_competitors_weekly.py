"""The weekly summary's "cuota de voz" line: each brand's share this week and its change against the same
elapsed part of the week before (never a whole week), from the same mentions as the Competencia page."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from scripts.i18n import Locale
from scripts.queries import open_database
from scripts.weekly import render
from scripts.weekly.summary import load_weekly, summarize, week_of
from scripts.weekly.voice import Share, Voice, shares, voice_lines
from tests.site.dbkit import NOW, MiniDB
from tests.test_competitors_page import config, database


def with_last_week(path: Path) -> Path:
    """The Competencia page's database plus, a week before NOW (inside the same elapsed part of week 47),
    q1 naming Acme and q2, q3 naming Rival: Acme 1/3, Rival 2/3. q4 names Rival two hours later in the week
    before, past that elapsed part: a whole-week comparison would count it (and n4..n6)."""
    database(path)
    db = MiniDB(path)
    for pid, hours, brands in (("q1", 1, ["Acme"]), ("q2", 1, ["Rival"]), ("q3", 2, ["Rival"]),
                               ("q4", -2, ["Rival"])):
        db.post(pid, "news", NOW - timedelta(days=7, hours=hours), mention="Acme" in brands)
        db.con.execute("UPDATE posts SET brands = ? WHERE post_id = ?", [brands, pid])
    return db.close()


def test_the_voice_line_compares_the_week_so_far_with_the_same_part_of_the_week_before(tmp_path: Path):
    cfg = config(tmp_path)
    con = open_database(with_last_week(tmp_path / "pulso.duckdb"), cfg, NOW)
    try:
        data = load_weekly(con, cfg, NOW)
    finally:
        con.close()
    summary = summarize(data, week_of(NOW, cfg.tz))
    # This week so far: Acme 4 (p1, c1, n1, n3), Rival 1 (n2): 80 % and 20 %; before: 33 % and 67 %.
    assert ("weekly.voice", {"items": "Acme 80 % (+47 pp), Rival 20 % (−47 pp) y Zeta 0 % (sin cambio)"}) \
        in summary.lines
    chat = render.markdown(summary, Locale("es", cfg.tz), cfg)
    assert "Cuota de voz: Acme 80 % (+47 pp), Rival 20 % (−47 pp) y Zeta 0 % (sin cambio)." in chat


def test_without_competitors_there_is_no_voice_line(tmp_path: Path):
    cfg = config(tmp_path, rivals=False)
    con = open_database(with_last_week(tmp_path / "pulso.duckdb"), cfg, NOW)
    try:
        data = load_weekly(con, cfg, NOW)
    finally:
        con.close()
    assert data.voice is None
    assert not [key for key, _ in summarize(data, week_of(NOW, cfg.tz)).lines if key.startswith("weekly.voice")]


def test_shares_pair_each_week_with_its_comparison_window():
    monday = week_of(NOW, config(Path("/tmp")).tz)
    rows = [{"i": 1, "brand": "Acme", "brand_order": 1, "mentions": 3, "share": 0.75},
            {"i": 1, "brand": "Rival", "brand_order": 2, "mentions": 1, "share": 0.25},
            {"i": 2, "brand": "Rival", "brand_order": 2, "mentions": 0, "share": None},
            {"i": 2, "brand": "Acme", "brand_order": 1, "mentions": 0, "share": None}]
    assert shares(rows, [monday]) == {monday: (Share("Acme", 3, 0.75, None), Share("Rival", 1, 0.25, None))}
    line = voice_lines(Voice("en", shares(rows, [monday])), monday)
    assert line == [("weekly.voice", {"items": "Acme 75% and Rival 25%"})]      # no week before: no change
    empty = [{**r, "mentions": 0, "share": None} for r in rows]
    assert voice_lines(Voice("es", shares(empty, [monday])), monday) == [("weekly.voice_none", {})]
    assert voice_lines(None, monday) == []
