-- Weekly series, overall (source_id NULL) and per source, in ISO weeks of the brand's time zone $tz.
-- Texts are counted by publication week; response numbers by the week the comment was published.
-- Responses: `needs_reply` and `answered` (answered among them) give the headline `response_rate`;
-- `eligible`, `eligible_answered` and `eligible_response_rate` are the rate over all eligible comments.
-- Medians are computed per group (never averaged from parts), hence GROUPING SETS.
WITH tx AS (
    SELECT source_id,
           CAST(date_trunc('week', timezone($tz, published_at)) AS DATE) AS week_start,
           count(*) FILTER (WHERE is_mention) AS mentions,
           count(*) AS texts,
           count(sentiment_label) AS scored,
           count(*) FILTER (WHERE sentiment_label = 'pos') AS pos,
           count(*) FILTER (WHERE sentiment_label = 'neg') AS neg
    FROM texts
    GROUP BY GROUPING SETS ((week_start), (source_id, week_start))
),
rs AS (
    SELECT r.source_id,
           CAST(date_trunc('week', timezone($tz, c.published_at)) AS DATE) AS week_start,
           count(*) AS eligible,
           count(*) FILTER (WHERE r.answered) AS eligible_answered,
           count(*) FILTER (WHERE r.needs_reply) AS needs_reply,
           count(*) FILTER (WHERE r.needs_reply AND r.answered) AS answered,
           headline_response_rate(r.needs_reply, r.answered) AS response_rate,
           eligible_response_rate(r.eligible, r.answered) AS eligible_response_rate,
           median(r.response_hours) AS median_hours,
           quantile_cont(r.response_hours, 0.9) AS p90_hours
    FROM responses r
    JOIN comments c ON c.comment_id = r.comment_id
    WHERE r.eligible
    GROUP BY GROUPING SETS ((week_start), (r.source_id, week_start))
)
SELECT coalesce(tx.source_id, rs.source_id) AS source_id,
       coalesce(tx.week_start, rs.week_start) AS week_start,
       strftime(coalesce(tx.week_start, rs.week_start), '%G-W%V') AS week,
       CAST(strftime(coalesce(tx.week_start, rs.week_start), '%V') AS INTEGER) AS week_number,
       coalesce(tx.mentions, 0) AS mentions,
       coalesce(tx.texts, 0) AS texts,
       coalesce(tx.scored, 0) AS scored,
       coalesce(tx.pos, 0) AS pos,
       coalesce(tx.neg, 0) AS neg,
       net_sentiment(tx.pos, tx.neg, tx.scored) AS net_sentiment,
       coalesce(rs.eligible, 0) AS eligible,
       coalesce(rs.eligible_answered, 0) AS eligible_answered,
       coalesce(rs.needs_reply, 0) AS needs_reply,
       coalesce(rs.answered, 0) AS answered,
       rs.response_rate,
       rs.eligible_response_rate,
       rs.median_hours,
       rs.p90_hours
FROM tx
FULL OUTER JOIN rs
  ON tx.week_start = rs.week_start AND tx.source_id IS NOT DISTINCT FROM rs.source_id
ORDER BY source_id NULLS FIRST, week_start;
