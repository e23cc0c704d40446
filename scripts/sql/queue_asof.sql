-- The queue as it stood at several instants (view `responses`): open = open_at (responses.sql: needs reply,
-- published before the instant, not answered by then and not handled by then); overdue = open and past its
-- due_at (the SLA, in working time when business hours are set) at that instant.
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
    SELECT r.needs_reply, r.published_at, r.first_response_at, r.due_at, r.handled, r.triage_at
    FROM responses r
    WHERE r.needs_reply
),
opened AS (
    SELECT i.at AS instant, i.kind, g.published_at, g.due_at
    FROM instants i
    LEFT JOIN needing g ON open_at(g.needs_reply, g.published_at, g.first_response_at, g.handled, g.triage_at, i.at)
)
SELECT instant AS at,
       kind,
       count(published_at) AS open_gaps,
       count(published_at) FILTER (WHERE instant > due_at) AS overdue
FROM opened
GROUP BY instant, kind
ORDER BY instant, kind;
