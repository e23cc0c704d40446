-- Register or refresh the configured sources (DataFrame `config_sources`); first_seen_at survives updates.
-- Rows that already say what the config says are left alone, so an unchanged config rewrites nothing.
INSERT INTO sources BY NAME (SELECT source_id, name, url, owned, comments, lang, title, kind, owner,
                                    now AS first_seen_at
                             FROM config_sources)
ON CONFLICT (source_id) DO UPDATE SET
    name = excluded.name, url = excluded.url, owned = excluded.owned,
    comments = excluded.comments, lang = excluded.lang, title = excluded.title, kind = excluded.kind,
    owner = excluded.owner
WHERE (sources.name, sources.url, sources.owned, sources.comments, sources.lang, sources.title, sources.kind,
       sources.owner)
      IS DISTINCT FROM (excluded.name, excluded.url, excluded.owned, excluded.comments, excluded.lang,
                        excluded.title, excluded.kind, excluded.owner);
