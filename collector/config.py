"""Load `data/monitor.toml` into one typed, validated `Config`.

Every mistake is reported with the file, the key and how to fix it, and all mistakes are
collected before failing, so a user fixes the file in one pass instead of one error per run.
The keys themselves are declared once, in `collector.config_model`; this module checks a parsed
file against that spec and builds the frozen objects.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from collector.config_model import (
    ALERT_SENSITIVITIES,
    PLATFORMS,
    SOURCE_KINDS,
    SUPPORTED_LANGUAGES,
    WEBHOOK_FORMATS,
    Alerts,
    Brand,
    Collect,
    Competitor,
    Config,
    Key,
    Privacy,
    Source,
    Theme,
    _tables,
    spec,
)
from collector.matching import name_key
from collector.working_time import parse_business_hours, parse_workdays

__all__ = ["ALERT_SENSITIVITIES", "PLATFORMS", "SOURCE_KINDS", "SUPPORTED_LANGUAGES", "WEBHOOK_FORMATS", "Alerts",
           "Brand", "Collect", "Competitor", "Config", "ConfigError", "Key", "Privacy", "Source", "Theme",
           "load_config", "parse_config", "spec"]

class ConfigError(Exception):
    """The config cannot be used; `problems` holds one line per mistake."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{path}: {len(problems)} problem(s) in the configuration:\n{lines}")


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


def _check_named(raw: Any, table: str, keys: dict[str, Key], problems: list[str]) -> list[dict[str, Any]]:
    """An optional array of tables whose entries have a unique `name` ([[competitors]], [[themes]])."""
    if not isinstance(raw, list):
        problems.append(f"[[{table}]] must be an array of tables: write each entry under its own [[{table}]] header")
        return []
    out, seen = [], set()
    for i, entry in enumerate(raw, start=1):
        given = entry.get("name") if isinstance(entry, dict) else None
        where = f"{table}[{i}] ({given})" if isinstance(given, str) else f"{table}[{i}]"
        values = _check_table(entry, where, keys, problems)
        name = values["name"]
        if not isinstance(name, str):
            continue
        if name_key(name) in seen or not name.strip():
            problems.append(f"{where}.name: {name!r} is empty or used twice; each entry needs its own name")
        seen.add(name_key(name))
        out.append({**values, "where": where})
    return out


def _check_brands(data: dict[str, Any], brand_name: Any, sources: list[Source], keys: dict[str, dict[str, Key]],
                  problems: list[str]) -> tuple[Competitor, ...]:
    rows = _check_named(data.get("competitors", []), "competitors", keys["competitors"], problems)
    rivals = []
    for row in rows:
        where = row.pop("where")
        if isinstance(brand_name, str) and name_key(row["name"]) == name_key(brand_name):
            problems.append(f"{where}.name: {row['name']!r} is the brand itself; list only other brands here")
        rivals.append(Competitor(**{**row, "aliases": row["aliases"] or (row["name"],)}))
    names = {name_key(c.name) for c in rivals}
    for source in sources:
        if source.owner is not None and name_key(source.owner) not in names:
            known = ", ".join(repr(c.name) for c in rivals) or "none yet"
            problems.append(f"sources ({source.name}).owner: {source.owner!r} is not a [[competitors]] name "
                            f"(known: {known}); add a [[competitors]] entry with that name or fix the spelling")
        if source.owner is not None and source.owned:
            problems.append(f"sources ({source.name}): owned = true and owner = {source.owner!r} contradict each "
                            "other; a blog is either the brand's or a competitor's")
    return tuple(rivals)


def _check_themes(data: dict[str, Any], keys: dict[str, Key], problems: list[str]) -> tuple[Theme, ...]:
    themes = []
    for row in _check_named(data.get("themes", []), "themes", keys, problems):
        where = row.pop("where")
        if not [w for w in row["words"] if w.strip()]:
            problems.append(f"{where}.words: empty; list the words and phrases of this theme, e.g. "
                            "words = [\"factura\", \"me han cobrado\"]")
        themes.append(Theme(**row))
    return tuple(themes)


def _check_alerts(a: dict[str, Any], problems: list[str]) -> None:
    if a["sensitivity"] not in ALERT_SENSITIVITIES:
        problems.append(f"alerts.sensitivity: {a['sensitivity']!r} is not one of "
                        + ", ".join(repr(x) for x in ALERT_SENSITIVITIES))
    if a["webhook_format"] not in WEBHOOK_FORMATS:
        problems.append(f"alerts.webhook_format: {a['webhook_format']!r} is not one of "
                        + ", ".join(repr(x) for x in WEBHOOK_FORMATS))
    for name in ("min_count", "baseline_days", "cooldown_hours"):
        if isinstance(a[name], float) and a[name] < (1 if name != "cooldown_hours" else 0):
            problems.append(f"alerts.{name}: must be {'0' if name == 'cooldown_hours' else '1'} or more")


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
    competitors = _check_brands(data, b.get("name"), sources, keys, problems)
    themes = _check_themes(data, keys["themes"], problems)
    alerts = _check_table(data.get("alerts", {}), "alerts", keys["alerts"], problems)
    _check_alerts(alerts, problems)
    if isinstance(b.get("site_url"), str):
        _check_url(b["site_url"], "brand.site_url", path.parent, problems, allow_file=False)
    priv = _check_table(data.get("privacy", {}), "privacy", keys["privacy"], problems)
    col = _check_table(data.get("collect", {}), "collect", keys["collect"], problems)
    for name in ("backfill_days", "fetch_log_days", "article_fetch_limit"):
        if isinstance(col[name], float) and col[name] < 0:
            problems.append(f"collect.{name}: must be 0 or more")
    if problems:
        raise ConfigError(path, problems)
    brand = Brand(**{**b, "aliases": b["aliases"] or (b["name"],)})
    return Config(path=path, brand=brand, sources=tuple(sources), competitors=competitors, themes=themes,
                  alerts=Alerts(**alerts), privacy=Privacy(**priv), collect=Collect(**col))


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
