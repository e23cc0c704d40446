-- Distribution of first-reply times (answered eligible comments), overall and per source, in the
-- fixed bins the site labels: <1 h, 1–4 h, 4–8 h, 8–24 h, 1–2 d, 2–7 d, > 7 d (bin 0..6).
SELECT source_id,
       CASE
           WHEN response_hours < 1 THEN 0
           WHEN response_hours < 4 THEN 1
           WHEN response_hours < 8 THEN 2
           WHEN response_hours < 24 THEN 3
           WHEN response_hours < 48 THEN 4
           WHEN response_hours < 168 THEN 5
           ELSE 6
       END AS bin,
       count(*) AS replies
FROM responses
WHERE eligible AND answered
GROUP BY GROUPING SETS ((bin), (source_id, bin))
ORDER BY source_id NULLS FIRST, bin;
