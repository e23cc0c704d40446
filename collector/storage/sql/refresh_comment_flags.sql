-- Re-derive is_mention and is_brand after the brand's aliases or responders change. pulso_mention and
-- pulso_brand are collector.matching's rules, registered by collector.storage.maintain.scope_functions.
-- Only rows whose flags change are written.
UPDATE comments
SET is_mention = fresh.is_mention, is_brand = fresh.is_brand
FROM (SELECT comment_id, pulso_mention(text, NULL) AS is_mention, pulso_brand(author) AS is_brand
      FROM comments) AS fresh
WHERE comments.comment_id = fresh.comment_id
  AND (comments.is_mention IS DISTINCT FROM fresh.is_mention OR comments.is_brand IS DISTINCT FROM fresh.is_brand);
