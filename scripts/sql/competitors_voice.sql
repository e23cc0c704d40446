-- Share of voice and sentiment per brand and ISO week (time zone $tz) for the weeks $first..$last (Mondays),
-- over the brands $brands (the config's names, brand first: the order of every row). View `brand_mentions`
-- (competitors_mentions.sql). week_start NULL: the whole period, per brand.
--   mentions      : texts naming the brand that week; all_mentions: every brand's, summed (DESIGN "Share of
--                   voice": share = mentions ÷ all_mentions, NULL when no brand was named);
--   scored, pos, neg, net_sentiment : the sentiment of those texts (net_sentiment, texts.sql's macro).
-- Every (week, brand) pair has a row, zeros included, so charts and tables need no filling.
WITH counts AS (
    SELECT CAST(date_trunc('week', timezone($tz, published_at)) AS DATE) AS week_start,
           brand,
           count(*) AS mentions,
           count(sentiment_label) AS scored,
           count(*) FILTER (WHERE sentiment_label = 'pos') AS pos,
           count(*) FILTER (WHERE sentiment_label = 'neg') AS neg
    FROM brand_mentions
    WHERE published_at >= timezone($tz, CAST(CAST($first AS DATE) AS TIMESTAMP))
      AND published_at < timezone($tz, CAST(CAST($last AS DATE) AS TIMESTAMP) + INTERVAL 7 DAY)
      AND list_contains(CAST($brands AS VARCHAR[]), brand)
    GROUP BY GROUPING SETS ((week_start, brand), (brand))
),
weeks AS (
    SELECT CAST(w AS DATE) AS week_start
    FROM unnest(generate_series(CAST(CAST($first AS DATE) AS TIMESTAMP), CAST(CAST($last AS DATE) AS TIMESTAMP),
                                INTERVAL 7 DAY)) AS g(w)
    UNION ALL
    SELECT NULL
),
names AS (
    SELECT unnest(CAST($brands AS VARCHAR[])) AS brand,
           unnest(range(1, len(CAST($brands AS VARCHAR[])) + 1)) AS brand_order
),
grid AS (
    SELECT w.week_start, n.brand, n.brand_order,
           coalesce(c.mentions, 0) AS mentions, coalesce(c.scored, 0) AS scored,
           coalesce(c.pos, 0) AS pos, coalesce(c.neg, 0) AS neg
    FROM weeks w
    CROSS JOIN names n
    LEFT JOIN counts c ON c.brand = n.brand AND c.week_start IS NOT DISTINCT FROM w.week_start
),
totals AS (
    SELECT *, sum(mentions) OVER (PARTITION BY week_start) AS all_mentions FROM grid
)
SELECT week_start, brand, brand_order, mentions, all_mentions,
       voice_share(mentions, all_mentions) AS share,
       scored, pos, neg,
       net_sentiment(pos, neg, scored) AS net_sentiment
FROM totals
ORDER BY week_start NULLS LAST, brand_order;
