"""Blogger's platform rules: its feed host and large pages (collector.platforms.blogger)."""

from __future__ import annotations

from collector.platforms.blogger import is_blogger, large_pages


def test_blogspot_hosts_and_blogger_generators_are_blogger() -> None:
    assert is_blogger("atencion.blogspot.com") and is_blogger("ATENCION.blogspot.com.es")
    assert is_blogger("blog.example.com", "Blogger")
    assert not is_blogger("blogspot.example.com") and not is_blogger("example.com", "WordPress")


def test_feed_pages_are_asked_for_large_unless_a_size_is_given() -> None:
    assert large_pages("https://a.blogspot.com/feeds/posts/default") == \
        "https://a.blogspot.com/feeds/posts/default?max-results=500"
    given = "https://www.blogger.com/feeds/1/posts/default?start-index=26&max-results=25"
    assert large_pages(given) == given
    assert large_pages("https://a.blogspot.com/2026/11/post.html") == "https://a.blogspot.com/2026/11/post.html"
