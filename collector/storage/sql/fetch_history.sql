-- View `fetch_history`: the health log over its whole life, in one shape. Each raw `fetches` row (the
-- last collector.storage.retention.FETCH_LOG_DAYS) is one attempt; each `fetch_days` row stands for a
-- feed's attempts on one older day. Aggregate with sum(attempts), max(last_ok_at), and arg_max(x, at)
-- for "the last non-NULL x" (arg_max skips NULLs), exactly as over raw rows alone.
CREATE OR REPLACE VIEW fetch_history AS
SELECT source_id, url, kind,
       fetched_at AS last_attempt_at,
       status AS last_status,
       http_status,
       error,
       entries,
       CASE WHEN error IS NOT NULL THEN fetched_at END AS last_error_at,
       CASE WHEN status IN ('ok', 'not_modified') THEN fetched_at END AS last_ok_at,
       1 AS attempts,
       CAST(status IN ('error', 'refused', 'gone') AS INTEGER) AS failures
FROM fetches
UNION ALL
SELECT source_id, url, kind, last_attempt_at, last_status, last_http_status, last_error, last_entries,
       last_error_at, last_ok_at, attempts, failures
FROM fetch_days;
