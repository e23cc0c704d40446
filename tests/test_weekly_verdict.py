"""The verdict's noise bands on synthetic weeks: a steady brand reads mostly "stable", a real improvement
reads "better", a real decline "worse" — measured by simulating conversations, not by fixing outcomes."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from random import Random

from scripts.weekly.verdict import MIN_COUNT, Metric, band, rate_se, spike, verdict


def _week(rng: Random, *, rate: float, net: float, median: float, posts: int = 25) -> dict[str, float]:
    """One simulated week: `posts` conversations of heavy-tailed size (most a handful of comments, a few
    dozens); replies with probability `rate` (a conversation's own rate varies around it), sentiment
    positive/negative around `net`, reply times lognormal around `median` hours. Returns weekly_windows.sql's
    columns for that week."""
    row = dict.fromkeys(("needs_reply", "answered", "resp_posts", "resp_aa", "resp_an", "resp_nn", "scored", "pos",
                         "neg", "sent_posts", "sent_dd", "sent_ds", "sent_ss"), 0.0)
    hours: list[float] = []
    for _ in range(posts):
        size = min(int(rng.paretovariate(1.6) * 3), 120)
        local_rate = min(max(rng.gauss(rate, 0.08), 0.0), 1.0)
        n = sum(rng.random() < 0.6 for _ in range(size))   # needs a reply
        a = sum(rng.random() < local_rate for _ in range(n))
        hours += [rng.lognormvariate(0, 0.9) * median for _ in range(a)]
        share_neg = min(max(0.45 - net / 200 + rng.gauss(0, 0.05), 0.0), 1.0)
        pos = sum(rng.random() < (1 - share_neg) * 0.5 for _ in range(size))
        neg = sum(rng.random() < share_neg for _ in range(size - pos))
        d = pos - neg
        row["needs_reply"] += n
        row["answered"] += a
        row["resp_posts"] += n > 0
        row["resp_aa"] += a * a
        row["resp_an"] += a * n
        row["resp_nn"] += n * n
        row["scored"] += size
        row["pos"] += pos
        row["neg"] += neg
        row["sent_posts"] += size > 0
        row["sent_dd"] += d * d
        row["sent_ds"] += d * size
        row["sent_ss"] += size * size
    hours.sort()
    row["replies"] = len(hours)
    if hours:
        row["median_hours"] = hours[len(hours) // 2]
        row["q1_hours"], row["q3_hours"] = hours[len(hours) // 4], hours[3 * len(hours) // 4]
    row["response_rate"] = row["answered"] / row["needs_reply"] if row["needs_reply"] else None
    row["net_sentiment"] = 100 * (row["pos"] - row["neg"]) / row["scored"] if row["scored"] else None
    return row


def _level(now: dict[str, float], before: dict[str, float]) -> str:
    metrics = {key: Metric(key, now.get(key), before.get(key), None, band(key, now, before))
               for key in ("response_rate", "net_sentiment", "median_hours")}
    metrics["mentions"] = Metric("mentions", 10, 10, None)
    return verdict(metrics, [], no_data=False, sla_hours=24).level


def test_a_steady_brand_gets_mostly_stable_weeks():
    rng = Random(13)
    weeks = [_week(rng, rate=0.82, net=-20, median=3) for _ in range(201)]
    levels = Counter(_level(now, before) for before, now in pairwise(weeks))
    assert levels["stable"] / 200 >= 0.8, levels
    assert levels["better"] and levels["worse"], "chance alone still moves some weeks both ways"


def test_a_real_improvement_reads_better_and_a_real_decline_reads_worse():
    rng = Random(14)
    better = worse = 0
    for _ in range(40):
        before = _week(rng, rate=0.70, net=-25, median=4, posts=60)
        better += _level(_week(rng, rate=0.88, net=-25, median=4, posts=60), before) == "better"
        worse += _level(_week(rng, rate=0.52, net=-25, median=4, posts=60), before) == "worse"
    assert better >= 32 and worse >= 32, (better, worse)


def test_a_drop_in_sentiment_alone_reads_worse_but_a_tiny_week_is_not_judged():
    rng = Random(15)
    before, after = _week(rng, rate=0.8, net=-10, median=3, posts=40), _week(rng, rate=0.8, net=-45, median=3, posts=40)
    assert _level(after, before) == "worse"
    tiny = {"needs_reply": MIN_COUNT - 1, "answered": 1, "resp_posts": 1}
    assert rate_se(tiny) is None and band("response_rate", tiny, before) is None


def test_one_long_thread_widens_the_band_more_than_many_small_ones():
    spread = {"needs_reply": 100, "answered": 80, "resp_posts": 50, "resp_aa": 50 * 1.6 ** 2, "resp_an": 50 * 3.2,
              "resp_nn": 50 * 4}
    lumped = {"needs_reply": 100, "answered": 80, "resp_posts": 2, "resp_aa": 75 ** 2 + 5 ** 2,
              "resp_an": 75 * 80 + 5 * 20, "resp_nn": 80 ** 2 + 20 ** 2}
    assert rate_se(lumped) > 2 * rate_se(spread)


def test_a_spike_needs_twice_the_average_a_minimum_and_more_than_the_usual_variation():
    single = [(10.0, 10.0)] * 4        # 10 negatives a week, each in its own conversation
    threads = [(10.0, 100.0)] * 4      # 10 a week, all in one thread: weeks like that swing much more
    assert spike(25, single) and not spike(25, threads)
    assert not spike(19, single)       # under twice the average
    assert not spike(2, [(0.0, 0.0)] * 4)   # below the minimum, however quiet the weeks before
    assert not spike(10, [])           # nothing to compare with yet
    assert spike(13, single, share=0.5) and not spike(13, single)   # a week half gone: half the baseline


def test_a_steady_trickle_of_overdue_comments_is_listed_but_only_a_spike_needs_attention():
    from scripts.weekly.summary import Escalation

    flat = {key: Metric(key, 1.0, 1.0, None, 5.0) for key in ("response_rate", "net_sentiment", "median_hours")}
    flat["mentions"] = Metric("mentions", 10, 10, None)
    trickle = Escalation("overdue_negative", 12, baseline=3.0, new=3, alarming=False)
    listed = verdict(flat, [trickle], no_data=False, sla_hours=24)
    assert listed.level == "stable"
    assert [key for key, _ in listed.reasons] == ["reason.numbers", "reason.overdue_negative"]
    burst = Escalation("negative_spike", 40, baseline=8.0)
    alarmed = verdict(flat, [trickle, burst], no_data=False, sla_hours=24)
    assert alarmed.level == "alert" and alarmed.headline == "verdict.attention"
    assert [key for key, _ in alarmed.reasons] == ["reason.negative_spike", "reason.numbers", "reason.overdue_negative"]
