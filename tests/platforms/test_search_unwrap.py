"""Search feeds' redirect wrappers unwrapped to the article's own URL (collector.platforms.search)."""

from __future__ import annotations

import base64

from collector.platforms.search import article_url, is_search_feed

ARTICLE = "https://diario.example.es/economia/2026/11/30/acme-multa.html"


def test_google_alerts_wrapper_gives_the_article_without_tracking() -> None:
    link = f"https://www.google.com/url?rct=j&sa=t&url={ARTICLE}%3Futm_source%3Dalerts&ct=ga&cd=CAIyG&usg=AOv"
    assert article_url(link) == ARTICLE


def test_bing_news_click_wrapper_gives_the_article() -> None:
    link = ("http://www.bing.com/news/apiclick.aspx?ref=FexRss&aid=&tid=abc&url="
            "https%3a%2f%2fdiario.example.es%2feconomia%2f2026%2f11%2f30%2facme-multa.html&c=123&mkt=es-es")
    assert article_url(link) == ARTICLE


def test_old_google_news_ids_are_decoded() -> None:
    payload = b"\x08\x13\x22" + bytes([len(ARTICLE)]) + ARTICLE.encode() + b"\xd2\x01\x00"
    article_id = base64.urlsafe_b64encode(payload).decode().rstrip("=")
    assert article_url(f"https://news.google.com/rss/articles/{article_id}?oc=5") == ARTICLE


def test_opaque_google_news_ids_and_plain_links_stay_as_they_are() -> None:
    opaque = "https://news.google.com/rss/articles/AU_yqLOpaqueValue?oc=5"
    assert article_url(opaque) == opaque
    assert article_url(ARTICLE + "?utm_medium=rss&id=4") == ARTICLE + "?id=4"


def test_search_feed_urls_are_recognised() -> None:
    assert is_search_feed("https://news.google.com/rss/search?q=acme&hl=es&gl=ES&ceid=ES:es")
    assert is_search_feed("https://www.google.com/alerts/feeds/0123/4567")
    assert is_search_feed("https://www.bing.com/news/search?q=acme&format=RSS")
    assert not is_search_feed("https://blog.example.com/feed/")
