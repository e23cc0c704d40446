-- Every entry digest a source has read (collector.delta), loaded once per run when a changed page needs them.
SELECT digest FROM feed_entries WHERE source_id = $source_id;
