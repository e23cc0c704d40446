-- Stored texts of one source, for re-scoring; `kind` chooses posts or comments. A comment comes with
-- its post and parent, so a short reply takes its thread's language on rescore as it did at collect.
SELECT p.post_id AS id, p.title, p.text, s.lang AS source_lang, NULL AS thread_post_id, NULL AS parent_id
FROM posts p JOIN sources s USING (source_id)
WHERE $kind = 'posts' AND p.source_id = $source_id
UNION ALL
SELECT c.comment_id AS id, NULL AS title, c.text, s.lang AS source_lang, c.post_id AS thread_post_id, c.parent_id
FROM comments c JOIN sources s USING (source_id)
WHERE $kind = 'comments' AND c.source_id = $source_id;
