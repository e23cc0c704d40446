"""Text helpers for parsing: HTML -> plain text, tracking parameters out of URLs, author display names.

How words are compared (the fold, aliases, responder names) is `collector.matching`.

Feed text is untrusted; here it only becomes plain text. Escaping happens where it is output.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
    "pre", "table", "tr", "section", "article", "header", "footer", "hr", "figure", "dd", "dt",
})
_DROP_TAGS = frozenset({"script", "style", "iframe", "object", "embed", "template", "noscript", "head"})
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Control characters and bidi overrides: they reorder or hide text in pages.
_INVISIBLE = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._drop = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP_TAGS:
            self._drop += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n" if tag != "br" else "\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n" if tag != "br" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_TAGS:
            self._drop = max(0, self._drop - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._drop:
            self.parts.append(data)


def html_to_text(markup: str | None) -> str:
    """Plain text with paragraphs kept as blank lines; tags dropped, entities decoded."""
    if not markup:
        return ""
    if "<" not in markup:
        text = html.unescape(markup)
    else:
        parser = _TextExtractor()
        parser.feed(markup)
        parser.close()
        text = "".join(parser.parts)
    return tidy_text(text)


def tidy_text(text: str) -> str:
    """Collapse runs of spaces inside lines and of blank lines between paragraphs."""
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " "))
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        block = "\n".join(line for line in lines if line)
        if block:
            paragraphs.append(block)
    return "\n\n".join(paragraphs)


# Query parameters that only track who clicked where: dropped from every stored and published URL.
_TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "hsa_", "_hs", "oly_")
_TRACKING_NAMES = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid", "li_fat_id",
    "igshid", "mc_cid", "mc_eid", "mkt_tok", "_ga", "_gl", "vero_id", "wickedid", "rb_clickid", "s_cid",
    "ncid", "cmpid", "sc_cid", "trk", "trkcampaign", "ref_src", "spm", "scid",
})


def is_tracking_param(name: str) -> bool:
    low = name.lower()
    return low in _TRACKING_NAMES or low.startswith(_TRACKING_PREFIXES)


def strip_tracking(url: str) -> str:
    """`url` without utm_*, fbclid, gclid, mc_cid and similar click-tracking parameters.

    Other parameters keep their order and spelling; a URL without tracking parameters comes back
    unchanged, byte for byte (so stored ids and hashes do not move).
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.query and "utm_" not in parts.fragment:
        return url
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not is_tracking_param(k)]
    fragment = parts.fragment
    if fragment and "=" in fragment and any(is_tracking_param(k) for k, _ in parse_qsl(fragment)):
        fragment = urlencode([(k, v) for k, v in parse_qsl(fragment, keep_blank_values=True)
                              if not is_tracking_param(k)])
    if len(kept) == len(pairs) and fragment == parts.fragment:
        return url
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(kept), fragment))


def strip_emails(text: str) -> str:
    return _EMAIL.sub("", text)


def display_name(raw: str | None) -> str | None:
    """An author's display name with any e-mail address removed.

    Blogger gives 'Name (noreply@blogger.com)', RSS <author> often 'mail@x (Name)' or a bare address.
    A bare address yields None: publishing it would leak it, and its local part is not a name.
    """
    if not raw:
        return None
    raw = _INVISIBLE.sub("", html.unescape(raw))
    m = re.fullmatch(r"\s*(\S+@\S+)\s*\((.+)\)\s*", raw)
    if m:
        raw = m.group(2)
    name = strip_emails(raw)
    name = re.sub(r"\(\s*\)|<\s*>|\bmailto:", "", name)
    name = " ".join(name.split()).strip(" ,;:<>")
    # Brackets left empty or unbalanced by the removal go; "Lucía Ortega (Movilia)" keeps its own.
    while name and (name.count("(") != name.count(")") or name.startswith(")") or name.endswith("(")):
        name = name.strip("()").strip(" ,;:")
        if name.count("(") != name.count(")"):
            name = name.replace("(", "").replace(")", "").strip()
    return name or None
