"""Working time as [brand] writes it: `business_hours = "09:00-19:00"`, `workdays = "mon-fri"`.

Parsed here once, for the config's validation and for the settings the `responses` view reads
(collector.storage.decisions.settings); the view itself counts the hours (storage/sql/responses.sql).
"""

from __future__ import annotations

_DAYS = {name: n for n, names in enumerate(
    (("mon", "lun"), ("tue", "mar"), ("wed", "mie", "mié"), ("thu", "jue"), ("fri", "vie"), ("sat", "sab", "sáb"),
     ("sun", "dom")), start=1) for name in names}


def _minutes(text: str) -> int:
    hours, _, minutes = text.strip().partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2 and len(hours) <= 2):
        raise ValueError(text)
    value = int(hours) * 60 + int(minutes)
    if int(minutes) > 59 or value > 24 * 60:
        raise ValueError(text)
    return value


def parse_business_hours(value: str) -> tuple[str, str]:
    """"9:00-19:00" -> ("09:00", "19:00"); ValueError unless it is HH:MM-HH:MM with opening before closing
    (closing at most 24:00). Hours across midnight are not supported."""
    opens, sep, closes = value.partition("-")
    start, end = _minutes(opens), _minutes(closes) if sep else -1
    if end <= start:
        raise ValueError(value)
    return tuple(f"{m // 60:02d}:{m % 60:02d}" for m in (start, end))  # type: ignore[return-value]


def parse_workdays(value: str) -> tuple[int, ...]:
    """"mon-fri" -> (1, 2, 3, 4, 5); "sun-thu" wraps the week; "mon,wed,fri" lists days (Spanish "lun-vie"
    too). ValueError on an unknown day name."""
    days: set[int] = set()
    for part in value.lower().replace(" ", "").split(","):
        first, sep, last = part.partition("-")
        if first not in _DAYS or (sep and last not in _DAYS):
            raise ValueError(part)
        a, b = _DAYS[first], _DAYS[last] if sep else _DAYS[first]
        days.update(range(a, b + 1) if a <= b else [*range(a, 8), *range(1, b + 1)])
    return tuple(sorted(days))
