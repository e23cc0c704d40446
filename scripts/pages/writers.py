"""Page writers: query results -> chart jobs + Markdown pages (Jinja2) + downloadable files.

`PAGE_WRITERS` is the list the build walks; a new section (the weekly summaries) is one more
function returning an `Output`. Writers only plan: the build renders the charts (vl-convert) and the
templates afterwards, so each stage can be timed on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pandas as pd

from collector import load_overrides
from scripts import charts, explain, safe
from scripts.pages.competitors import competitors
from scripts.pages.downloads import dictionary_context, dictionary_csv, dictionary_path, for_excel
from scripts.pages.health import feed_row, note_words, split_feeds
from scripts.pages.items import text_rows
from scripts.pages.kit import ChartJob, Output, Page, PageWriter, SiteContext
from scripts.pages.kpis import ARROWS, EXPLAIN_EN, KPI_LABELS, KPIS, direction, isna, kpi_signal, window_text
from scripts.pages.method import method
from scripts.pages.queue import choices, queue_row
from scripts.pages.themes import themes
from scripts.queries import HEALTH_ROWS, QUEUE_HORIZON_DAYS, SOURCE_FEED_ROWS, TREND_WEEKS

#: Data older than this gets a warning on every page that states freshness.
STALE_AFTER = timedelta(hours=36)
#: The CSV downloads' columns, in order.
QUEUE_CSV = ("published_at", "age_hours", "due_at", "overdue", "backlog", "source_name", "source_title", "owned",
             "intent", "sentiment_label", "triage_status", "owner", "author", "text", "comment_url", "post_title",
             "post_url")
HEALTH_CSV = ("source_name", "url", "kind", "status", "http_status", "error", "entries", "last_attempt_at",
              "last_ok_at", "last_new_at", "attempts", "failures")


def _explained(ctx: SiteContext, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each row gains `why`: the terms and rules that made it negative (or that a person labelled it)."""
    overrides = load_overrides(ctx.config.overrides_path)
    reasons = explain.reasons(rows, overrides, manual_label=ctx.L.t("sent.manual"),
                              no_terms_label=ctx.L.t("sent.no_terms"), phrase=ctx.L.t("sent.why_neg"), join=ctx.L.words)
    for row, why in zip(rows, reasons, strict=True):
        row["why"] = why
    return rows


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows for templates, with pandas' missing markers turned into None."""
    return [{k: (None if isna(v) else v) for k, v in row.items()} for row in frame.to_dict("records")]


def _weekly(ctx: SiteContext, source_id: str | None = None) -> pd.DataFrame:
    weekly = ctx.data.weekly
    frame = weekly[weekly["source_id"].isna()] if source_id is None else weekly[weekly["source_id"] == source_id]
    frame = frame.copy()
    frame["week_label"] = [ctx.L.week(d) for d in frame["week_start"]]
    frame["week_start"] = pd.to_datetime(frame["week_start"])
    return frame


def _series_job(ctx: SiteContext, name: str, frame: pd.DataFrame, value: str, title_key: str, y_key: str,
                value_format: str, colour: str = charts.BLUE, interactive: bool = True, *,
                volume: str | None = None, reference: float | None = None,
                reference_label: str = "") -> ChartJob | None:
    """A weekly line chart with an alt text that states the latest value; None when there is nothing to draw.
    `volume`: the column a rate is computed over (tooltip, point size); `reference`: a dashed SLA line."""
    points = frame.dropna(subset=[value])
    if points.empty:
        return None
    L = ctx.L
    title = L.t(title_key)
    columns = ["week_start", "week_label", value] + ([volume] if volume else [])
    args = {"df": points[columns], "value": value, "title": title,
            "x_title": L.t("chart.week"), "y_title": L.t(y_key), "value_format": value_format, "colour": colour}
    if volume:
        args |= {"volume": volume, "volume_title": L.t(f"chart.volume.{volume}")}
    if reference is not None:
        args |= {"reference": reference, "reference_label": reference_label}
    last = points.iloc[-1]
    decimals = 0 if value_format.endswith(".0f") else 1
    shown = L.percent(last[value]) if value_format.endswith("%") else L.number(last[value], decimals)
    alt_text = L.t("chart.alt_series", title=title, n=len(points), last=last["week_label"], value=shown)
    return ChartJob(name, charts.weekly_line, args, alt_text, interactive=interactive)


