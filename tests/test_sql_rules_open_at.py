"""The rule "open at an instant" is written once (responses.sql `open_at`) and called by the queue trend, the
weekly overdue lists and the alerts: checked here against cases worked out by hand, alone and over a thread."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from collector.storage import store
from collector.storage.decisions import pin_responses
from tests.responseskit import brand_config, owned_post, set_columns
from tests.test_responses_needs_reply import write_triage

T0 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)   # a Monday
NOW = T0 + timedelta(days=3)


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory):
    con = store.connect(tmp_path_factory.mktemp("open_at") / "t.duckdb")   # macros are installed at connect
    yield con
    con.close()


OPEN_AT = ("SELECT open_at(CAST(? AS BOOLEAN), CAST(? AS TIMESTAMPTZ), CAST(? AS TIMESTAMPTZ), CAST(? AS BOOLEAN), "
           "CAST(? AS TIMESTAMPTZ), CAST(? AS TIMESTAMPTZ))")


@pytest.mark.parametrize(("needs_reply", "reply_at", "handled", "triage_at", "instant", "expected"), [
    (True, None, False, None, at(-1), False),       # not published yet
    (True, None, False, None, at(0), False),        # published at that very instant: not before it
    (True, None, False, None, at(1), True),         # waiting, nobody answered
    (True, at(5), False, None, at(4), True),        # answered later: still open before the reply
    (True, at(5), False, None, at(5), False),       # answered at that instant
    (True, at(5), False, None, at(9), False),
    (True, None, True, at(10), at(9), True),        # handled later: open until the decision's time
    (True, None, True, at(10), at(10), False),
    (True, None, True, None, at(1), False),         # handled with no time: handled all along
    (True, None, None, None, at(1), True),          # no triage decision at all
    (False, None, False, None, at(1), False),       # never needed a reply
    (None, None, None, None, at(1), False),         # not eligible (NULL needs_reply): never open
])
def test_open_at_an_instant_matches_the_hand_worked_cases(con, needs_reply, reply_at, handled, triage_at, instant,
                                                          expected) -> None:
    got = con.execute(OPEN_AT, [needs_reply, at(0), reply_at, handled, triage_at, instant]).fetchall()[0][0]
    assert bool(got) is expected


def test_open_at_follows_a_thread_through_its_replies_and_decisions(tmp_path: Path) -> None:
    db = owned_post(tmp_path / "t.duckdb", at(-1))
    for comment_id in ("waiting", "answered", "handled", "handled_untimed", "thanks"):
        db.comment(comment_id, "p1", at(0), text="x")
        set_columns(db, comment_id, intent="thanks" if comment_id == "thanks" else "complaint")
    db.comment("r", "p1", at(5), brand=True, parent="answered", author="Acme Soporte", text="Resuelto")
    config = brand_config(tmp_path)
    write_triage(config.triage_path, "handled,handled,,llamada,ana,2026-11-16T19:00:00+00:00",   # at(10)
                 "handled_untimed,handled,,,,")
    con = store.connect(db.close(), read_only=True)
    try:
        pin_responses(con, config, NOW)

        def open_then(instant: datetime) -> list[str]:
            return [c for (c,) in con.execute(
                "SELECT comment_id FROM responses WHERE open_at(needs_reply, published_at, first_response_at, "
                "handled, triage_at, ?) ORDER BY comment_id", [instant]).fetchall()]

        assert open_then(at(0)) == []
        assert open_then(at(3)) == ["answered", "handled", "waiting"]
        assert open_then(at(5)) == ["handled", "waiting"]
        assert open_then(at(10)) == ["waiting"]
        # at the view's own instant, the rule is the view's `open`
        view_open = [c for (c,) in con.execute("SELECT comment_id FROM responses WHERE open ORDER BY 1").fetchall()]
        assert open_then(NOW) == view_open == ["waiting"]
    finally:
        con.close()
