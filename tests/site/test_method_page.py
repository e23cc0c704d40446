"""The Method page speaks to users: definitions in words with examples, the benchmarks' own figures (read from
the files they write, never typed in), and the SQL behind the numbers published beside it."""

from __future__ import annotations

import pytest
from jinja2 import Environment

import collector
from scripts.pages.kit import make_env, render_page
from scripts.pages.method import SQL_FILES, accuracy_context, method
from tests.test_weekly_method_page import _context


@pytest.mark.parametrize("language", ["es", "en"])
def test_method_page_quotes_the_benchmark_files_and_publishes_its_sql(tmp_path, language):
    ctx = _context(tmp_path, language)
    out = method(ctx)
    env: Environment = make_env(ctx)
    text = render_page(env, out.pages[0])
    for s in collector.SENTIMENT_ACCURACY["sets"]:
        figure = f"{s['macro_f1']:.3f}"
        assert (figure.replace(".", ",") if language == "es" else figure) in text
        assert s["name"][language] in text
    assert ctx.L.percent(collector.INTENT_ACCURACY["needs_reply_accuracy"]) in text
    # no developer wording up front; the queries are linked at the end, and each is published
    assert "scripts/sql" not in text and "la vista responses" not in text
    assert len(out.files) == len(SQL_FILES)
    for name, content in out.files.items():
        assert name.startswith("sql/") and name.endswith(".sql.txt") and f"({name})" in text
        assert b"SELECT" in content.upper()


def test_a_figure_is_shown_with_three_decimals_so_a_miss_never_reads_as_the_target(tmp_path):
    ctx = _context(tmp_path, "en")
    sentiment = {**collector.SENTIMENT_ACCURACY,
                 "sets": [{**collector.SENTIMENT_ACCURACY["sets"][0], "macro_f1": 0.7194}]}
    shown = accuracy_context(ctx.L, sentiment, collector.INTENT_ACCURACY)["accuracy"]["sets"][0]["macro_f1"]
    assert shown == "0.719"
