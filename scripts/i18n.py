"""Site labels and number/date formats in the site language (es default, en supported).

Formats follow the language, not the machine's locale, so a build is the same everywhere:
`1.234,5` and "semana 47" in Spanish, `1,234.5` and "week 47" in English.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_timedelta

LANGUAGES = ("es", "en")

_MONTHS = {
    "es": ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}

LABELS: dict[str, dict[str, str]] = {
    "es": {
        # navigation and page titles
        "nav.overview": "Inicio", "nav.responses": "Respuestas", "nav.sentiment": "Sentimiento",
        "nav.sources": "Fuentes", "nav.weekly": "Resumen semanal", "nav.health": "Estado",
        "nav.method": "Cómo se calcula",
        "title.overview": "Inicio", "title.responses": "Respuestas pendientes", "title.sentiment": "Sentimiento",
        "title.sources": "Fuentes", "title.health": "Estado de la recogida", "title.weekly": "Resumen semanal",
        # freshness
        "fresh.until": "Datos hasta", "fresh.last_ok": "última lectura correcta de un feed",
        "fresh.never": "Todavía no hay ninguna lectura correcta de un feed.",
        "fresh.stale": "Datos desactualizados: la última lectura correcta fue {age}. "
                       "Revisa la página de estado y la tarea nocturna.",
        "fresh.built": "Sitio generado el",
        "fresh.failing": "Sin datos nuevos de estas fuentes (su última lectura falló): {names}.",
        "fresh.failing_link": "Detalle en Estado",
        # KPIs
        "kpi.heading": "Esta semana frente a la anterior",
        "kpi.window": "{week}, del lunes {start} hasta ahora ({now}), frente al mismo tramo de la semana "
                      "anterior (del lunes {prev_start} al {prev_end}). Semanas ISO, de lunes a domingo, hora de {tz}.",
        "kpi.too_early": "La semana acaba de empezar: aún no se compara con la anterior.",
        "kpi.pp": "pp = puntos porcentuales: pasar de 74 % a 76 % son +2 pp.",
        "kpi.flat": "sin cambio", "kpi.good": "mejor", "kpi.bad": "peor", "kpi.neutral": "cambio",
        "kpi.explain": "qué es",
        "kpi.week_ago": "hace una semana",
        "kpi.legend": "Verde: cambio a mejor; rojo: a peor; gris: dentro del ruido (menos de un 10 % en "
                      "menciones, 5 pp en sentimiento, 3 pp en tasa de respuesta, 15 % en tiempos y colas).",
        "kpi.mentions": "Menciones", "kpi.net_sentiment": "Sentimiento neto", "kpi.response_rate": "Tasa de respuesta",
        "kpi.median": "Mediana de primera respuesta", "kpi.p90": "P90 de primera respuesta",
        "kpi.open_gaps": "Comentarios sin respuesta", "kpi.overdue": "Fuera de plazo",
        "kpi.previous": "mismo tramo de la semana anterior", "kpi.trend": "Tendencia semanal de {what}",
        "kpi.no_data": "sin datos",
        # tables
        "col.age": "Antigüedad", "col.source": "Fuente", "col.author": "Autor", "col.text": "Texto",
        "col.post": "Entrada", "col.link": "Enlace", "col.published": "Publicado", "col.sentiment": "Sentimiento",
        "col.why": "Por qué", "sent.why_neg": "{terms} la hacen negativa",
        "sent.manual": "etiqueta manual (data/overrides.csv)",
        "sent.no_terms": "ningún término del léxico (puntuado por el modelo entrenado)",
        "col.kind": "Tipo", "col.mentions": "Menciones", "col.posts": "Entradas", "col.comments": "Comentarios",
        "col.net": "Sent. neto", "col.rate": "Tasa resp.", "col.median": "Mediana resp.", "col.p90": "P90 resp.",
        "col.open": "Sin respuesta", "col.overdue": "Fuera de plazo", "col.feeds": "Feeds",
        "col.failing": "Con error", "col.last_ok": "Última lectura correcta", "col.last_attempt": "Último intento",
        "col.status": "Estado", "col.http": "HTTP", "col.error": "Error", "col.entries": "Entradas leídas",
        "col.url": "URL", "col.since_new": "Desde el último dato nuevo", "col.last_new": "Último dato nuevo",
        "col.week": "Semana",
        "col.owned": "Propia", "col.eligible": "Esperan respuesta", "col.answered": "Respondidos",
        "kind.post": "entrada", "kind.comment": "comentario", "yes": "sí", "no": "no",
        "overdue.mark": "fuera de plazo", "link.open": "abrir", "hidden.author": "(oculto)",
        "email.hidden": "[correo oculto]",
        # page texts
        "queue.heading": "Cola de comentarios sin respuesta",
        "queue.intro": "Comentarios que esperan una respuesta de la marca, del más antiguo al más reciente. "
                       "Fuera de plazo = sin respuesta tras {sla} h.",
        "queue.showing": "Mostrando {shown} de {total}.", "queue.csv": "Descargar la lista completa (CSV)",
        "queue.empty": "No hay comentarios pendientes de respuesta.",
        "resp.distribution": "Tiempo hasta la primera respuesta", "resp.by_week": "Por semana",
        "resp.by_source": "Por fuente",
        "sent.formula": "Sentimiento neto = % de textos positivos − % de textos negativos, sobre los textos "
                        "ya puntuados. Los textos aún sin puntuar ({unscored}) no cuentan.",
        "sent.by_week": "Sentimiento neto por semana", "sent.by_source": "Sentimiento neto por fuente",
        "sent.distribution": "Distribución", "sent.worst": "Lo más negativo de los últimos 30 días",
        "sent.none": "No hay textos negativos recientes.",
        "label.pos": "positivo", "label.neu": "neutro", "label.neg": "negativo", "label.none": "sin puntuar",
        "src.intro": "Una página por fuente configurada: actividad, sentimiento, respuestas y salud de sus feeds.",
        "src.activity": "Actividad", "src.recent": "Lo más reciente", "src.health": "Feeds de esta fuente",
        "src.feeds_state": "{total} feeds en la última lectura: {ok} correctos, {failing} con error.",
        "src.feeds_details": "Cada feed, con su último intento, en la página Estado",
        "src.all": "Todas las fuentes", "src.back": "Volver a Fuentes",
        "health.intro": "Cada URL de feed pedida: último intento, última lectura correcta, respuesta HTTP, "
                        "error y cuánto hace que llegó algo nuevo. Primero las que fallan.",
        "health.showing": "Mostrando {shown} de {total} feeds.", "health.csv": "Descargar todos los feeds (CSV)",
        "health.none": "Todavía no se ha pedido ningún feed.",
        "health.threads_title": "Hilos posiblemente incompletos.",
        "health.threads_intro": "La API REST de estos blogs WordPress no responde, así que sus comentarios se leen de "
                                "los feeds, que solo tienen los 10 más recientes de cada entrada: sus tiempos y tasas "
                                "de respuesta pueden estar hechos sobre hilos cortados. Motivo (tal como lo dio el "
                                "blog):",
        "weekly.intro": "Los resúmenes semanales aparecerán aquí.",
        "empty": "Sin datos todavía.",
        # charts
        "chart.week": "Semana", "chart.mentions": "Menciones", "chart.net": "Sentimiento neto (pp)",
        "chart.rate": "Tasa de respuesta", "chart.hours": "Horas", "chart.replies": "Respuestas",
        "chart.texts": "Textos", "chart.source": "Fuente", "chart.delay": "Tiempo de respuesta",
        "chart.label": "Etiqueta", "chart.kind": "Tipo",
        "chart.mentions_week": "Menciones por semana", "chart.rate_week": "Tasa de respuesta por semana",
        "chart.median_week": "Mediana de primera respuesta por semana (horas)",
        "chart.rate_source": "Tasa de respuesta por fuente", "chart.mix": "Textos por etiqueta de sentimiento",
        "chart.alt_series": "{title}: {n} semanas, última {last} = {value}.",
        "chart.alt_bars": "{title}: {items}.",
        "bin.0": "< 1 h", "bin.1": "1–4 h", "bin.2": "4–8 h", "bin.3": "8–24 h", "bin.4": "1–2 d",
        "bin.5": "2–7 d", "bin.6": "> 7 d",
        "status.ok": "correcto", "status.not_modified": "sin cambios (304)", "status.error": "error",
        "status.refused": "rechazado", "status.gone": "desaparecido (410)",
        "kind_feed.posts": "entradas", "kind_feed.comments": "comentarios", "kind_feed.refused": "enlace rechazado",
    },
    "en": {
        "nav.overview": "Overview", "nav.responses": "Response gaps", "nav.sentiment": "Sentiment",
        "nav.sources": "Sources", "nav.weekly": "Weekly", "nav.health": "Collection health",
        "nav.method": "Method",
        "title.overview": "Overview", "title.responses": "Response gaps", "title.sentiment": "Sentiment",
        "title.sources": "Sources", "title.health": "Collection health", "title.weekly": "Weekly summary",
        "fresh.until": "Data up to", "fresh.last_ok": "last successful feed read",
        "fresh.never": "No feed has been read successfully yet.",
        "fresh.stale": "Stale data: the last successful read was {age}. "
                       "Check the collection health page and the nightly job.",
        "fresh.built": "Site built on",
        "fresh.failing": "No new data from these sources (their last read failed): {names}.",
        "fresh.failing_link": "Details on the collection health page",
        "kpi.heading": "This week vs last week",
        "kpi.window": "{week}, from Monday {start} until now ({now}), against the same part of the week "
                      "before (Monday {prev_start} to {prev_end}). ISO weeks, Monday to Sunday, {tz} time.",
        "kpi.too_early": "The week has just begun: no comparison with the last one yet.",
        "kpi.pp": "pp = percentage points: going from 74% to 76% is +2 pp.",
        "kpi.flat": "no change", "kpi.good": "better", "kpi.bad": "worse", "kpi.neutral": "change",
        "kpi.explain": "what is this",
        "kpi.week_ago": "a week ago",
        "kpi.legend": "Green: a change for the better; red: for the worse; grey: within noise (under 10% for "
                      "mentions, 5 pp for sentiment, 3 pp for response rate, 15% for times and queues).",
        "kpi.mentions": "Mentions", "kpi.net_sentiment": "Net sentiment", "kpi.response_rate": "Response rate",
        "kpi.median": "Median first reply", "kpi.p90": "P90 first reply",
        "kpi.open_gaps": "Open gaps", "kpi.overdue": "Overdue",
        "kpi.previous": "same part of last week", "kpi.trend": "Weekly trend of {what}",
        "kpi.no_data": "no data",
        "col.age": "Age", "col.source": "Source", "col.author": "Author", "col.text": "Text",
        "col.post": "Post", "col.link": "Link", "col.published": "Published", "col.sentiment": "Sentiment",
        "col.why": "Why", "sent.why_neg": "{terms} make it negative",
        "sent.manual": "labelled by hand (data/overrides.csv)",
        "sent.no_terms": "no lexicon term (scored by the trained model)",
        "col.kind": "Kind", "col.mentions": "Mentions", "col.posts": "Posts", "col.comments": "Comments",
        "col.net": "Net sent.", "col.rate": "Resp. rate", "col.median": "Median reply", "col.p90": "P90 reply",
        "col.open": "Open", "col.overdue": "Overdue", "col.feeds": "Feeds",
        "col.failing": "Failing", "col.last_ok": "Last success", "col.last_attempt": "Last attempt",
        "col.status": "Status", "col.http": "HTTP", "col.error": "Error", "col.entries": "Entries read",
        "col.url": "URL", "col.since_new": "Since new data", "col.last_new": "Latest new item", "col.week": "Week",
        "col.owned": "Owned", "col.eligible": "Expect a reply", "col.answered": "Answered",
        "kind.post": "post", "kind.comment": "comment", "yes": "yes", "no": "no",
        "overdue.mark": "overdue", "link.open": "open", "hidden.author": "(hidden)",
        "email.hidden": "[e-mail hidden]",
        "queue.heading": "Comments waiting for a reply",
        "queue.intro": "Comments that expect a brand reply, oldest first. Overdue = unanswered after {sla} h.",
        "queue.showing": "Showing {shown} of {total}.", "queue.csv": "Download the full list (CSV)",
        "queue.empty": "No comment is waiting for a reply.",
        "resp.distribution": "Time to first reply", "resp.by_week": "By week", "resp.by_source": "By source",
        "sent.formula": "Net sentiment = % positive texts − % negative texts, over the texts already scored. "
                        "Texts not scored yet ({unscored}) are left out.",
        "sent.by_week": "Net sentiment by week", "sent.by_source": "Net sentiment by source",
        "sent.distribution": "Distribution", "sent.worst": "Most negative in the last 30 days",
        "sent.none": "No recent negative texts.",
        "label.pos": "positive", "label.neu": "neutral", "label.neg": "negative", "label.none": "not scored",
        "src.intro": "One page per configured source: activity, sentiment, responses and feed health.",
        "src.activity": "Activity", "src.recent": "Most recent", "src.health": "Feeds of this source",
        "src.feeds_state": "{total} feeds on their latest read: {ok} fine, {failing} failing.",
        "src.feeds_details": "Every feed, with its latest attempt, on the Collection health page",
        "src.all": "All sources", "src.back": "Back to Sources",
        "health.intro": "Every feed URL requested: last attempt, last success, HTTP status, error and how "
                        "long since new data arrived. Failing feeds first.",
        "health.showing": "Showing {shown} of {total} feeds.", "health.csv": "Download all feeds (CSV)",
        "health.none": "No feed has been requested yet.",
        "health.threads_title": "Threads possibly incomplete.",
        "health.threads_intro": "These WordPress blogs' REST API does not answer, so their comments are read from "
                                "the feeds, which hold only each post's newest 10: their response times and rates "
                                "may rest on cut threads. Reason (as the blog gave it):",
        "weekly.intro": "Weekly summaries will appear here.",
        "empty": "No data yet.",
        "chart.week": "Week", "chart.mentions": "Mentions", "chart.net": "Net sentiment (pp)",
        "chart.rate": "Response rate", "chart.hours": "Hours", "chart.replies": "Replies",
        "chart.texts": "Texts", "chart.source": "Source", "chart.delay": "Time to reply",
        "chart.label": "Label", "chart.kind": "Kind",
        "chart.mentions_week": "Mentions per week", "chart.rate_week": "Response rate per week",
        "chart.median_week": "Median first reply per week (hours)",
        "chart.rate_source": "Response rate by source", "chart.mix": "Texts by sentiment label",
        "chart.alt_series": "{title}: {n} weeks, latest {last} = {value}.",
        "chart.alt_bars": "{title}: {items}.",
        "bin.0": "< 1 h", "bin.1": "1–4 h", "bin.2": "4–8 h", "bin.3": "8–24 h", "bin.4": "1–2 d",
        "bin.5": "2–7 d", "bin.6": "> 7 d",
        "status.ok": "ok", "status.not_modified": "not modified (304)", "status.error": "error",
        "status.refused": "refused", "status.gone": "gone (410)",
        "kind_feed.posts": "posts", "kind_feed.comments": "comments", "kind_feed.refused": "refused link",
    },
}


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value) in ("NaT", "<NA>")


@dataclass(frozen=True)
class Locale:
    """Labels and formatters bound to one language and time zone; templates get it as `L`."""

    lang: str
    tz: ZoneInfo

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise ValueError(f"unsupported site language {self.lang!r}; use one of {LANGUAGES}")

    def t(self, key: str, **values: object) -> str:
        text = LABELS[self.lang][key]
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        return key in LABELS[self.lang]

    def plural(self, key: str, count: object, **values: object) -> str:
        """`key.one` or `key.other` as the language's plural rule (Babel, CLDR) picks for `count`, with `{n}`
        the count formatted: "1 comentario negativo", "3 comentarios negativos", "1,5 horas"."""
        from babel import Locale as BabelLocale

        number = float(count)  # type: ignore[arg-type]
        form = BabelLocale.parse(self.lang).plural_form(int(number) if number.is_integer() else number)
        name = f"{key}.{form}" if self.has(f"{key}.{form}") else f"{key}.other"
        return self.t(name, n=self.number(count, 0 if number.is_integer() else 1), **values)

    def number(self, value: object, decimals: int = 0) -> str:
        """`1.234,5` (es) or `1,234.5` (en); a dash for missing values."""
        if _missing(value):
            return "–"
        text = f"{float(value):,.{decimals}f}"  # type: ignore[arg-type]
        if self.lang == "es":
            text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
        return text.replace("-", "−")

    def percent(self, ratio: object, decimals: int = 0) -> str:
        """A 0..1 ratio as a percentage; Spanish puts a space before % (RAE)."""
        if _missing(ratio):
            return "–"
        text = self.number(float(ratio) * 100, decimals)  # type: ignore[arg-type]
        return f"{text} %" if self.lang == "es" else f"{text}%"

    def points(self, value: object) -> str:
        """Net sentiment in percentage points, always signed."""
        if _missing(value):
            return "–"
        number = float(value)  # type: ignore[arg-type]
        sign = "+" if number > 0 else ("−" if number < 0 else "±")
        return f"{sign}{self.number(abs(number), 0)} pp"

    def hours(self, value: object) -> str:
        """Durations as people say them: `45 min`, `5,3 h` under two days, then `3 días`, `2 semanas` (Babel)."""
        if _missing(value):
            return "–"
        hours = float(value)  # type: ignore[arg-type]
        if hours < 1:
            return f"{self.number(hours * 60)} min"
        if hours < 48:
            return f"{self.number(hours, 1)} h"
        return format_timedelta(timedelta(hours=hours), locale=self.lang)

    def change(self, current: object, previous: object, *, kind: str = "number") -> float | None:
        """The change `delta` shows, as the number it prints (rounded as shown): % for counts, pp for rates
        and sentiment, hours for durations. None when there is nothing to compare."""
        if _missing(current) or _missing(previous):
            return None
        cur, prev = float(current), float(previous)  # type: ignore[arg-type]
        if kind == "rate":
            return round((cur - prev) * 100)
        if kind == "points":
            return round(cur - prev)
        if kind == "hours":
            return round(cur - prev, 1)
        if prev == 0:
            return None
        return round((cur - prev) / prev * 100)

    def delta(self, current: object, previous: object, *, kind: str = "number") -> str:
        """Week-over-week change: relative for counts, absolute points for rates and sentiment; a change that
        rounds to nothing reads "sin cambio" (never "−0")."""
        diff = self.change(current, previous, kind=kind)
        if diff is None:
            return ""
        if diff == 0:
            return self.t("kpi.flat")
        sign = "+" if diff > 0 else "−"
        if kind == "hours":
            return f"{sign}{self.hours(abs(diff))}"
        if kind in ("rate", "points"):
            return f"{sign}{self.number(abs(diff))} pp"
        return f"{sign}{self.number(abs(diff))} %" if self.lang == "es" else f"{sign}{self.number(abs(diff))}%"

    def local(self, value: datetime) -> datetime:
        return value.astimezone(self.tz)

    def when(self, value: object) -> str:
        """`25 nov 2026, 14:30` (es) or `25 Nov 2026, 14:30` (en), in the brand's time zone."""
        if _missing(value):
            return "–"
        moment = self.local(value)  # type: ignore[arg-type]
        return f"{moment.day} {_MONTHS[self.lang][moment.month - 1]} {moment.year}, {moment:%H:%M}"

    def day(self, value: object) -> str:
        if _missing(value):
            return "–"
        day = value.date() if isinstance(value, datetime) else value
        assert isinstance(day, date)
        return f"{day.day} {_MONTHS[self.lang][day.month - 1]} {day.year}"

    def week(self, week_start: object) -> str:
        """`semana 47 (2026)` / `week 47 (2026)` for the ISO week starting on that Monday."""
        if _missing(week_start):
            return "–"
        day = week_start.date() if isinstance(week_start, datetime) else week_start
        assert isinstance(day, date)
        year, number, _ = day.isocalendar()
        word = "semana" if self.lang == "es" else "week"
        return f"{word} {number} ({year})"

    def age(self, now: datetime, then: object) -> str:
        """How long ago, in words: "hace 12 meses", "hace 5 horas" (Babel, the site language)."""
        if _missing(then):
            return "–"
        return format_timedelta(then - now, locale=self.lang, add_direction=True)  # type: ignore[operator]

    def words(self, items: list[str]) -> str:
        """`«a», «b» y «c»` / `a, b and c`: a list in the site language (Babel)."""
        from babel.lists import format_list

        return format_list(items, locale=self.lang) if items else ""


