-- Temp view `brand_mentions`: one row per (text, brand it names) — DESIGN "Mention" for every brand, the base
-- of share of voice and of each brand's sentiment (scripts/competitors.py runs this before its queries).
--   brand    : a name in the text's `brands` (collector.matching: one matcher for the brand and every
--              [[competitors]] entry, at collect time and in the refresh after a config change);
--   excluded : the brands' own replies (is_brand: the responders of whoever runs the source — the brand's,
--              or on a competitor's own blog that competitor's), so no brand counts its own voice.
-- For the brand itself these are exactly the texts the site counts as mentions (texts.sql, is_mention).
-- A text that names two brands counts once for each.
-- voice_share(mentions, all_mentions): a brand's share of voice = its mentions ÷ all the brands' mentions.
CREATE OR REPLACE TEMP VIEW brand_mentions AS
SELECT 'post' AS kind, post_id AS item_id, source_id, published_at, sentiment_label, unnest(brands) AS brand
FROM posts
UNION ALL
SELECT 'comment' AS kind, comment_id AS item_id, source_id, published_at, sentiment_label, unnest(brands) AS brand
FROM comments
WHERE NOT is_brand;

CREATE OR REPLACE TEMP MACRO voice_share(mentions, all_mentions) AS CAST(mentions AS DOUBLE) / nullif(all_mentions, 0);
