-- Pulso database schema, version 7: what migrations/001..007 build, in one place to read.
-- This file is the contract between the collector (writer) and the report layer (reader).
-- Times are TIMESTAMPTZ (UTC instants). Ids are stable hashes, so collecting twice changes nothing.
-- Databases are built and upgraded only by collector/storage/sql/migrations/NNN_*.sql, applied in order
-- at connect in one transaction; meta.schema_version records the last applied. A change to the schema
-- is a new migration plus its edit here (tests/test_storage_migrations.py checks the two agree).
-- Views: responses.sql (the `responses_at(at)` table macro and the `responses` view over it) and
-- fetch_history.sql, installed at connect.

-- Key/value settings the views need (response_sla_hours, timezone, business_hours, workdays, holidays:
-- written by every collect from [brand]) and the schema version.
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
    last_collected_at TIMESTAMPTZ,
    title             VARCHAR,          -- the config's display name (NULL: use feed_title, then name)
    kind              VARCHAR NOT NULL DEFAULT 'blog',  -- blog | search (entries are mentions elsewhere)
    platform          VARCHAR,          -- wordpress | blogger | feed: configured or detected
    threads_via       VARCHAR,          -- api | feeds: how comments were read on the last collect
    threads_note      VARCHAR,          -- why a WordPress source fell back to feeds (threads may be partial)
    owner             VARCHAR           -- the [[competitors]] name whose own blog this is (NULL: not a rival's)
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
    updated_at        TIMESTAMPTZ NOT NULL,
    brands            VARCHAR[]             -- brand and competitors the title or text mentions (config order)
);

-- Every comment reached through any comment feed; the same comment via two feeds is one row.
CREATE TABLE IF NOT EXISTS comments (
    comment_id      VARCHAR PRIMARY KEY,    -- hash of source_id + normalised comment key
    post_id         VARCHAR NOT NULL,
    source_id       VARCHAR NOT NULL,
    parent_id       VARCHAR,                -- comment_id of the comment this replies to; NULL = top level
    url             VARCHAR,
    author          VARCHAR,
    is_brand        BOOLEAN NOT NULL,       -- author is one of the responders of whoever runs the source (the
                                            -- brand's; on a competitor's own blog, that competitor's)
    published_at    TIMESTAMPTZ NOT NULL,
    date_estimated  BOOLEAN NOT NULL,
    text            VARCHAR,
    lang            VARCHAR,
    sentiment       DOUBLE,
    sentiment_label VARCHAR,
    is_mention      BOOLEAN NOT NULL,
    content_hash    VARCHAR NOT NULL,
    first_seen_at   TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    kind            VARCHAR NOT NULL DEFAULT 'comment',  -- comment | pingback | trackback (never eligible)
    has_account     BOOLEAN,                -- WordPress API: the commenter was logged in (NULL: unknown)
    intent          VARCHAR,                -- question | complaint | request | thanks | praise | opinion |
                                            -- peer_answer | spam, over the whole thread; NULL = not classified yet
    intent_cues     VARCHAR,                -- the cues that decided the intent, in words ("sigo sin; ?")
    brands          VARCHAR[]               -- brand and competitors the text mentions (config order)
);

-- The team's decisions (data/triage.csv, collector.triage) as the last collect read them, one row per
-- line of the file; the latest line about an item wins. `item` is a comment_id or a comment's URL.
-- The file is the source of truth: a build reads it again (collector.storage.decisions.pin_responses).
CREATE TABLE IF NOT EXISTS triage (
    line       INTEGER PRIMARY KEY,     -- line number in triage.csv (the header is line 1)
    item       VARCHAR NOT NULL,
    status     VARCHAR NOT NULL,        -- handled | no_reply | needs_reply | assigned
    owner      VARCHAR,
    note       VARCHAR,
    who        VARCHAR,                 -- who decided
    decided_at TIMESTAMPTZ              -- the file's `when`
);

-- The health log: one row per feed request (or refused URL), for the last FETCH_LOG_DAYS
-- (collector.storage.retention); older rows are rolled up into fetch_days. Read both through the
-- view fetch_history.
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

-- The health log after FETCH_LOG_DAYS: one row per source, feed URL and UTC day of fetched_at.
CREATE TABLE IF NOT EXISTS fetch_days (
    source_id        VARCHAR NOT NULL,
    url              VARCHAR NOT NULL,
    day              DATE NOT NULL,
    kind             VARCHAR NOT NULL,      -- of the day's last attempt
    attempts         INTEGER NOT NULL,      -- requests that day
    failures         INTEGER NOT NULL,      -- of them with status error | refused | gone
    last_attempt_at  TIMESTAMPTZ NOT NULL,
    last_status      VARCHAR NOT NULL,      -- the day's last attempt's status
    last_http_status INTEGER,               -- the day's last non-NULL http_status
    last_entries     INTEGER,               -- the day's last non-NULL entries
    last_error       VARCHAR,               -- the day's last non-NULL error
    last_error_at    TIMESTAMPTZ,           -- when it was recorded
    last_ok_at       TIMESTAMPTZ,           -- the day's last ok | not_modified
    PRIMARY KEY (source_id, url, day)
);

-- Conditional-GET validators per source and feed URL, so an unchanged feed costs one 304 and no
-- parsing. Two sources reading the same feed each keep their own.
CREATE TABLE IF NOT EXISTS feed_state (
    source_id     VARCHAR NOT NULL,
    url           VARCHAR NOT NULL,
    etag          VARCHAR,
    last_modified VARCHAR,
    last_ok_at    TIMESTAMPTZ,
    gone          BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (source_id, url)
);

-- Feed entries already read, per source: a digest of each entry's bytes and of what frames their
-- meaning (collector.delta), and the entry's key. A changed feed is parsed only for the entries not
-- listed here. A cache: losing rows only costs parsing them again, so each collect purges the rows
-- of an older parser version and of sources no longer configured (collector.storage.retention).
CREATE TABLE IF NOT EXISTS feed_entries (
    source_id VARCHAR NOT NULL,
    digest    BIGINT NOT NULL,
    key       VARCHAR NOT NULL,          -- the entry's record key (post guid or comment key)
    version   VARCHAR NOT NULL,          -- collector.feeds.delta.CODE_VERSION that read it
    PRIMARY KEY (source_id, digest)
);

-- Alerts sent by `pulso alert` (migration 008), one row per alert and channel: a row means that channel
-- accepted it, so a replayed run sends nothing and a failed delivery is sent again by the next run.
-- alert_key is kind:subject:day (kind spike_mentions | spike_negative | overdue | stopped_answering; the
-- key's subject the brand, a comment id or a source); `subject` is what the cooldown counts on (the brand,
-- or the source). meta 'alerts_last_ok_at': the last run whose every delivery succeeded.
CREATE TABLE IF NOT EXISTS alerts (
    alert_key VARCHAR NOT NULL,
    channel   VARCHAR NOT NULL,          -- mail | webhook
    kind      VARCHAR NOT NULL,
    subject   VARCHAR NOT NULL,
    day       DATE NOT NULL,             -- the local day the alert is about
    sent_at   TIMESTAMPTZ NOT NULL,
    summary   VARCHAR,
    PRIMARY KEY (alert_key, channel)
);
