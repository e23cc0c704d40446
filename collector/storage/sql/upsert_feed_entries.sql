-- Record the entries a source's run has read (DataFrame `new_entries`: source_id, digest, key).
INSERT INTO feed_entries BY NAME (SELECT * FROM new_entries);
