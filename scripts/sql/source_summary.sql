-- One row per configured source (and source_id NULL = all sources): activity, sentiment, responses
-- (view `responses`, pinned at the build's now) and feed health (table `fetches`).
-- Responses: `needs_reply`, `answered` (among them) and the headline `response_rate` = answered ÷ needs
-- reply; `eligible`, `eligible_answered`, `eligible_response_rate` over all eligible comments; `open_gaps`
-- (= open: needs reply, not answered, not handled), `overdue`, `handled`.
WITH tx AS (
    SELECT source_id,
           count(*) FILTER (WHERE is_mention) AS mentions,
           count(*) AS texts,
           count(sentiment_label) AS scored,
           count(*) FILTER (WHERE sentiment_label = 'pos') AS pos,
           count(*) FILTER (WHERE sentiment_label = 'neg') AS neg
    FROM texts
    GROUP BY GROUPING SETS ((source_id), ())
),
rs AS (
    SELECT source_id,
           count(*) FILTER (WHERE eligible) AS eligible,
           count(*) FILTER (WHERE eligible AND answered) AS eligible_answered,
           count(*) FILTER (WHERE needs_reply) AS needs_reply,
           count(*) FILTER (WHERE needs_reply AND answered) AS answered,
           count(*) FILTER (WHERE handled) AS handled,
           count(*) FILTER (WHERE open) AS open_gaps,
           count(*) FILTER (WHERE overdue) AS overdue,
           headline_response_rate(needs_reply, answered) AS response_rate,
           eligible_response_rate(eligible, answered) AS eligible_response_rate,
           median(response_hours) FILTER (WHERE eligible) AS median_hours,
           quantile_cont(response_hours, 0.9) FILTER (WHERE eligible) AS p90_hours
    FROM responses
    GROUP BY GROUPING SETS ((source_id), ())
),
ps AS (
    SELECT source_id, count(*) AS posts, max(first_seen_at) AS last_new_post_at
    FROM posts GROUP BY GROUPING SETS ((source_id), ())
),
cs AS (
    SELECT source_id, count(*) AS comments, max(first_seen_at) AS last_new_comment_at
    FROM comments GROUP BY GROUPING SETS ((source_id), ())
),
fs AS (
    SELECT source_id,
           count(DISTINCT url) AS feeds,
           max(fetched_at) AS last_attempt_at,
           max(fetched_at) FILTER (WHERE status IN ('ok', 'not_modified')) AS last_ok_at
    FROM fetches
    GROUP BY GROUPING SETS ((source_id), ())
),
failing AS (
    SELECT source_id, count(*) AS feeds_failing
    FROM (
        SELECT source_id, url, arg_max(status, fetched_at) AS status
        FROM fetches GROUP BY source_id, url
    )
    WHERE status IN ('error', 'refused', 'gone')
    GROUP BY GROUPING SETS ((source_id), ())
),
keys AS (
    SELECT source_id, name, url, owned, feed_title, site_url,
           source_title(title, feed_title, name) AS source_title
    FROM sources
    UNION ALL
    SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL
)
SELECT k.source_id, k.name, k.url, k.owned, k.feed_title, k.site_url, k.source_title,
       coalesce(ps.posts, 0) AS posts,
       coalesce(cs.comments, 0) AS comments,
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
       coalesce(rs.handled, 0) AS handled,
       rs.median_hours,
       rs.p90_hours,
       coalesce(rs.open_gaps, 0) AS open_gaps,
       coalesce(rs.overdue, 0) AS overdue,
       greatest(ps.last_new_post_at, cs.last_new_comment_at) AS last_new_at,
       coalesce(fs.feeds, 0) AS feeds,
       coalesce(failing.feeds_failing, 0) AS feeds_failing,
       fs.last_attempt_at,
       fs.last_ok_at
FROM keys k
LEFT JOIN tx ON tx.source_id IS NOT DISTINCT FROM k.source_id
LEFT JOIN rs ON rs.source_id IS NOT DISTINCT FROM k.source_id
LEFT JOIN ps ON ps.source_id IS NOT DISTINCT FROM k.source_id
LEFT JOIN cs ON cs.source_id IS NOT DISTINCT FROM k.source_id
LEFT JOIN fs ON fs.source_id IS NOT DISTINCT FROM k.source_id
LEFT JOIN failing ON failing.source_id IS NOT DISTINCT FROM k.source_id
ORDER BY k.source_id NULLS FIRST;
