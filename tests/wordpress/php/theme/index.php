<!doctype html>
<html <?php language_attributes(); ?>>
<head><meta charset="<?php bloginfo('charset'); ?>"><?php wp_head(); ?></head>
<body <?php body_class(); ?>>
<h1><a href="<?php echo esc_url(home_url('/')); ?>"><?php bloginfo('name'); ?></a></h1>
<?php if (is_404()) : ?><p class="not-found">Not found</p><?php endif; ?>
<?php while (have_posts()) : the_post(); ?>
<article id="post-<?php the_ID(); ?>">
<h2><a href="<?php the_permalink(); ?>"><?php the_title(); ?></a></h2>
<?php the_content(); ?>
<?php if (is_singular()) : ?>
<ol class="commentlist"><?php wp_list_comments([], get_comments(['post_id' => get_the_ID(), 'status' => 'approve'])); ?></ol>
<?php endif; ?>
</article>
<?php endwhile; ?>
<?php wp_footer(); ?>
</body>
</html>
