-- Migration 008: alerts sent by `pulso alert`, one row per alert and channel, so each is sent once.
-- alert_key : kind:subject:day, stable across runs (a replayed run finds the same key and sends nothing);
--             kind is spike_mentions | spike_negative | overdue | stopped_answering; the key's subject is the
--             brand, a comment id (overdue) or a source name; day the local day the alert is about.
-- subject   : what the cooldown counts on: the brand (spikes) or the source (overdue, stopped_answering).
-- channel   : mail | webhook. A row is written only after that channel accepted the alert, so a failed
--             delivery is tried again by the next run, on that channel only.
-- The time of the last run whose every delivery succeeded is meta 'alerts_last_ok_at' (overdue comments
-- are looked for since then).
CREATE TABLE alerts (
    alert_key VARCHAR NOT NULL,
    channel   VARCHAR NOT NULL,
    kind      VARCHAR NOT NULL,
    subject   VARCHAR NOT NULL,
    day       DATE NOT NULL,
    sent_at   TIMESTAMPTZ NOT NULL,
    summary   VARCHAR,
    PRIMARY KEY (alert_key, channel)
);
