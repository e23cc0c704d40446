"""Load `data/monitor.toml` into one typed, validated `Config`.

Every mistake is reported with the file, the key and how to fix it, and all mistakes are
collected before failing, so a user fixes the file in one pass instead of one error per run.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

SUPPORTED_LANGUAGES = ("es", "en")


class ConfigError(Exception):
    """The config cannot be used; `problems` holds one line per mistake."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{path}: {len(problems)} problem(s) in the configuration:\n{lines}")


@dataclass(frozen=True)
class Source:
    name: str
    url: str
    owned: bool = False
    comments: bool = True
    comments_url: str | None = None
    lang: str | None = None
    follow_hosts: tuple[str, ...] = ()
    title: str | None = None      # display name; None: the feed's own title

    @property
    def is_local_file(self) -> bool:
        """A config-written local path (allowed only here, never for URLs found in feeds)."""
        return urlsplit(self.url).scheme not in ("http", "https")


@dataclass(frozen=True)
class Brand:
    name: str
    aliases: tuple[str, ...]
    responders: tuple[str, ...]
    timezone: str = "Europe/Madrid"
    language: str = "es"
    response_sla_hours: float = 24.0


@dataclass(frozen=True)
class Privacy:
    hide_authors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    path: Path
    brand: Brand
    sources: tuple[Source, ...]
    privacy: Privacy = field(default_factory=Privacy)

    @property
    def languages(self) -> tuple[str, ...]:
        return SUPPORTED_LANGUAGES

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.brand.timezone)


# key -> (type(s), required, default, hint)
_BRAND_KEYS: dict[str, tuple[type | tuple[type, ...], bool, Any]] = {
    "name": (str, True, None),
    "aliases": (list, False, []),
    "responders": (list, False, []),
    "timezone": (str, False, "Europe/Madrid"),
    "language": (str, False, "es"),
    "response_sla_hours": ((int, float), False, 24),
}
_SOURCE_KEYS: dict[str, tuple[type | tuple[type, ...], bool, Any]] = {
    "name": (str, True, None),
    "url": (str, True, None),
    "title": (str, False, None),
    "owned": (bool, False, False),
    "comments": (bool, False, True),
    "comments_url": (str, False, None),
    "lang": (str, False, None),
    "follow_hosts": (list, False, []),
}
_PRIVACY_KEYS: dict[str, tuple[type | tuple[type, ...], bool, Any]] = {
    "hide_authors": (list, False, []),
}
_TYPE_NAMES = {str: "a string", list: "a list of strings", bool: "true or false", (int, float): "a number"}


def _check_table(
    table: Any, where: str, spec: dict[str, tuple[type | tuple[type, ...], bool, Any]], problems: list[str]
) -> dict[str, Any]:
    """Validate one TOML table against its spec; return values with defaults filled in."""
    if not isinstance(table, dict):
        problems.append(f"[{where}] must be a table")
        return {}
    out: dict[str, Any] = {}
    for key in table:
        if key not in spec:
            known = ", ".join(sorted(spec))
            problems.append(f"{where}.{key}: unknown key (known keys: {known}); remove it or fix its spelling")
    for key, (typ, required, default) in spec.items():
        if key not in table:
            if required:
                problems.append(f"{where}.{key}: missing; add `{key} = …` ({_TYPE_NAMES[typ]})")
            out[key] = default
            continue
        value = table[key]
        wrong = not isinstance(value, typ) or (typ == (int, float) and isinstance(value, bool))
        if typ is list and not wrong:
            wrong = not all(isinstance(v, str) for v in value)
        if wrong:
            problems.append(f"{where}.{key}: expected {_TYPE_NAMES[typ]}, got {value!r}")
            out[key] = default
        else:
            out[key] = value
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


def parse_config(data: dict[str, Any], path: Path) -> Config:
    """Build a Config from parsed TOML; raises ConfigError listing every problem."""
    problems: list[str] = []
    for key in data:
        if key not in ("brand", "sources", "privacy"):
            problems.append(f"{key}: unknown top-level key (expected [brand], [[sources]], [privacy])")
    if "brand" not in data:
        problems.append("[brand]: missing; add a [brand] table with at least `name = …`")
    b = _check_table(data.get("brand", {}), "brand", _BRAND_KEYS, problems)
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

    raw_sources = data.get("sources", [])
    if not isinstance(raw_sources, list) or not raw_sources:
        problems.append("[[sources]]: at least one source is needed; add a [[sources]] table with name and url")
        raw_sources = []
    sources: list[Source] = []
    seen: set[str] = set()
    base = path.parent
    for i, raw in enumerate(raw_sources, start=1):
        given = raw.get("name") if isinstance(raw, dict) else None
        where = f"sources[{i}] ({given})" if isinstance(given, str) else f"sources[{i}]"
        s = _check_table(raw, where, _SOURCE_KEYS, problems)
        name = s.get("name")
        if isinstance(name, str):
            if name in seen:
                problems.append(f"{where}.name: duplicate source name {name!r}; names must be unique")
            seen.add(name)
            if not name or any(ch in name for ch in "/\\?#") or name.strip() != name:
                problems.append(f"{where}.name: {name!r} is used in site URLs; use letters, digits and dashes")
        url = s.get("url")
        if isinstance(url, str):
            url = _check_url(url, f"{where}.url", base, problems, allow_file=True)
        comments_url = s.get("comments_url")
        if isinstance(comments_url, str):
            comments_url = _check_url(comments_url, f"{where}.comments_url", base, problems, allow_file=True)
        if s.get("lang") is not None and s["lang"] not in SUPPORTED_LANGUAGES:
            problems.append(f"{where}.lang: {s['lang']!r} is not supported; use one of {SUPPORTED_LANGUAGES}")
        if name is not None and url is not None:
            sources.append(Source(
                name=name, url=url, owned=s["owned"], comments=s["comments"], comments_url=comments_url,
                lang=s["lang"], follow_hosts=tuple(h.lower() for h in s["follow_hosts"]), title=s["title"],
            ))
    priv = _check_table(data.get("privacy", {}), "privacy", _PRIVACY_KEYS, problems)
    if problems:
        raise ConfigError(path, problems)
    brand = Brand(
        name=b["name"], aliases=tuple(b["aliases"]) or (b["name"],), responders=tuple(b["responders"]),
        timezone=b["timezone"], language=b["language"], response_sla_hours=float(b["response_sla_hours"]),
    )
    return Config(path=path, brand=brand, sources=tuple(sources),
                  privacy=Privacy(hide_authors=tuple(priv.get("hide_authors", []))))


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
