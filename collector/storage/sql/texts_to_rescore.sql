-- Stored texts of one source, for re-scoring; `kind` chooses posts or comments.
SELECT p.post_id AS id, p.title, p.text, s.lang AS source_lang
FROM posts p JOIN sources s USING (source_id)
WHERE $kind = 'posts' AND p.source_id = $source_id
UNION ALL
SELECT c.comment_id AS id, NULL AS title, c.text, s.lang AS source_lang
FROM comments c JOIN sources s USING (source_id)
WHERE $kind = 'comments' AND c.source_id = $source_id;
