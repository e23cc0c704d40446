"""Weekly pages start at the first week with data and a run of empty weeks is one line; sentences agree
in number (Babel); examples name sources by title; the e-mail links back to the site."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import duckdb
import feedparser

from scripts.i18n import Locale
from scripts.weekly import render
from scripts.weekly.pages import EmptyRun, site_weeks, verdict_counts
from scripts.weekly.summary import parse_week
from tests.site.dbkit import NOW, MiniDB, make_config
from tests.weeklykit import locale, summary_for, weekly_data


def _old_blog_db(tmp_path):
    """A seed blog with posts in March 2012, then nothing until the last two weeks."""
    db = MiniDB(tmp_path / "p.duckdb").source("blog-a", owned=True)
    db.post("old1", "blog-a", datetime(2012, 3, 5, 10, tzinfo=UTC), label="neu", score=0.0)
    db.post("old2", "blog-a", datetime(2012, 3, 14, 10, tzinfo=UTC), label="neu", score=0.0)
    db.post("new1", "blog-a", NOW - timedelta(days=8), label="neu", score=0.0)
    db.post("new2", "blog-a", NOW - timedelta(hours=3), label="neu", score=0.0)
    db.con.execute("UPDATE sources SET title = 'Blog de Acme', feed_title = 'Acme feed' WHERE source_id = 'blog-a'")
    return db.close()


def test_weekly_pages_start_at_the_first_week_with_data_and_empty_runs_are_one_item(tmp_path):
    db = _old_blog_db(tmp_path)
    items = site_weeks(weekly_data(db, make_config(tmp_path)))
    pages = [i for i in items if not isinstance(i, EmptyRun)]
    runs = [i for i in items if isinstance(i, EmptyRun)]
    assert [p.week for p in pages] == ["2012-W10", "2012-W11", "2026-W47", "2026-W48"]
    assert len(runs) == 1 and runs[0].first == parse_week("2012-W12") and runs[0].last == parse_week("2026-W46")
    assert runs[0].weeks > 700
    levels, weeks = verdict_counts(items)
    assert weeks == 3 and sum(levels.values()) == 3     # complete weeks with data; the week in progress left out


def test_the_index_says_a_run_of_empty_weeks_in_one_line_in_both_languages():
    es, en = Locale("es", UTC), Locale("en", UTC)
    assert es.plural("weekly.empty_run", 12, first="2012-W10", last="2012-W21") == \
        "12 semanas sin datos: 2012-W10 – 2012-W21"
    assert es.plural("weekly.empty_run", 1, first="2012-W10", last="2012-W10") == "1 semana sin datos: 2012-W10"
    assert en.plural("weekly.empty_run", 1, first="2012-W10", last="2012-W10") == "1 week without data: 2012-W10"


def test_sentences_agree_in_number_in_spanish_and_english(tmp_path):
    db = MiniDB(tmp_path / "p.duckdb").source("blog-a", owned=True)
    db.post("p1", "blog-a", NOW - timedelta(days=6))
    db.comment("angry", "p1", NOW - timedelta(days=5), text="Pésimo servicio", label="neg", score=-0.8)
    db.close()
    for language, one, many in (("es", "1 comentario negativo en una fuente propia", "comentarios negativos"),
                                ("en", "1 negative comment on an owned source", "negative comments")):
        config = make_config(tmp_path, language=language)
        summary = summary_for(db.path, config, "2026-W48")
        text = render.markdown(summary, locale(config), config)
        assert one in text and "1 " + many not in text
        esc = summary.escalations[0]
        three = dataclasses.replace(summary, escalations=(dataclasses.replace(esc, count=3),))
        assert "3 " + many in render.markdown(three, locale(config), config)


def test_weekly_examples_name_the_source_by_its_title_not_its_slug(tmp_path):
    db = _old_blog_db(tmp_path)
    con = duckdb.connect(str(db))
    con.execute("UPDATE posts SET sentiment_label = 'neg', sentiment = -0.7 WHERE post_id = 'new2'")
    con.close()
    config = make_config(tmp_path)
    summary = summary_for(db, config, "2026-W48")
    assert {e.source_name for e in summary.examples} == {"Blog de Acme"}
    assert "blog-a ·" not in render.markdown(summary, locale(config), config)


def test_the_email_and_chat_summary_link_back_to_the_site_when_site_url_is_set(tmp_path):
    db = _old_blog_db(tmp_path)
    config = make_config(tmp_path)
    config = dataclasses.replace(config, brand=dataclasses.replace(config.brand, site_url="https://pulso.example.com/"))
    summary = summary_for(db, config, "2026-W48")
    html = render.html_email(summary, locale(config), config, image_src=None)
    assert 'href="https://pulso.example.com/weekly/2026-W48.html"' in html
    assert 'href="https://pulso.example.com/responses.html"' in html
    assert "](https://pulso.example.com/weekly/2026-W48.html)" in render.markdown(summary, locale(config), config)
    plain = make_config(tmp_path)
    assert "pulso.example.com" not in render.html_email(summary_for(db, plain, "2026-W48"), locale(plain), plain,
                                                        image_src=None)


def test_the_atom_feed_holds_only_the_weeks_that_have_pages(tmp_path):
    db = _old_blog_db(tmp_path)
    config = make_config(tmp_path)
    data = weekly_data(db, config)
    pages = [i for i in site_weeks(data) if not isinstance(i, EmptyRun)]
    feed = feedparser.parse(render.atom_feed(pages, locale(config), config, now=data.now))
    assert len(feed.entries) == 4


def test_weekly_chart_has_a_legend_and_a_one_sentence_alt_text() -> None:
    from datetime import date, timedelta
    from types import SimpleNamespace
    from zoneinfo import ZoneInfo

    from scripts.i18n import Locale
    from scripts.weekly import render

    rows = [(5, 1), (12, 4), (7, 2), (9, 3)]
    _S = SimpleNamespace(week_start=date(2026, 11, 23), trend=[
        {"week_start": date(2026, 11, 2) + timedelta(weeks=i), "mentions": m, "neg": n, "current": i == 3}
        for i, (m, n) in enumerate(rows)])

    L = Locale("es", ZoneInfo("Europe/Madrid"))
    spec = render.trend_chart(_S, L).to_dict()
    assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"] == ["Menciones", "Textos negativos"]
    alt_text = render.chart_alt(_S, L)
    assert "entre 5 y 12 menciones" in alt_text and alt_text.count(";") == 0
