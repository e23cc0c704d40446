-- Migration 005: what kind of comment each row is, and how each source's threads are read.
-- comments.kind: comment | pingback | trackback (a pingback is never eligible for a reply).
-- comments.has_account: the WordPress API says the commenter was logged in (NULL: not known).
-- sources.title / kind / platform: the config's display name, blog | search, wordpress | blogger | feed.
-- sources.threads_via: how comments were read on the last collect (api | feeds); threads_note says why a
-- WordPress source fell back to its comment feeds, which hold only each post's newest comments.
ALTER TABLE comments ADD COLUMN kind VARCHAR NOT NULL DEFAULT 'comment';
ALTER TABLE comments ADD COLUMN has_account BOOLEAN;
ALTER TABLE sources ADD COLUMN title VARCHAR;
ALTER TABLE sources ADD COLUMN kind VARCHAR NOT NULL DEFAULT 'blog';
ALTER TABLE sources ADD COLUMN platform VARCHAR;
ALTER TABLE sources ADD COLUMN threads_via VARCHAR;
ALTER TABLE sources ADD COLUMN threads_note VARCHAR;
