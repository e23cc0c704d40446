"""Load `data/monitor.toml` into one typed, validated `Config`.

Every mistake is reported with the file, the key and how to fix it, and all mistakes are
collected before failing, so a user fixes the file in one pass instead of one error per run.

The dataclasses below are the one definition of the file's keys: each field's type, default and help
text (its metadata) make the key spec (`spec()`) that validation reads and the README's
configuration table is checked against (tests/test_docs.py). Adding a key is adding a field.
"""

from __future__ import annotations

import functools
import tomllib
import types
import typing
from dataclasses import MISSING, dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from collector.working_time import parse_business_hours, parse_workdays

SUPPORTED_LANGUAGES = ("es", "en")
SOURCE_KINDS = ("blog", "search")
PLATFORMS = ("wordpress", "blogger", "feed")


class ConfigError(Exception):
    """The config cannot be used; `problems` holds one line per mistake."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{path}: {len(problems)} problem(s) in the configuration:\n{lines}")


def _key(help: str, default: Any = MISSING, *, shown: str | None = None) -> Any:
    """A config key: `help` for the README, `shown` when the real default is computed (aliases: the name)."""
    return field(default=default, metadata={"help": help, "shown": shown})


def _table(header: str) -> Any:
    return {"toml": header}


@dataclass(frozen=True)
class Source:
    name: str = _key("unique; used in site URLs")
    url: str = _key("the blog's address or its feed URL (http or https: a feed is discovered on a home page), "
                          "or a local file path for offline use")
    title: str | None = _key("display name", None, shown="the feed's own title")
    owned: bool = _key("the brand runs this blog: every comment there expects a reply", False)
    comments: bool = _key("follow comment feeds", True)
    comments_url: str | None = _key("a blog-wide comment feed to read as well", None)
    lang: str | None = _key("`es`/`en`: the fallback for texts too short to detect", None)
    follow_hosts: tuple[str, ...] = _key("other hosts this source's feeds may link to (e.g. a FeedBurner proxy)", ())
    kind: str = _key("`blog`, or `search`: a news/alerts search feed whose entries are mentions on other sites",
                     "blog")
    platform: str | None = _key("`wordpress`, `blogger` or `feed`: how its comments are read", None,
                                shown="detected from the feed")
    follow_articles: bool = _key("search sources: open each article to find and read its comment thread", False)

    @property
    def is_local_file(self) -> bool:
        """A config-written local path (allowed only here, never for URLs found in feeds)."""
        return urlsplit(self.url).scheme not in ("http", "https")


@dataclass(frozen=True)
class Brand:
    name: str = _key("the brand's name")
    aliases: tuple[str, ...] = _key("words that make a post or comment a *mention* (case- and accent-insensitive, "
                                    "whole words)", (), shown="the brand's name")
    responders: tuple[str, ...] = _key("comment authors whose comments are brand replies", ())
    timezone: str = _key("IANA zone for weeks and dates", "Europe/Madrid")
    language: str = _key("site language, `es` or `en`", "es")
    response_sla_hours: float = _key("hours after which an unanswered comment is overdue", 24.0)
    business_hours: str | None = _key("working hours such as `\"09:00-19:00\"`: the SLA and overdue count working "
                                      "time only", None)
    workdays: str = _key("with business_hours: the working days, a range or a list (`mon-fri`, `mon,wed,fri`)",
                         "mon-fri")
    holidays: tuple[str, ...] = _key("with business_hours: days off as ISO dates (`\"2026-12-08\"`)", ())

    @property
    def opening_hours(self) -> tuple[str, str] | None:
        """(opens, closes) as "HH:MM", or None when business_hours is not set (wall-clock SLA)."""
        return parse_business_hours(self.business_hours) if self.business_hours else None

    @property
    def workday_numbers(self) -> tuple[int, ...]:
        """The working days as ISO numbers, Monday = 1 … Sunday = 7."""
        return parse_workdays(self.workdays)


@dataclass(frozen=True)
class Privacy:
    hide_authors: tuple[str, ...] = _key("names never shown on the site or in summaries", ())


@dataclass(frozen=True)
class Collect:
    backfill_days: float = _key("days of history read on a source's first collect (posts and their threads)", 180.0)
    fetch_log_days: float = _key("days of raw fetch log kept; older fetches are rolled up per feed and day", 30.0)
    article_fetch_limit: float = _key("search sources: article pages opened per run at most", 50.0)
    allow_private: bool = _key("let URLs found in feeds reach loopback and private addresses (tests, the demo)",
                               False)
    blogger_feed_host: str = _key("the host Blogger pages its feeds on (a loopback stand-in in tests and the demo)",
                                  "www.blogger.com")


@dataclass(frozen=True)
class Config:
    path: Path
    brand: Brand = field(metadata=_table("[brand]"))
    sources: tuple[Source, ...] = field(metadata=_table("[[sources]]"))
    privacy: Privacy = field(default_factory=Privacy, metadata=_table("[privacy]"))
    collect: Collect = field(default_factory=Collect, metadata=_table("[collect]"))

    @property
    def languages(self) -> tuple[str, ...]:
        return SUPPORTED_LANGUAGES

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.brand.timezone)

    # Every data path is derived here, from the config file's folder, never from the current directory:
    # `--config /etc/pulso/monitor.toml` means the model and overrides of /etc/pulso, whoever runs it.
    @property
    def data_dir(self) -> Path:
        """The config file's folder: the trained model, overrides and triage decisions live beside it."""
        return self.path.absolute().parent

    @property
    def model_dir(self) -> Path:
        """Where `pulso sentiment train` writes the model and collect/rescore look for it."""
        return self.data_dir / "model"

    @property
    def overrides_path(self) -> Path:
        """Human sentiment labels (`collector.sentiment.overrides`)."""
        return self.data_dir / "overrides.csv"

    @property
    def triage_path(self) -> Path:
        """Triage decisions (handled, no reply needed, assigned)."""
        return self.data_dir / "triage.csv"