#: d3 number/time locales for Vega (axes, tooltips); the same objects go to vl-convert and vega-embed.
VEGA_LOCALES: dict[str, dict[str, object]] = {
    "es": {
        "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " €"]},
        "time": {
            "dateTime": "%A, %e de %B de %Y, %X", "date": "%d/%m/%Y", "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
            "shortDays": ["dom", "lun", "mar", "mié", "jue", "vie", "sáb"],
            "months": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                       "septiembre", "octubre", "noviembre", "diciembre"],
            "shortMonths": list(_MONTHS["es"]),
        },
    },
    "en": {
        "number": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["$", ""]},
        "time": {
            "dateTime": "%x, %X", "date": "%-m/%-d/%Y", "time": "%-I:%M:%S %p", "periods": ["AM", "PM"],
            "days": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
            "shortDays": ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
            "months": ["January", "February", "March", "April", "May", "June", "July", "August",
                       "September", "October", "November", "December"],
            "shortMonths": list(_MONTHS["en"]),
        },
    },
}


def _merge_section_labels() -> None:
    """The weekly summary keeps its labels in its own module; one `L.t` serves both."""
    from scripts.pages.competitors_labels import COMPETITORS_LABELS
    from scripts.pages.queue_labels import QUEUE_LABELS
    from scripts.pages.site_labels import SITE_LABELS
    from scripts.themes.labels import THEMES_LABELS
    from scripts.weekly.i18n import WEEKLY_LABELS

    for section in (WEEKLY_LABELS, QUEUE_LABELS, SITE_LABELS, THEMES_LABELS, COMPETITORS_LABELS):
        for lang, labels in section.items():
            LABELS[lang].update(labels)


_merge_section_labels()
