"""What the `responses` view reads besides the comments: the team's triage decisions and the working-time
settings, put where the view finds them.

Why two ways in: the view's definition lives in the database (responses.sql), but `data/triage.csv` and
the config are the sources of truth. A collect stores them (`sync`, inside its config transaction), so an
ad-hoc query of `responses` sees what the last collect read. A build opens the database read-only and must
show the file and the config as they are now, measured at its own pinned `now`: `pin_responses` gives the
connection temp copies of `triage` and `meta` (temp tables shadow stored ones of the same name) and a temp
`responses` table evaluated once at `now`, so every page reads the same rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import duckdb
import pyarrow as pa

from collector.config import Brand, Config
from collector.storage import store
from collector.triage import Decision, read_triage

_TRIAGE_SCHEMA = pa.schema([("line", pa.int32()), ("item", pa.string()), ("status", pa.string()),
                            ("owner", pa.string()), ("note", pa.string()), ("who", pa.string()),
                            ("decided_at", pa.timestamp("us", tz="UTC"))])


def settings(brand: Brand) -> dict[str, str]:
    """The `meta` rows responses.sql reads, from [brand]: SLA, time zone and working time ('' = not set)."""
    opening = brand.opening_hours
    return {
        "response_sla_hours": repr(brand.response_sla_hours),
        "timezone": brand.timezone,
        "business_hours": "-".join(opening) if opening else "",
        "workdays": ",".join(str(d) for d in brand.workday_numbers),
        "holidays": ",".join(sorted(brand.holidays)),
    }


def _triage_table(decisions: Sequence[Decision]) -> pa.Table:
    columns = {"line": [d.line for d in decisions], "item": [d.item for d in decisions],
               "status": [d.status for d in decisions], "owner": [d.owner for d in decisions],
               "note": [d.note for d in decisions], "who": [d.who for d in decisions],
               "decided_at": [d.when for d in decisions]}
    return pa.table(columns, schema=_TRIAGE_SCHEMA)


def _fill_triage(con: duckdb.DuckDBPyConnection, decisions: Sequence[Decision]) -> None:
    """Replace the rows of whichever `triage` the connection resolves (stored, or its temp copy)."""
    con.execute(store.sql("delete_triage"))
    if not decisions:
        return
    con.register("new_triage", _triage_table(decisions))
    try:
        con.execute(store.sql("insert_triage"))
    finally:
        con.unregister("new_triage")


def sync(con: duckdb.DuckDBPyConnection, config: Config) -> None:
    """At collect, inside its config transaction: store the working-time settings and triage.csv.
    Raises collector.triage.TriageError (file, line, fix) before writing anything when the file is bad."""
    decisions = read_triage(config.triage_path, config.tz)
    for key, value in settings(config.brand).items():
        store.set_meta(con, key, value)
    _fill_triage(con, decisions)


def pin_responses(con: duckdb.DuckDBPyConnection, config: Config, now: datetime) -> None:
    """For a build's read-only connection: the config's settings and triage.csv as they are now, and a temp
    `responses` table = responses_at(now) that every later query of this connection reads."""
    decisions = read_triage(config.triage_path, config.tz)
    now_settings = {**settings(config.brand), "brand": config.brand.name}   # responses.brand: who answers
    con.register("settings_now", pa.table({"key": list(now_settings), "value": list(now_settings.values())}))
    try:
        con.execute(store.sql("temp_meta"))
    finally:
        con.unregister("settings_now")
    con.execute(store.sql("temp_triage"))
    _fill_triage(con, decisions)
    con.execute(store.sql("pin_responses"), {"now": now})


def find_item(con: duckdb.DuckDBPyConnection, item: str) -> list[tuple[str, str | None, str | None, datetime]]:
    """The stored comments a triage item names (comment_id, url, author, published_at): none, one, or
    several when comments share a URL (then only an id says which)."""
    return con.execute(store.sql("triage_item"), {"item": item}).fetchall()
