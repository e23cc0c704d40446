-- Register or refresh one configured source; first_seen_at survives updates.
INSERT INTO sources (source_id, name, url, owned, comments, lang, first_seen_at)
VALUES ($source_id, $name, $url, $owned, $comments, $lang, $now)
ON CONFLICT (source_id) DO UPDATE SET
    name = excluded.name, url = excluded.url, owned = excluded.owned,
    comments = excluded.comments, lang = excluded.lang;
