-- Search-source posts that are another post's article (same URL): one whose article a blog source also
-- has (the blog's row wins: it is the article's own feed, with its guid and its whole thread), or that an
-- earlier search post already holds (the first stored wins). A search source skips such entries when it
-- collects; this catches the rest: a blog collected in the same run, or configured later.
WITH typed AS (
    SELECT p.post_id, p.url, p.first_seen_at, coalesce(s.kind, 'blog') = 'search' AS is_search
    FROM posts p LEFT JOIN sources s ON s.source_id = p.source_id
    WHERE p.url IS NOT NULL
)
SELECT m.post_id
FROM typed m
WHERE m.is_search AND EXISTS (
    SELECT 1 FROM typed o
    WHERE o.url = m.url AND o.post_id <> m.post_id
      AND (NOT o.is_search OR (o.first_seen_at, o.post_id) < (m.first_seen_at, m.post_id)))
ORDER BY m.post_id;
