-- `pulso alert`: the texts behind a spike — texts about the brand (temp view `texts`) published in
-- [$start, $end), only the negative ones when $negative; the most negative first (an unscored text last),
-- then the newest. The first $limit rows; `source_title` as the site names the source.
SELECT x.kind, x.item_id, x.url, x.title, x.author, x.published_at, x.text, x.sentiment, x.sentiment_label,
       source_title(s.title, s.feed_title, s.name) AS source_title
FROM texts x
JOIN sources s ON s.source_id = x.source_id
WHERE x.published_at >= CAST($start AS TIMESTAMPTZ) AND x.published_at < CAST($end AS TIMESTAMPTZ)
  AND (NOT $negative OR x.sentiment_label = 'neg')
ORDER BY x.sentiment ASC NULLS LAST, x.published_at DESC, x.item_id
LIMIT $limit;
