-- Re-derive is_mention and is_brand after the brand's aliases or responders change.
UPDATE comments
SET is_mention = regexp_matches(strip_accents(lower(coalesce(text, ''))), $pattern),
    is_brand = coalesce(list_contains($responders,
                        trim(regexp_replace(strip_accents(lower(author)), '\s+', ' ', 'g'))), false);
