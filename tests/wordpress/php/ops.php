<?php
/*
 * The operations the Python harness calls (tests/wordpress/harness.py).
 * Each takes the decoded JSON arguments and returns something json_encode can write.
 * WordPress insert functions wp_unslash() their input, hence the wp_slash() calls:
 * without them a backslash in a test comment would silently disappear.
 */

function pulso_fail_on_error($value)
{
    if (is_wp_error($value)) {
        throw new RuntimeException($value->get_error_code() . ': ' . $value->get_error_message());
    }
    return $value;
}

function pulso_op_setup(array $a): bool
{
    update_option('permalink_structure', '');
    update_option('timezone_string', $a['timezone']);
    update_option('gmt_offset', 0);
    switch_theme('pulso-min');
    foreach (get_posts(['post_type' => 'any', 'post_status' => 'any', 'numberposts' => -1]) as $post) {
        wp_delete_post($post->ID, true);  // "Hello world!", its comment, the sample pages
    }
    flush_rewrite_rules(false);
    return true;
}

function pulso_op_add_post(array $a): int
{
    return pulso_fail_on_error(wp_insert_post(wp_slash([
        'post_title' => $a['title'],
        'post_content' => $a['content'],
        'post_status' => $a['status'],
        'post_author' => $a['author_id'],
        'post_date_gmt' => $a['date_gmt'],
        'post_date' => get_date_from_gmt($a['date_gmt']),
        'comment_status' => 'open',
        'ping_status' => 'open',
    ]), true));
}

function pulso_op_add_comments(array $a): array
{
    $ids = [];
    wp_defer_comment_counting(true);
    foreach ($a['comments'] as $c) {
        $parent = $c['reply_to'] === null ? $c['parent'] : $ids[$c['reply_to']];
        $user = $c['user_id'] ? get_userdata($c['user_id']) : false;
        $id = wp_insert_comment(wp_slash([
            'comment_post_ID' => $c['post_id'],
            'comment_author' => $c['author'] !== '' || !$user ? $c['author'] : $user->display_name,
            'comment_author_email' => $c['author_email'] !== '' || !$user ? $c['author_email'] : $user->user_email,
            'comment_author_url' => $c['author_url'],
            'comment_author_IP' => '127.0.0.1',
            'comment_agent' => 'pulso-tests',
            'comment_content' => $c['content'],
            'comment_type' => $c['type'],
            'comment_parent' => $parent,
            'user_id' => $c['user_id'],
            'comment_approved' => $c['approved'],
            'comment_date_gmt' => $c['date_gmt'],
            'comment_date' => get_date_from_gmt($c['date_gmt']),
        ]));
        if (!$id) {
            throw new RuntimeException('wp_insert_comment failed for post ' . $c['post_id']);
        }
        $ids[] = $id;
    }
    wp_defer_comment_counting(false);  // recounts every touched post once
    return $ids;
}

function pulso_op_create_user(array $a): int
{
    return pulso_fail_on_error(wp_insert_user(wp_slash([
        'user_login' => $a['login'],
        'user_pass' => wp_generate_password(24),
        'user_email' => $a['email'],
        'display_name' => $a['display_name'],
        'nickname' => $a['display_name'],
        'role' => $a['role'],
    ])));
}

function pulso_op_set_option(array $a): bool
{
    update_option($a['name'], $a['value']);
    return true;
}

function pulso_op_get_option(array $a)
{
    return get_option($a['name'], null);
}

function pulso_op_set_permalinks(array $a): bool
{
    global $wp_rewrite;
    $wp_rewrite->set_permalink_structure($a['structure']);
    flush_rewrite_rules(false);
    return true;
}
