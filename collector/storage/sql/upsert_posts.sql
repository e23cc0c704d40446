-- Bulk upsert from the registered DataFrame `new_posts` (only new or changed rows reach here).
-- An estimated date (the feed gave none) never overwrites the date first estimated.
INSERT INTO posts BY NAME (SELECT * FROM new_posts)
ON CONFLICT (post_id) DO UPDATE SET
    url = excluded.url, title = excluded.title, author = excluded.author,
    published_at = CASE WHEN excluded.date_estimated THEN posts.published_at ELSE excluded.published_at END,
    date_estimated = excluded.date_estimated AND posts.date_estimated,
    text = excluded.text, comments_feed_url = excluded.comments_feed_url, comment_count = excluded.comment_count,
    lang = excluded.lang, sentiment = excluded.sentiment, sentiment_label = excluded.sentiment_label,
    is_mention = excluded.is_mention, brands = excluded.brands, content_hash = excluded.content_hash, updated_at = excluded.updated_at;
