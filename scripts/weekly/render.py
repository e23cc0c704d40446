"""A `Summary` in words: site Markdown, chat Markdown, e-mail-ready HTML and the Atom feed.

`present` turns a summary into display-ready strings once (numbers formatted for the language, feed
text cleaned, links http(s) only), so the three templates cannot disagree. Feed text is hostile:
templates autoescape HTML, and Markdown targets also get `safe.md_escape` so a `[x](javascript:…)`
in a comment stays text. E-mail clients drop SVG and JavaScript and most ignore `<style>`, hence a
PNG chart and CSS inlined by `css-inline` (the `@media` dark-mode rules stay in a `<style>` block for
the clients that honour them).
"""

from __future__ import annotations

import base64
import copy
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

import altair as alt
import css_inline
import pandas as pd
import vl_convert as vlc
from feedgen.feed import FeedGenerator
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from collector import Config
from scripts import charts, safe
from scripts.i18n import VEGA_LOCALES, Locale
from scripts.weekly.summary import Example, Summary
from scripts.weekly.verdict import SPIKE_MIN

WORDS = 140   # "first words" of an example, in characters


def make_weekly_env(*, chat: bool = False) -> Environment:
    """The templates' environment outside the site build (CLI, e-mail, feed). HTML outputs autoescape;
    chat Markdown escapes only `&`, `<`, `>` (what Slack-style tools need; quotes stay readable)."""
    finalize = None
    if chat:
        def finalize(value: object) -> object:
            if isinstance(value, str) and not isinstance(value, Markup):
                return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            return value
    env = Environment(loader=PackageLoader("scripts", "templates"), autoescape=not chat, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, finalize=finalize)
    env.filters["md"] = safe.md_escape
    return env


def _fmt(L: Locale, key: str, value: object) -> str:
    if key == "mentions":
        return L.number(value)
    if key == "net_sentiment":
        return L.points(value)
    if key == "response_rate":
        return L.percent(value)
    return L.hours(value)


_DELTA_KIND = {"mentions": "number", "net_sentiment": "points", "response_rate": "rate", "median_hours": "hours"}
_LABEL = {"mentions": "kpi.mentions", "net_sentiment": "kpi.net_sentiment", "response_rate": "kpi.response_rate"}


def _reason(L: Locale, key: str, values: dict[str, object], sla: float) -> str:
    shown: dict[str, object] = {}
    for name, value in values.items():
        if name in ("n",):
            shown[name] = L.number(value)
        elif name == "sla":
            shown[name] = f"{L.number(value)} h"
        elif name == "avg":
            shown[name] = L.number(value, 1)
        elif key == "reason.rate" and name == "value":
            shown[name] = L.percent(value)
        elif key in ("reason.rate", "reason.net") and name == "diff":
            shown[name] = L.delta(float(value), 0.0, kind="points")  # type: ignore[arg-type]
        elif key == "reason.median":
            shown[name] = L.hours(value)
        elif name == "mentions":
            shown[name] = L.number(value)
        elif name in ("net", "value"):
            shown[name] = L.points(value)
        elif name == "rate":
            shown[name] = L.percent(value)
        else:
            shown[name] = value
    if "n" in values and L.has(f"{key}.other"):   # "1 comentario negativo" / "3 comentarios negativos"
        del shown["n"]
        return L.plural(key, values["n"], **shown)
    return L.t(key, **shown)


def verdict_text(summary: Summary, L: Locale) -> str:
    """Headline, then the reasons: "Respuesta peor que la semana pasada: 4 comentarios negativos …"."""
    v = summary.verdict
    reasons = "; ".join(_reason(L, key, values, summary.sla_hours) for key, values in v.reasons)
    return f"{L.t(v.headline)}: {reasons}" if reasons else L.t(v.headline)


def _example(e: Example, L: Locale, config: Config) -> dict[str, Any]:
    email = L.t("email.hidden")
    hidden = frozenset(safe.fold(n) for n in config.privacy.hide_authors)
    words = safe.clean(e.text, WORDS, email_label=email) or safe.clean(e.title, WORDS, email_label=email)
    return {
        "pick": L.t(f"weekly.pick.{e.pick}"), "kind": L.t(f"kind.{e.kind}"), "source": safe.clean(e.source_name, 60),
        "author": safe.author(e.author, hidden=hidden, hidden_label=L.t("hidden.author"), email_label=email) or "–",
        "date": L.day(L.local(e.published_at)), "words": words, "url": safe.safe_url(e.url),
        "md_url": safe.md_url(e.url),
        "waiting": L.t("weekly.waiting", age=L.hours(e.age_hours)) if e.age_hours is not None else "",
    }


