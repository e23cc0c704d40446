-- Re-derive is_mention, brands and is_brand after the aliases or responders (the brand's or a competitor's)
-- or a source's owner change. pulso_mention, pulso_brands and pulso_brand are collector.matching's rules,
-- registered by collector.storage.maintain.scope_functions; pulso_brand(author, owner) reads the responders
-- of whoever runs the source (sources.owner: a competitor's own blog; NULL: the brand's).
-- Only rows whose flags change are written. A changed brand flag changes the thread's intents (a brand
-- reply closes a case, a customer's answers a peer): its intent is cleared, so the next collect classifies
-- the thread again (collector.storage.intents).
UPDATE comments
SET is_mention = fresh.is_mention, brands = fresh.brands, is_brand = fresh.is_brand,
    intent = CASE WHEN comments.is_brand IS DISTINCT FROM fresh.is_brand THEN NULL ELSE comments.intent END,
    intent_cues = CASE WHEN comments.is_brand IS DISTINCT FROM fresh.is_brand THEN NULL ELSE comments.intent_cues END
FROM (SELECT c.comment_id, pulso_mention(c.text, NULL) AS is_mention, pulso_brands(c.text, NULL) AS brands,
             pulso_brand(c.author, s.owner) AS is_brand
      FROM comments c
      LEFT JOIN sources s ON s.source_id = c.source_id) AS fresh
WHERE comments.comment_id = fresh.comment_id
  AND (comments.is_mention IS DISTINCT FROM fresh.is_mention OR comments.brands IS DISTINCT FROM fresh.brands
       OR comments.is_brand IS DISTINCT FROM fresh.is_brand);
