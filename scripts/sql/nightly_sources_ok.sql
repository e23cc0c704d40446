-- For `pulso nightly`: how many configured sources had their own feed read successfully (ok or 304)
-- by the run that started at $since, out of how many sources the run tried.
SELECT count(DISTINCT source_id) FILTER (WHERE status IN ('ok', 'not_modified')) AS sources_ok,
       count(DISTINCT source_id) AS sources_tried
FROM fetches
WHERE kind = 'posts' AND fetched_at >= $since;