# --- working time -----------------------------------------------------------------------------------

def _check_working_time(b: dict[str, Any], given: dict[str, Any], problems: list[str]) -> None:
    hours = b.get("business_hours")
    if isinstance(hours, str):
        try:
            parse_business_hours(hours)
        except ValueError:
            problems.append(f"brand.business_hours: {hours!r} is not opening-closing time such as \"09:00-19:00\" "
                            "(24-hour clock, opening before closing, at most 24:00)")
    elif any(key in given for key in ("workdays", "holidays")):
        problems.append("brand.workdays / brand.holidays: only used with business_hours; add "
                        "`business_hours = \"09:00-19:00\"` or remove them")
    if isinstance(b.get("workdays"), str):
        try:
            parse_workdays(b["workdays"])
        except ValueError as exc:
            problems.append(f"brand.workdays: {str(exc)!r} is not a day or a range of days; use mon, tue, wed, thu, "
                            "fri, sat, sun, e.g. \"mon-fri\" or \"mon,wed,fri\"")
    for day in b.get("holidays") or ():
        try:
            date.fromisoformat(day)
        except ValueError:
            problems.append(f"brand.holidays: {day!r} is not an ISO date such as \"2026-12-08\"")


# --- the key spec, read from the dataclasses ------------------------------------------------------

_TYPE_NAMES = {"string": "a string", "strings": "a list of strings", "bool": "true or false", "number": "a number"}


@dataclass(frozen=True)
class Key:
    """One key of monitor.toml, as its dataclass field declares it."""

    table: str            # the TOML header: [brand], [[sources]], [privacy]
    name: str
    kind: str             # string | strings | bool | number
    required: bool
    default: Any          # the value when the key is absent (before any computed default)
    help: str
    shown: str | None     # how the README shows a default computed elsewhere

    @property
    def type_name(self) -> str:
        return _TYPE_NAMES[self.kind]

    def accepts(self, value: Any) -> bool:
        if self.kind == "strings":
            return isinstance(value, list) and all(isinstance(v, str) for v in value)
        if self.kind == "number":
            return isinstance(value, int | float) and not isinstance(value, bool)
        return isinstance(value, str if self.kind == "string" else bool)

    def convert(self, value: Any) -> Any:
        """The TOML value as the dataclass holds it: lists become tuples, numbers floats."""
        return tuple(value) if self.kind == "strings" else float(value) if self.kind == "number" else value


