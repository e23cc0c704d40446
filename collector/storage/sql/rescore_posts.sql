-- Write re-scored language and sentiment back (DataFrame `rescored`: post_id, lang, sentiment, sentiment_label).
UPDATE posts SET lang = r.lang, sentiment = r.sentiment, sentiment_label = r.sentiment_label
FROM rescored r WHERE posts.post_id = r.post_id;
