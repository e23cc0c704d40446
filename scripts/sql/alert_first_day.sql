-- `pulso alert`: the local day (time zone $tz) of the first text about the brand. Days before it are no
-- history at all, not quiet days, so they never enter a spike's baseline.
SELECT CAST(timezone($tz, min(published_at)) AS DATE) AS first_day FROM texts;
