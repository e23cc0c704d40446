-- A connection's own `triage` table, shadowing the stored one (temp tables come first in name lookup), so a
-- read-only build reads data/triage.csv as it is now, not as the last collect read it.
CREATE OR REPLACE TEMP TABLE triage AS SELECT * FROM main.triage LIMIT 0;
