"""A changed feed minus the entries already read, so that only new or edited entries reach feedparser.

A WordPress comment feed holds a whole thread and Blogger's paged comment feeds shift by one entry
for every new comment: one new comment used to mean re-parsing hundreds of entries (feedparser reads
~1 MB/s). Each entry is identified by a digest of its exact bytes and of everything that frames their
meaning: the start tags enclosing it (namespaces, xml:base, xml:lang), the declared charset, whether
it is read as a comment, and the feed's address without its query (the base of relative links; the
query is what differs between the pages of one feed). An entry whose digest was recorded by an earlier
run of the same source is cut out of the document before parsing: parsed, it would give the same
record, and that record's row is already stored. Two more things go into every digest: the caller's
`salt` (collect passes the source's host rules, which decide what a post's comment feed is) and the
parsing code's version (CODE_VERSION: PARSER_VERSION, bumped by hand, and feedparser's), so that a
change to either has every entry read again once, as on a first run.

Only a plain document is cut: UTF-8, no DTD, entries that are un-prefixed `<item>`/`<entry>` siblings,
neither nested nor unclosed. Anything else is parsed whole, as before.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import feedparser

from collector.feeds.parse import parse_feed
from collector.feeds.records import ParsedFeed

_ENTRY_TAG = {b"rss": b"item", b"RDF": b"item", b"feed": b"entry"}
_TOKEN = re.compile(rb"<!\[CDATA\[.*?\]\]>|<!--.*?-->|<\?.*?\?>|<(/?)([A-Za-z_][\w.:-]*)(?:\s[^>]*?)?(/?)>", re.S)
_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)
_CHARSET = re.compile(rb"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']""")


#: The version of the code that turns an entry's bytes into a record: this module, parse, text, records.
#: BUMP IT BY HAND in the commit that changes what any of them makes of the same bytes (a field parsed
#: differently, a new one stored, a key normalised another way). The next run then reads every entry
#: again once, as on a first run, and the entries recorded under the old version are purged
#: (collector.storage.retention). A comment, a rename or a refactor that gives the same records needs
#: no bump. feedparser's own version is part of CODE_VERSION, so upgrading it needs none either.
PARSER_VERSION = 2          # 2: comment kind (pingbacks), drafts and empty entries skipped, generator kept
CODE_VERSION = f"parser {PARSER_VERSION}; feedparser {feedparser.__version__}".encode()


@dataclass(frozen=True)
class Entries:
    """Where a document's entries are (byte ranges) and their digests (signed 64-bit, as stored)."""

    spans: tuple[tuple[int, int], ...]
    digests: tuple[int, ...]


def _utf8(name: bytes | str | None) -> bool:
    return name is None or (name.decode() if isinstance(name, bytes) else name).lower() in ("utf-8", "utf8")


def find_entries(body: bytes, url: str, *, as_comments: bool, headers: dict[str, str],
                 salt: bytes = b"") -> Entries | None:
    """The entries of `body` with their digests, or None when the document is not plain enough to cut."""
    if b"\0" in body[:512] or body[:3] == b"\xef\xbb\xbf" or _DTD.search(body):
        return None
    charset = _CHARSET.search(headers.get("content-type", "").encode("latin-1", "replace"))
    declared = _XML_ENCODING.match(body[:200])
    if not _utf8(charset.group(1) if charset else None) or not _utf8(declared.group(1) if declared else None):
        return None
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    entry_tag: bytes | None = None
    stack: list[tuple[bytes, bytes]] = []   # (name, start tag) enclosing the position, outside entries
    frame: tuple[tuple[bytes, bytes], ...] | None = None
    spans: list[tuple[int, int]] = []
    start = -1                       # >= 0 while inside an entry
    for m in _TOKEN.finditer(body):
        closing, name, empty = m.group(1), m.group(2), m.group(3)
        if name is None:             # CDATA, comment, processing instruction: no tags inside
            continue
        if entry_tag is None:
            entry_tag = _ENTRY_TAG.get(name.split(b":")[-1])
            if entry_tag is None or closing:
                return None
        if start >= 0:               # inside an entry: only its end matters, and no entry may nest
            if name == entry_tag:
                if not closing or empty:
                    return None
                spans.append((start, m.end()))
                start = -1
            continue
        if name == entry_tag and not closing:
            if empty or (frame is not None and frame != tuple(stack)):
                return None          # an empty entry, or entries under different parents
            frame = tuple(stack)
            start = m.start()
        elif closing:
            if not stack or stack[-1][0] != name:
                return None
            stack.pop()
        elif not empty:
            stack.append((name, m.group(0)))
    if start >= 0 or stack or not spans or frame is None:
        return None
    parts = urlsplit(url)
    context = hashlib.blake2b(b"\x1f".join((
        CODE_VERSION, salt, b"comments" if as_comments else b"posts",
        f"{parts.scheme}://{parts.netloc}{parts.path}".encode(),
        (charset.group(1).lower() if charset else b""), *(tag for _, tag in frame))), digest_size=16).digest()
    digests = tuple(int.from_bytes(hashlib.blake2b(body[s:e], digest_size=8, key=context).digest(), "big",
                                   signed=True) for s, e in spans)
    return Entries(tuple(spans), digests)


def without(body: bytes, entries: Entries, known: set[int]) -> bytes:
    """`body` with the entries whose digest is in `known` cut out; everything between entries is kept."""
    pieces, pos = [], 0
    for (s, e), digest in zip(entries.spans, entries.digests, strict=True):
        if digest in known:
            pieces.append(body[pos:s])
            pos = e
    pieces.append(body[pos:])
    return b"".join(pieces)


def entries_read(entries: Entries, cut: set[int], parsed: ParsedFeed) -> list[tuple[int, str]]:
    """(digest, key) of the parsed entries, when records and entries line up one to one (they do not
    when parse_feed skipped some, or a page mixes posts and comments: then none are recorded)."""
    records = parsed.comments if not parsed.posts else parsed.posts if not parsed.comments else None
    digests = [d for d in entries.digests if d not in cut]
    if records is None or len(records) != len(digests):
        return []
    return [(d, r.key) for d, r in zip(digests, records, strict=True)]


def parse_with_entries(body: bytes, url: str, *, as_comments: bool, headers: dict[str, str],
                       salt: bytes) -> tuple[ParsedFeed, Entries | None]:
    """parse_feed and find_entries of one document, in one job (for worker processes)."""
    return (parse_feed(body, url, as_comments=as_comments, headers=headers),
            find_entries(body, url, as_comments=as_comments, headers=headers, salt=salt))
