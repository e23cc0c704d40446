-- The queue's short list of decisions (view `responses`): eligible comments a triage decision took out of
-- the open queue — `handled` (answered elsewhere: phone, DM) or `no_reply` — the latest decision first,
-- at most $limit rows; `total` counts them all.
WITH decided AS (
    SELECT r.comment_id, r.triage_at
    FROM responses r
    WHERE r.eligible AND r.triage_status IN ('handled', 'no_reply') AND NOT r.answered
),
kept AS (
    SELECT * FROM decided ORDER BY triage_at DESC NULLS LAST, comment_id LIMIT $limit
)
SELECT c.comment_id,
       c.source_id,
       s.name AS source_name,
       source_title(s.title, s.feed_title, s.name) AS source_title,
       s.owned,
       c.author,
       r.intent,
       c.sentiment_label,
       c.text,
       c.url AS comment_url,
       p.url AS post_url,
       p.title AS post_title,
       c.published_at,
       (epoch(CAST($now AS TIMESTAMPTZ)) - epoch(c.published_at)) / 3600.0 AS age_hours,
       r.triage_status,
       r.owner,
       r.triage_note,
       r.triage_who,
       r.triage_at,
       (SELECT count(*) FROM decided) AS total
FROM kept k
JOIN responses r ON r.comment_id = k.comment_id
JOIN comments c ON c.comment_id = k.comment_id
JOIN posts p ON p.post_id = c.post_id
JOIN sources s ON s.source_id = c.source_id
ORDER BY k.triage_at DESC NULLS LAST, k.comment_id;
