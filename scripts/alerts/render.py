"""Alerts as words: one neutral outline (sections of plain-text lines and linked items), then one writer per
format — plain text and HTML for the e-mail (scripts.alerts.webhook writes the chat JSON from the same outline).

The outline holds plain text only; every writer escapes all of it for its own format, because source
titles, authors and texts come from feeds. Links are http(s) only (checked in scripts.alerts.find).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from collector import Config
from scripts.alerts.labels import label
from scripts.alerts.model import Alert
from scripts.i18n import Locale

#: Site pages an alert links to (use_directory_urls is off: page.html).
PAGES = {"spike_mentions": "index.html", "spike_negative": "sentiment.html", "overdue": "responses.html",
         "stopped_answering": "responses.html"}
#: Overdue comments listed per source at most (the rest are on the queue page).
OVERDUE_SHOWN = 5


@dataclass(frozen=True)
class Item:
    """One example: who, where, when (`meta`), what (`text`), and its link."""

    meta: str
    text: str
    url: str | None


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[str, ...]
    items: tuple[Item, ...] = ()
    themes: tuple[str, ...] = ()
    link: tuple[str, str] | None = None     # (label, url) back to the site


@dataclass(frozen=True)
class Outline:
    subject: str
    intro: str
    sections: tuple[Section, ...]
    footer: str
    labels: dict[str, str] = field(default_factory=dict)   # examples / themes / open, in the language


def _site_link(config: Config, kind: str, lang: str) -> tuple[str, str] | None:
    base = config.brand.site_url
    if not base:
        return None
    key = "queue" if kind in ("overdue", "stopped_answering") else "site"
    return label(lang, key), base.rstrip("/") + "/" + PAGES[kind]


def _items(alert: Alert, L: Locale) -> tuple[Item, ...]:
    return tuple(Item(meta=f"{e.author or '–'} · {e.source} · {L.when(e.published_at)}", text=e.text, url=e.url)
                 for e in alert.examples)


def spike_section(alert: Alert, config: Config, L: Locale) -> Section:
    f, lang = alert.facts, L.lang
    numbers = {"what": label(lang, f"what.{alert.kind}"), "count": L.number(f["count"]),
               "usual": L.number(f["usual"], 1 if float(f["usual"]) % 1 else 0),  # type: ignore[arg-type]
               "threshold": L.number(f["threshold"], 1), "days": f["days"]}
    until = f["until"]
    assert isinstance(until, datetime)
    line = (label(lang, "spike.today", time=f"{L.local(until):%H:%M}", **numbers) if f["partial"]
            else label(lang, "spike.day", day=L.day(alert.day), **numbers))
    lines = [line]
    if f.get("ratio"):
        lines.append(label(lang, "spike.ratio", ratio=L.number(f["ratio"], 1)))
    return Section(label(lang, f"kind.{alert.kind}"), tuple(lines), _items(alert, L), alert.themes,
                   _site_link(config, alert.kind, lang))


def stopped_section(alert: Alert, config: Config, now: datetime, L: Locale) -> Section:
    f, lang = alert.facts, L.lang
    line = label(lang, "stopped.head", source=f["source"], last=L.when(f["last_reply_at"]),
                 ago=L.age(now, f["last_reply_at"]), waiting=f["waiting"], oldest=L.age(now, f["oldest_at"]),
                 answered=f["answered"], days=f["days"])
    return Section(label(lang, "kind.stopped_answering"), (line,), link=_site_link(config, alert.kind, lang))


def overdue_sections(alerts: Sequence[Alert], config: Config, L: Locale) -> list[Section]:
    """The overdue comments grouped by source, oldest due first, OVERDUE_SHOWN listed per source."""
    by_source: dict[str, list[Alert]] = {}
    for alert in alerts:
        by_source.setdefault(str(alert.facts["source"]), []).append(alert)
    lang, sla = L.lang, f"{L.number(config.brand.response_sla_hours)} h"
    out = []
    for source, group in by_source.items():
        items = tuple(Item(meta=f"{e.author or '–'} · {label(lang, 'overdue.item', due=L.when(a.facts['due_at']))}",
                           text=e.text, url=e.url)
                      for a in group[:OVERDUE_SHOWN] for e in a.examples)
        out.append(Section(label(lang, "kind.overdue"),
                           (label(lang, "overdue.head" if len(group) > 1 else "overdue.head_one", n=len(group),
                                  source=source, sla=sla),), items,
                           link=_site_link(config, "overdue", lang)))
    return out


def outline(alerts: Sequence[Alert], config: Config, now: datetime) -> Outline:
    """The message for these alerts (already chosen by scripts.alerts.ledger), in the brand's language."""
    L = Locale(config.brand.language, config.tz)
    lang = L.lang
    sections: list[Section] = []
    for alert in alerts:
        if alert.kind.startswith("spike_"):
            sections.append(spike_section(alert, config, L))
        elif alert.kind == "stopped_answering":
            sections.append(stopped_section(alert, config, now, L))
    sections += overdue_sections([a for a in alerts if a.kind == "overdue"], config, L)
    count = label(lang, "count.one") if len(alerts) == 1 else label(lang, "count.many", n=len(alerts))
    kinds = list(dict.fromkeys(s.title for s in sections))
    subject = label(lang, "subject", brand=config.brand.name, summary=f"{count}: {', '.join(kinds).lower()}")
    return Outline(subject=subject,
                   intro=label(lang, "intro", brand=config.brand.name, now=L.when(now), tz=config.brand.timezone),
                   sections=tuple(sections),
                   footer=label(lang, "footer", hours=L.number(config.alerts.cooldown_hours)),
                   labels={k: label(lang, k) for k in ("examples", "themes", "open")})


def text(o: Outline) -> str:
    """Plain text (the e-mail's text part)."""
    out = [o.intro, ""]
    for s in o.sections:
        out += [f"## {s.title}", *s.lines]
        if s.themes:
            out.append(f"{o.labels['themes']}: {', '.join(s.themes)}")
        for item in s.items:
            out.append(f"- {item.meta}: {item.text}" + (f" <{item.url}>" if item.url else ""))
        if s.link:
            out.append(f"{s.link[0]}: {s.link[1]}")
        out.append("")
    out.append(o.footer)
    return "\n".join(out) + "\n"


def html_body(o: Outline) -> str:
    """The e-mail's HTML part: every text escaped, links only where they are http(s)."""
    e = html.escape
    parts = [f"<p>{e(o.intro)}</p>"]
    for s in o.sections:
        parts.append(f"<h2>{e(s.title)}</h2>")
        parts += [f"<p>{e(line)}</p>" for line in s.lines]
        if s.themes:
            parts.append(f"<p><strong>{e(o.labels['themes'])}:</strong> {e(', '.join(s.themes))}</p>")
        if s.items:
            rows = []
            for item in s.items:
                link = f' <a href="{e(item.url, quote=True)}">{e(o.labels["open"])}</a>' if item.url else ""
                rows.append(f"<li><small>{e(item.meta)}</small><br>{e(item.text)}{link}</li>")
            parts.append(f"<ul>{''.join(rows)}</ul>")
        if s.link:
            parts.append(f'<p><a href="{e(s.link[1], quote=True)}">{e(s.link[0])}</a></p>')
    parts.append(f"<p><small>{e(o.footer)}</small></p>")
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif\">"
            + "\n".join(parts) + "</body></html>")
