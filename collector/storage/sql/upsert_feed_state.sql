-- Conditional-GET validators per source and feed URL (DataFrame `new_feed_state`).
INSERT INTO feed_state BY NAME (SELECT * FROM new_feed_state)
ON CONFLICT (source_id, url) DO UPDATE SET
    etag = coalesce(excluded.etag, feed_state.etag),
    last_modified = coalesce(excluded.last_modified, feed_state.last_modified),
    last_ok_at = coalesce(excluded.last_ok_at, feed_state.last_ok_at),
    gone = excluded.gone;
