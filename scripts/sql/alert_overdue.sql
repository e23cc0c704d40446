-- `pulso alert`: comments on owned sources that fell overdue in ($since, $now] and are still overdue at $now.
-- Overdue at an instant is open then (open_at, responses.sql: needs a reply, published before the instant,
-- neither answered nor handled by then) and past its due_at (the SLA, in working time when business hours
-- are set). At the present it is the view's own `overdue`; a replay at an earlier $now (benchmarks/alerts.py)
-- does not see replies that came later.
-- Oldest due first; `source_title` as the site names the source.
WITH needing AS (
    SELECT r.comment_id, r.published_at, r.due_at
    FROM responses r
    WHERE open_at(r.needs_reply, r.published_at, r.first_response_at, r.handled, r.triage_at, CAST($now AS TIMESTAMPTZ))
      AND r.due_at > CAST($since AS TIMESTAMPTZ) AND r.due_at < CAST($now AS TIMESTAMPTZ)
)
SELECT g.comment_id, c.source_id, s.name AS source_name,
       source_title(s.title, s.feed_title, s.name) AS source_title,
       c.author, c.text, c.url AS comment_url, p.url AS post_url, p.title,
       g.published_at, g.due_at, c.sentiment, c.sentiment_label
FROM needing g
JOIN comments c ON c.comment_id = g.comment_id
JOIN posts p ON p.post_id = c.post_id
JOIN sources s ON s.source_id = c.source_id
WHERE s.owned
ORDER BY g.due_at, g.comment_id;
