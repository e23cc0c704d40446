-- The queue as it stood at several instants: open gaps = eligible comments published before the
-- instant and not answered by then; overdue = open and older than the SLA at that instant.
-- Instants: the start of each of the last $weeks ISO weeks (time zone $tz) — the overview's trend —
-- plus $now and $prev (now minus 7 days) for the week-over-week comparison.
-- At $now these equal the `responses` view's own `NOT answered` and `overdue` (a test checks it).
WITH points AS (
    SELECT unnest(generate_series(0, $weeks - 1)) AS n
),
instants AS (
    SELECT timezone($tz, CAST(date_trunc('week', timezone($tz, $now)) AS TIMESTAMP) - to_weeks(CAST(n AS INTEGER)))
           AS at, 'week' AS kind
    FROM points
    UNION ALL SELECT $now, 'now'
    UNION ALL SELECT $prev, 'prev'
),
sla AS (
    SELECT coalesce((SELECT CAST(value AS DOUBLE) FROM meta WHERE key = 'response_sla_hours'), $sla_hours) AS hours
),
eligible AS (
    SELECT c.published_at, r.first_response_at
    FROM responses r
    JOIN comments c ON c.comment_id = r.comment_id
    WHERE r.eligible
)
SELECT i.at,
       i.kind,
       count(g.published_at) AS open_gaps,
       count(g.published_at) FILTER (WHERE epoch(i.at) - epoch(g.published_at) > 3600.0 * sla.hours) AS overdue
FROM instants i
CROSS JOIN sla
LEFT JOIN eligible g
  ON g.published_at < i.at AND (g.first_response_at IS NULL OR g.first_response_at > i.at)
GROUP BY i.at, i.kind
ORDER BY i.at, i.kind;
