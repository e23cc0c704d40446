-- Migration 002: feed_state keyed on (source_id, url). It was keyed on url alone while read per
-- source, so two sources sharing a feed overwrote each other's validators and one of them fetched the
-- feed whole every run. Each existing row keeps the source that wrote it last.
CREATE TABLE feed_state_v2 (
    source_id     VARCHAR NOT NULL,
    url           VARCHAR NOT NULL,
    etag          VARCHAR,
    last_modified VARCHAR,
    last_ok_at    TIMESTAMPTZ,
    gone          BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (source_id, url)
);
INSERT INTO feed_state_v2 BY NAME (SELECT * FROM feed_state);
DROP TABLE feed_state;
ALTER TABLE feed_state_v2 RENAME TO feed_state;
