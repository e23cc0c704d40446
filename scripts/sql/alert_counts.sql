-- `pulso alert`: texts about the brand (temp view `texts`: mentions and everything on owned sources, the
-- brand's own replies excluded) per local day of time zone $tz, from local day $first_day to the instant $now.
--   texts, negative                 : the whole day (negative = sentiment_label 'neg');
--   texts_so_far, negative_so_far   : the day's first $elapsed_seconds of local wall-clock time — the part of
--                                     the day that has passed today, so today so far is compared with the same
--                                     hours of the other days (nights are quiet: a share of the whole day would
--                                     expect too much in the morning and too little in the evening).
-- Days with no texts have no row (the caller fills them with zeros).
WITH t AS (
    SELECT timezone($tz, published_at) AS local_at, coalesce(sentiment_label = 'neg', false) AS negative
    FROM texts
    WHERE published_at >= timezone($tz, CAST($first_day AS TIMESTAMP))
      AND published_at <= CAST($now AS TIMESTAMPTZ)
),
d AS (
    SELECT CAST(local_at AS DATE) AS day, negative,
           epoch(local_at) - epoch(CAST(CAST(local_at AS DATE) AS TIMESTAMP)) < $elapsed_seconds AS so_far
    FROM t
)
SELECT day,
       count(*) AS texts,
       count(*) FILTER (WHERE negative) AS negative,
       count(*) FILTER (WHERE so_far) AS texts_so_far,
       count(*) FILTER (WHERE so_far AND negative) AS negative_so_far
FROM d
GROUP BY day
ORDER BY day;
