"""What a feed says beyond an entry's text: pingbacks, empty entries, the generator (collector.feeds.parse)."""

from __future__ import annotations

from collector.feeds.parse import parse_feed

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Comentarios</title><link>http://127.0.0.1/blog/</link>
<generator>https://wordpress.org/?v=6.1.9</generator>
<item><title>Por: Otro blog</title><link>http://127.0.0.1/blog/?p=4#comment-9</link>
<content:encoded><![CDATA[<p>[&#8230;] como cuenta el blog de Acme, mejoró [&#8230;]</p>]]></content:encoded>
<pubDate>Mon, 30 Nov 2026 10:00:00 +0000</pubDate></item>
<item><title>Por: Ana</title><link>http://127.0.0.1/blog/?p=4#comment-10</link>
<content:encoded><![CDATA[<p>Sigo sin línea [...] ¿alguien sabe algo?</p>]]></content:encoded>
<pubDate>Mon, 30 Nov 2026 11:00:00 +0000</pubDate></item>
</channel></rss>"""

EMPTY_ENTRY = """<?xml version="1.0"?><rss version="2.0"><channel><title>B</title><link>http://127.0.0.1/</link>
<item><guid isPermaLink="false">x1</guid></item>
<item><title>Un post</title><link>http://127.0.0.1/p1</link></item></channel></rss>"""


def test_wordpress_pingback_text_marks_a_pingback_and_a_comment_with_an_ellipsis_stays_a_comment() -> None:
    parsed = parse_feed(RSS.encode(), "http://127.0.0.1/blog/?feed=rss2&p=4", as_comments=True)
    assert [c.kind for c in parsed.comments] == ["pingback", "comment"]
    assert parsed.generator == "https://wordpress.org/?v=6.1.9"


def test_an_entry_with_no_title_link_text_or_date_is_not_a_post() -> None:
    parsed = parse_feed(EMPTY_ENTRY.encode(), "http://127.0.0.1/feed/")
    assert [p.title for p in parsed.posts] == ["Un post"]
    assert any("no title, link, text or date" in n for n in parsed.notes)


DRAFT = """<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:app="http://purl.org/atom/app#">
<title>B</title><link rel="alternate" href="http://127.0.0.1/"/>
<entry><id>tag:blogger.com,1999:blog-1.post-1</id><title>Borrador</title><app:control><app:draft>yes</app:draft></app:control>
<published>2026-11-30T10:00:00Z</published><content type="html">todavía no</content></entry>
<entry><id>tag:blogger.com,1999:blog-1.post-2</id><title>Publicado</title>
<published>2026-11-30T11:00:00Z</published><content type="html">hola</content></entry></feed>"""


def test_an_unpublished_draft_in_an_export_is_not_a_post() -> None:
    parsed = parse_feed(DRAFT.encode(), "http://127.0.0.1/feeds/posts/default")
    assert [p.title for p in parsed.posts] == ["Publicado"]
