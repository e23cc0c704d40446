-- Overdue comments as each summary week ended, for the weeks from $first to $last (Mondays, ISO weeks
-- in time zone $tz). A week "ends" at its last instant, or at $now for the week in progress (`as_of`).
-- A comment is counted when it was open at as_of (open_at over view `responses`: needs a reply — a thank-you
-- note never does — and was neither answered nor handled by then), was past its due_at (the SLA, in working
-- time when business hours are set) then, and was published in the $lookback_days before as_of: a recent
-- window, so that long-abandoned threads do not fill every summary.
-- `escalate` marks clearly negative comments on owned sources: label neg and a confident score
-- (score <= -$confident, collector.CONFIDENT_SCORE: an uncertain label never escalates).
-- Per week: at most $limit rows of all overdue and $limit escalated rows, oldest first, with totals;
-- `escalate_new` counts the escalated comments that fell due during that week (the verdict compares it
-- with the weeks before: a steady trickle of old ones is listed, an unusual rise needs attention), and
-- `escalate_new_sq` the sum over posts of the square of that count (its noise: see verdict.spike).
WITH weeks AS (
    SELECT CAST(w AS DATE) AS week_start,
           timezone($tz, CAST(w AS TIMESTAMP)) AS starts_at,
           least(timezone($tz, CAST(w AS TIMESTAMP) + INTERVAL 7 DAY), CAST($now AS TIMESTAMPTZ)) AS as_of
    FROM unnest(generate_series(CAST($first AS TIMESTAMP), CAST($last AS TIMESTAMP), INTERVAL 7 DAY)) AS g(w)
),
needing AS (  -- only comments that can ever be overdue: unanswered, or answered after they fell due
    SELECT r.comment_id, r.post_id, r.needs_reply, r.published_at, r.first_response_at, r.due_at, r.handled,
           r.triage_at,
           (s.owned AND c.sentiment_label = 'neg' AND c.sentiment <= -$confident) AS escalate   -- clearly negative
    FROM responses r
    JOIN comments c ON c.comment_id = r.comment_id
    JOIN sources s ON s.source_id = c.source_id
    WHERE r.needs_reply AND r.published_at >= CAST($since AS TIMESTAMPTZ)
      AND (r.first_response_at IS NULL OR r.first_response_at > r.due_at)
),
hits AS (
    SELECT w.week_start, w.as_of, e.comment_id, e.post_id, e.published_at, e.escalate,
           e.due_at >= w.starts_at AS fell_due
    FROM weeks w
    JOIN needing e
      ON e.published_at >= w.as_of - to_days(CAST($lookback_days AS INTEGER))
     AND w.as_of > e.due_at
     AND open_at(e.needs_reply, e.published_at, e.first_response_at, e.handled, e.triage_at, w.as_of)
),
new_sq AS (  -- the new escalations' spread between conversations: sum over posts of (new ones there)^2
    SELECT week_start, sum(n * n) AS escalate_new_sq
    FROM (SELECT week_start, post_id, count(*) AS n FROM hits WHERE escalate AND fell_due GROUP BY week_start, post_id)
    GROUP BY week_start
),
totals AS (  -- per-week totals by GROUP BY: a count() OVER (PARTITION BY ...) here costs ~10 s at 1M comments
    SELECT week_start, count(*) AS overdue_total, count(*) FILTER (WHERE escalate) AS escalate_total,
           count(*) FILTER (WHERE escalate AND fell_due) AS escalate_new
    FROM hits
    GROUP BY week_start
),
ranked AS (
    SELECT h.*, t.overdue_total, t.escalate_total, t.escalate_new, coalesce(q.escalate_new_sq, 0) AS escalate_new_sq,
           row_number() OVER (PARTITION BY h.week_start ORDER BY h.published_at, h.comment_id) AS rank_all,
           row_number() OVER (PARTITION BY h.week_start, h.escalate ORDER BY h.published_at, h.comment_id) AS rank_kind
    FROM hits h
    JOIN totals t ON t.week_start = h.week_start
    LEFT JOIN new_sq q ON q.week_start = h.week_start
),
kept AS (  -- only the rows shown get their texts: the window functions above carry keys, not texts
    SELECT * FROM ranked WHERE rank_all <= $limit OR (escalate AND rank_kind <= $limit)
)
SELECT k.week_start, k.as_of, k.comment_id, c.source_id, s.name AS source_name, s.owned, c.url, p.title, c.author,
       k.published_at, c.text, c.sentiment, c.sentiment_label,
       (epoch(k.as_of) - epoch(k.published_at)) / 3600.0 AS age_hours,
       k.escalate, k.overdue_total, k.escalate_total, k.escalate_new, k.escalate_new_sq, k.rank_all, k.rank_kind
FROM kept k
JOIN comments c ON c.comment_id = k.comment_id
JOIN posts p ON p.post_id = c.post_id
JOIN sources s ON s.source_id = c.source_id
ORDER BY k.week_start, k.published_at, k.comment_id;
