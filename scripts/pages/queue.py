"""The Respuestas page's queue: rows as a team reads them (age in words, labels, owner) and the filters' choices.

The SQL (open_queue.sql, queue_decided.sql) decides which comments are open and in what order; this module
only turns their rows into what the template shows, so every word stays in the site language and every
feed text goes through scripts/safe.py. The filters themselves run in site_src/assets/queue.js, offline.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from babel.dates import format_timedelta

from scripts import safe
from scripts.i18n import Locale
from scripts.pages.items import uncertain, uncertain_title
from scripts.pages.search_items import anchor, search_title

#: How many characters of a comment the queue shows ("the first words"); the link opens the rest.
FIRST_WORDS = 160
INTENTS = ("question", "complaint", "request", "thanks", "praise", "opinion", "peer_answer", "spam")

def age_words(hours: float | None, lang: str) -> str:
    """"12 min", "3 h", "2 días" / "2 days", "5 semanas": minutes and hours short, longer spans in words (Babel)."""
    if hours is None:
        return "–"
    hours = max(float(hours), 0.0)
    if hours < 1:
        return f"{int(hours * 60)} min"
    if hours < 48:
        return f"{int(hours)} h"
    return format_timedelta(timedelta(hours=hours), granularity="day", threshold=1.5, format="long", locale=lang)


def _hours_until(due_at: datetime | None, now: datetime) -> float | None:
    return None if due_at is None else (due_at - now).total_seconds() / 3600


def queue_row(row: dict[str, Any], L: Locale, now: datetime, *, hidden: frozenset[str]) -> dict[str, Any]:
    """One queue item as the template shows it; `row` is an open_queue.sql or queue_decided.sql row."""
    email = L.t("email.hidden")
    intent = row.get("intent") if row.get("intent") in INTENTS else "none"
    label = row.get("sentiment_label") or "none"
    due_in = _hours_until(row.get("due_at"), now)
    owner = safe.clean(row.get("owner"), 60, email_label=email) if row.get("owner") else ""
    source = safe.clean(row.get("source_title") or row.get("source_name"), 80, email_label=email)
    author = safe.author(row.get("author"), hidden=hidden, hidden_label=L.t("hidden.author"), email_label=email)
    text = safe.clean(row.get("text"), FIRST_WORDS, email_label=email)
    doubtful = uncertain(label, row.get("sentiment_score"))
    return {
        "id": str(row["comment_id"]),
        "anchor": anchor("comment", row["comment_id"]),
        "search_title": search_title(L, author, source, text),
        "source_id": str(row["source_id"]),
        "source": source,
        "owned": bool(row.get("owned")),
        "author": author,
        "intent": intent, "intent_label": L.t(f"intent.{intent}"),
        "sentiment": label, "sentiment_label": L.t(f"label.{label}"),
        "uncertain": doubtful, "uncertain_title": uncertain_title(L) if doubtful else "",
        "age": L.t("q.age", age=age_words(row.get("age_hours"), L.lang)),
        "due": L.t("q.due_in", age=age_words(due_in, L.lang)) if due_in is not None and due_in > 0 else "",
        "overdue": bool(row.get("overdue")),
        "text": text,
        "post_title": safe.clean(row.get("post_title"), safe.TITLE_LIMIT, email_label=email),
        "post_url": safe.safe_url(row.get("post_url")),
        "url": safe.safe_url(row.get("comment_url")),
        "owner": owner,
        "status": row.get("triage_status") or "",
        "note": safe.clean(row.get("triage_note"), 120, email_label=email) if row.get("triage_note") else "",
    }


def choices(rows: list[dict[str, Any]], L: Locale) -> dict[str, list[tuple[str, str]]]:
    """The filters' options: only values some row has, as (value, label), in a stable order."""
    sources = sorted({(r["source_id"], r["source"]) for r in rows}, key=lambda v: safe.fold(v[1]))
    intents = [(i, L.t(f"intent.{i}")) for i in (*INTENTS, "none") if any(r["intent"] == i for r in rows)]
    labels = [(s, L.t(f"label.{s}")) for s in ("neg", "neu", "pos", "none") if any(r["sentiment"] == s for r in rows)]
    owners = sorted({r["owner"] for r in rows if r["owner"]}, key=safe.fold)
    owner_choices = [(o, o) for o in owners] + ([("-", L.t("q.unassigned"))] if owners else [])
    owned = [(v, L.t(f"q.f.owned_{'yes' if v == '1' else 'no'}")) for v in ("1", "0")
             if any(r["owned"] == (v == "1") for r in rows)]
    return {"source": sources, "intent": intents, "sentiment": labels, "owner": owner_choices, "owned": owned}
