-- Write re-scored language and sentiment back (DataFrame `rescored`: comment_id, lang, sentiment, sentiment_label).
UPDATE comments SET lang = r.lang, sentiment = r.sentiment, sentiment_label = r.sentiment_label
FROM rescored r WHERE comments.comment_id = r.comment_id;
