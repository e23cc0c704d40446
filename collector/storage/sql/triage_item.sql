-- The stored comments a triage item names: by comment_id, or by URL.
SELECT comment_id, url, author, published_at
FROM comments
WHERE comment_id = $item OR url = $item
ORDER BY published_at, comment_id;
