"""data/triage.csv: validated like overrides.csv (file, line, fix), appended to by `pulso triage mark`, loaded
into the database by every collect, and a bad file stops a collect before it writes anything."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from collector.collect import collect_into
from collector.config import load_config
from collector.storage import store
from collector.triage import COLUMNS, Decision, TriageError, append_decision, latest, read_triage
from pulso.cli import cli
from tests.conftest import FAST, query, write_config
from tests.feedserver import FeedServer
from tests.site.dbkit import MiniDB

HEADER = ",".join(COLUMNS) + "\n"
MADRID = ZoneInfo("Europe/Madrid")


def triage_file(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "triage.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


def test_a_missing_file_is_no_decisions(tmp_path: Path) -> None:
    assert read_triage(tmp_path / "triage.csv") == []


def test_decisions_are_read_in_file_order_and_the_latest_line_wins(tmp_path: Path) -> None:
    path = triage_file(tmp_path, 'c1,handled,,"llamó, ya está",ana,2026-11-20T10:00:00+01:00\n\n'
                                 "c2,no_reply,,,,2026-11-20\nc1,assigned,Luis,,,2026-11-21T09:30\n")
    found = read_triage(path, MADRID)
    assert [(d.item, d.status, d.line) for d in found] == [("c1", "handled", 2), ("c2", "no_reply", 4),
                                                           ("c1", "assigned", 5)]
    assert found[0].note == "llamó, ya está" and found[0].when == datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    assert found[1].when == datetime(2026, 11, 20, tzinfo=MADRID)          # a bare date, in the brand's zone
    assert found[2].when == datetime(2026, 11, 21, 9, 30, tzinfo=MADRID)
    assert latest(found)["c1"].owner == "Luis"


@pytest.mark.parametrize(("body", "header", "message"), [
    ("c1,handeld,,,,\n", HEADER, r"triage.csv:2: status 'handeld' is not one of .*did you mean handled\?"),
    ("c1,assigned,,,,\n", HEADER, r"triage.csv:2: status assigned needs an owner"),
    (",handled,,,,\n", HEADER, r"triage.csv:2: empty item"),
    ("c1,handled,,,,ayer\n", HEADER, r"triage.csv:2: when 'ayer' is not an ISO 8601 date"),
    ("c1,handled,,una, dos,ana,\n", HEADER, r"triage.csv:2: 7 fields, the header has 6; put a note with commas"),
    ("c1,handled\n", "item,estado\n", r"triage.csv:1: missing column\(s\) status"),
    ("c1,handled,x\n", "item,status,owners\n", r"triage.csv:1: unknown column\(s\) owners"),
])
def test_a_bad_line_is_reported_with_file_line_and_fix(tmp_path: Path, body: str, header: str, message: str) -> None:
    with pytest.raises(TriageError, match=message):
        read_triage(triage_file(tmp_path, body, header))


def test_a_file_that_is_not_utf8_says_so(tmp_path: Path) -> None:
    path = tmp_path / "triage.csv"
    path.write_bytes(HEADER.encode() + "c1,handled,,atención,,\n".encode("latin-1"))
    with pytest.raises(TriageError, match="not UTF-8"):
        read_triage(path)


def test_appending_creates_the_file_with_its_header_and_keeps_earlier_lines(tmp_path: Path) -> None:
    path = tmp_path / "triage.csv"
    when = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    append_decision(path, Decision("c1", "handled", note="por teléfono, ayer", who="ana", when=when))
    path.write_bytes(path.read_bytes().rstrip(b"\n"))                   # hand-edited: no final newline
    append_decision(path, Decision("c1", "assigned", owner="Luis", when=when + timedelta(hours=1)))
    assert path.read_text(encoding="utf-8").splitlines() == [
        HEADER.strip(), 'c1,handled,,"por teléfono, ayer",ana,2026-11-20T09:00:00+00:00',
        "c1,assigned,Luis,,,2026-11-20T10:00:00+00:00"]
    assert latest(read_triage(path))["c1"].status == "assigned"


def test_appending_to_a_broken_file_is_refused_and_leaves_it_as_it_was(tmp_path: Path) -> None:
    path = triage_file(tmp_path, "c1,handeld,,,,\n")
    before = path.read_bytes()
    with pytest.raises(TriageError, match=r"triage\.csv:2"):
        append_decision(path, Decision("c2", "handled"))
    assert path.read_bytes() == before


def test_appending_under_a_shorter_header_is_refused(tmp_path: Path) -> None:
    path = triage_file(tmp_path, "c1,handled\n", header="item,status\n")
    with pytest.raises(TriageError, match="the header is item,status"):
        append_decision(path, Decision("c2", "handled", who="ana"))


# --- pulso triage mark ---------------------------------------------------------------------------------------

def marked_db(tmp_path: Path) -> tuple[Path, Path]:
    config = write_config(tmp_path / "monitor.toml", '[[sources]]\nname = "blog-a"\nurl = "https://a.example/feed/"\n')
    db = MiniDB(tmp_path / "pulso.duckdb")
    db.source("blog-a").post("p1", "blog-a", datetime(2026, 11, 20, tzinfo=UTC))
    db.comment("c1", "p1", datetime(2026, 11, 20, 1, tzinfo=UTC), url="https://a.example/p1/#comment-1")
    for name in ("c2", "c3"):
        db.comment(name, "p1", datetime(2026, 11, 20, 2, tzinfo=UTC), url="https://a.example/p1/")
    return config, db.close()


def mark(config: Path, db: Path, *args: str, user: str = "ana"):
    return CliRunner().invoke(cli, ["triage", "mark", *args, "--config", str(config), "--db", str(db)],
                              env={"USER": user})


def test_mark_appends_a_line_with_who_and_when(tmp_path: Path) -> None:
    config, db = marked_db(tmp_path)
    before = datetime.now(UTC).replace(microsecond=0)
    result = mark(config, db, "https://a.example/p1/#comment-1", "--status", "assigned", "--owner", "Luis",
                  "--note", "cliente VIP")
    assert result.exit_code == 0, result.output
    assert "assigned for Luis (by ana)" in result.output
    (decision,) = read_triage(tmp_path / "triage.csv")
    assert (decision.item, decision.status, decision.owner, decision.note, decision.who) == (
        "https://a.example/p1/#comment-1", "assigned", "Luis", "cliente VIP", "ana")
    assert before <= decision.when <= datetime.now(UTC)
    assert mark(config, db, "c2", "--status", "handled", "--who", "marta").exit_code == 0
    assert latest(read_triage(tmp_path / "triage.csv"))["c2"].who == "marta"


@pytest.mark.parametrize(("args", "message"), [
    (("https://a.example/nope/", "--status", "handled"), "no comment in .* has the id or URL"),
    (("https://a.example/p1/", "--status", "handled"), "2 comments share the URL .* by its id: c2, c3"),
    (("c1", "--status", "assigned"), "status assigned needs an owner"),
    (("c1", "--status", "done"), "Invalid value for '--status'"),
])
def test_mark_refuses_what_it_cannot_record_and_writes_nothing(tmp_path: Path, args: tuple[str, ...],
                                                               message: str) -> None:
    config, db = marked_db(tmp_path)
    result = mark(config, db, *args)
    assert result.exit_code == 2
    assert re.search(message, result.output), result.output
    assert not (tmp_path / "triage.csv").exists()


def test_mark_without_a_database_records_the_decision_unchecked(tmp_path: Path) -> None:
    config, _ = marked_db(tmp_path)
    result = mark(config, tmp_path / "none.duckdb", "c9", "--status", "no_reply")
    assert result.exit_code == 0 and "was not checked" in result.output
    assert [d.item for d in read_triage(tmp_path / "triage.csv")] == ["c9"]


# --- collect -------------------------------------------------------------------------------------------------

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>A</title><link>{base}/</link>
<item><title>Acme</title><link>{base}/p1</link><guid>p1</guid><pubDate>Fri, 20 Nov 2026 10:00:00 +0000</pubDate>
<description>Acme sube precios</description></item></channel></rss>"""


