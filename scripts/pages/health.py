"""The Estado page's feeds as a team reads them: failing feeds with their problem in words (the recorded
error kept as the technical detail), the feeds that read fine grouped per source and collapsed, so each
URL is listed once and a phone screen is not tens of thousands of pixels of addresses."""

from __future__ import annotations

from typing import Any

import pandas as pd

from scripts import safe
from scripts.i18n import Locale
from scripts.pages.feed_words import error_key, error_words

#: How much of a recorded error the page shows as the technical detail.
DETAIL_LIMIT = 300


def feed_row(row: dict[str, Any], L: Locale, titles: dict[str, str]) -> dict[str, Any]:
    """One feed_health.sql row for the templates: source title, kind and problem in words, raw detail kept."""
    email = L.t("email.hidden")
    kind = row.get("kind") or ""
    raw = safe.clean(row.get("error"), DETAIL_LIMIT, email_label=email) if row.get("error") else ""
    failing = bool(row.get("failing"))
    return {**row,
            "source": titles.get(row.get("source_id") or "", row.get("source_name") or ""),
            "kind_text": L.t(f"kind_feed.{kind}") if L.has(f"kind_feed.{kind}") else kind,
            "status_text": L.t(f"status.{row.get('status')}") if L.has(f"status.{row.get('status')}") else "",
            "problem": error_words(L, row.get("status"), row.get("http_status"), row.get("error")) if failing else "",
            "detail": raw if failing else "",
            "url_text": safe.clean(row.get("url"), 160, email_label=email)}


def split_feeds(frame: pd.DataFrame, L: Locale, titles: dict[str, str],
                ok_totals: dict[str, int]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(failing feeds, one group per source of the feeds that read fine: source, total, latest success, the
    feeds listed). `ok_totals`: how many feeds of each source read fine in all (the page lists the first ones)."""
    failing: list[dict[str, Any]] = []
    groups: dict[str, dict[str, Any]] = {}
    for record in frame.to_dict("records"):
        row = feed_row({k: (None if _missing(v) else v) for k, v in record.items()}, L, titles)
        if row["failing"]:
            failing.append(row)
            continue
        group = groups.setdefault(row["source"], {"source": row["source"], "feeds": [], "last_ok_at": None,
                                                  "total": ok_totals.get(row.get("source_id") or "", 0)})
        group["feeds"].append(row)
        if row["last_ok_at"] is not None and (group["last_ok_at"] is None or row["last_ok_at"] > group["last_ok_at"]):
            group["last_ok_at"] = row["last_ok_at"]
    for group in groups.values():
        group["total"] = max(group["total"], len(group["feeds"]))
    return failing, sorted(groups.values(), key=lambda g: safe.fold(g["source"]))


def note_words(L: Locale, note: str) -> str:
    """A source's threads note (written by the collector in English) as the phrase the site shows."""
    key = error_key("error", None, note)
    return note if key in (None, "err.other") else error_words(L, "error", None, note)


def _missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
