"""The `alerts` table (migration 008) through collector's face: one row per alert and channel, the first sending
time kept, and the last good run remembered in meta."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from collector import connect, last_alert_run, mark_alert_run, record_alert, sent_alerts

AT = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def test_an_alert_is_recorded_once_per_channel_and_keeps_its_first_time(tmp_path):
    con = connect(tmp_path / "p.duckdb")
    row = {"key": "spike_negative:Acme:2026-11-25", "kind": "spike_negative", "subject": "Acme",
           "day": date(2026, 11, 25)}
    record_alert(con, channel="mail", sent_at=AT, **row)
    record_alert(con, channel="mail", sent_at=AT + timedelta(hours=1), **row)
    record_alert(con, channel="webhook", sent_at=AT + timedelta(hours=2), **row)
    found = [(s.channel, s.sent_at) for s in sent_alerts(con, AT - timedelta(days=1))]
    assert found == [("mail", AT), ("webhook", AT + timedelta(hours=2))]
    assert [s.channel for s in sent_alerts(con, AT + timedelta(minutes=1))] == ["webhook"]
    con.close()


def test_the_last_good_run_survives_a_reconnect(tmp_path):
    con = connect(tmp_path / "p.duckdb")
    assert last_alert_run(con) is None
    mark_alert_run(con, AT)
    con.close()
    con = connect(tmp_path / "p.duckdb")
    assert last_alert_run(con) == AT
    with pytest.raises(ValueError):
        mark_alert_run(con, datetime(2026, 11, 25, 12, 0))
    con.close()
