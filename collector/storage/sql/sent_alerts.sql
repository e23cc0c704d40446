-- The alerts sent since $since, by any channel: what a run must not send again (same key) and what its
-- cooldown is measured from (same kind and subject).
SELECT alert_key, channel, kind, subject, day, sent_at
FROM alerts
WHERE sent_at >= CAST($since AS TIMESTAMPTZ)
ORDER BY sent_at, alert_key, channel;