def test_collect_loads_triage_csv_and_the_working_hours_into_the_database(server: FeedServer, tmp_path: Path):
    server.add_text("/feed/", FEED.format(base=server.url("")), content_type="application/rss+xml")
    cfg = write_config(tmp_path / "monitor.toml", f'[[sources]]\nname = "a"\nurl = "{server.url("/feed/")}"\n',
                       brand='[brand]\nname = "Acme"\ntimezone = "Europe/Madrid"\nbusiness_hours = "9:00-18:30"\n'
                             'workdays = "lun-vie"\nholidays = ["2026-12-25", "2026-12-08"]\n')
    triage_file(tmp_path, "c1,handled,,,ana,2026-11-20T10:00:00+01:00\n")
    db = tmp_path / "pulso.duckdb"
    assert not collect_into(load_config(cfg), db, policy=FAST).error
    assert query(db, "SELECT line, item, status, owner, who, decided_at FROM triage") == [
        (2, "c1", "handled", None, "ana", datetime(2026, 11, 20, 10, tzinfo=timezone(timedelta(hours=1))))]
    assert dict(query(db, "SELECT key, value FROM meta WHERE key IN ('business_hours', 'workdays', 'holidays')")) == {
        "business_hours": "09:00-18:30", "workdays": "1,2,3,4,5", "holidays": "2026-12-08,2026-12-25"}


def test_a_bad_triage_file_stops_collect_before_it_writes_anything(server: FeedServer, tmp_path: Path) -> None:
    server.add_text("/feed/", FEED.format(base=server.url("")), content_type="application/rss+xml")
    cfg = write_config(tmp_path / "monitor.toml", f'[[sources]]\nname = "a"\nurl = "{server.url("/feed/")}"\n')
    triage_file(tmp_path, "c1,handeld,,,,\n")
    db = tmp_path / "pulso.duckdb"
    report = collect_into(load_config(cfg), db, policy=FAST)
    assert report.error and "triage.csv:2: status 'handeld'" in report.error and report.exit_code == 2
    con = store.connect(db, read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM sources").fetchall() == [(0,)]
        assert con.execute("SELECT count(*) FROM posts").fetchall() == [(0,)]
    finally:
        con.close()
