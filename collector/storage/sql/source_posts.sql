-- Everything collect needs to know about a source's stored posts: keys, pages, comment feeds, hashes.
-- A post its feed counted 0 comments for lists no comment feed: reading it would cost a request for nothing.
SELECT post_id, guid, url, CASE WHEN comment_count = 0 THEN NULL ELSE comments_feed_url END, content_hash,
       published_at, date_estimated
FROM posts
WHERE source_id = $source_id;