def present(summary: Summary, L: Locale, config: Config) -> dict[str, Any]:
    """Everything the templates show, as strings in the site language."""
    s = summary
    last_day = s.end - timedelta(days=1)
    numbers = []
    for key in ("mentions", "net_sentiment", "response_rate"):
        m = s.metrics[key]
        numbers.append({"label": L.t(_LABEL[key]), "value": _fmt(L, key, m.value),
                        "previous": _fmt(L, key, m.previous), "avg4": _fmt(L, key, m.avg4),
                        "change": L.delta(m.value, m.previous, kind=_DELTA_KIND[key]) or "–", "extra": ""})
    med = s.metrics["median_hours"]
    prev_label = L.t("weekly.prev_part") if s.partial else L.t("weekly.prev")
    numbers[-1]["extra"] = L.t("weekly.median_line", value=L.hours(med.value), previous=L.hours(med.previous),
                               avg=L.hours(med.avg4), prev=prev_label)
    escalations = []
    for esc in s.escalations:
        text = L.plural(f"esc.{esc.rule}", esc.count, sla=f"{L.number(s.sla_hours)} h",
                        avg=L.number(esc.baseline, 1), min=L.number(SPIKE_MIN))
        escalations.append({"text": text, "rows": [_example(e, L, config) for e in esc.items]})
    until = min(s.now, s.end)
    return {
        "week": s.week, "week_title": L.week(s.week_start), "title": L.t("weekly.title", week=L.week(s.week_start)),
        "brand": config.brand.name,
        "range": L.t("weekly.range", start=L.day(s.week_start), end=L.day(last_day.date()), tz=config.brand.timezone),
        "partial": s.partial, "partial_note": L.t("weekly.partial", until=L.when(until))
        + (" " + L.t("kpi.too_early") if s.partial and all(m.previous is None for m in s.metrics.values()) else ""),
        "no_data": s.no_data, "no_data_note": L.t("weekly.nodata"),
        "verdict": verdict_text(s, L), "level": s.verdict.level, "numbers": numbers, "escalations": escalations,
        "examples": [_example(e, L, config) for e in s.examples],
        "prev_label": prev_label,
        "lines": [L.t(key, **values) for key, values in s.lines],   # share of voice, topics (their hooks)
        "links": site_links(s, L, config),
        "chart_alt": chart_alt(s, L), "footer": L.t("weekly.footer", now=L.when(s.now)),
        # on the site a past week's page must not change every night just to say when it was generated
        "footer_site": L.t("weekly.footer_site"),
    }


def site_links(summary: Summary, L: Locale, config: Config) -> list[dict[str, str]]:
    """Links back to the published site (`brand.site_url`): this week's page and the queue of comments waiting
    for a reply. None without a site_url (the e-mail then names no address it cannot know)."""
    base = safe.safe_url(config.brand.site_url)
    if not base:
        return []
    base = base.rstrip("/") + "/"
    return [{"text": L.t("weekly.link_week"), "url": f"{base}weekly/{summary.week}.html"},
            {"text": L.t("weekly.link_queue"), "url": f"{base}responses.html"}]


# ---- the chart ------------------------------------------------------------------------------------

def trend_frame(summary: Summary, L: Locale) -> pd.DataFrame:
    frame = pd.DataFrame(list(summary.trend))
    frame["week_label"] = [L.week(d) for d in frame["week_start"]]
    frame["week_start"] = pd.to_datetime(frame["week_start"])
    return frame


def trend_chart(summary: Summary, L: Locale) -> alt.LayerChart:
    return charts.weekly_trend(trend_frame(summary, L), title=L.t("weekly.chart_title"), x_title=L.t("chart.week"),
                               y_title=L.t("chart.texts"),
                               labels=(L.t("weekly.series_mentions"), L.t("weekly.series_negative")))


