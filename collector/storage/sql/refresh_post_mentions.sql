-- Re-derive is_mention after the brand's aliases change. $pattern is an RE2 regex over folded text
-- built by collector.maintain from the aliases (whole words, accent- and case-insensitive).
UPDATE posts
SET is_mention = regexp_matches(strip_accents(lower(coalesce(title, '') || ' ' || coalesce(text, ''))), $pattern)
WHERE is_mention IS DISTINCT FROM
      regexp_matches(strip_accents(lower(coalesce(title, '') || ' ' || coalesce(text, ''))), $pattern);
