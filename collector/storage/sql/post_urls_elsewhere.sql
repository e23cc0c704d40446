-- Which of $urls are already the URL of a post of another source than $source_id: a search source's entry
-- for such an article is skipped (collector.search_sources), so the article stays one post.
SELECT DISTINCT url
FROM posts
WHERE source_id <> $source_id
  AND url IN (SELECT unnest($urls));
