-- Stored comments of one source that a batch of parsed comments may be: by id ($ids), or sharing a link
-- with one of them ($urls: the new-guid dedupe needs every stored comment of a link and date).
SELECT comment_id, content_hash, url, published_at, date_estimated
FROM comments
WHERE source_id = $source_id
  AND (comment_id IN (SELECT unnest($ids)) OR url IN (SELECT unnest($urls)));
