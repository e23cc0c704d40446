-- The posts of one source whose threads need their intents worked out, with their number of comments:
-- those holding a comment whose intent is NULL (new, changed, or its brand flag re-derived), or every post
-- when $everything (`pulso sentiment rescore`). A whole thread is classified together: a reply's intent
-- depends on its parent's and on whether the brand answered earlier.
SELECT post_id, count(*) AS comments
FROM comments
WHERE source_id = $source_id
  AND ($everything OR post_id IN (SELECT post_id FROM comments WHERE source_id = $source_id AND intent IS NULL))
GROUP BY post_id
ORDER BY post_id;
