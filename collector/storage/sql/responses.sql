-- View `responses`: the single definition of eligible / answered / response time / overdue.
-- See DESIGN.md "Definitions". The SLA comes from meta.response_sla_hours, written by every collect.
--
-- eligible : a non-brand comment on an owned source, or on a post that is a mention.
-- answered : a later brand reply on the same post answers it:
--            * a threaded brand reply (parent_id set) answers its parent, and its parent only;
--            * an unthreaded brand reply answers the eligible comments of that post published after
--              the previous brand reply (threaded or not) and before it.
--            The first brand reply that answers a comment is its response.
-- response_hours : first answering brand reply - comment, in hours (eligible and answered only).
-- overdue  : eligible, unanswered, and older than the SLA at query time (now()).
CREATE OR REPLACE VIEW responses AS
WITH brand AS (
    SELECT comment_id, post_id, parent_id, published_at,
           lag(published_at) OVER (PARTITION BY post_id ORDER BY published_at, comment_id) AS prev_brand_at
    FROM comments
    WHERE is_brand
),
scoped AS (
    SELECT c.comment_id, c.post_id, c.source_id, c.published_at,
           (NOT c.is_brand AND (s.owned OR p.is_mention)) AS eligible
    FROM comments c
    JOIN posts p ON p.post_id = c.post_id
    JOIN sources s ON s.source_id = c.source_id
),
answers AS (
    SELECT e.comment_id, b.published_at AS reply_at
    FROM scoped e
    JOIN brand b ON b.parent_id = e.comment_id AND b.post_id = e.post_id
    WHERE e.eligible AND b.published_at >= e.published_at
    UNION ALL
    SELECT e.comment_id, b.published_at AS reply_at
    FROM scoped e
    JOIN brand b ON b.post_id = e.post_id AND b.parent_id IS NULL
    WHERE e.eligible
      AND e.published_at < b.published_at
      AND (b.prev_brand_at IS NULL OR e.published_at > b.prev_brand_at)
),
first_reply AS (
    SELECT comment_id, min(reply_at) AS first_response_at FROM answers GROUP BY comment_id
)
SELECT e.comment_id,
       e.post_id,
       e.source_id,
       e.eligible,
       (f.first_response_at IS NOT NULL) AS answered,
       f.first_response_at,
       (epoch(f.first_response_at) - epoch(e.published_at)) / 3600.0 AS response_hours,
       (e.eligible AND f.first_response_at IS NULL
        AND epoch(now()) - epoch(e.published_at)
            > 3600.0 * coalesce((SELECT CAST(value AS DOUBLE) FROM meta WHERE key = 'response_sla_hours'), 24)
       ) AS overdue
FROM scoped e
LEFT JOIN first_reply f ON f.comment_id = e.comment_id;
