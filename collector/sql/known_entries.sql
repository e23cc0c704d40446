-- Which of these entry digests ($digests) a source has already read, with the entries' keys.
SELECT digest, any_value(key) FROM feed_entries
WHERE source_id = $source_id AND digest IN (SELECT unnest($digests))
GROUP BY digest;
