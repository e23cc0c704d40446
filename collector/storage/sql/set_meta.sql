-- Settings the views read (response_sla_hours) and bookkeeping (schema_version).
INSERT INTO meta (key, value) VALUES ($key, $value)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
