-- Re-derive is_mention and brands after the brand's or a competitor's aliases change. pulso_mention and
-- pulso_brands are collector.matching's rules (Scope.is_mention, Scope.brands_in), registered by
-- collector.storage.maintain.scope_functions (the title and the text each on its own).
-- Only rows whose flags change are written.
UPDATE posts
SET is_mention = fresh.is_mention, brands = fresh.brands
FROM (SELECT post_id, pulso_mention(title, text) AS is_mention, pulso_brands(title, text) AS brands
      FROM posts) AS fresh
WHERE posts.post_id = fresh.post_id
  AND (posts.is_mention IS DISTINCT FROM fresh.is_mention OR posts.brands IS DISTINCT FROM fresh.brands);
