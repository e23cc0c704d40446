-- Overdue comments as each summary week ended, for the weeks from $first to $last (Mondays, ISO weeks
-- in time zone $tz). A week "ends" at its last instant, or at $now for the week in progress (`as_of`).
-- A comment is counted when it is eligible (view `responses`), was published in the $lookback_days
-- before as_of and more than the SLA before it, and had no brand reply by as_of — queue_asof.sql's rule,
-- limited to a recent window so that long-abandoned threads do not fill every summary.
-- `escalate` marks negative comments on owned sources (an escalation rule of the summary).
-- Per week: at most $limit rows of all overdue and $limit escalated rows, oldest first, with totals.
WITH weeks AS (
    SELECT CAST(w AS DATE) AS week_start,
           least(timezone($tz, CAST(w AS TIMESTAMP) + INTERVAL 7 DAY), CAST($now AS TIMESTAMPTZ)) AS as_of
    FROM unnest(generate_series(CAST($first AS TIMESTAMP), CAST($last AS TIMESTAMP), INTERVAL 7 DAY)) AS g(w)
),
sla AS (
    SELECT coalesce((SELECT CAST(value AS DOUBLE) FROM meta WHERE key = 'response_sla_hours'), $sla_hours) AS hours
),
eligible AS (
    SELECT c.comment_id, c.source_id, s.name AS source_name, s.owned, c.url, p.title, c.author,
           c.published_at, c.text, c.sentiment, c.sentiment_label, r.first_response_at
    FROM responses r
    JOIN comments c ON c.comment_id = r.comment_id
    JOIN posts p ON p.post_id = c.post_id
    JOIN sources s ON s.source_id = c.source_id
    WHERE r.eligible AND c.published_at >= CAST($since AS TIMESTAMPTZ)
),
hits AS (
    SELECT w.week_start, w.as_of, e.*,
           (epoch(w.as_of) - epoch(e.published_at)) / 3600.0 AS age_hours,
           (e.owned AND e.sentiment_label = 'neg') AS escalate
    FROM weeks w
    CROSS JOIN sla
    JOIN eligible e
      ON e.published_at >= w.as_of - to_days(CAST($lookback_days AS INTEGER))
     AND epoch(w.as_of) - epoch(e.published_at) > 3600.0 * sla.hours
     AND (e.first_response_at IS NULL OR e.first_response_at > w.as_of)
),
ranked AS (
    SELECT *,
           count(*) OVER (PARTITION BY week_start) AS overdue_total,
           count(*) FILTER (WHERE escalate) OVER (PARTITION BY week_start) AS escalate_total,
           row_number() OVER (PARTITION BY week_start ORDER BY published_at, comment_id) AS rank_all,
           row_number() OVER (PARTITION BY week_start, escalate ORDER BY published_at, comment_id) AS rank_kind
    FROM hits
)
SELECT week_start, as_of, comment_id, source_id, source_name, owned, url, title, author, published_at, text,
       sentiment, sentiment_label, age_hours, escalate, overdue_total, escalate_total, rank_all, rank_kind
FROM ranked
WHERE rank_all <= $limit OR (escalate AND rank_kind <= $limit)
ORDER BY week_start, published_at, comment_id;
