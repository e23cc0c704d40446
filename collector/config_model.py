"""The keys of `data/monitor.toml`, declared once as frozen dataclasses.

Each field's type, default and help text (its metadata) make the key spec (`spec()`) that validation
(`collector.config`) reads and the README's configuration table is checked against
(tests/test_docs.py). Adding a key is adding a field here.
"""

from __future__ import annotations

import functools
import types
import typing
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from collector.working_time import parse_business_hours, parse_workdays

SUPPORTED_LANGUAGES = ("es", "en")
SOURCE_KINDS = ("blog", "search")
PLATFORMS = ("wordpress", "blogger", "feed")
ALERT_SENSITIVITIES = ("low", "normal", "high")
WEBHOOK_FORMATS = ("slack", "teams", "mattermost")

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
    owner: str | None = _key("a competitor's own blog: the `[[competitors]]` name that runs it (its replies and "
                             "response times count for that competitor)", None)

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
    site_url: str | None = _key("the published site's address: e-mails and alerts link back to it", None)

    @property
    def opening_hours(self) -> tuple[str, str] | None:
        """(opens, closes) as "HH:MM", or None when business_hours is not set (wall-clock SLA)."""
        return parse_business_hours(self.business_hours) if self.business_hours else None

    @property
    def workday_numbers(self) -> tuple[int, ...]:
        """The working days as ISO numbers, Monday = 1 … Sunday = 7."""
        return parse_workdays(self.workdays)


@dataclass(frozen=True)
class Competitor:
    name: str = _key("the competitor's name (unique, not the brand's)")
    aliases: tuple[str, ...] = _key("words that make a text mention this competitor (same matching as the brand's)",
                                    (), shown="the competitor's name")
    responders: tuple[str, ...] = _key("comment authors who answer for this competitor on its own blogs", ())


@dataclass(frozen=True)
class Theme:
    name: str = _key("the theme's name as the site shows it (unique)")
    words: tuple[str, ...] = _key("words and phrases, Spanish or English, matched like aliases (whole words, "
                                  "case- and accent-insensitive)")


@dataclass(frozen=True)
class Alerts:
    sensitivity: str = _key("`low`, `normal` or `high`: how far above its usual level a day must be to alert",
                            "normal")
    min_count: float = _key("a spike needs at least this many texts that day", 5.0)
    baseline_days: float = _key("days of history the usual level is measured on", 28.0)
    cooldown_hours: float = _key("hours before the same alert may be sent again", 24.0)
    mail_to: tuple[str, ...] = _key("addresses alerts are mailed to (with `pulso alert --smtp host:port`)", ())
    webhook_env: str | None = _key("name of the environment variable holding a webhook URL (Slack, Teams or "
                                   "Mattermost)", None)
    webhook_format: str = _key("`slack`, `teams` or `mattermost`: the JSON the webhook expects", "slack")


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
    competitors: tuple[Competitor, ...] = field(default=(), metadata=_table("[[competitors]]"))
    themes: tuple[Theme, ...] = field(default=(), metadata=_table("[[themes]]"))
    alerts: Alerts = field(default_factory=Alerts, metadata=_table("[alerts]"))
    privacy: Privacy = field(default_factory=Privacy, metadata=_table("[privacy]"))
    collect: Collect = field(default_factory=Collect, metadata=_table("[collect]"))

    @property
    def brand_names(self) -> tuple[str, ...]:
        """The brand first, then each competitor: the order every per-brand table and chart uses."""
        return (self.brand.name, *(c.name for c in self.competitors))

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
