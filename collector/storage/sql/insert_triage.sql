-- The decisions of data/triage.csv (registered Arrow table `new_triage`: line, item, status, owner, note, who,
-- decided_at), empty texts stored as NULL.
INSERT INTO triage (line, item, status, owner, note, who, decided_at)
SELECT line, item, status, nullif(owner, ''), nullif(note, ''), nullif(who, ''), decided_at
FROM new_triage;
