-- The health log's raw rows once roll_up_fetches.sql has folded them into fetch_days.
DELETE FROM fetches WHERE fetched_at < $cutoff;
