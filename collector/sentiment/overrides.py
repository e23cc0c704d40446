"""Human sentiment overrides: `data/overrides.csv` beats any score, everywhere.

Why: communications staff will find items the scorer gets wrong (irony, insider jargon). Their
correction must stick across re-collections and rescoring, and say who made it and why. The file
has columns `item_id,label,who,why`; `label` is neg, neu or pos. `item_id` is a post_id or a
comment_id from the database.

Use: `overrides = load_overrides(path)` then `apply_overrides(scores, overrides)`; an overridden
item gets score -1.0 / 0.0 / +1.0 and a single Term explaining the override, so the site can show
"overridden by X: why" next to it.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from collector.sentiment.scorer import Score, Term

LABELS = ("neg", "neu", "pos")
LABEL_SCORE = {"neg": -1.0, "neu": 0.0, "pos": 1.0}
COLUMNS = ("item_id", "label", "who", "why")


class OverrideError(ValueError):
    """A bad overrides file; the message names the file and line."""


@dataclass(frozen=True)
class Override:
    """One human decision about one item."""

    item_id: str
    label: str
    who: str
    why: str
    line: int


def read_overrides(path: Path) -> dict[str, Override]:
    """Parse the overrides file; a missing file means no overrides.

    Errors (with file:line): missing columns, empty item_id, a label other than neg/neu/pos,
    or the same item_id twice with different labels (which one would win is unclear).
    """
    path = Path(path)
    if not path.exists():
        return {}
    out: dict[str, Override] = {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = [h.strip() for h in reader.fieldnames or []]
            missing = [c for c in ("item_id", "label") if c not in header]
            if missing:
                raise OverrideError(f"{path}:1: missing column(s) {', '.join(missing)}; "
                                    f"expected header {','.join(COLUMNS)}")
            for row in reader:
                row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
                line = reader.line_num
                item_id, label = row.get("item_id", ""), row.get("label", "").lower()
                if not item_id and not label and not any(row.values()):
                    continue  # blank line
                if not item_id:
                    raise OverrideError(f"{path}:{line}: empty item_id")
                if label not in LABELS:
                    raise OverrideError(f"{path}:{line}: label {row.get('label')!r} for {item_id!r} "
                                        f"is not one of neg, neu, pos")
                previous = out.get(item_id)
                if previous is not None and previous.label != label:
                    raise OverrideError(f"{path}:{line}: {item_id!r} is overridden as {label} here but as "
                                        f"{previous.label} on line {previous.line}")
                out[item_id] = Override(item_id, label, row.get("who", ""), row.get("why", ""), line)
    except UnicodeDecodeError as exc:
        raise OverrideError(f"{path}: not UTF-8 ({exc})") from None
    return out


def load_overrides(path: Path) -> dict[str, str]:
    """{item_id: label} from the overrides file (empty when the file does not exist)."""
    return {k: o.label for k, o in read_overrides(path).items()}


def override_score(label: str, who: str = "", why: str = "") -> Score:
    """The Score an overridden item gets: the label's extreme value and an explaining Term."""
    if label not in LABELS:
        raise ValueError(f"override label {label!r} is not one of neg, neu, pos")
    note = "override" + (f" by {who}" if who else "") + (f": {why}" if why else "")
    return Score(LABEL_SCORE[label], label, (Term("(human label)", LABEL_SCORE[label], note),))


def apply_overrides(
    items: Mapping[str, Score], overrides: Mapping[str, str] | Mapping[str, Override]
) -> dict[str, Score]:
    """Return a new {item_id: Score} where every overridden item carries its human label.

    Pure: `items` is not modified. Ids in `overrides` that are not in `items` are ignored (they
    may belong to items not collected yet). `overrides` may map ids to labels (from
    load_overrides) or to Override records (from read_overrides, which adds who/why).
    """
    out = dict(items)
    for item_id, value in overrides.items():
        if item_id not in out:
            continue
        if isinstance(value, Override):
            out[item_id] = override_score(value.label, value.who, value.why)
        else:
            out[item_id] = override_score(value)
    return out
