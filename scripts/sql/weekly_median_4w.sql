-- The 4-week baseline of the median first-reply time, for each summary week from $first to $last
-- (Mondays, ISO weeks in time zone $tz): the median over the eligible comments published in the four
-- ISO weeks before that week — the same comments and the same `responses` view as weekly.sql.
-- Medians are computed over the pooled comments, never averaged from weekly medians.
WITH weeks AS (
    SELECT CAST(w AS DATE) AS week_start
    FROM unnest(generate_series(CAST($first AS TIMESTAMP), CAST($last AS TIMESTAMP), INTERVAL 7 DAY)) AS g(w)
),
replies AS (
    SELECT CAST(date_trunc('week', timezone($tz, c.published_at)) AS DATE) AS week_start, r.response_hours
    FROM responses r
    JOIN comments c ON c.comment_id = r.comment_id
    WHERE r.eligible AND r.answered
)
SELECT w.week_start, median(r.response_hours) AS median_hours_4w
FROM weeks w
LEFT JOIN replies r ON r.week_start >= w.week_start - 28 AND r.week_start < w.week_start
GROUP BY w.week_start
ORDER BY w.week_start;
