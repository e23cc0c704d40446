-- Re-derive is_mention after the brand's aliases change. pulso_mention is collector.matching's rule,
-- registered by collector.storage.maintain.scope_functions (the title and the text each on its own).
-- Only rows whose flag changes are written.
UPDATE posts
SET is_mention = fresh.is_mention
FROM (SELECT post_id, pulso_mention(title, text) AS is_mention FROM posts) AS fresh
WHERE posts.post_id = fresh.post_id AND posts.is_mention IS DISTINCT FROM fresh.is_mention;