def _kind(hint: Any) -> str:
    if typing.get_origin(hint) is tuple:
        return "strings"
    if isinstance(hint, types.UnionType):
        (hint,) = (a for a in typing.get_args(hint) if a is not type(None))
    return {str: "string", bool: "bool", float: "number"}[hint]


def _keys(cls: type, header: str) -> dict[str, Key]:
    hints = typing.get_type_hints(cls)
    return {f.name: Key(table=header, name=f.name, kind=_kind(hints[f.name]), required=f.default is MISSING,
                        default=None if f.default is MISSING else f.default, help=f.metadata["help"],
                        shown=f.metadata["shown"])
            for f in fields(cls)}


@functools.cache
def _tables() -> dict[str, tuple[str, type]]:
    """TOML table name -> (header, dataclass), from Config's fields."""
    hints = typing.get_type_hints(Config)
    out = {}
    for f in fields(Config):
        if "toml" in f.metadata:
            cls = hints[f.name]
            out[f.name] = (f.metadata["toml"], typing.get_args(cls)[0] if typing.get_origin(cls) is tuple else cls)
    return out


@functools.cache
def spec() -> dict[str, dict[str, Key]]:
    """Every key of monitor.toml by table ("brand", "sources", "privacy"), in declaration order."""
    return {name: _keys(cls, header) for name, (header, cls) in _tables().items()}


def _check_table(table: Any, where: str, keys: dict[str, Key], problems: list[str]) -> dict[str, Any]:
    """Validate one TOML table against its keys; return values with defaults filled in."""
    if not isinstance(table, dict):
        problems.append(f"[{where}] must be a table")
        return {name: k.default for name, k in keys.items()}
    out: dict[str, Any] = {}
    for key in table:
        if key not in keys:
            known = ", ".join(sorted(keys))
            problems.append(f"{where}.{key}: unknown key (known keys: {known}); remove it or fix its spelling")
    for name, k in keys.items():
        if name not in table:
            if k.required:
                problems.append(f"{where}.{name}: missing; add `{name} = …` ({k.type_name})")
            out[name] = k.default
        elif not k.accepts(table[name]):
            problems.append(f"{where}.{name}: expected {k.type_name}, got {table[name]!r}")
            out[name] = k.default
        else:
            out[name] = k.convert(table[name])
    return out


def _check_url(value: str, where: str, base: Path, problems: list[str], *, allow_file: bool) -> str:
    parts = urlsplit(value)
    if parts.scheme in ("http", "https"):
        if not parts.hostname:
            problems.append(f"{where}: {value!r} has no host")
        return value
    if allow_file and parts.scheme in ("", "file"):
        path = Path(parts.path if parts.scheme == "file" else value)
        path = path if path.is_absolute() else (base / path)
        if not path.is_file():
            problems.append(f"{where}: local file {str(path)!r} does not exist")
        return str(path.resolve())
    problems.append(f"{where}: {value!r} must be an http(s) URL" + (" or a local file path" if allow_file else ""))
    return value


