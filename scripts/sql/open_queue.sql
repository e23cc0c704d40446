-- The queue a team works through (view `responses`, pinned at the build's $now): open comments — needs
-- reply, not answered, not handled — most urgent first: the overdue first, the most recently overdue of
-- them first (a reply can still help; a month-old one waits a few rows more), then the rest by how soon
-- they fall due. `backlog` marks the open items
-- published more than $horizon_days before $now (the collapsed "atrasados"); $section picks 'recent',
-- 'backlog' or NULL for both (the CSV). The first $limit rows (NULL = all); `recent_total` and
-- `backlog_total` count the whole queue. The sort and the counts carry keys only; texts join the rows kept.
WITH open AS (
    SELECT r.comment_id, r.due_at, r.overdue,
           r.published_at < CAST($now AS TIMESTAMPTZ) - to_days(CAST($horizon_days AS INTEGER)) AS backlog
    FROM responses r
    WHERE r.open
),
totals AS (
    SELECT count(*) FILTER (WHERE NOT backlog) AS recent_total, count(*) FILTER (WHERE backlog) AS backlog_total
    FROM open
),
kept AS (
    SELECT * FROM open
    WHERE $section IS NULL OR backlog = ($section = 'backlog')
    ORDER BY backlog, overdue DESC, CASE WHEN overdue THEN due_at END DESC, due_at, comment_id
    LIMIT $limit
)
SELECT c.comment_id,
       c.source_id,
       s.name AS source_name,
       source_title(s.title, s.feed_title, s.name) AS source_title,
       s.owned,
       c.author,
       r.intent,
       c.sentiment_label,
       c.sentiment AS sentiment_score,
       c.text,
       c.url AS comment_url,
       p.url AS post_url,
       p.title AS post_title,
       c.published_at,
       (epoch(CAST($now AS TIMESTAMPTZ)) - epoch(c.published_at)) / 3600.0 AS age_hours,
       k.due_at,
       k.overdue,
       k.backlog,
       r.triage_status,
       r.owner,
       r.triage_note,
       t.recent_total,
       t.backlog_total
FROM kept k
CROSS JOIN totals t
JOIN responses r ON r.comment_id = k.comment_id
JOIN comments c ON c.comment_id = k.comment_id
JOIN posts p ON p.post_id = c.post_id
JOIN sources s ON s.source_id = c.source_id
ORDER BY k.backlog, k.overdue DESC, CASE WHEN k.overdue THEN k.due_at END DESC, k.due_at, k.comment_id;
