"""The team's decisions about comments: `data/triage.csv`, read, validated and appended to.

Why a file: a decision ("answered by phone", "no reply needed", "Ana handles it") must survive every
re-collection and rescore, say who made it and when, and be reviewable in a diff, exactly like
`overrides.csv`. Columns: `item,status,owner,note,who,when`.

- `item`: a comment_id or the comment's URL (as the site links it);
- `status`: `handled` (answered elsewhere: counted apart, never as answered), `no_reply` (needs no
  answer, whatever its intent), `needs_reply` (needs one, whatever its intent), `assigned` (needs one,
  and `owner` is on it: the queue shows the owner);
- `owner`, `note`, `who`: free text (`assigned` needs an owner); `when`: ISO 8601, a date-time without
  an offset being in the brand's time zone.

The file is append-only in spirit: the latest line about an item wins, so `pulso triage mark` only ever
adds a line and the history stays readable. Every mistake is reported with the file, the line and the fix.
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo
from pathlib import Path

STATUSES = ("handled", "no_reply", "needs_reply", "assigned")
COLUMNS = ("item", "status", "owner", "note", "who", "when")
REQUIRED = ("item", "status")


class TriageError(ValueError):
    """A bad triage file or decision; the message names the file and line and says how to fix it."""


@dataclass(frozen=True)
class Decision:
    """One line of triage.csv."""

    item: str
    status: str
    owner: str = ""
    note: str = ""
    who: str = ""
    when: datetime | None = None
    line: int = 0

    def row(self) -> list[str]:
        """The CSV fields, in COLUMNS order."""
        stamp = self.when.isoformat(timespec="seconds") if self.when else ""
        return [self.item, self.status, self.owner, self.note, self.who, stamp]


def check_status(status: str, owner: str, where: str) -> None:
    """The rules a decision follows wherever it comes from (a file line or `pulso triage mark`)."""
    if status not in STATUSES:
        close = difflib.get_close_matches(status, STATUSES, n=1)
        hint = f"did you mean {close[0]}? " if close else ""
        raise TriageError(f"{where}: status {status!r} is not one of {', '.join(STATUSES)}; {hint}"
                          "fix the status")
    if status == "assigned" and not owner:
        raise TriageError(f"{where}: status assigned needs an owner; add who handles it in the owner column "
                          "(pulso triage mark … --owner NAME)")


def check_decision(decision: Decision, where: str) -> None:
    """A decision about to be recorded: an item, a known status, an owner when assigned."""
    if not decision.item.strip():
        raise TriageError(f"{where}: empty item; give the comment's URL or comment_id")
    check_status(decision.status, decision.owner, where)


def _when(text: str, where: str, tz: tzinfo) -> datetime | None:
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        try:
            value = datetime.combine(date.fromisoformat(text), time())
        except ValueError:
            raise TriageError(f"{where}: when {text!r} is not an ISO 8601 date or date-time such as "
                              "2026-11-20T10:30:00+01:00; fix it or leave it empty") from None
    return value if value.tzinfo else value.replace(tzinfo=tz)


def _header(fieldnames: Iterable[str] | None, path: Path) -> list[str]:
    header = [(h or "").strip().lower() for h in fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [h for h in header if h not in COLUMNS]
    if missing or unknown:
        said = f"missing column(s) {', '.join(missing)}" if missing else f"unknown column(s) {', '.join(unknown)}"
        raise TriageError(f"{path}:1: {said}; the header must be {','.join(COLUMNS)} "
                          "(item and status are required)")
    return header


def parse_triage(text: str, path: Path, tz: tzinfo = UTC) -> list[Decision]:
    """Every decision of the file's text, in file order (see module doc). Blank lines are skipped."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = _header(next(reader, None), path)
    except csv.Error as exc:
        raise TriageError(f"{path}:1: not CSV ({exc})") from None
    out: list[Decision] = []
    try:
        for fields in reader:
            line = reader.line_num
            if not any(f.strip() for f in fields):
                continue
            if len(fields) > len(header):
                raise TriageError(f"{path}:{line}: {len(fields)} fields, the header has {len(header)}; "
                                  "put a note with commas in double quotes")
            row = dict(zip(header, (f.strip() for f in fields), strict=False))
            item, status, owner = row.get("item", ""), row.get("status", "").lower(), row.get("owner", "")
            if not item:
                raise TriageError(f"{path}:{line}: empty item; give the comment's URL or id")
            check_status(status, owner, f"{path}:{line}")
            out.append(Decision(item, status, owner, row.get("note", ""), row.get("who", ""),
                                _when(row.get("when", ""), f"{path}:{line}", tz), line))
    except csv.Error as exc:
        raise TriageError(f"{path}:{reader.line_num}: not CSV ({exc})") from None
    return out


def read_triage(path: Path, tz: tzinfo = UTC) -> list[Decision]:
    """The decisions of `path` in file order; a missing file is no decisions."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise TriageError(f"{path}: cannot read the file: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TriageError(f"{path}: not UTF-8 ({exc}); save it as UTF-8") from None
    return parse_triage(text, path, tz)


def latest(decisions: Iterable[Decision]) -> dict[str, Decision]:
    """The decision that wins for each item: its latest line."""
    return {d.item: d for d in sorted(decisions, key=lambda d: d.line)}


def append_decision(path: Path, decision: Decision, tz: tzinfo = UTC) -> None:
    """Add one line to the file (created with its header if missing), after checking the file as it is, so a
    broken file is reported instead of being appended to."""
    path = Path(path)
    check_decision(decision, str(path))
    read_triage(path, tz)   # raises on a broken file
    before = path.read_bytes() if path.exists() else b""
    header = next(csv.reader(io.StringIO(before.decode("utf-8-sig"))), []) if before.strip() else list(COLUMNS)
    if [h.strip().lower() for h in header] != list(COLUMNS):
        raise TriageError(f"{path}:1: the header is {','.join(header)}; new lines are written as "
                          f"{','.join(COLUMNS)}: make that the header (add the missing columns, empty on old lines)")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if not before.strip():
        writer.writerow(COLUMNS)
    elif not before.endswith(b"\n"):
        buffer.write("\n")
    writer.writerow(decision.row())
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a" if before.strip() else "w", encoding="utf-8", newline="") as fh:
        fh.write(buffer.getvalue())
