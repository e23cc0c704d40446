-- Each brand's replies on its own blogs (view `responses`, pinned at the build's now), for comments published in
-- [$start, $end): the brand's owned sources, and each competitor's (sources.owner) — where a brand answers its
-- own readers, so the brands compare like with like. On a competitor's blog a brand reply is one of that
-- competitor's responders (comments.is_brand), and its comments wait for it (`brand`, `brand_eligible`,
-- `brand_needs_reply`: responses.sql); they never enter the brand's own queue or numbers.
--   blogs, eligible, needs_reply, answered (among needs reply);
--   response_rate = answered ÷ needs reply (the headline, texts.sql's macro), eligible_response_rate beside it;
--   median_hours, p90_hours : first-reply time (wall clock) of the answered eligible comments.
-- One row per brand that has own blogs configured, in the order of $brands; brands without any: no row.
WITH own AS (  -- who runs each blog: a competitor (sources.owner) or the brand ($brand: owned = true)
    SELECT source_id, coalesce(owner, $brand) AS brand
    FROM sources
    WHERE owned OR owner IS NOT NULL
),
rs AS (
    SELECT r.brand, r.brand_eligible AS eligible, r.brand_needs_reply AS needs_reply, r.answered, r.response_hours
    FROM responses r
    WHERE r.brand_eligible AND r.source_id IN (SELECT source_id FROM own)
      AND r.published_at >= $start AND r.published_at < $end
),
per AS (
    SELECT brand,
           count(*) AS eligible,
           count(*) FILTER (WHERE needs_reply) AS needs_reply,
           count(*) FILTER (WHERE needs_reply AND answered) AS answered,
           headline_response_rate(needs_reply, answered) AS response_rate,
           eligible_response_rate(eligible, answered) AS eligible_response_rate,
           median(response_hours) AS median_hours,
           quantile_cont(response_hours, 0.9) AS p90_hours
    FROM rs
    GROUP BY brand
),
blogs AS (
    SELECT brand, count(*) AS blogs FROM own GROUP BY brand
),
names AS (
    SELECT unnest(CAST($brands AS VARCHAR[])) AS brand,
           unnest(range(1, len(CAST($brands AS VARCHAR[])) + 1)) AS brand_order
)
SELECT n.brand, n.brand_order, b.blogs,
       coalesce(p.eligible, 0) AS eligible, coalesce(p.needs_reply, 0) AS needs_reply,
       coalesce(p.answered, 0) AS answered, p.response_rate, p.eligible_response_rate,
       p.median_hours, p.p90_hours
FROM names n
JOIN blogs b ON b.brand = n.brand
LEFT JOIN per p ON p.brand = n.brand
ORDER BY n.brand_order;
