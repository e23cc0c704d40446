-- Migration 001: the baseline, schema version 1 as release b945e54 created it (feed_state keyed on
-- url alone, feed_entries without a key, no roll-up of the health log). Frozen: later changes are
-- later migrations. IF NOT EXISTS because databases of that release already hold these tables.

-- Key/value settings the views need (the SLA) and the schema version.
CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);

-- One row per [[sources]] entry of the config. source_id is the config's unique `name`.
CREATE TABLE IF NOT EXISTS sources (
    source_id         VARCHAR PRIMARY KEY,
    name              VARCHAR NOT NULL,
    url               VARCHAR NOT NULL,
    owned             BOOLEAN NOT NULL,
    comments          BOOLEAN NOT NULL,
    lang              VARCHAR,          -- configured language, NULL = detect
    feed_title        VARCHAR,          -- title the feed gives itself
    site_url          VARCHAR,          -- the feed's <link>
    feed_format       VARCHAR,          -- feedparser's version string: rss20, atom10, ...
    first_seen_at     TIMESTAMPTZ,
    last_collected_at TIMESTAMPTZ
);

-- Every entry of every source. Mentions are marked, never filtered out.
CREATE TABLE IF NOT EXISTS posts (
    post_id           VARCHAR PRIMARY KEY,  -- hash of source_id + normalised guid
    source_id         VARCHAR NOT NULL,
    guid              VARCHAR,              -- the feed's own id, normalised
    url               VARCHAR,              -- http(s) only, else NULL
    title             VARCHAR,
    author            VARCHAR,              -- display name, never an e-mail address
    published_at      TIMESTAMPTZ NOT NULL,
    date_estimated    BOOLEAN NOT NULL,     -- the feed gave no usable date: first_seen_at used
    text              VARCHAR,              -- plain text
    comments_feed_url VARCHAR,              -- wfw:commentRss / rel=replies, when followable
    comment_count     INTEGER,              -- what the feed claims (slash:comments, thr:total)
    lang              VARCHAR,
    sentiment         DOUBLE,               -- [-1, 1]
    sentiment_label   VARCHAR,              -- neg | neu | pos
    is_mention        BOOLEAN NOT NULL,
    content_hash      VARCHAR NOT NULL,     -- changes when title/text/author/date change
    first_seen_at     TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);

-- Every comment reached through any comment feed; the same comment via two feeds is one row.
CREATE TABLE IF NOT EXISTS comments (
    comment_id      VARCHAR PRIMARY KEY,    -- hash of source_id + normalised comment key
    post_id         VARCHAR NOT NULL,
    source_id       VARCHAR NOT NULL,
    parent_id       VARCHAR,                -- comment_id of the comment this replies to; NULL = top level
    url             VARCHAR,
    author          VARCHAR,
    is_brand        BOOLEAN NOT NULL,       -- author is one of the configured responders
    published_at    TIMESTAMPTZ NOT NULL,
    date_estimated  BOOLEAN NOT NULL,
    text            VARCHAR,
    lang            VARCHAR,
    sentiment       DOUBLE,
    sentiment_label VARCHAR,
    is_mention      BOOLEAN NOT NULL,
    content_hash    VARCHAR NOT NULL,
    first_seen_at   TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

-- The health log: one row per feed request (or refused URL).
CREATE TABLE IF NOT EXISTS fetches (
    source_id   VARCHAR NOT NULL,
    url         VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,       -- posts | comments | refused
    fetched_at  TIMESTAMPTZ NOT NULL,
    status      VARCHAR NOT NULL,       -- ok | not_modified | error | refused | gone
    http_status INTEGER,
    error       VARCHAR,
    entries     INTEGER,                -- entries parsed from the body (NULL when not parsed)
    bytes       BIGINT,
    duration_ms DOUBLE
);

-- Conditional-GET validators per feed URL, so an unchanged feed costs one 304 and no parsing.
CREATE TABLE IF NOT EXISTS feed_state (
    url           VARCHAR PRIMARY KEY,
    source_id     VARCHAR NOT NULL,
    etag          VARCHAR,
    last_modified VARCHAR,
    last_ok_at    TIMESTAMPTZ,
    gone          BOOLEAN NOT NULL DEFAULT false
);

-- Feed entries already read, per source: a digest of each entry's bytes and of what frames their
-- meaning (collector.delta), and the entry's key. A changed feed is parsed only for the entries not
-- listed here. A cache: losing rows only costs parsing them again.
CREATE TABLE IF NOT EXISTS feed_entries (
    source_id VARCHAR NOT NULL,
    digest    BIGINT NOT NULL,
    key       VARCHAR NOT NULL
);
