-- The keys of entries a source has read before, by digest ($digests).
SELECT digest, any_value(key) FROM feed_entries
WHERE source_id = $source_id AND digest IN (SELECT unnest($digests))
GROUP BY digest;
