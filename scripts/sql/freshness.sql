-- How fresh the data is: the last successful feed request (ok or 304) and the newest item stored.
SELECT
    (SELECT max(fetched_at) FROM fetches WHERE status IN ('ok', 'not_modified')) AS last_ok_at,
    (SELECT max(fetched_at) FROM fetches) AS last_attempt_at,
    (SELECT max(published_at) FROM posts) AS newest_post_at,
    (SELECT max(published_at) FROM comments) AS newest_comment_at,
    (SELECT count(*) FROM posts) AS posts,
    (SELECT count(*) FROM comments) AS comments,
    (SELECT count(*) FROM sources) AS sources;