class SpecChart:
    """A Vega-Lite spec with the `to_dict` of an Altair chart. Altair validates a chart against the schema
    on construction and on `to_dict` (~0.2 s for this one); the weekly chart differs between weeks only in
    its data, so it is built and validated once per language and its data swapped (measured: 20 s -> 1 s
    for a year of weekly pages)."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec

    def to_dict(self) -> dict[str, Any]:
        return copy.deepcopy(self.spec)


_TEMPLATES: dict[str, dict[str, Any]] = {}


def trend_spec(summary: Summary, L: Locale) -> SpecChart:
    """The 12-week chart of `summary` (see `charts.weekly_trend`), as a prevalidated spec."""
    if L.lang not in _TEMPLATES:
        _TEMPLATES[L.lang] = trend_chart(summary, L).to_dict()
    spec = copy.deepcopy(_TEMPLATES[L.lang])
    (name,) = spec["datasets"].keys()
    spec["datasets"][name] = [{**row, "week_start": f"{row['week_start']}T00:00:00",  # as Altair writes dates
                               "week_label": L.week(row["week_start"])} for row in summary.trend]
    return SpecChart(spec)


def chart_alt(summary: Summary, L: Locale) -> str:
    """What the chart shows in one sentence (its alt text): the range and the busiest week, not 12 numbers."""
    rows = [r for r in summary.trend if not pd.isna(r["mentions"])]
    if not rows:
        return L.t("weekly.chart_alt_empty", week=L.week(summary.week_start))
    top = max(rows, key=lambda r: r["mentions"])
    return L.t("weekly.chart_alt", n=len(rows), week=L.week(summary.week_start),
               low=L.number(min(r["mentions"] for r in rows)), high=L.number(top["mentions"]),
               top=L.week(top["week_start"]))


def trend_png(summary: Summary, L: Locale, *, scale: float = 2.0) -> bytes:
    """The chart as PNG (e-mail clients drop SVG); drawn at 2x so it stays sharp on high-density screens."""
    spec = charts.to_spec(trend_spec(summary, L), L.lang)  # type: ignore[arg-type]
    locale = VEGA_LOCALES[L.lang]
    return vlc.vegalite_to_png(spec, scale=scale, format_locale=locale["number"], time_format_locale=locale["time"])


# ---- the three outputs ----------------------------------------------------------------------------

def markdown(summary: Summary, L: Locale, config: Config, env: Environment | None = None) -> str:
    """Markdown for chat tools: no HTML, no images, links only http(s)."""
    env = env or make_weekly_env(chat=True)
    return env.get_template("weekly.md.j2").render(v=present(summary, L, config), L=L, site=False,
                                                   figure=lambda job: "", chart=None, up="")


def html_fragment(summary: Summary, L: Locale, config: Config, *, image_src: str | None,
                  env: Environment | None = None) -> str:
    """The summary's body (no <html>), styled by class; used inside the e-mail and in the Atom feed."""
    env = env or make_weekly_env()
    return env.get_template("weekly_body.html.j2").render(v=present(summary, L, config), L=L, image_src=image_src)


def html_email(summary: Summary, L: Locale, config: Config, *, image_src: str | None) -> str:
    """One e-mail-ready HTML document: CSS inlined, no script, `image_src` a data: URI or a cid: reference."""
    env = make_weekly_env()
    body = Markup(html_fragment(summary, L, config, image_src=image_src, env=env))
    document = env.get_template("weekly_email.html.j2").render(
        v=present(summary, L, config), L=L, body=body, lang=L.lang)
    inliner = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)
    return inliner.inline(document)


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def atom_feed(summaries: Iterable[Summary], L: Locale, config: Config, *, now: datetime) -> bytes:
    """Atom 1.0 of the summaries, newest first. Ids are `urn:` IRIs (valid without a site URL); links are
    relative to the feed (weekly/feed.xml), so the site still works from any host."""
    env = make_weekly_env()
    feed = FeedGenerator()
    brand_slug = safe.slug(config.brand.name)
    feed.id(f"urn:pulso:{brand_slug}:weekly")
    feed.title(L.t("weekly.feed_title", brand=config.brand.name))
    feed.author({"name": f"Pulso · {config.brand.name}"})
    feed.link(href="feed.xml", rel="self", type="application/atom+xml")
    feed.link(href="index.html", rel="alternate", type="text/html")
    feed.language(L.lang)
    feed.updated(now)
    for s in sorted(summaries, key=lambda x: x.week_start):   # feedgen prepends: oldest first in, newest first out
        entry = feed.add_entry()
        entry.id(f"urn:pulso:{brand_slug}:weekly:{s.week}")
        entry.title(f"{L.week(s.week_start)}: {verdict_text(s, L)}")
        entry.link(href=f"{s.week}.html", rel="alternate", type="text/html")
        entry.updated(min(now, s.end))
        entry.published(min(now, s.end))
        entry.content(html_fragment(s, L, config, image_src=None, env=env), type="html")
    return feed.atom_str(pretty=True)
