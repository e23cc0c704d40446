-- The comments of the posts $post_ids (their posts are deleted next, delete_posts.sql).
DELETE FROM comments WHERE post_id IN (SELECT unnest($post_ids));
