-- The queue as it stood at several instants (view `responses`): open = needs reply, published before the
-- instant, not answered by then and not handled by then (a `handled` decision counts from its time);
-- overdue = open and past its due_at (the SLA, in working time when business hours are set) at that instant.
-- Instants: the start of each of the last $weeks ISO weeks (time zone $tz) — the overview's trend —
-- plus $now and $prev (now minus 7 days) for the week-over-week comparison.
-- At $now these equal the `responses` view's own `open` and `overdue` (a test checks it).
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
needing AS (
    SELECT r.published_at, r.first_response_at, r.due_at,
           CASE WHEN r.handled THEN coalesce(r.triage_at, '-infinity'::TIMESTAMPTZ) END AS handled_at
    FROM responses r
    WHERE r.needs_reply
),
open_at AS (
    SELECT i.at AS instant, i.kind, g.published_at, g.due_at
    FROM instants i
    LEFT JOIN needing g
      ON g.published_at < i.at
     AND (g.first_response_at IS NULL OR g.first_response_at > i.at)
     AND (g.handled_at IS NULL OR g.handled_at > i.at)
)
SELECT instant AS at,
       kind,
       count(published_at) AS open_gaps,
       count(published_at) FILTER (WHERE instant > due_at) AS overdue
FROM open_at
GROUP BY instant, kind
ORDER BY instant, kind;
