-- Record the entries a source's run has read (DataFrame `new_entries`: source_id, digest, key) with the
-- parser version that read them ($version); an entry recorded before keeps one row.
INSERT INTO feed_entries BY NAME (SELECT *, $version AS version FROM new_entries)
ON CONFLICT (source_id, digest) DO UPDATE SET key = excluded.key, version = excluded.version;
