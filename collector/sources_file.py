"""Blogrolls in and out of `monitor.toml`: OPML outlines become `[[sources]]` tables, and back.

People keep the blogs they read as OPML (every feed reader exports it; WordPress's link manager
writes one). Importing must not cost the user their config: the new tables are appended after the
file's last byte, so every existing byte, comment and odd spacing stays exactly as it was, and the
result must load with `load_config` before anything is written. OPML is read by `listparser`
(nested outlines, `text`/`title`, `xmlUrl`/`htmlUrl`, OPML 1 and 2); TOML is rendered by `tomlkit`
(quoting and escaping done by a TOML library, not by string formatting).

Pure functions, except `write_config` (atomic replace plus a `.bak`).
"""

from __future__ import annotations

import codecs
import os
import re
import shutil
import stat
import tempfile
import tomllib
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import listparser
import tomlkit

from collector.config import ConfigError, parse_config

OWNED_CATEGORY = "owned"
NAME_MAX = 48
# Only the XML prolog (not markup) is read this way: listparser's lenient parser ignores its encoding.
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_FEED_SEGMENTS = {"feed", "feeds", "rss", "atom", "rss2"}
_FEED_SUFFIXES = (".xml", ".rss", ".atom", ".rdf")


class OpmlError(ValueError):
    """The file is not an OPML subscription list Pulso can read."""


@dataclass(frozen=True)
class Outline:
    """One subscription an OPML file lists."""

    url: str
    title: str | None
    tags: tuple[str, ...] = ()     # its folders and categories (one level each), lower case
    site_only: bool = False        # only an htmlUrl: the feed is discovered from the page at collect


@dataclass(frozen=True)
class SourceEntry:
    """What a `[[sources]]` table says about one source, for import and export."""

    name: str
    url: str
    title: str | None = None
    owned: bool = False


@dataclass
class ImportPlan:
    added: list[tuple[SourceEntry, Outline]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)    # (url, why)


def _utf8(data: bytes) -> bytes:
    """The document as UTF-8, as listparser reads it; a BOM is left for it to find."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data
    m = _XML_ENCODING.match(data[:512])
    if not m:
        return data
    try:
        codec = codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return data
    return data if codec == "utf-8" else data.decode(codec, errors="replace").encode("utf-8")


@dataclass(frozen=True)
class Blogroll:
    """What an OPML file lists: its feeds and sites, and the other lists it links (not imported)."""

    title: str | None
    outlines: tuple[Outline, ...]
    links: tuple[str, ...] = ()    # type="include"/"link" outlines: other OPML files or pages


def read_opml(data: bytes) -> Blogroll:
    """Every feed and every site-only outline in an OPML document (folders flattened, duplicates once).

    Bytes only: given a str that starts with http, listparser would fetch it.
    Raises OpmlError when the document is not OPML at all.
    """
    if not data.strip():
        raise OpmlError("the file is empty")
    parsed = listparser.parse(_utf8(data))
    if not str(parsed.get("version", "")).startswith("opml"):
        raise OpmlError("not an OPML file (no <opml> element); export the blogroll from your feed reader as OPML")

    def outline(item: Any, site_only: bool) -> Outline:
        tags = tuple(dict.fromkeys(str(t).strip().lower() for t in item.get("tags", []) if str(t).strip()))
        return Outline(url=item["url"].strip(), title=(item.get("title") or "").strip() or None, tags=tags,
                       site_only=site_only)

    return Blogroll(title=parsed.meta.get("title"),
                    outlines=tuple([outline(f, False) for f in parsed.feeds]
                                   + [outline(o, True) for o in parsed.opportunities]),
                    links=tuple(x["url"] for x in parsed.lists))


def slug(text: str) -> str:
    """`text` as a source name: ASCII letters and digits, lower case, hyphens (names go into site URLs)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:NAME_MAX].rstrip("-")


