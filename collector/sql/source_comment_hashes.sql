SELECT comment_id, content_hash FROM comments WHERE source_id = $source_id;
