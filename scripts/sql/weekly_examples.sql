-- Linked examples for the weekly summaries: for each ISO week (time zone $tz) of texts in scope
-- (view `texts`) published in [$start, $end), the $neg_limit most negative and the $pos_limit most
-- positive scored texts. `pick` is neg | pos; `rank` is 1 for the strongest of its pick.
-- The window ranks keys only; the texts of the rows kept are joined afterwards.
WITH picked AS (
    SELECT CAST(date_trunc('week', timezone($tz, t.published_at)) AS DATE) AS week_start,
           t.sentiment_label AS pick, t.kind, t.item_id, t.published_at, t.sentiment
    FROM texts t
    WHERE t.sentiment_label IN ('neg', 'pos') AND t.published_at >= $start AND t.published_at < $end
),
ranked AS (
    SELECT p.*,
           row_number() OVER (PARTITION BY p.week_start, p.pick
                              ORDER BY CASE WHEN p.pick = 'neg' THEN p.sentiment ELSE -p.sentiment END,
                                       p.published_at, p.item_id) AS rank
    FROM picked p
    QUALIFY rank <= CASE WHEN p.pick = 'neg' THEN $neg_limit ELSE $pos_limit END
)
SELECT r.week_start, r.pick, r.kind, r.item_id, t.source_id, s.name AS source_name, s.owned, t.url, t.title,
       t.author, r.published_at, t.text, r.sentiment, r.rank
FROM ranked r
JOIN texts t ON t.kind = r.kind AND t.item_id = r.item_id
JOIN sources s ON s.source_id = t.source_id
ORDER BY r.week_start, r.pick, r.rank;
