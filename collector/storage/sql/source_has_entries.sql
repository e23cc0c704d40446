SELECT EXISTS (SELECT 1 FROM feed_entries WHERE source_id = $source_id);
