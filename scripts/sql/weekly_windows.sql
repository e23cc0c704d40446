-- The weekly verdict's numbers for a list of time windows [$starts[i], $ends[i]) (one row per i, from 1), each
-- inside one ISO week of time zone $tz (it starts on that week's Monday 00:00):
-- the same counts as weekly.sql / window_kpis.sql (views `texts` and `responses`, shared macros), with the
-- replies counted only when given by $as_ofs[i]. A week in progress is compared with the same elapsed part
-- of the week before *as it stood then* (its replies given by then), never with a whole, settled week.
-- Noise: a post and its comments are one conversation, and conversations differ (one thread of 300 angry
-- comments moves a whole week), so the spread is measured between conversations: per window the number of
-- posts and the sums over posts of squares and products of their counts (`*_posts`, `*_aa`, `*_an`, `*_nn`
-- for needs reply n / answered a; `sent_dd`, `sent_ds`, `sent_ss` for d = pos - neg and s = scored), from
-- which scripts/weekly/verdict.py computes a cluster-robust standard error of each ratio; `neg_sq` (the sum
-- over posts of their negative texts squared) is the spread of the negative count, for the spike test. `q1_hours`,
-- `q3_hours` and `replies` give the median's noise (McGill's notch: 1.58 x IQR / sqrt(n)).
WITH w AS (
    SELECT i,
           CAST($starts AS TIMESTAMPTZ[])[i] AS w_start,
           CAST($ends AS TIMESTAMPTZ[])[i] AS w_end,
           CAST($as_ofs AS TIMESTAMPTZ[])[i] AS as_of,
           CAST(date_trunc('week', timezone($tz, w_start)) AS DATE) AS week_start
    FROM range(1, len(CAST($starts AS TIMESTAMPTZ[])) + 1) AS r(i)
),
tx AS (  -- each text's ISO week: windows lie inside one ISO week each, so texts meet them by an equi-join
    SELECT post_id, published_at, is_mention, sentiment_label,
           CAST(date_trunc('week', timezone($tz, published_at)) AS DATE) AS week_start
    FROM texts
),
rx AS (
    SELECT post_id, published_at, eligible, needs_reply, answered, first_response_at, response_hours,
           CAST(date_trunc('week', timezone($tz, published_at)) AS DATE) AS week_start
    FROM responses
    WHERE eligible
),
tp AS (  -- texts per window and conversation
    SELECT w.i, t.post_id,
           count(*) FILTER (WHERE t.is_mention) AS mentions,
           count(*) AS texts,
           count(t.sentiment_label) AS scored,
           count(*) FILTER (WHERE t.sentiment_label = 'pos') AS pos,
           count(*) FILTER (WHERE t.sentiment_label = 'neg') AS neg
    FROM w
    JOIN tx t ON t.week_start = w.week_start AND t.published_at >= w.w_start AND t.published_at < w.w_end
    GROUP BY w.i, t.post_id
),
tw AS (
    SELECT i, sum(mentions) AS mentions, sum(texts) AS texts, sum(scored) AS scored, sum(pos) AS pos,
           sum(neg) AS neg,
           count(*) FILTER (WHERE scored > 0) AS sent_posts,
           sum((pos - neg) * (pos - neg)) AS sent_dd,
           sum((pos - neg) * scored) AS sent_ds,
           sum(scored * scored) AS sent_ss,
           sum(neg * neg) AS neg_sq
    FROM tp
    GROUP BY i
),
rr AS (  -- eligible comments per window, answered only by the window's as_of
    SELECT w.i, r.post_id, r.eligible, r.needs_reply,
           coalesce(r.answered AND r.first_response_at <= w.as_of, false) AS answered,
           CASE WHEN r.first_response_at <= w.as_of THEN r.response_hours END AS hours
    FROM w
    JOIN rx r ON r.week_start = w.week_start AND r.published_at >= w.w_start AND r.published_at < w.w_end
),
rw AS (
    SELECT i,
           count(*) AS eligible,
           count(*) FILTER (WHERE answered) AS eligible_answered,
           count(*) FILTER (WHERE needs_reply) AS needs_reply,
           count(*) FILTER (WHERE needs_reply AND answered) AS answered,
           headline_response_rate(needs_reply, answered) AS response_rate,
           eligible_response_rate(eligible, answered) AS eligible_response_rate,
           median(hours) AS median_hours,
           quantile_cont(hours, 0.25) AS q1_hours,
           quantile_cont(hours, 0.75) AS q3_hours,
           count(hours) AS replies
    FROM rr
    GROUP BY i
),
rp AS (  -- needs reply (n) and answered among them (a) per window and conversation
    SELECT i, post_id, count(*) FILTER (WHERE needs_reply) AS n,
           count(*) FILTER (WHERE needs_reply AND answered) AS a
    FROM rr
    GROUP BY i, post_id
),
rv AS (
    SELECT i, count(*) FILTER (WHERE n > 0) AS resp_posts, sum(a * a) AS resp_aa, sum(a * n) AS resp_an,
           sum(n * n) AS resp_nn
    FROM rp
    GROUP BY i
)
SELECT w.i, w.w_start, w.w_end, w.as_of,
       coalesce(tw.mentions, 0) AS mentions,
       coalesce(tw.texts, 0) AS texts,
       coalesce(tw.scored, 0) AS scored,
       coalesce(tw.pos, 0) AS pos,
       coalesce(tw.neg, 0) AS neg,
       net_sentiment(tw.pos, tw.neg, tw.scored) AS net_sentiment,
       coalesce(rw.eligible, 0) AS eligible,
       coalesce(rw.eligible_answered, 0) AS eligible_answered,
       coalesce(rw.needs_reply, 0) AS needs_reply,
       coalesce(rw.answered, 0) AS answered,
       rw.response_rate, rw.eligible_response_rate,
       rw.median_hours, rw.q1_hours, rw.q3_hours,
       coalesce(rw.replies, 0) AS replies,
       coalesce(tw.sent_posts, 0) AS sent_posts,
       coalesce(tw.neg_sq, 0) AS neg_sq,
       coalesce(tw.sent_dd, 0) AS sent_dd, coalesce(tw.sent_ds, 0) AS sent_ds, coalesce(tw.sent_ss, 0) AS sent_ss,
       coalesce(rv.resp_posts, 0) AS resp_posts,
       coalesce(rv.resp_aa, 0) AS resp_aa, coalesce(rv.resp_an, 0) AS resp_an, coalesce(rv.resp_nn, 0) AS resp_nn
FROM w
LEFT JOIN tw ON tw.i = w.i
LEFT JOIN rw ON rw.i = w.i
LEFT JOIN rv ON rv.i = w.i
ORDER BY w.i;
