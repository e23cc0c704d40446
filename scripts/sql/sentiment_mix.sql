-- How texts in scope split by sentiment label, by kind (post/comment); label NULL = not scored yet.
SELECT kind, sentiment_label, count(*) AS texts
FROM texts
GROUP BY kind, sentiment_label
ORDER BY kind, sentiment_label NULLS LAST;
