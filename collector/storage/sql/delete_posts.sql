-- The posts $post_ids (after their comments, delete_posts_comments.sql).
DELETE FROM posts WHERE post_id IN (SELECT unnest($post_ids));
