"""Search-source fixtures (tests/fixtures/search) rendered for loopback servers, and their configs.

A fixture names its server as `{base}` and a post page as `{post}`; `{gn:URL}` becomes the Google News
link of URL (the older, decodable article id), `{gnid:URL}` that id alone, `{q:URL}` URL percent-encoded
(Bing's url= parameter). URLs inside the tokens are XML-escaped, as in the file.
"""

from __future__ import annotations

import base64
import html
import ipaddress
import re
from pathlib import Path
from urllib.parse import quote

from collector.fetching.guard import public_only
from tests.conftest import FIXTURES

S = FIXTURES / "search"
_TOKEN = re.compile(r"\{(gn|gnid|q):([^{}]*)\}")
BRAND = ('[brand]\nname = "Acme"\naliases = ["acme"]\nresponders = ["Acme Soporte"]\n'
         'timezone = "Europe/Madrid"\nlanguage = "es"\nresponse_sla_hours = 24\n')
MULTA = "/2026/11/30/acme-multa/"           # the article every search fixture points at
RESPONDE = "/2026/12/01/acme-responde/"


def gnews_id(url: str) -> str:
    """An old-style Google News article id: base64 of a small protobuf holding the URL."""
    payload = b"\x08\x13\x22" + bytes([len(url)]) + url.encode() + b"\xd2\x01\x00"
    return base64.urlsafe_b64encode(payload).decode().rstrip("=")


def _token(m: re.Match[str]) -> str:
    kind, url = m.group(1), html.unescape(m.group(2))
    if kind == "q":
        return quote(url, safe="")
    return gnews_id(url) if kind == "gnid" else f"https://news.google.com/rss/articles/{gnews_id(url)}?oc=5"


def render(name: str, base: str, post: str = "") -> str:
    """The fixture `name` with its server at `base` (and `{post}` the post page's URL)."""
    text = (S / name).read_text(encoding="utf-8").replace("{post}", post).replace("{base}", base)
    return _TOKEN.sub(_token, text)


def bing_feed(links: list[str]) -> str:
    """A Bing News RSS search whose entries link (through Bing's click wrapper) to `links`."""
    items = "".join(
        f"<item><title>Acme noticia {i}</title><link>http://www.bing.com/news/apiclick.aspx?ref=FexRss&amp;"
        f"url={quote(link, safe='')}&amp;mkt=es-es</link><description>Acme</description>"
        f"<pubDate>Mon, 30 Nov 2026 0{i % 10}:00:00 GMT</pubDate></item>" for i, link in enumerate(links))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>acme - BingNews</title>'
            f"<link>https://www.bing.com/news/search?q=acme&amp;format=rss</link>{items}</channel></rss>")


def search_config(path: Path, sources: str, *, allow_private: bool = False, limit: int = 50) -> Path:
    path.write_text(BRAND + f'[collect]\nblogger_feed_host = "127.0.0.3"\nallow_private = '
                    f'{str(allow_private).lower()}\narticle_fetch_limit = {limit}\n\n' + sources, encoding="utf-8")
    return path


def search_source(name: str, url: str, *, follow: bool = False) -> str:
    return (f'[[sources]]\nname = "{name}"\nurl = "{url}"\nkind = "search"\n'
            + ("follow_articles = true\n" if follow else "") + "\n")


def as_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """The guard's check with 127.0.0.2 standing in for a public host (tests reach only loopback)."""
    return None if str(ip) == "127.0.0.2" else public_only(ip)
