-- The most negative scored texts in scope published since $since: what to read now.
SELECT t.kind, t.item_id, t.source_id, s.name AS source_name, t.url, t.title, t.author,
       t.published_at, t.text, t.sentiment, t.sentiment_label, t.lang
FROM texts t
JOIN sources s ON s.source_id = t.source_id
WHERE t.sentiment_label = 'neg' AND t.published_at >= $since
ORDER BY t.sentiment, t.published_at DESC, t.item_id
LIMIT $limit;
