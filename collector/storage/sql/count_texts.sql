-- How many posts and comments are stored: a scorer change re-scores them all (maintain.rescore_if_changed).
SELECT (SELECT count(*) FROM posts) + (SELECT count(*) FROM comments) AS texts
