-- What the source's feed says about itself, refreshed after a successful collect.
UPDATE sources SET
    feed_title = coalesce($feed_title, feed_title),
    site_url = coalesce($site_url, site_url),
    feed_format = coalesce($feed_format, feed_format),
    platform = coalesce($platform, platform),
    threads_via = coalesce($threads_via, threads_via),
    threads_note = CASE WHEN $threads_via IS NULL THEN threads_note ELSE $threads_note END,
    last_collected_at = $now
WHERE source_id = $source_id;
