-- The entries-read cache minus what no run can use: entries read by another parser version ($version
-- is collector.feeds.delta.CODE_VERSION; their digests never match again) and entries of sources no
-- longer in the config ($sources).
DELETE FROM feed_entries
WHERE version <> $version OR NOT list_contains($sources, source_id);
