-- Linked examples for the weekly summaries: for each ISO week (time zone $tz) of texts in scope
-- (view `texts`) published in [$start, $end), the $neg_limit most negative and the $pos_limit most
-- positive scored texts. `pick` is neg | pos; `rank` is 1 for the strongest of its pick.
WITH picked AS (
    SELECT CAST(date_trunc('week', timezone($tz, t.published_at)) AS DATE) AS week_start,
           t.sentiment_label AS pick, t.kind, t.item_id, t.source_id, t.url, t.title, t.author,
           t.published_at, t.text, t.sentiment
    FROM texts t
    WHERE t.sentiment_label IN ('neg', 'pos') AND t.published_at >= $start AND t.published_at < $end
)
SELECT p.week_start, p.pick, p.kind, p.item_id, p.source_id, s.name AS source_name, s.owned, p.url, p.title,
       p.author, p.published_at, p.text, p.sentiment,
       row_number() OVER (PARTITION BY p.week_start, p.pick
                          ORDER BY CASE WHEN p.pick = 'neg' THEN p.sentiment ELSE -p.sentiment END,
                                   p.published_at, p.item_id) AS rank
FROM picked p
JOIN sources s ON s.source_id = p.source_id
QUALIFY rank <= CASE WHEN p.pick = 'neg' THEN $neg_limit ELSE $pos_limit END
ORDER BY p.week_start, p.pick, rank;
