-- The newest $limit texts in scope per source, for the source pages.
SELECT t.kind, t.item_id, t.source_id, t.url, t.title, t.author, t.published_at, t.text,
       t.sentiment, t.sentiment_label
FROM texts t
QUALIFY row_number() OVER (PARTITION BY t.source_id ORDER BY t.published_at DESC, t.item_id) <= $limit
ORDER BY t.source_id, t.published_at DESC, t.item_id;
