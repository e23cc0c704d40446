-- Share of voice per brand in a list of time windows [$starts[i], $ends[i]) (i from 1), over the brands $brands
-- (brand first): the weekly summary's "cuota de voz" line compares a week with the same elapsed part of the
-- week before (scripts/weekly/summary.comparison_windows). View `brand_mentions`; the same counts and share as
-- competitors_voice.sql. Every (window, brand) pair has a row.
WITH w AS (
    SELECT i,
           CAST($starts AS TIMESTAMPTZ[])[i] AS w_start,
           CAST($ends AS TIMESTAMPTZ[])[i] AS w_end
    FROM range(1, len(CAST($starts AS TIMESTAMPTZ[])) + 1) AS r(i)
),
names AS (
    SELECT unnest(CAST($brands AS VARCHAR[])) AS brand,
           unnest(range(1, len(CAST($brands AS VARCHAR[])) + 1)) AS brand_order
),
counts AS (
    SELECT w.i, m.brand, count(*) AS mentions
    FROM w
    JOIN brand_mentions m ON m.published_at >= w.w_start AND m.published_at < w.w_end
    WHERE list_contains(CAST($brands AS VARCHAR[]), m.brand)
    GROUP BY w.i, m.brand
),
grid AS (
    SELECT w.i, n.brand, n.brand_order, coalesce(c.mentions, 0) AS mentions
    FROM w
    CROSS JOIN names n
    LEFT JOIN counts c ON c.i = w.i AND c.brand = n.brand
),
totals AS (
    SELECT *, sum(mentions) OVER (PARTITION BY i) AS all_mentions FROM grid
)
SELECT i, brand, brand_order, mentions, all_mentions, voice_share(mentions, all_mentions) AS share
FROM totals
ORDER BY i, brand_order;
