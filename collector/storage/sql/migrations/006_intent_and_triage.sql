-- Migration 006: what each comment asks of the brand, and the team's decisions about it.
-- comments.intent: question | complaint | request | thanks | praise | opinion | peer_answer | spam, from
-- collector.sentiment.intent over the comment's whole thread (NULL: not classified yet; the next collect
-- classifies every thread holding such a comment). comments.intent_cues: the cues that decided it, in words.
-- triage: data/triage.csv as the last collect read it, one row per line (collector.triage); the file is the
-- source of truth, and a build reads the file again (collector.storage.decisions.pin_responses).
ALTER TABLE comments ADD COLUMN intent VARCHAR;
ALTER TABLE comments ADD COLUMN intent_cues VARCHAR;
CREATE TABLE triage (
    line       INTEGER PRIMARY KEY,
    item       VARCHAR NOT NULL,
    status     VARCHAR NOT NULL,
    owner      VARCHAR,
    note       VARCHAR,
    who        VARCHAR,
    decided_at TIMESTAMPTZ
);
