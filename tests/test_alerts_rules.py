"""The pure rules of alerts: the baseline, what is a spike (today so far against the same hours, yesterday whole),
and the ledger (sent once per key and channel, the cooldown per kind and subject)."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta

import pytest

from collector import SentAlert
from scripts.alerts.detect import SENSITIVITY_K, DayCounts, baseline, is_spike, sensitivity_k, spikes
from scripts.alerts.ledger import newest_per_subject, to_send
from scripts.alerts.model import Alert

TODAY = date(2026, 11, 25)
FIRST = TODAY - timedelta(days=60)
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def steady(texts: int = 10, so_far: int = 4, negative: int = 2) -> dict[date, DayCounts]:
    return {TODAY - timedelta(days=d): DayCounts(texts, negative, so_far, negative // 2) for d in range(1, 40)}


def test_the_threshold_is_the_median_plus_k_times_the_mad():
    base = baseline([10, 20, 0, 10, 30, 10, 9, 40, 0], k=5)
    assert (base.median, base.spread, base.threshold) == (10, 10, 60)


def test_the_spread_is_never_below_the_chance_wobble_of_the_usual_count():
    base = baseline([10, 12, 8, 10, 30, 10, 9], k=5)       # MAD 1, but counts near 10 wobble by about 3
    assert base.spread == math.sqrt(11) and base.threshold == 10 + 5 * math.sqrt(11)


def test_one_busy_day_does_not_raise_the_bar_for_the_next_spike():
    calm = baseline([10] * 27 + [10], k=5)
    after_spike = baseline([10] * 27 + [300], k=5)
    assert after_spike.threshold == calm.threshold


def test_a_quiet_series_needs_more_than_one_text_above_the_usual():
    base = baseline([0] * 28, k=5)
    assert base.spread == 1.0 and not is_spike(4, base, min_count=1) and is_spike(6, base, min_count=1)


def test_a_day_below_the_minimum_count_is_never_a_spike():
    base = baseline([0] * 28, k=3)
    assert not is_spike(4, base, min_count=5)
    assert is_spike(5, base, min_count=5)


def test_higher_sensitivity_means_a_lower_threshold():
    values = [10, 12, 8, 10, 14, 10, 9, 11]
    high, normal, low = (baseline(values, SENSITIVITY_K[level]).threshold for level in ("high", "normal", "low"))
    assert high < normal < low


def test_an_unknown_sensitivity_is_refused_with_the_three_levels():
    with pytest.raises(ValueError, match="high, normal, low"):
        sensitivity_k("extreme")


def test_today_so_far_is_compared_with_the_same_hours_of_the_other_days():
    counts = steady(texts=40, so_far=3)
    counts[TODAY] = DayCounts(texts_so_far=14)       # by this hour: 14 against a usual 3 (a whole day is 40)
    found = spikes(counts, TODAY, FIRST, k=5, min_count=5, days=28)
    assert [(s.measure, s.partial, s.count, s.baseline.median) for s in found] == [("mentions", True, 14, 3.0)]


def test_a_morning_with_a_normal_share_of_a_busy_day_is_not_a_spike():
    counts = steady(texts=40, so_far=10)
    counts[TODAY] = DayCounts(texts_so_far=11)
    assert spikes(counts, TODAY, FIRST, k=5, min_count=5, days=28) == []


def test_yesterday_is_judged_whole_so_a_run_after_midnight_still_sees_it():
    counts = steady(texts=10, negative=2)
    counts[TODAY - timedelta(days=1)] = DayCounts(texts=12, negative=25)
    found = spikes(counts, TODAY, FIRST, k=5, min_count=5, days=28)
    assert [(s.measure, s.day, s.partial) for s in found] == [("negative", TODAY - timedelta(days=1), False)]


def test_no_spike_is_judged_without_a_week_of_history():
    counts = {TODAY - timedelta(days=d): DayCounts(1, 0, 1, 0) for d in range(1, 6)}
    counts[TODAY] = DayCounts(texts_so_far=50)
    assert spikes(counts, TODAY, TODAY - timedelta(days=5), k=5, min_count=5, days=28) == []


def alert(kind: str = "spike_negative", subject: str = "Acme", day: date = TODAY) -> Alert:
    return Alert(kind, subject, day)


def sent(a: Alert, channel: str, at: datetime) -> SentAlert:
    return SentAlert(a.key, channel, a.kind, a.subject, a.day, at)


def test_the_key_is_kind_subject_and_day():
    assert alert().key == "spike_negative:Acme:2026-11-25"


def test_an_alert_a_channel_accepted_is_not_sent_to_it_again_but_goes_to_the_other_channel():
    a = alert()
    ledger = [sent(a, "mail", NOW - timedelta(hours=30))]
    assert to_send([a], ledger, "mail", NOW, cooldown_hours=24) == []
    assert to_send([a], ledger, "webhook", NOW, cooldown_hours=24) == [a]


def test_the_same_kind_about_the_same_subject_waits_for_the_cooldown_on_a_new_day():
    yesterday, today = alert(day=TODAY - timedelta(days=1)), alert()
    ledger = [sent(yesterday, "mail", NOW - timedelta(hours=20))]
    assert to_send([today], ledger, "mail", NOW, cooldown_hours=24) == []
    assert to_send([today], ledger, "mail", NOW, cooldown_hours=12) == [today]
    assert to_send([alert("spike_mentions")], ledger, "mail", NOW, cooldown_hours=24) == [alert("spike_mentions")]


def test_one_run_sends_only_the_newest_day_of_a_kind_and_subject():
    older, newer = alert(day=TODAY - timedelta(days=1)), alert()
    assert newest_per_subject([older, newer, alert("overdue", "c1")]) == [newer, alert("overdue", "c1")]
