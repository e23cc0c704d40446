-- The texts the Themes page and the weekly "De qué se habla / De qué se quejan" lines read: texts in
-- scope (the `texts` view: mentions and everything on owned sources, the brand's own replies excluded)
-- published in [$start, $end), with their ISO week in the brand's time zone $tz.
--   title : a post's own title (matched and counted with its body); NULL for a comment, whose `title`
--           in `texts` is its post's and must not make the comment about a theme.
--   label : the sentiment label, 'none' while the text is not scored yet.
-- Ordered by week, then newest first: a term's examples are the newest texts that contain it.
SELECT CAST(date_trunc('week', timezone($tz, published_at)) AS DATE) AS week_start,
       kind,
       item_id,
       published_at,
       CASE WHEN kind = 'post' THEN title END AS title,
       text,
       coalesce(sentiment_label, 'none') AS label,
       url
FROM texts
WHERE published_at >= $start AND published_at < $end
ORDER BY week_start, published_at DESC, item_id;
