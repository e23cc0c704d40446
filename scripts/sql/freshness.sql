-- How fresh the data is: the last successful feed request (ok or 304), the newest item stored, and the
-- sources whose own feed failed on its latest attempt (their data is stale even when the rest is fresh).
WITH latest AS (
    SELECT source_id, arg_max(status, fetched_at) AS status
    FROM fetches
    WHERE kind = 'posts'
    GROUP BY source_id
)
SELECT
    (SELECT max(fetched_at) FROM fetches WHERE status IN ('ok', 'not_modified')) AS last_ok_at,
    (SELECT max(fetched_at) FROM fetches) AS last_attempt_at,
    (SELECT max(published_at) FROM posts) AS newest_post_at,
    (SELECT max(published_at) FROM comments) AS newest_comment_at,
    (SELECT count(*) FROM posts) AS posts,
    (SELECT count(*) FROM comments) AS comments,
    (SELECT count(*) FROM sources) AS sources,
    (SELECT string_agg(source_id, ', ' ORDER BY source_id) FROM latest
     WHERE status NOT IN ('ok', 'not_modified')) AS failing_sources;
