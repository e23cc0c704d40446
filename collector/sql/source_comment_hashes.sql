SELECT comment_id, content_hash, url, published_at, date_estimated FROM comments WHERE source_id = $source_id;
