-- Collection health: one row per feed URL ever requested (posts, comments, refused links), with
-- the latest attempt's outcome, the last success, the last error and when it happened (`error` is the
-- last one recorded, as the page has always shown it), and when new items last arrived through it.
-- Read from the view fetch_history, so a success or an error older than the raw health log's
-- retention (rolled up per day) still shows. Problems first (latest status error | refused | gone),
-- then by source and URL.
WITH last AS (
    SELECT source_id, url,
           arg_max(kind, last_attempt_at) AS kind,
           max(last_attempt_at) AS last_attempt_at,
           arg_max(last_status, last_attempt_at) AS status,
           arg_max(http_status, last_attempt_at) AS http_status,
           arg_max(error, last_error_at) AS error,
           max(last_error_at) AS last_error_at,
           arg_max(entries, last_attempt_at) AS entries,
           max(last_ok_at) AS last_ok_at,
           CAST(sum(attempts) AS BIGINT) AS attempts,
           CAST(sum(failures) AS BIGINT) AS failures
    FROM fetch_history
    GROUP BY source_id, url
),
new_posts AS (
    SELECT source_id, max(first_seen_at) AS last_new_at FROM posts GROUP BY source_id
),
new_comments_by_feed AS (
    SELECT p.comments_feed_url AS url, max(c.first_seen_at) AS last_new_at
    FROM comments c JOIN posts p ON p.post_id = c.post_id
    WHERE p.comments_feed_url IS NOT NULL
    GROUP BY p.comments_feed_url
),
new_comments AS (
    SELECT source_id, max(first_seen_at) AS last_new_at FROM comments GROUP BY source_id
)
SELECT l.source_id, s.name AS source_name, l.url, l.kind, l.last_attempt_at, l.status, l.http_status,
       l.error, l.entries, l.last_ok_at, l.attempts, l.failures, l.last_error_at,
       CASE WHEN l.kind = 'posts' THEN np.last_new_at
            WHEN l.kind = 'comments' THEN coalesce(ncf.last_new_at, nc.last_new_at)
       END AS last_new_at,
       (l.status IN ('error', 'refused', 'gone')) AS failing
FROM last l
LEFT JOIN sources s ON s.source_id = l.source_id
LEFT JOIN new_posts np ON np.source_id = l.source_id
LEFT JOIN new_comments_by_feed ncf ON ncf.url = l.url
LEFT JOIN new_comments nc ON nc.source_id = l.source_id
ORDER BY failing DESC, l.source_id, l.kind DESC, l.url;
