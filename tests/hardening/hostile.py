"""A hostile feed and its comment feed, as one real server would send them (shared by the hardening tests)."""

from __future__ import annotations

LONG_TITLE = "Acme " + "muy " * 5000 + "largo"          # ~20 000 characters
LONG_AUTHOR = "Señora " + "Apellido" * 400
RLO = "\u202e"

POSTS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Blog hostil</title><link>{base}/</link>
<item><title>Acme &lt;script&gt;window.__xss=1&lt;/script&gt; y soporte</title>
  <guid>{base}/?p=1</guid>
  <link>{base}/entrada-1/?utm_source=rss&amp;utm_medium=feed&amp;id=7&amp;fbclid=XYZ</link>
  <pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate>
  <dc:creator>ana.secreta@example.com (Ana Ruiz)</dc:creator>
  <content:encoded><![CDATA[<p>Acme <script>window.__xss=2</script><style>body{{display:none}}</style>
  <iframe src="javascript:window.__xss=3"></iframe><img src=x onerror="window.__xss=4">
  <a href="javascript:window.__xss=5" onclick="window.__xss=6">pincha</a>
  Escribe a soporte@acme.example o desde 192.168.10.24; ver {base}/x?utm_campaign=otono&amp;gclid=abc
  Texto con control\x01es, bidi {rlo}gnp.exe y emoji 😀🇪🇸</p>]]></content:encoded>
  <wfw:commentRss>{base}/entrada-1/feed/</wfw:commentRss>
</item>
<item><title>{long_title}</title><guid>{base}/?p=2</guid><link>javascript:window.__xss=7</link>
  <pubDate>Tue, 03 Nov 2026 10:00:00 GMT</pubDate><dc:creator>{long_author}</dc:creator>
  <description>Acme larga</description></item>
<item><title>Enlace data</title><guid>{base}/?p=3</guid>
  <link>data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==</link>
  <pubDate>Wed, 04 Nov 2026 10:00:00 GMT</pubDate><description>Acme data</description>
  <wfw:commentRss>file:///etc/passwd</wfw:commentRss></item>
</channel></rss>
"""

COMMENTS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Comentarios</title>
<link>{base}/entrada-1/</link>
<item><title>c1</title><guid>{base}/?p=1#comment-11</guid>
  <link>{base}/entrada-1/?utm_source=x#comment-11</link>
  <dc:creator>Eve{rlo}evE &lt;b onmouseover=window.__xss=8&gt;</dc:creator>
  <pubDate>Mon, 02 Nov 2026 12:00:00 GMT</pubDate>
  <description>&lt;svg onload=window.__xss=9&gt; Acme no responde,
  llamadme al 10.0.0.7 o a eve@mail.example 😡</description>
</item>
<item><title>c2</title><guid>{base}/?p=1#comment-12</guid><link>{base}/entrada-1/#comment-12</link>
  <dc:creator>José Pérez</dc:creator><pubDate>Mon, 02 Nov 2026 13:00:00 GMT</pubDate>
  <description>Soy José, mi pedido sigue sin llegar. Acme, ¿hola?</description></item>
</channel></rss>
"""


def serve_hostile(server) -> str:
    """Add the hostile posts and comments feeds to a FeedServer; returns the posts feed URL."""
    fill = {"rlo": RLO, "long_title": LONG_TITLE, "long_author": LONG_AUTHOR}
    posts = POSTS.replace("{base}", server.base).format(**fill)
    comments = COMMENTS.replace("{base}", server.base).format(**fill)
    server.add("/entrada-1/feed/", comments.encode("utf-8"))
    return server.add("/feed/", posts.encode("utf-8"))
