<?php
// Like real themes: <link rel="alternate"> for the posts and comments feeds, and a <title>.
add_theme_support('automatic-feed-links');
add_theme_support('title-tag');
