-- A connection's own copy of `meta`, shadowing the stored one (temp tables come first in name lookup), with
-- the settings the config says now (registered table `settings_now`: key, value): a build after a config
-- change, before any collect, measures with the new SLA and working hours.
CREATE OR REPLACE TEMP TABLE meta AS
SELECT key, value FROM main.meta WHERE key NOT IN (SELECT key FROM settings_now)
UNION ALL
SELECT key, value FROM settings_now;