def _bars_job(ctx: SiteContext, name: str, frame: pd.DataFrame, category: str, value: str, title: str,
              value_title: str, value_format: str, *, fmt: Callable[[Any], str], sort: Any = "-x",
              diverging: bool = False, volume: str | None = None) -> ChartJob | None:
    """Bars per category; with `volume` each label says how many the value is computed over. The alt text
    and caption name the three highest and how many more, not a list of every source."""
    frame = frame.dropna(subset=[value])
    if frame.empty:
        return None
    L = ctx.L
    frame = frame.copy()
    columns = [category, value]
    if volume:
        frame[category] = [f"{name} · {L.number(n)}" for name, n in zip(frame[category], frame[volume], strict=True)]
        columns.append(volume)
    args = {"df": frame[columns], "category": category, "value": value, "title": title,
            "category_title": "", "value_title": value_title, "value_format": value_format, "sort": sort,
            "diverging": diverging}
    if volume:
        args |= {"volume": volume, "volume_title": L.t(f"chart.volume.{volume}")}
    ranked = frame if isinstance(sort, list) else frame.sort_values(value, ascending=False)
    shown = ranked.head(3)
    items = "; ".join(f"{row[category]}: {fmt(row[value])}" for _, row in shown.iterrows())
    if len(ranked) > len(shown):
        items += " " + L.t("chart.and_more", n=L.number(len(ranked) - len(shown)))
    return ChartJob(name, charts.bars, args, L.t("chart.alt_bars", title=title, items=items))


def _freshness(ctx: SiteContext) -> dict[str, Any]:
    last_ok = ctx.data.freshness.get("last_ok_at")
    stale = last_ok is None or ctx.data.now - last_ok > STALE_AFTER  # type: ignore[operator]
    return {"last_ok_at": last_ok, "stale": stale, **ctx.data.freshness}


def _sources(ctx: SiteContext) -> pd.DataFrame:
    """The configured sources, each with `slug` (its page) and `name` = the title people know it by (the config's
    title, else the feed's own; the config name only when neither exists), plus how its threads were read."""
    frame = ctx.data.sources
    frame = frame[frame["source_id"].notna()].copy()
    frame["slug"] = _unique_slugs(frame["source_id"].tolist())
    labels = _labels(ctx)
    frame["name"] = [labels.get(sid, name) for sid, name in zip(frame["source_id"], frame["name"], strict=True)]
    extra = ctx.data.source_labels
    for column in ("threads_via", "threads_note"):
        values = dict(zip(extra["source_id"], extra[column], strict=True)) if column in extra else {}
        frame[column] = [values.get(sid) for sid in frame["source_id"]]
    return frame


def _labels(ctx: SiteContext) -> dict[str, str]:
    """source_id -> the name to show (source_labels.sql)."""
    frame = ctx.data.source_labels
    return dict(zip(frame["source_id"], frame["label"], strict=True)) if "label" in frame else {}


