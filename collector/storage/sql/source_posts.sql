-- Everything collect needs to know about a source's stored posts: keys, pages, comment feeds, hashes.
SELECT post_id, guid, url, comments_feed_url, content_hash, published_at, date_estimated
FROM posts
WHERE source_id = $source_id;
