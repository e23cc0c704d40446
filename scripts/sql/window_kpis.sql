-- Headline numbers for one time window [$start, $end): the overview compares two of them.
-- Volumes and sentiment count texts published in the window (view `texts`).
-- Response numbers count eligible comments published in the window (view `responses`, pinned at the
-- build's now) and the replies given before the window's end: a window ending now counts every reply so far,
-- and the same part of last week counts the replies it had by then (never a week's extra days to answer):
-- `needs_reply`, `answered` (among them) and the headline `response_rate` = answered ÷ needs reply; `eligible`, `eligible_answered` and `eligible_response_rate` over all eligible comments, shown
-- beside it; `handled`, `open` and `overdue` of those comments as of now.
-- The whole queue (open gaps, overdue) at a point in time is queue_asof.sql.
WITH t AS (
    SELECT count(*) FILTER (WHERE is_mention) AS mentions,
           count(*) AS texts,
           count(sentiment_label) AS scored,
           count(*) FILTER (WHERE sentiment_label = 'pos') AS pos,
           count(*) FILTER (WHERE sentiment_label = 'neg') AS neg
    FROM texts
    WHERE published_at >= $start AND published_at < $end
),
by_end AS (
    SELECT r.* REPLACE (coalesce(r.answered AND r.first_response_at <= $end, false) AS answered,
                        CASE WHEN r.first_response_at <= $end THEN r.response_hours END AS response_hours)
    FROM responses r
    WHERE r.eligible AND r.published_at >= $start AND r.published_at < $end
),
r AS (
    SELECT count(*) AS eligible,
           count(*) FILTER (WHERE r.answered) AS eligible_answered,
           count(*) FILTER (WHERE r.needs_reply) AS needs_reply,
           count(*) FILTER (WHERE r.needs_reply AND r.answered) AS answered,
           count(*) FILTER (WHERE r.handled) AS handled,
           count(*) FILTER (WHERE r.open) AS open,
           count(*) FILTER (WHERE r.overdue) AS overdue,
           headline_response_rate(r.needs_reply, r.answered) AS response_rate,
           eligible_response_rate(r.eligible, r.answered) AS eligible_response_rate,
           median(r.response_hours) AS median_hours,
           quantile_cont(r.response_hours, 0.9) AS p90_hours
    FROM by_end r
)
SELECT t.mentions, t.texts, t.scored, t.pos, t.neg,
       net_sentiment(t.pos, t.neg, t.scored) AS net_sentiment,
       r.eligible, r.eligible_answered, r.needs_reply, r.answered, r.handled, r.open, r.overdue,
       r.response_rate, r.eligible_response_rate,
       r.median_hours, r.p90_hours
FROM t, r;
