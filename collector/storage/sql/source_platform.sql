-- What earlier collects learned about a source: its platform, its site URL (where a WordPress API lives)
-- and its newest stored comment (the site-wide API read asks for what came after it).
SELECT s.platform, s.site_url,
       (SELECT max(c.published_at) FROM comments c WHERE c.source_id = s.source_id AND NOT c.date_estimated),
       s.threads_note
FROM sources s
WHERE s.source_id = $source_id;
