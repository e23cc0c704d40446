"""The Method page: every definition in words, and the measured accuracy of sentiment and intent.

The figures are read from the files the benchmarks write (`collector.SENTIMENT_ACCURACY`,
`collector.INTENT_ACCURACY`), never typed into the page, so the page cannot quote a number the code no
longer earns. The SQL that defines each metric is published beside the page for whoever wants to check it.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from collector import INTENT_ACCURACY, SENTIMENT_ACCURACY
from scripts import safe
from scripts.i18n import Locale
from scripts.pages.kit import Output, Page, SiteContext
from scripts.weekly.pages import LEVELS, site_weeks, verdict_counts
from scripts.weekly.summary import rules as weekly_rules

#: The queries the definitions live in, published as plain text beside the Method page: responses.sql holds the
#: reply rules (open_at: the queue at another instant), texts.sql the texts in scope, the ratios and the sources'
#: names that the other files call.
SQL_FILES = (("collector", "storage/sql/responses.sql"), ("scripts", "sql/texts.sql"),
             ("scripts", "sql/window_kpis.sql"), ("scripts", "sql/weekly.sql"), ("scripts", "sql/weekly_windows.sql"),
             ("scripts", "sql/open_queue.sql"), ("scripts", "sql/competitors_voice.sql"),
             ("scripts", "sql/themes_texts.sql"))


def _decimal(L: Locale, value: float, places: int) -> str:
    text = f"{value:.{places}f}"
    return text.replace(".", ",") if L.lang == "es" else text


def accuracy_context(L: Locale, sentiment: dict[str, Any], intent: dict[str, Any]) -> dict[str, Any]:
    """The benchmark figures as the page shows them (three decimals for macro-F1: 0.719 is not a 0.72)."""
    conf = sentiment["confidence"]

    def share(pair: list[float]) -> str:
        return f"{L.percent(pair[0])}–{L.percent(pair[1])}"

    return {
        "accuracy": {
            "measured": sentiment["measured"], "threshold": _decimal(L, conf["threshold"], 1),
            "confident": share(conf["confident_right"]), "uncertain": share(conf["uncertain_right"]),
            "sets": [{"name": s["name"][L.lang], "texts": L.number(s["texts"]),
                      "macro_f1": _decimal(L, s["macro_f1"], 3), "tuned_on": s["tuned_on"]}
                     for s in sentiment["sets"]],
        },
        "intent": {
            "measured": intent["measured"], "texts": L.number(intent["texts"]),
            **{key: L.percent(intent[key]) for key in ("needs_reply_accuracy", "needs_reply_precision",
                                                        "needs_reply_recall", "baseline_accuracy")},
            **{key: _decimal(L, intent[key], 2) for key in ("macro_F1", "text_only_macro_F1")},
        },
    }


def method(ctx: SiteContext) -> Output:
    brand, L = ctx.config.brand, ctx.L
    counts, weeks = verdict_counts(site_weeks(ctx.data.weekly_summaries))   # this site's own weeks, at build
    verdicts = [{"label": L.t(f"verdict.level.{level}"), "n": L.number(counts[level]),
                 "share": L.percent(counts[level] / weeks) if weeks else "–"} for level in LEVELS]
    published = {f"sql/{path.rsplit('/', 1)[-1]}.txt": (files(package) / path).read_bytes()
                 for package, path in SQL_FILES}
    hours = f"{brand.business_hours}, {brand.workdays}" if brand.business_hours else ""
    return Output(pages=[Page("method.md", f"method.{L.lang}.md.j2", {
        "sla": L.number(brand.response_sla_hours), "tz": brand.timezone, "rules": weekly_rules(),
        "verdicts": verdicts, "verdict_weeks": L.number(weeks), "business": hours,
        "aliases": L.words([f"«{a}»" if L.lang == "es" else f"“{a}”" for a in brand.aliases]),
        "responders": L.words([r for r in brand.responders if safe.fold(r) not in ctx.hidden_authors]) or "–",
        "sql_files": [{"name": path.rsplit("/", 1)[-1], "path": f"sql/{path.rsplit('/', 1)[-1]}.txt"}
                      for _, path in SQL_FILES],
        **accuracy_context(L, SENTIMENT_ACCURACY, INTENT_ACCURACY),
    })], files=published)
