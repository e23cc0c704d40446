-- One alert accepted by one channel (collector.storage.alerts.record_alert). Recording it again (a retry that
-- raced a slow success) keeps the first sending time.
INSERT INTO alerts (alert_key, channel, kind, subject, day, sent_at, summary)
VALUES ($alert_key, $channel, $kind, $subject, $day, $sent_at, $summary)
ON CONFLICT (alert_key, channel) DO NOTHING;