def _check_brand(b: dict[str, Any], problems: list[str]) -> None:
    if b.get("timezone"):
        try:
            ZoneInfo(b["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            problems.append(f"brand.timezone: unknown time zone {b['timezone']!r}; use an IANA name such as "
                            "'Europe/Madrid' or 'America/Mexico_City'")
    if b.get("language") not in SUPPORTED_LANGUAGES:
        problems.append(f"brand.language: {b.get('language')!r} is not supported; use one of {SUPPORTED_LANGUAGES}")
    sla = b.get("response_sla_hours")
    if isinstance(sla, int | float) and sla <= 0:
        problems.append("brand.response_sla_hours: must be greater than 0")


def _check_sources(raw_sources: Any, keys: dict[str, Key], base: Path, problems: list[str]) -> list[Source]:
    if not isinstance(raw_sources, list) or not raw_sources:
        problems.append("[[sources]]: at least one source is needed; add a [[sources]] table with name and url")
        return []
    sources: list[Source] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_sources, start=1):
        given = raw.get("name") if isinstance(raw, dict) else None
        where = f"sources[{i}] ({given})" if isinstance(given, str) else f"sources[{i}]"
        s = _check_table(raw, where, keys, problems)
        name = s["name"]
        if isinstance(name, str):
            if name in seen:
                problems.append(f"{where}.name: duplicate source name {name!r}; names must be unique")
            seen.add(name)
            if not name or any(ch in name for ch in "/\\?#") or name.strip() != name:
                problems.append(f"{where}.name: {name!r} is used in site URLs; use letters, digits and dashes")
        for url_key in ("url", "comments_url"):
            if isinstance(s[url_key], str):
                s[url_key] = _check_url(s[url_key], f"{where}.{url_key}", base, problems, allow_file=True)
        for key, allowed in (("kind", SOURCE_KINDS), ("platform", (None, *PLATFORMS))):
            if s[key] not in allowed:
                choices = ", ".join(repr(a) for a in allowed if a)
                problems.append(f"{where}.{key}: {s[key]!r} is not one of {choices}")
        if s["follow_articles"] and s["kind"] != "search":
            problems.append(f"{where}.follow_articles: only search sources open articles; set kind = \"search\" "
                            "or remove follow_articles")
        if s["lang"] is not None and s["lang"] not in SUPPORTED_LANGUAGES:
            problems.append(f"{where}.lang: {s['lang']!r} is not supported; use one of {SUPPORTED_LANGUAGES}")
        if name is not None and s["url"] is not None:
            sources.append(Source(**{**s, "follow_hosts": tuple(h.lower() for h in s["follow_hosts"])}))
    return sources


def parse_config(data: dict[str, Any], path: Path) -> Config:
    """Build a Config from parsed TOML; raises ConfigError listing every problem."""
    problems: list[str] = []
    keys = spec()
    headers = ", ".join(header for header, _ in _tables().values())
    for key in data:
        if key not in keys:
            problems.append(f"{key}: unknown top-level key (expected {headers})")
    if "brand" not in data:
        problems.append("[brand]: missing; add a [brand] table with at least `name = …`")
    b = _check_table(data.get("brand", {}), "brand", keys["brand"], problems)
    _check_brand(b, problems)
    _check_working_time(b, data.get("brand", {}) if isinstance(data.get("brand"), dict) else {}, problems)
    sources = _check_sources(data.get("sources", []), keys["sources"], path.parent, problems)
    priv = _check_table(data.get("privacy", {}), "privacy", keys["privacy"], problems)
    col = _check_table(data.get("collect", {}), "collect", keys["collect"], problems)
    for name in ("backfill_days", "fetch_log_days", "article_fetch_limit"):
        if isinstance(col[name], float) and col[name] < 0:
            problems.append(f"collect.{name}: must be 0 or more")
    if problems:
        raise ConfigError(path, problems)
    brand = Brand(**{**b, "aliases": b["aliases"] or (b["name"],)})
    return Config(path=path, brand=brand, sources=tuple(sources), privacy=Privacy(**priv), collect=Collect(**col))


def load_config(path: Path | str) -> Config:
    """Read and validate the config file; every failure is a ConfigError (exit code 2)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(path, ["file not found; create it (see README, 'Configuration')"]) from None
    except OSError as exc:
        raise ConfigError(path, [f"cannot read the file: {exc.strerror}"]) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(path, ["the file is not UTF-8 text; save it as UTF-8"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, [f"not valid TOML: {exc}"]) from None
    return parse_config(data, path)
