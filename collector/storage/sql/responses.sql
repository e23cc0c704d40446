-- The single definition of DESIGN.md "Definitions" for replies: eligible, intent, needs reply, answered,
-- handled, open, overdue, response time. Installed at connect (collector.storage.store.VIEWS):
--   working_calendar(first_day, last_day)  the brand's working time, one row per local day
--   responses_at(as_of)                     one row per comment, `overdue` and `age_hours` measured at as_of
--   wants_reply(status, intent), open_at(…, instant)  the needs-reply rule; open at another instant
--   view responses                          responses_at(now()): the database clock, for ad-hoc queries
-- A build pins its own `now` instead: collector.storage.decisions.pin_responses creates a temp table
-- `responses` = responses_at($now) (and reads data/triage.csv again), so pages and view agree.
-- Settings come from `meta`, written by every collect from [brand]: response_sla_hours, timezone,
-- business_hours ('09:00-19:00', '' = none), workdays (ISO day numbers, '1,2,3,4,5'), holidays ('2026-12-08,…').
--
-- eligible      : a non-brand comment of kind 'comment' (never a pingback or trackback) on an owned source
--                 or on a post that is a mention — never on a competitor's own blog (sources.owner set):
--                 those comments wait for the competitor, not for the brand.
-- brand         : who is expected to answer: the brand (meta 'brand') for its eligible comments; on a
--                 competitor's own blog, that competitor (is_brand there means its responders); NULL else.
-- brand_eligible, brand_needs_reply : eligible / needs reply for `brand`, competitors included (their response
--                 rate and reply times, the Competencia page). eligible, needs_reply, handled, open, overdue
--                 and due_at are the brand's own: a competitor's comment never enters its queue or KPIs.
-- needs_reply   : eligible, and triage says needs_reply or assigned, or the intent is question, complaint or
--                 request and triage does not say no_reply. An intent not classified yet (NULL) counts as
--                 needing a reply, so a comment never leaves the queue for lack of a classification.
-- answered      : a later brand reply (kind 'comment') on the same post answers it:
--                 * a threaded brand reply (parent_id set) answers its parent, and its parent only;
--                 * an unthreaded brand reply answers the eligible comments of that post published after
--                   the previous brand reply (threaded or not) and before it.
--                 The first brand reply that answers a comment is its response.
-- handled       : eligible and triage says handled (answered elsewhere: phone, DM). Never counted as answered.
-- open          : needs_reply, not answered, not handled.
-- response_hours          : first answering brand reply - comment, wall clock, in hours.
-- response_business_hours : the same in working time (NULL when business_hours is not set).
-- due_at        : when an eligible comment becomes overdue: published_at + response_sla_hours, in working
--                 time when business_hours is set (a comment on Friday 20:00 starts counting on Monday 09:00).
-- overdue       : open and as_of is past due_at. For another instant i: open then (open_at) and i > due_at.
-- age_hours     : as_of - published_at, wall clock. The cues that decided the intent: comments.intent_cues.
-- (The view's name is kept by every page; its columns only grow: scripts/sql reads them by name.)
-- Triage (data/triage.csv, table `triage`): `item` is a comment_id or a comment's URL (a URL only when one
-- comment has it); the latest line about a comment wins; triage_status, owner, triage_note, triage_who and
-- triage_at are that line's.

