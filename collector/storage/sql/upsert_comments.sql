-- Bulk upsert from the registered DataFrame `new_comments` (only new or changed rows reach here).
-- A changed comment's intent is cleared: collector.storage.intents classifies its thread again after the write.
INSERT INTO comments BY NAME (SELECT * FROM new_comments)
ON CONFLICT (comment_id) DO UPDATE SET
    post_id = excluded.post_id, parent_id = excluded.parent_id, url = excluded.url, author = excluded.author,
    is_brand = excluded.is_brand,
    published_at = CASE WHEN excluded.date_estimated THEN comments.published_at ELSE excluded.published_at END,
    date_estimated = excluded.date_estimated AND comments.date_estimated,
    text = excluded.text, lang = excluded.lang, sentiment = excluded.sentiment,
    sentiment_label = excluded.sentiment_label, is_mention = excluded.is_mention, brands = excluded.brands,
    content_hash = excluded.content_hash, updated_at = excluded.updated_at, kind = excluded.kind,
    has_account = coalesce(excluded.has_account, comments.has_account), intent = NULL, intent_cues = NULL;
