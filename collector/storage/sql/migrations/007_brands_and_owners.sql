-- Migration 007: which brands each text mentions, and which competitor runs a source.
-- posts.brands / comments.brands: the names of the brand and competitors the text mentions (collector.matching
-- Scope.brands_in: brand first, then [[competitors]] order); NULL until worked out. Rows stored before this
-- migration get theirs on the next collect: matching.RULES_VERSION changed, so the scope refresh runs.
-- sources.owner: the [[competitors]] name whose own blog this is (NULL: the brand's or a third party's).
ALTER TABLE posts ADD COLUMN brands VARCHAR[];
ALTER TABLE comments ADD COLUMN brands VARCHAR[];
ALTER TABLE sources ADD COLUMN owner VARCHAR;
