"""MkDocs hook: search that lands somewhere, and accent-insensitive.

1. Items as their own results. A listed item (a queue comment, a most-negative text, a source's recent
   post) carries an `id` and `data-pulso-search="author · source · first words"` (scripts/pages/
   search_items.py). Material's search indexes a page by its headings, so a list of 200 comments would be
   one run-together entry ("AntigüedadFuenteAutorTexto…"): the lists carry `data-search-exclude`, and
   this hook adds one entry per item instead, `page.html#id`, titled so a person recognises it. Tables of
   URLs (Estado, downloads) are excluded the same way and get no entries at all.
2. Accent folding. Material's lunr search (lang es/en) indexes words as written and cannot fold accents
   through its pipeline settings, and extra JavaScript cannot reach its web worker. The worker does index
   every field listed in the index's `config.fields`, so after the search plugin wrote the index
   (priority 0) and before the offline plugin inlines it (-100), we add `title_folded`/`text_folded`
   copies with the accents removed. Results still show the original title and text.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority
from selectolax.lexbor import LexborHTMLParser

from collector import fold  # lower-cased too: lunr lower-cases every token anyway

FOLDED_FIELDS = {"title_folded": {"boost": 1000.0}, "text_folded": {"boost": 1.0}}
ITEM_ATTRIBUTE = "data-pulso-search"
#: The item entries of the build in progress, in page order (reset when a build starts).
_items: list[dict[str, str]] = []


def on_pre_build(config: Any, **_: Any) -> None:
    _items.clear()


def on_page_content(html_text: str, page: Any, **_: Any) -> None:
    """Collect the page's items; the page itself is left as it is."""
    if ITEM_ATTRIBUTE not in html_text:
        return
    _items.extend(item_entries(html_text, page.url))


def item_entries(html_text: str, url: str) -> list[dict[str, str]]:
    """One search entry per element with an id and a `data-pulso-search` title (escaped, as Material's own
    index holds text: the search results insert it as HTML)."""
    entries = []
    for node in LexborHTMLParser(html_text).css(f"[{ITEM_ATTRIBUTE}][id]"):
        title = node.attributes.get(ITEM_ATTRIBUTE) or ""
        text = " ".join(node.text(separator=" ").split())
        entries.append({"location": f"{url}#{node.attributes['id']}", "title": html.escape(title, quote=False),
                        "text": html.escape(text, quote=False)})
    return entries


@event_priority(-50)
def on_post_build(config: Any, **_: Any) -> None:
    path = Path(config["site_dir"]) / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    docs = index.setdefault("docs", [])
    docs.extend(_items)
    for doc in docs:
        doc["title_folded"] = fold(html.unescape(doc.get("title", "")))
        doc["text_folded"] = fold(html.unescape(doc.get("text", "")))
    index.setdefault("config", {}).setdefault("fields", {}).update(FOLDED_FIELDS)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
