-- What to call each source on a page, and how its threads were read: `label` is source_title (texts.sql: the
-- config's title, else the feed's own title, else the config name, a slug); threads_via ('api' | 'feeds')
-- and threads_note (why a WordPress source fell back to comment feeds, so its threads may be incomplete).
SELECT source_id,
       source_title(title, feed_title, name) AS label,
       threads_via,
       threads_note
FROM sources
ORDER BY source_id;
