-- The newest $limit texts in scope per source, for the source pages. The window ranks keys only; the
-- texts of the rows kept are joined afterwards (a window over every text would hold them all in memory).
WITH ranked AS (
    SELECT kind, item_id, source_id, published_at
    FROM texts
    QUALIFY row_number() OVER (PARTITION BY source_id ORDER BY published_at DESC, item_id) <= $limit
)
SELECT t.kind, t.item_id, t.source_id, t.url, t.title, t.author, t.published_at, t.text,
       t.sentiment, t.sentiment_label
FROM ranked r
JOIN texts t ON t.kind = r.kind AND t.item_id = r.item_id
ORDER BY t.source_id, t.published_at DESC, t.item_id;
