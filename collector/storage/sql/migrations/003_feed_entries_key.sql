-- Migration 003: feed_entries keyed on (source_id, digest), with the parser version that read each
-- entry (collector.feeds.delta.CODE_VERSION), so that entries of an older version can be purged
-- (collector.storage.retention). Rows from before carry no version: the empty string, which no run
-- writes, marks them for the next collect's purge (their digests hashed the parser's source text,
-- which no later run reproduces). A digest recorded twice keeps one of its keys.
CREATE TABLE feed_entries_v3 (
    source_id VARCHAR NOT NULL,
    digest    BIGINT NOT NULL,
    key       VARCHAR NOT NULL,
    version   VARCHAR NOT NULL,
    PRIMARY KEY (source_id, digest)
);
INSERT INTO feed_entries_v3
SELECT source_id, digest, any_value(key), '' FROM feed_entries GROUP BY source_id, digest;
DROP TABLE feed_entries;
ALTER TABLE feed_entries_v3 RENAME TO feed_entries;