-- Working time in the brand's time zone, DST-correct: each local day's opening and closing instants, its
-- working seconds (0 on a day off or a holiday) and the working seconds of all the days before it. The
-- working seconds of an instant t are seconds_before + clamp(t - opens_at, 0, seconds) on t's local day.
-- No rows when business_hours is not set.
CREATE OR REPLACE MACRO working_calendar(first_day, last_day) AS TABLE
WITH settings AS (
    SELECT coalesce(max(value) FILTER (WHERE key = 'timezone'), 'UTC') AS tz,
           nullif(max(value) FILTER (WHERE key = 'business_hours'), '') AS hours,
           string_split(coalesce(max(value) FILTER (WHERE key = 'workdays'), '1,2,3,4,5'), ',') AS workdays,
           string_split(coalesce(max(value) FILTER (WHERE key = 'holidays'), ''), ',') AS holidays
    FROM meta
),
days AS (
    SELECT CAST(unnest(generate_series(CAST(first_day AS TIMESTAMP), CAST(last_day AS TIMESTAMP),
                                       INTERVAL 1 DAY)) AS DATE) AS day,
           tz, hours, workdays, holidays
    FROM settings
    WHERE hours IS NOT NULL
),
shaped AS (
    SELECT day,
           timezone(tz, CAST(day AS TIMESTAMP) + CAST(split_part(hours, '-', 1) || ':00' AS INTERVAL)) AS opens_at,
           timezone(tz, CAST(day AS TIMESTAMP) + CAST(split_part(hours, '-', 2) || ':00' AS INTERVAL)) AS closes_at,
           list_contains(workdays, CAST(isodow(day) AS VARCHAR))
           AND NOT list_contains(holidays, strftime(day, '%Y-%m-%d')) AS working
    FROM days
),
timed AS (
    SELECT day, opens_at, closes_at, CASE WHEN working THEN epoch(closes_at) - epoch(opens_at) ELSE 0 END AS seconds
    FROM shaped
)
SELECT day, opens_at, closes_at, seconds,
       coalesce(sum(seconds) OVER (ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
           AS seconds_before
FROM timed;

-- The needs-reply rule for a comment in scope, from its triage decision's status and its intent (see above).
CREATE OR REPLACE MACRO wants_reply(status, intent) AS
    coalesce(status IN ('needs_reply', 'assigned'), false)
    OR (coalesce(intent IN ('question', 'complaint', 'request'), true) AND status IS DISTINCT FROM 'no_reply');

-- Open at an instant (DESIGN.md "open", and "overdue" at another instant): the queue as it stood then, from a
-- row's needs_reply, published_at, first_response_at, handled and triage_at. Needs a reply, published before
-- the instant, not answered by then, and not handled by then: a `handled` decision counts from its time (one
-- without a time, always). Overdue then is open_at(…) AND instant > due_at. At the view's own as_of it is the
-- view's `open` (tests check it); the queue trend, the weekly overdue lists and the alerts (scripts/sql) call it.
CREATE OR REPLACE MACRO open_at(needs_reply, published_at, first_response_at, handled, triage_at, instant) AS
    needs_reply AND published_at < instant
    AND (first_response_at IS NULL OR first_response_at > instant)
    AND (handled IS NOT TRUE OR coalesce(triage_at > instant, false));

CREATE OR REPLACE MACRO responses_at(as_of) AS TABLE
WITH settings AS (
    SELECT m.*, CAST(as_of AS TIMESTAMPTZ) AS pinned_at
    FROM (SELECT coalesce(CAST(max(value) FILTER (WHERE key = 'response_sla_hours') AS DOUBLE), 24) AS sla_hours,
                 coalesce(max(value) FILTER (WHERE key = 'timezone'), 'UTC') AS tz,
                 coalesce(max(value) FILTER (WHERE key = 'business_hours'), '') <> '' AS working_time,
                 max(value) FILTER (WHERE key = 'brand') AS brand
          FROM meta) AS m
),
brand AS (
    SELECT comment_id, post_id, parent_id, published_at,
           lag(published_at) OVER (PARTITION BY post_id ORDER BY published_at, comment_id) AS prev_brand_at
    FROM comments
    WHERE is_brand AND kind = 'comment'
),
scoped AS (  -- narrow on purpose: it is read four times, and at 1M comments every column costs
    SELECT c.comment_id, c.post_id, c.source_id, c.published_at, c.intent, s.owner AS rival,
           (c.kind = 'comment' AND NOT c.is_brand AND (s.owned OR p.is_mention OR s.owner IS NOT NULL))
               AS in_scope,
           (in_scope AND s.owner IS NULL) AS eligible
    FROM comments c
    JOIN posts p ON p.post_id = c.post_id
    JOIN sources s ON s.source_id = c.source_id
),
answers AS (
    SELECT e.comment_id, b.published_at AS reply_at
    FROM scoped e
    JOIN brand b ON b.parent_id = e.comment_id AND b.post_id = e.post_id
    WHERE e.in_scope AND b.published_at >= e.published_at
    UNION ALL
    SELECT e.comment_id, b.published_at AS reply_at
    FROM scoped e
    JOIN brand b ON b.post_id = e.post_id AND b.parent_id IS NULL
    WHERE e.in_scope
      AND e.published_at < b.published_at
      AND (b.prev_brand_at IS NULL OR e.published_at > b.prev_brand_at)
),
first_reply AS (
    SELECT comment_id, min(reply_at) AS first_response_at FROM answers GROUP BY comment_id
),
by_url AS (  -- a URL names a comment only when no other comment has it
    SELECT url, any_value(comment_id) AS comment_id
    FROM comments
    WHERE url IN (SELECT item FROM triage)
    GROUP BY url
    HAVING count(*) = 1
),
decided AS (
    SELECT *
    FROM (SELECT c.comment_id, t.line, t.status, t.owner, t.note, t.who, t.decided_at
          FROM triage t JOIN comments c ON c.comment_id = t.item
          UNION ALL
          SELECT u.comment_id, t.line, t.status, t.owner, t.note, t.who, t.decided_at
          FROM triage t JOIN by_url u ON u.url = t.item)
    QUALIFY row_number() OVER (PARTITION BY comment_id ORDER BY line DESC) = 1
),
span AS (  -- the local days the calendar covers: every comment, `at`, and a year after for the due dates
    SELECT CAST(timezone(st.tz, least(min(c.published_at), st.pinned_at)) AS DATE) - 1 AS first_day,
           CAST(timezone(st.tz, greatest(max(c.published_at), st.pinned_at)) AS DATE) + 366 AS last_day
    FROM comments c, settings st
    WHERE st.working_time
    GROUP BY st.tz, st.pinned_at
),
calendar AS (
    SELECT *, seconds_before + seconds AS seconds_until
    FROM working_calendar((SELECT first_day FROM span), (SELECT last_day FROM span))
),
worked AS (  -- working seconds since the calendar's first day: at publication, at the first reply, when due
    SELECT e.comment_id, cp.day AS published_day,
           cp.seconds_before + least(greatest(epoch(e.published_at) - epoch(cp.opens_at), 0), cp.seconds)
               AS at_published,
           cr.seconds_before + least(greatest(epoch(f.first_response_at) - epoch(cr.opens_at), 0), cr.seconds)
               AS at_response,
           at_published + 3600.0 * st.sla_hours AS due
    FROM scoped e
    CROSS JOIN settings st
    LEFT JOIN first_reply f ON f.comment_id = e.comment_id
    JOIN calendar cp ON cp.day = CAST(timezone(st.tz, e.published_at) AS DATE)
    LEFT JOIN calendar cr ON cr.day = CAST(timezone(st.tz, f.first_response_at) AS DATE)
    WHERE st.working_time AND e.in_scope
),
due_days AS (  -- for each local day, the working days on which a comment published that day can fall due
    SELECT k.day, j.opens_at, j.seconds_before, j.seconds_until
    FROM calendar k
    CROSS JOIN settings st
    JOIN calendar j
      ON j.seconds > 0
     AND j.seconds_before < k.seconds_until + 3600.0 * st.sla_hours
     AND j.seconds_until >= k.seconds_before + 3600.0 * st.sla_hours
),
due AS (  -- the working day on which `due` falls: due_at is its opening plus what is left of the SLA
    SELECT w.comment_id, w.at_published, w.at_response,
           dd.opens_at + to_microseconds(CAST(round((w.due - dd.seconds_before) * 1e6) AS BIGINT)) AS working_due_at
    FROM worked w
    LEFT JOIN due_days dd ON dd.day = w.published_day AND w.due > dd.seconds_before AND w.due <= dd.seconds_until
)
SELECT e.comment_id,
       e.post_id,
       e.source_id,
       e.published_at,
       e.eligible,
       e.intent,
       (e.eligible AND wants_reply(d.status, e.intent)) AS needs_reply,
       (f.first_response_at IS NOT NULL) AS answered,
       (e.eligible AND d.status IS NOT DISTINCT FROM 'handled') AS handled,
       (needs_reply AND NOT answered AND NOT handled) AS open,
       f.first_response_at,
       (epoch(f.first_response_at) - epoch(e.published_at)) / 3600.0 AS response_hours,
       CASE WHEN st.working_time AND answered THEN (x.at_response - x.at_published) / 3600.0 END
           AS response_business_hours,
       CASE WHEN NOT e.eligible THEN NULL
            WHEN st.working_time THEN x.working_due_at
            ELSE e.published_at + to_microseconds(CAST(round(st.sla_hours * 3.6e9) AS BIGINT))
       END AS due_at,
       coalesce(open AND st.pinned_at > due_at, false) AS overdue,
       (epoch(st.pinned_at) - epoch(e.published_at)) / 3600.0 AS age_hours,
       d.status AS triage_status,
       d.owner,
       d.note AS triage_note,
       d.who AS triage_who,
       d.decided_at AS triage_at,
       CASE WHEN NOT e.in_scope THEN NULL WHEN e.rival IS NOT NULL THEN e.rival ELSE st.brand END AS brand,
       e.in_scope AS brand_eligible,
       (e.in_scope AND wants_reply(d.status, e.intent)) AS brand_needs_reply
FROM scoped e
CROSS JOIN settings st
LEFT JOIN first_reply f ON f.comment_id = e.comment_id
LEFT JOIN decided d ON d.comment_id = e.comment_id
LEFT JOIN due x ON x.comment_id = e.comment_id;

CREATE OR REPLACE VIEW responses AS SELECT * FROM responses_at(now());
