"""The Method page says how often each verdict occurred on the site's own weeks, counted at build."""

from __future__ import annotations

from collections import Counter

from scripts.i18n import Locale
from scripts.pages.kit import SiteContext
from scripts.pages.writers import method, weekly
from scripts.queries import load_site_data, open_database
from scripts.weekly.pages import EmptyRun, site_weeks
from tests.site.dbkit import NOW, make_config, site_fixture


def _context(tmp_path, language="es"):
    db = site_fixture(tmp_path / "p.duckdb")
    config = make_config(tmp_path, language=language, sources=(("blog-a", True), ("noticias-b", False)))
    con = open_database(db, config, NOW)
    try:
        data = load_site_data(con, config, NOW)
    finally:
        con.close()
    return SiteContext(data, config, Locale(language, config.tz))


def test_the_method_page_counts_the_verdicts_of_the_sites_complete_weeks(tmp_path):
    ctx = _context(tmp_path)
    items = [s for s in site_weeks(ctx.data.weekly_summaries) if not isinstance(s, EmptyRun)]
    expected = Counter(s.verdict.level for s in items if not s.partial and not s.no_data)
    assert sum(expected.values()) >= 7
    page = method(ctx).pages[0]
    shown = {v["label"]: int(v["n"]) for v in page.context["verdicts"]}
    assert shown == {ctx.L.t(f"verdict.level.{level}"): expected[level]
                     for level in ("better", "stable", "worse", "alert")}
    assert page.context["verdict_weeks"] == str(sum(expected.values()))


def test_the_weekly_index_lists_one_page_per_week_with_data_newest_first(tmp_path):
    ctx = _context(tmp_path, "en")
    out = weekly(ctx)
    index = next(p for p in out.pages if p.path == "weekly/index.md")
    weeks = [w["week"] for w in index.context["weeks"] if not w["empty"]]
    assert weeks == sorted(weeks, reverse=True) and weeks[0] == "2026-W48"
    assert {p.path for p in out.pages} == {f"weekly/{w}.md" for w in weeks} | {"weekly/index.md"}