def unique_name(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`… the first not in `taken`."""
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base[: NAME_MAX - len(str(n)) - 1]}-{n}"
    return name


def url_key(url: str) -> str:
    """What makes two source URLs the same blog: host, path without its trailing slash, and query;
    not the scheme (a blog moved to https), a default port or a fragment."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        return url.strip()
    try:
        port = parts.port
    except ValueError:
        return url.strip()
    netloc = (parts.hostname or "") + (f":{port}" if port and port not in (80, 443) else "")
    return f"{netloc}{parts.path.rstrip('/')}" + (f"?{parts.query}" if parts.query else "")


def _name_for(outline: Outline) -> str:
    host = (urlsplit(outline.url).hostname or "").removeprefix("www.")
    return slug(outline.title or "") or slug(host) or "source"


def plan_import(outlines: Iterable[Outline], existing: list[dict[str, Any]], *, owned: bool = False) -> ImportPlan:
    """Which outlines become sources (with unique names) and which are skipped, and why.

    `existing` is the config's `[[sources]]` tables as parsed. An outline tagged `owned` (as
    `pulso sources export` writes them) is owned; `owned=True` (`--owned`) makes every one owned.
    """
    names = {str(t.get("name")) for t in existing if isinstance(t, dict)}
    known = {url_key(str(t["url"])): str(t.get("name")) for t in existing if isinstance(t, dict) and "url" in t}
    plan = ImportPlan()
    for o in outlines:
        if urlsplit(o.url).scheme not in ("http", "https") or not urlsplit(o.url).hostname:
            plan.skipped.append((o.url, "not an http(s) URL"))
            continue
        key = url_key(o.url)
        if key in known:
            plan.skipped.append((o.url, f"already a source ({known[key]})"))
            continue
        entry = SourceEntry(name=unique_name(_name_for(o), names), url=o.url, title=o.title,
                            owned=owned or OWNED_CATEGORY in o.tags)
        names.add(entry.name)
        known[key] = entry.name
        plan.added.append((entry, o))
    return plan


def existing_sources(text: str, path: Path) -> list[dict[str, Any]]:
    """The `[[sources]]` tables of a config text; ConfigError when it is not TOML a source can be added to."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, [f"not valid TOML: {exc}"]) from None
    sources = data.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, dict) for s in sources):
        raise ConfigError(path, ["sources: expected [[sources]] tables"])
    return sources


def render_sources(entries: Iterable[SourceEntry], note: str | None = None) -> str:
    """`[[sources]]` tables for `entries`, as TOML text, under an optional comment line."""
    doc = tomlkit.document()
    if note:
        doc.add(tomlkit.comment(note))
    tables = tomlkit.aot()
    for e in entries:
        table = tomlkit.table()
        table.add("name", e.name)
        if e.title:
            table.add("title", e.title)
        table.add("url", e.url)
        if e.owned:
            table.add("owned", True)
        tables.append(table)
    doc.add("sources", tables)
    return doc.as_string()


def insert_sources(text: str, entries: list[SourceEntry], path: Path, note: str | None = None) -> str:
    """`text` with `entries` appended as `[[sources]]` tables; the old text is the new one's prefix.

    TOML lets an array of tables continue after other tables, so appending is valid wherever the
    existing sources are. Raises ConfigError (listing every problem) when the result would not load.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    gap = "" if not text or text.endswith(2 * newline) else newline if text.endswith(newline) else 2 * newline
    added = render_sources(entries, note)
    new_text = text + gap + (added.replace("\n", "\r\n") if newline == "\r\n" else added)
    try:
        parse_config(tomllib.loads(new_text), path)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, [f"the sources cannot be appended to this file ({exc}); "
                                 "are the sources written as an inline array `sources = [...]`?"]) from None
    return new_text


def read_config_text(path: Path) -> str:
    """The config file's text, exactly as stored; ConfigError with load_config's wording otherwise."""
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise ConfigError(path, ["file not found; create it (see README, 'Configuration')"]) from None
    except UnicodeDecodeError:
        raise ConfigError(path, ["the file is not UTF-8 text; save it as UTF-8"]) from None
    except OSError as exc:
        raise ConfigError(path, [f"cannot read the file: {exc.strerror}"]) from None


def replace_file(path: Path, data: bytes, *, backup: bool = False) -> Path | None:
    """Write `data` to `path` atomically: a crash leaves the old file or the new one, never half of one.

    With `backup`, the old file is first copied to `<name>.bak` (returned). Through a symlink, the
    file it points at is replaced and the link kept; an existing file keeps its permissions, a new one
    gets the umask's.
    """
    target = Path(os.path.realpath(path))
    saved = None
    if backup:
        saved = target.with_name(target.name + ".bak")
        shutil.copy2(target, saved)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return saved


def _umask() -> int:
    """The process's umask (mkstemp's 0600 is not what a new file would get)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_config(path: Path, text: str) -> Path:
    """The config replaced by `text` (UTF-8, line endings as given), the old one kept as `.bak`."""
    saved = replace_file(path, text.encode("utf-8"), backup=True)
    assert saved is not None
    return saved


def looks_like_feed(url: str) -> bool:
    """Whether a source URL names a feed rather than a blog's page (whose feed is discovered)."""
    parts = urlsplit(url)
    path, query = parts.path.lower(), parts.query.lower()
    segments = {s for s in path.split("/") if s}
    return (bool(segments & _FEED_SEGMENTS) or path.endswith(_FEED_SUFFIXES)
            or any(p in query for p in ("feed=", "alt=rss", "alt=atom", "format=rss", "output=rss")))


def to_opml(entries: Iterable[SourceEntry], title: str, now: datetime | None = None) -> bytes:
    """An OPML 2.0 document: one outline per source, `xmlUrl` for a feed, `htmlUrl` for a blog's page.

    A page is written as WordPress's blogroll export (wp-links-opml.php) writes a link without a feed
    (`type="link" xmlUrl="" htmlUrl=…`), which listparser and feed readers take as a site to discover.
    Owned sources carry the category `owned`, so importing the file again keeps them owned.
    """
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(now or datetime.now(UTC), usegmt=True)
    body = ET.SubElement(root, "body")
    for e in entries:
        label = e.title or e.name
        attrs = ({"text": label, "title": label, "type": "rss", "xmlUrl": e.url} if looks_like_feed(e.url) else
                 {"text": label, "title": label, "type": "link", "xmlUrl": "", "htmlUrl": e.url})
        if e.owned:
            attrs["category"] = OWNED_CATEGORY
        ET.SubElement(body, "outline", attrs)
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"
