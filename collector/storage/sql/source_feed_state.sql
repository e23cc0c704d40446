SELECT url, etag, last_modified, gone FROM feed_state WHERE source_id = $source_id;
