-- What the source's feed says about itself, refreshed after a successful collect.
UPDATE sources SET
    feed_title = coalesce($feed_title, feed_title),
    site_url = coalesce($site_url, site_url),
    feed_format = coalesce($feed_format, feed_format),
    last_collected_at = $now
WHERE source_id = $source_id;
