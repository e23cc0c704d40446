-- Write worked-out intents back (registered table `new_intents`: comment_id, intent, intent_cues).
UPDATE comments SET intent = n.intent, intent_cues = n.intent_cues
FROM new_intents n
WHERE comments.comment_id = n.comment_id;
