"""MkDocs hook: make search accent-insensitive, so "atencion" finds "atención".

Material's lunr search (lang es/en) indexes words as written and cannot fold accents through its
pipeline settings, and extra JavaScript cannot reach its web worker. The worker does index every
field listed in the index's `config.fields`, so after the search plugin wrote the index (priority 0)
and before the offline plugin inlines it (-100), we add `title_folded`/`text_folded` copies with the
accents removed. Results still show the original title and text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

from collector import fold  # lower-cased too: lunr lower-cases every token anyway

FOLDED_FIELDS = {"title_folded": {"boost": 1000.0}, "text_folded": {"boost": 1.0}}


@event_priority(-50)
def on_post_build(config: Any, **_: Any) -> None:
    path = Path(config["site_dir"]) / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index.get("docs", []):
        doc["title_folded"] = fold(doc.get("title", ""))
        doc["text_folded"] = fold(doc.get("text", ""))
    index.setdefault("config", {}).setdefault("fields", {}).update(FOLDED_FIELDS)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
