-- Migration 004: the health log's daily roll-up. Raw `fetches` rows are kept for
-- collector.storage.retention.FETCH_LOG_DAYS; older ones become one row per source, feed URL and UTC
-- day here, which is enough for the Estado page's attempts, failures, last success and last error.
CREATE TABLE fetch_days (
    source_id        VARCHAR NOT NULL,
    url              VARCHAR NOT NULL,
    day              DATE NOT NULL,
    kind             VARCHAR NOT NULL,
    attempts         INTEGER NOT NULL,
    failures         INTEGER NOT NULL,
    last_attempt_at  TIMESTAMPTZ NOT NULL,
    last_status      VARCHAR NOT NULL,
    last_http_status INTEGER,
    last_entries     INTEGER,
    last_error       VARCHAR,
    last_error_at    TIMESTAMPTZ,
    last_ok_at       TIMESTAMPTZ,
    PRIMARY KEY (source_id, url, day)
);
