-- The health log's rows older than $cutoff (a UTC midnight) as one row per source, feed URL and UTC day
-- in fetch_days, added to the day's row when one exists (rows that arrived late). Run together with
-- delete_rolled_up_fetches.sql, in one transaction.
INSERT INTO fetch_days
SELECT source_id, url,
       CAST(timezone('UTC', fetched_at) AS DATE) AS day,
       arg_max(kind, fetched_at) AS kind,
       count(*) AS attempts,
       count(*) FILTER (WHERE status IN ('error', 'refused', 'gone')) AS failures,
       max(fetched_at) AS last_attempt_at,
       arg_max(status, fetched_at) AS last_status,
       arg_max(http_status, fetched_at) AS last_http_status,
       arg_max(entries, fetched_at) AS last_entries,
       arg_max(error, fetched_at) AS last_error,
       max(fetched_at) FILTER (WHERE error IS NOT NULL) AS last_error_at,
       max(fetched_at) FILTER (WHERE status IN ('ok', 'not_modified')) AS last_ok_at
FROM fetches
WHERE fetched_at < $cutoff
GROUP BY source_id, url, day
ON CONFLICT (source_id, url, day) DO UPDATE SET
    attempts = fetch_days.attempts + excluded.attempts,
    failures = fetch_days.failures + excluded.failures,
    kind = CASE WHEN excluded.last_attempt_at >= fetch_days.last_attempt_at
                THEN excluded.kind ELSE fetch_days.kind END,
    last_status = CASE WHEN excluded.last_attempt_at >= fetch_days.last_attempt_at
                       THEN excluded.last_status ELSE fetch_days.last_status END,
    last_http_status = CASE WHEN excluded.last_attempt_at >= fetch_days.last_attempt_at
                            THEN coalesce(excluded.last_http_status, fetch_days.last_http_status)
                            ELSE coalesce(fetch_days.last_http_status, excluded.last_http_status) END,
    last_entries = CASE WHEN excluded.last_attempt_at >= fetch_days.last_attempt_at
                        THEN coalesce(excluded.last_entries, fetch_days.last_entries)
                        ELSE coalesce(fetch_days.last_entries, excluded.last_entries) END,
    last_attempt_at = greatest(fetch_days.last_attempt_at, excluded.last_attempt_at),
    last_error = CASE WHEN fetch_days.last_error_at IS NULL OR excluded.last_error_at >= fetch_days.last_error_at
                      THEN coalesce(excluded.last_error, fetch_days.last_error) ELSE fetch_days.last_error END,
    last_error_at = greatest(fetch_days.last_error_at, excluded.last_error_at),
    last_ok_at = greatest(fetch_days.last_ok_at, excluded.last_ok_at);
