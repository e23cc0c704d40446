-- Headline numbers for one time window [$start, $end): the overview compares two of them.
-- Volumes and sentiment count texts published in the window (view `texts`).
-- Response numbers count eligible comments published in the window (view `responses`).
-- The queue (open gaps, overdue) at a point in time is queue_asof.sql.
WITH t AS (
    SELECT count(*) FILTER (WHERE is_mention) AS mentions,
           count(*) AS texts,
           count(sentiment_label) AS scored,
           count(*) FILTER (WHERE sentiment_label = 'pos') AS pos,
           count(*) FILTER (WHERE sentiment_label = 'neg') AS neg
    FROM texts
    WHERE published_at >= $start AND published_at < $end
),
r AS (
    SELECT count(*) AS eligible,
           count(*) FILTER (WHERE r.answered) AS answered,
           median(r.response_hours) AS median_hours,
           quantile_cont(r.response_hours, 0.9) AS p90_hours
    FROM responses r
    JOIN comments c ON c.comment_id = r.comment_id
    WHERE r.eligible AND c.published_at >= $start AND c.published_at < $end
)
SELECT t.mentions, t.texts, t.scored, t.pos, t.neg,
       net_sentiment(t.pos, t.neg, t.scored) AS net_sentiment,
       r.eligible, r.answered,
       response_rate(r.answered, r.eligible) AS response_rate,
       r.median_hours, r.p90_hours
FROM t, r;
