-- The open queue: every eligible comment without a brand reply (view `responses`), oldest first — the first
-- $limit rows (NULL = all of them, for the CSV download); `total` is how many there are in all.
-- age_hours runs until $now; `overdue` is the view's (older than the SLA, measured at query time).
-- The sort and the count carry keys only; texts are joined to the rows kept.
WITH open AS (
    SELECT r.comment_id, r.overdue, c.published_at
    FROM responses r
    JOIN comments c ON c.comment_id = r.comment_id
    JOIN posts p ON p.post_id = c.post_id
    JOIN sources s ON s.source_id = c.source_id
    WHERE r.eligible AND NOT r.answered
),
kept AS (
    SELECT * FROM open ORDER BY published_at, comment_id LIMIT $limit
)
SELECT c.comment_id,
       c.source_id,
       s.name AS source_name,
       c.author,
       c.text,
       c.url AS comment_url,
       p.url AS post_url,
       p.title AS post_title,
       k.published_at,
       (epoch($now) - epoch(k.published_at)) / 3600.0 AS age_hours,
       k.overdue,
       (SELECT count(*) FROM open) AS total
FROM kept k
JOIN comments c ON c.comment_id = k.comment_id
JOIN posts p ON p.post_id = c.post_id
JOIN sources s ON s.source_id = c.source_id
ORDER BY k.published_at, k.comment_id;
