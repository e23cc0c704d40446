-- Re-derive is_mention and is_brand after the brand's aliases or responders change. pulso_mention and
-- pulso_brand are collector.matching's rules, registered by collector.storage.maintain.scope_functions.
-- Only rows whose flags change are written. A changed brand flag changes the thread's intents (a brand
-- reply closes a case, a customer's answers a peer): its intent is cleared, so the next collect classifies
-- the thread again (collector.storage.intents).
UPDATE comments
SET is_mention = fresh.is_mention, is_brand = fresh.is_brand,
    intent = CASE WHEN comments.is_brand IS DISTINCT FROM fresh.is_brand THEN NULL ELSE comments.intent END,
    intent_cues = CASE WHEN comments.is_brand IS DISTINCT FROM fresh.is_brand THEN NULL ELSE comments.intent_cues END
FROM (SELECT comment_id, pulso_mention(text, NULL) AS is_mention, pulso_brand(author) AS is_brand
      FROM comments) AS fresh
WHERE comments.comment_id = fresh.comment_id
  AND (comments.is_mention IS DISTINCT FROM fresh.is_mention OR comments.is_brand IS DISTINCT FROM fresh.is_brand);
