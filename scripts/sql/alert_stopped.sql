-- `pulso alert`: owned sources that stopped answering at $now. A source qualifies when
--   * it used to answer: at least $min_answered needs-reply comments got their first brand reply in the
--     $baseline_days before its last brand reply;
--   * it has been silent since: its last brand reply (a comment by a responder, published by $now) is older
--     than $silent_days, and younger than $baseline_days (a longer silence was reported when it began);
--   * people are waiting: at least one comment published after that last reply is open at $now
--     (open_at, responses.sql: needs a reply, not answered and not handled by then) and has waited
--     $silent_days or more.
-- `last_reply_at` names the silence (its day is part of the alert's key: one alert per silence).
WITH last_reply AS (
    SELECT source_id, max(published_at) AS last_reply_at
    FROM comments
    WHERE is_brand AND kind = 'comment' AND published_at <= CAST($now AS TIMESTAMPTZ)
    GROUP BY source_id
),
answered_before AS (
    SELECT r.source_id, count(*) AS answered
    FROM responses r
    JOIN last_reply l ON l.source_id = r.source_id
    WHERE r.needs_reply AND r.first_response_at <= l.last_reply_at
      AND r.first_response_at > l.last_reply_at - to_days(CAST($baseline_days AS INTEGER))
    GROUP BY r.source_id
),
waiting AS (
    SELECT r.source_id, count(*) AS waiting, min(r.published_at) AS oldest_at
    FROM responses r
    JOIN last_reply l ON l.source_id = r.source_id
    WHERE open_at(r.needs_reply, r.published_at, r.first_response_at, r.handled, r.triage_at, CAST($now AS TIMESTAMPTZ))
      AND r.published_at > l.last_reply_at
    GROUP BY r.source_id
)
SELECT s.source_id, s.name AS source_name,
       source_title(s.title, s.feed_title, s.name) AS source_title,
       l.last_reply_at, a.answered, w.waiting, w.oldest_at
FROM sources s
JOIN last_reply l ON l.source_id = s.source_id
JOIN answered_before a ON a.source_id = s.source_id
JOIN waiting w ON w.source_id = s.source_id
WHERE s.owned
  AND a.answered >= $min_answered
  AND l.last_reply_at <= CAST($now AS TIMESTAMPTZ) - to_days(CAST($silent_days AS INTEGER))
  AND l.last_reply_at > CAST($now AS TIMESTAMPTZ) - to_days(CAST($baseline_days AS INTEGER))
  AND w.oldest_at <= CAST($now AS TIMESTAMPTZ) - to_days(CAST($silent_days AS INTEGER))
ORDER BY s.name;
