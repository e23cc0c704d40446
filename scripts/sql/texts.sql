-- Temp view `texts`: the posts and comments "people say about the brand", the base of every volume
-- and sentiment number on the site.
--   in scope : the text is a mention (is_mention), or it was published on an owned source;
--   excluded : the brand's own replies (comments by a responder), so the brand never scores itself.
-- sentiment / sentiment_label are NULL while a text is not scored yet: sentiment queries skip them.
-- The ratios every page quotes, defined once (the Method page states them in words):
--   net sentiment = % positive - % negative over the scored texts;
--   response rate (the headline) = answered / needs reply, over rows of `responses`:
--       headline_response_rate(needs_reply, answered) as an aggregate, or response_rate(answered, needs_reply)
--       on counts (answered counted among the needs-reply rows); handled items are never answered;
--   the rate over all eligible comments, shown beside it: eligible_response_rate(eligible, answered), or
--       response_rate(answered, eligible) on counts.
-- And what every page and alert calls a source: source_title(title, feed_title, name) = the config's title,
-- else the feed's own title, else the config name (a slug); a blank or padded title is trimmed first.
CREATE OR REPLACE TEMP MACRO net_sentiment(pos, neg, scored) AS 100.0 * (pos - neg) / nullif(scored, 0);
CREATE OR REPLACE TEMP MACRO response_rate(answered, base) AS CAST(answered AS DOUBLE) / nullif(base, 0);
CREATE OR REPLACE TEMP MACRO headline_response_rate(needs_reply, answered) AS
    response_rate(count(*) FILTER (WHERE needs_reply AND answered), count(*) FILTER (WHERE needs_reply));
CREATE OR REPLACE TEMP MACRO eligible_response_rate(eligible, answered) AS
    response_rate(count(*) FILTER (WHERE eligible AND answered), count(*) FILTER (WHERE eligible));
CREATE OR REPLACE TEMP MACRO source_title(title, feed_title, name) AS
    coalesce(nullif(trim(title), ''), nullif(trim(feed_title), ''), name);

CREATE OR REPLACE TEMP VIEW texts AS
SELECT 'post' AS kind, p.post_id AS item_id, p.post_id, p.source_id, p.url, p.title, p.author,
       p.published_at, p.text, p.sentiment, p.sentiment_label, p.is_mention, p.lang
FROM posts p
JOIN sources s ON s.source_id = p.source_id
WHERE p.is_mention OR s.owned
UNION ALL
SELECT 'comment' AS kind, c.comment_id AS item_id, c.post_id, c.source_id, c.url, p.title, c.author,
       c.published_at, c.text, c.sentiment, c.sentiment_label, c.is_mention, c.lang
FROM comments c
JOIN posts p ON p.post_id = c.post_id
JOIN sources s ON s.source_id = c.source_id
WHERE NOT c.is_brand AND (c.is_mention OR s.owned);