def _unique_slugs(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        base = safe.slug(name)
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return out


# ---- the writers --------------------------------------------------------------------------------

def overview(ctx: SiteContext) -> Output:
    L, data = ctx.L, ctx.data
    out = Output()
    weekly = _weekly(ctx)
    weekly = weekly[weekly["week_start"] >= weekly["week_start"].max() - pd.Timedelta(weeks=TREND_WEEKS - 1)]
    queue = data.queue_asof
    queue_now = queue[queue["kind"] == "now"].iloc[0].to_dict() if not queue.empty else {}
    queue_prev = queue[queue["kind"] == "prev"].iloc[0].to_dict() if not queue.empty else {}
    queue_weeks = queue[queue["kind"] != "prev"].copy()
    formats = {"num": L.number, "pp": L.points, "pct": L.percent, "hours": L.hours}
    window = window_text(ctx)
    cards = []
    for kpi in KPIS:
        key, trend_col = kpi.key, kpi.key
        current = data.current.get(key) if kpi.origin == "window" else queue_now.get(key)
        previous = data.previous.get(key) if kpi.origin == "window" else queue_prev.get(key)
        if kpi.origin == "window" and window["too_early"]:
            previous = None
        label = L.t(KPI_LABELS[key])
        trend = weekly[["week_start", trend_col]] if kpi.origin == "window" else queue_weeks[["at", trend_col]]
        x = "week_start" if kpi.origin == "window" else "at"
        trend = trend.dropna()
        job = None
        if len(trend) >= 2:
            job = ChartJob(f"kpi-{key}", charts.sparkline, {"df": trend, "x": x, "value": trend_col, "title": ""},
                           L.t("kpi.trend", what=label.lower()))
            out.charts.append(job)
        signal = kpi_signal(kpi, current, previous)
        anchor = kpi.explain if L.lang == "es" else EXPLAIN_EN[kpi.explain]
        cards.append({"key": key, "label": label, "value": formats[kpi.fmt](current),
                      "previous": formats[kpi.fmt](previous), "delta": L.delta(current, previous, kind=kpi.delta),
                      "signal": signal, "signal_text": L.t(f"kpi.{signal}") if L.has(f"kpi.{signal}") else "",
                      "arrow": ARROWS.get((signal, direction(current, previous)), ""),
                      "explain": f"method.md#{anchor}", "drill": kpi.drill, "chart": job,
                      "now_only": kpi.origin == "queue"})
    mentions = _series_job(ctx, "mentions-week", _weekly(ctx), "mentions", "chart.mentions_week",
                           "chart.mentions", ",.0f")
    out.charts += [job for job in (mentions,) if job]
    out.pages.append(Page("index.md", "overview.md.j2", {"fresh": _freshness(ctx), "cards": cards,
                                                         "mentions_chart": mentions, "window": window}))
    return out


def responses(ctx: SiteContext) -> Output:
    L, data = ctx.L, ctx.data
    out = Output()
    email = L.t("email.hidden")
    # the download obeys [privacy] hide_authors exactly as the page does
    hidden, hidden_label = ctx.hidden_authors, L.t("hidden.author")
    out.files["responses/open-queue.csv"] = queue_csv = for_excel(data.open_rows, QUEUE_CSV, {
        "text": lambda v: safe.clean(v, email_label=email),
        "post_title": lambda v: safe.clean(v, email_label=email),
        "author": lambda v: safe.author(v, hidden=hidden, hidden_label=hidden_label, email_label=email),
        "comment_url": lambda v: safe.safe_url(v) or "",
        "post_url": lambda v: safe.safe_url(v) or "",
        "published_at": lambda v: v.astimezone(L.tz).isoformat() if v is not None else None,
        "due_at": lambda v: v.astimezone(L.tz).isoformat() if v is not None else None,
        "source_title": lambda v: safe.clean(v, email_label=email),
        "owner": lambda v: safe.clean(v, email_label=email) if v else "",
        "intent": lambda v: L.t(f"intent.{v}") if L.has(f"intent.{v}") else v,
        "sentiment_label": lambda v: L.t(f"label.{v}") if L.has(f"label.{v}") else v,
    }, L)
    out.files[dictionary_path("responses/open-queue.csv")] = dictionary_csv(queue_csv, L.lang)
    bins = data.response_bins[data.response_bins["source_id"].isna()].copy()
    bins["label"] = [L.t(f"bin.{int(b)}") for b in bins["bin"]]
    dist = _bars_job(ctx, "response-time", bins, "label", "replies", L.t("resp.distribution"),
                     L.t("chart.replies"), ",.0f", fmt=L.number, sort=[L.t(f"bin.{i}") for i in range(7)])
    weekly = _weekly(ctx)
    rate = _series_job(ctx, "response-rate-week", weekly, "response_rate", "chart.rate_week", "chart.rate", ".0%",
                       colour=charts.GREEN, volume="needs_reply")
    sla = ctx.config.brand.response_sla_hours
    median = _series_job(ctx, "response-median-week", weekly, "median_hours", "chart.median_week", "chart.hours",
                         ",.1f", colour=charts.ORANGE, volume="eligible_answered", reference=sla,
                         reference_label=L.t("chart.sla", sla=L.number(sla)))
    sources = _sources(ctx)
    by_source = _bars_job(ctx, "response-rate-source", sources, "name", "response_rate", L.t("chart.rate_source"),
                          L.t("chart.rate"), ".0%", fmt=L.percent, volume="needs_reply")
    out.charts += [job for job in (dist, rate, median, by_source) if job]
    def rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
        return [queue_row(r, L, data.now, hidden=hidden) for r in _records(frame)]

    queue, backlog, decided = rows(data.open_queue), rows(data.backlog), rows(data.decided)
    out.pages.append(Page("responses.md", "responses.md.j2", {
        "queue": queue, "total": data.open_total, "backlog": backlog, "backlog_total": data.backlog_total,
        "decided": decided, "decided_total": data.decided_total, "choices": choices(queue + backlog, L),
        "totals": _records(data.sources[data.sources["source_id"].isna()])[0] if len(data.sources) else {},
        "days": QUEUE_HORIZON_DAYS, "sla": L.number(ctx.config.brand.response_sla_hours),
        "queue_csv": dictionary_context(queue_csv, "responses/open-queue.csv", L),
        "dist": dist, "rate": rate, "median": median, "by_source": by_source,
        "sources": _records(sources), "weeks": _records(weekly.tail(TREND_WEEKS).iloc[::-1]),
    }))
    return out


def sentiment(ctx: SiteContext) -> Output:
    L, data = ctx.L, ctx.data
    out = Output()
    net = _series_job(ctx, "net-sentiment-week", _weekly(ctx), "net_sentiment", "chart.net", "chart.net", ",.0f",
                      colour=charts.PURPLE, volume="scored")
    sources = _sources(ctx)
    by_source = _bars_job(ctx, "net-sentiment-source", sources, "name", "net_sentiment", L.t("sent.by_source"),
                          L.t("chart.net"), ",.0f", fmt=L.points, diverging=True, volume="scored")
    mix = data.sentiment_mix.copy()
    mix["label"] = mix["sentiment_label"].fillna("none")
    mix["label_text"] = [L.t(f"label.{code}") for code in mix["label"]]
    mix["kind_text"] = [L.t(f"kind.{kind}") for kind in mix["kind"]]
    unscored = int(mix.loc[mix["label"] == "none", "texts"].sum())
    dist = None
    if not mix.empty:
        args = {"df": mix, "category": "kind_text", "label": "label", "label_text": "label_text", "value": "texts",
                "title": L.t("chart.mix"), "category_title": "", "value_title": L.t("chart.texts"),
                "label_title": L.t("chart.label"), "order": ["neg", "neu", "pos", "none"]}
        totals = mix.groupby("kind_text", sort=False)["texts"].sum()
        negative = mix[mix["label"] == "neg"].groupby("kind_text", sort=False)["texts"].sum()
        items = "; ".join(L.t("chart.mix_item", kind=kind, n=L.number(total),
                              neg=L.percent(negative.get(kind, 0) / total)) for kind, total in totals.items() if total)
        dist = ChartJob("sentiment-mix", charts.stacked_labels, args,
                        L.t("chart.alt_bars", title=L.t("chart.mix"), items=items))
    out.charts += [job for job in (net, by_source, dist) if job]
    out.pages.append(Page("sentiment.md", "sentiment.md.j2", {
        "net": net, "by_source": by_source, "dist": dist, "unscored": L.number(unscored),
        "worst": text_rows(_explained(ctx, _records(data.most_negative)), L, _labels(ctx), hidden=ctx.hidden_authors),
        "sources": _records(sources),
    }))
    return out


def sources(ctx: SiteContext) -> Output:
    data = ctx.data
    out = Output()
    frame = _sources(ctx)
    out.pages.append(Page("sources/index.md", "sources_index.md.j2", {"sources": _records(frame)}))
    # one pass over the big frames instead of a filter per source (300 sources x 100k+ feed rows)
    recent_by = dict(tuple(data.source_recent.groupby("source_id", sort=False)))
    failing = data.feed_health.failing()
    problems_by = dict(tuple(failing.groupby("source_id", sort=False)))
    feeds_total = data.feed_health.per_source()
    titles = _labels(ctx)
    # the sources the Respuestas page can filter on: a source page links its open count there only then
    in_queue = {sid for part in (data.open_queue, data.backlog) for sid in part["source_id"].dropna()}
    for row in _records(frame):
        weekly = _weekly(ctx, row["source_id"])
        job = _series_job(ctx, f"source-{row['slug']}-mentions", weekly, "mentions", "chart.mentions_week",
                          "chart.mentions", ",.0f", interactive=False)
        if job:
            out.charts.append(job)
        recent = recent_by.get(row["source_id"], data.source_recent.iloc[0:0])
        problems = problems_by.get(row["source_id"], failing.iloc[0:0])
        out.pages.append(Page(f"sources/{row['slug']}.md", "source.md.j2", {
            "s": row, "chart": job, "in_queue": row["source_id"] in in_queue,
            "recent": text_rows(_records(recent), ctx.L, titles, hidden=ctx.hidden_authors),
            "feeds_total": feeds_total.get(row["source_id"], 0),
            "problems": [feed_row(p, ctx.L, titles) for p in _records(problems.head(SOURCE_FEED_ROWS))],
            "problems_total": len(problems),
        }))
    return out


def health(ctx: SiteContext) -> Output:
    L, data = ctx.L, ctx.data
    out = Output()
    feeds = data.feed_health
    email = L.t("email.hidden")
    local = {column: lambda v: v.astimezone(L.tz).isoformat() if v is not None else None
             for column in ("last_attempt_at", "last_ok_at", "last_new_at")}
    out.files["health/feeds.csv"] = feeds_csv = for_excel(
        feeds, HEALTH_CSV, {"error": lambda v: safe.clean(v, email_label=email), **local}, L)
    out.files[dictionary_path("health/feeds.csv")] = dictionary_csv(feeds_csv, L.lang)
    sources = _sources(ctx)
    per_source = feeds.per_source()
    sources["feeds"] = [per_source.get(sid, 0) for sid in sources["source_id"]]
    partial = [{"name": name, "note": note_words(L, note), "raw": note}
               for name, note in zip(sources["name"], sources["threads_note"], strict=True)
               if isinstance(note, str) and note]
    shown = feeds.head(HEALTH_ROWS)
    failing_by = feeds.failing()
    failing_total = len(failing_by)
    failing_counts = failing_by.groupby("source_id").size().to_dict() if failing_total else {}
    ok_totals = {sid: n - failing_counts.get(sid, 0) for sid, n in per_source.items()}
    failing, ok_groups = split_feeds(shown, L, _labels(ctx), ok_totals)
    out.pages.append(Page("health.md", "health.md.j2", {
        "fresh": _freshness(ctx), "failing": failing, "ok_groups": ok_groups, "total": feeds.total,
        "shown": len(shown), "failing_total": failing_total, "ok_total": feeds.total - failing_total,
        "sources": _records(sources), "partial_threads": partial,
        "feeds_csv": dictionary_context(feeds_csv, "health/feeds.csv", L),
    }))
    return out


def weekly(ctx: SiteContext) -> Output:
    """A summary page per ISO week with data (from the first), one index line per run of empty weeks (newest
    first), and the Atom feed of the pages."""
    from scripts.weekly import render
    from scripts.weekly.pages import EmptyRun, run_labels, site_weeks

    L, out = ctx.L, Output()
    items = site_weeks(ctx.data.weekly_summaries)
    summaries = [s for s in items if not isinstance(s, EmptyRun)]
    for summary in summaries:
        job = ChartJob.of(f"weekly-{summary.week}", render.trend_spec(summary, L), render.chart_alt(summary, L))
        out.charts.append(job)
        out.pages.append(Page(f"weekly/{summary.week}.md", "weekly.md.j2", {
            "v": render.present(summary, L, ctx.config), "site": True, "chart": job}))
    weeks = []
    for s in reversed(items):
        if isinstance(s, EmptyRun):
            labels = run_labels(s)
            weeks.append({"empty": L.plural("weekly.empty_run", labels.pop("count"), **labels)})
        else:
            weeks.append({"empty": None, "week": s.week, "title": L.week(s.week_start),
                          "verdict": render.verdict_text(s, L),
                          "level": s.verdict.level, "partial": s.partial, "no_data": s.no_data})
    out.pages.append(Page("weekly/index.md", "weekly_index.md.j2", {"weeks": weeks,
                                                                    "tz": ctx.config.brand.timezone}))
    out.files["weekly/feed.xml"] = render.atom_feed(summaries, L, ctx.config, now=ctx.data.now)
    return out


PAGE_WRITERS: list[PageWriter] = [overview, responses, sentiment, themes, competitors, sources, weekly, health,
                                   method]
