<?php
/*
 * Plugin Name: Pulso test switches
 * Description: Copied into each test blog's wp-content/mu-plugins by tests/wordpress/harness.py.
 */

// No sendmail on the test machine: install and user creation would otherwise print errors.
add_filter('pre_wp_mail', '__return_false');

// Blog::disable_rest_api() stores ['mode' => 'error'|'unrouted', 'status' => int] in this option.
function pulso_rest_off(): ?array
{
    $off = get_option('pulso_rest_off');
    return is_array($off) ? $off : null;
}

// "error": what security plugins do; the API answers a JSON WP_Error with 401/403.
add_filter('rest_authentication_errors', static function ($result) {
    $off = pulso_rest_off();
    if ($off && $off['mode'] === 'error') {
        return new WP_Error('pulso_rest_off', 'REST API disabled for this test.', ['status' => (int) $off['status']]);
    }
    return $result;
});

// "unrouted": the API is unplugged, so /?rest_route=... falls through to an ordinary page.
add_action('init', static function () {
    $off = pulso_rest_off();
    if ($off && $off['mode'] === 'unrouted') {
        remove_action('parse_request', 'rest_api_loaded');
    }
}, 0);

// Keep HTML pages free of external URLs (emoji script and s.w.org prefetch), so a browser stays on loopback.
remove_action('wp_head', 'print_emoji_detection_script', 7);
remove_action('wp_print_styles', 'print_emoji_styles');
remove_action('wp_head', 'wp_resource_hints', 2);
