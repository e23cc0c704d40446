-- Every comment of the posts $post_ids, with what collector.sentiment.intent.classify_threads reads and the
-- intent stored now (only changed intents are written back).
SELECT comment_id, post_id, parent_id, is_brand, published_at, coalesce(text, '') AS text, lang, sentiment,
       intent, intent_cues
FROM comments
WHERE post_id IN (SELECT unnest($post_ids));
