-- The open queue: every eligible comment without a brand reply (view `responses`), oldest first.
-- age_hours runs until $now; `overdue` is the view's (older than the SLA, measured at query time).
SELECT c.comment_id,
       c.source_id,
       s.name AS source_name,
       c.author,
       c.text,
       c.url AS comment_url,
       p.url AS post_url,
       p.title AS post_title,
       c.published_at,
       (epoch($now) - epoch(c.published_at)) / 3600.0 AS age_hours,
       r.overdue
FROM responses r
JOIN comments c ON c.comment_id = r.comment_id
JOIN posts p ON p.post_id = c.post_id
JOIN sources s ON s.source_id = c.source_id
WHERE r.eligible AND NOT r.answered
ORDER BY c.published_at, c.comment_id;
