<?php
/*
 * Runs one operation against one test blog from the PHP CLI.
 *
 * Every value arrives as JSON on stdin and is decoded here, so no caller-supplied
 * string is ever spliced into PHP source. The result goes to stdout after a marker,
 * because WordPress or a plugin may print notices before it.
 */
$in = json_decode(stream_get_contents(STDIN), true, 64, JSON_THROW_ON_ERROR);

$_SERVER['HTTP_HOST'] = $in['host'];
$_SERVER['SERVER_NAME'] = $in['host'];
$_SERVER['REQUEST_URI'] = '/';
// Debian's wp-config.php picks /etc/wordpress/config-<WORDPRESS_CONFIG>.php from this.
$_SERVER['WORDPRESS_CONFIG'] = $in['config'];

require '/usr/share/wordpress/wp-load.php';
require __DIR__ . '/ops.php';

// Tests store hostile HTML on purpose; kses would rewrite it before it reaches the feed.
kses_remove_filters();

if (isset($in['op'])) {
    $fn = 'pulso_op_' . $in['op'];
    if (!preg_match('/^[a-z_]+$/', $in['op']) || !function_exists($fn)) {
        throw new InvalidArgumentException('unknown op ' . $in['op']);
    }
} else {
    // Trusted code written by the test author; its inputs still come only through $args.
    $fn = eval('return static function (array $args) {' . $in['code'] . "\n};");
}
$result = $fn($in['args']);
echo "\n" . $in['marker'] . json_encode($result, JSON_THROW_ON_ERROR);
