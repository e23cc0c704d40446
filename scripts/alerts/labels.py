"""The words of an alert message (es, en). Alerts are not site pages, so these stay here instead of the site's
LABELS; numbers and times are formatted by scripts.i18n.Locale before they fill the placeholders."""

from __future__ import annotations

ALERT_LABELS: dict[str, dict[str, str]] = {
    "es": {
        "subject": "Pulso · {brand} · {summary}",
        "count.one": "1 alerta", "count.many": "{n} alertas",
        "intro": "Alertas de Pulso para {brand}, {now} ({tz}).",
        "kind.spike_mentions": "Pico de menciones", "kind.spike_negative": "Pico de textos negativos",
        "kind.overdue": "Comentarios fuera de plazo", "kind.stopped_answering": "Una fuente propia dejó de responder",
        "spike.today": "{what} hoy: {count} hasta las {time}; lo habitual a esa hora es {usual} "
                       "(mediana de {days} días; alerta por encima de {threshold}).",
        "spike.day": "{what} el {day}: {count} en todo el día; lo habitual es {usual} "
                     "(mediana de {days} días; alerta por encima de {threshold}).",
        "spike.ratio": "{ratio} veces lo habitual.",
        "what.spike_mentions": "Menciones", "what.spike_negative": "Textos negativos",
        "overdue.head": "{n} comentarios en {source} llevan más de {sla} sin respuesta.",
        "overdue.head_one": "1 comentario en {source} lleva más de {sla} sin respuesta.",
        "overdue.item": "vencía el {due}",
        "stopped.head": "{source} no responde desde el {last} ({ago}); {waiting} comentarios esperan respuesta, "
                        "el más antiguo {oldest}. Antes respondía: {answered} respuestas en los {days} días previos.",
        "examples": "Ejemplos", "themes": "De qué se habla", "open": "abrir",
        "themes.words": "palabras más repetidas (sin análisis de temas)",
        "site": "Ver en el sitio", "queue": "Cola de respuestas",
        "footer": "Cada alerta se envía una vez; no se repite en {hours} h.",
    },
    "en": {
        "subject": "Pulso · {brand} · {summary}",
        "count.one": "1 alert", "count.many": "{n} alerts",
        "intro": "Pulso alerts for {brand}, {now} ({tz}).",
        "kind.spike_mentions": "Mentions spike", "kind.spike_negative": "Negative texts spike",
        "kind.overdue": "Overdue comments", "kind.stopped_answering": "An owned source stopped answering",
        "spike.today": "{what} today: {count} by {time}; usual by that time is {usual} "
                       "(median of {days} days; alerts above {threshold}).",
        "spike.day": "{what} on {day}: {count} in the whole day; usual is {usual} "
                     "(median of {days} days; alerts above {threshold}).",
        "spike.ratio": "{ratio} times the usual level.",
        "what.spike_mentions": "Mentions", "what.spike_negative": "Negative texts",
        "overdue.head": "{n} comments on {source} have waited more than {sla} for a reply.",
        "overdue.head_one": "1 comment on {source} has waited more than {sla} for a reply.",
        "overdue.item": "due {due}",
        "stopped.head": "{source} has not answered since {last} ({ago}); {waiting} comments are waiting, the "
                        "oldest {oldest}. It used to answer: {answered} replies in the {days} days before.",
        "examples": "Examples", "themes": "What it is about", "open": "open",
        "themes.words": "most repeated words (no theme analysis)",
        "site": "See it on the site", "queue": "Response queue",
        "footer": "Each alert is sent once and not repeated within {hours} h.",
    },
}


def label(lang: str, key: str, **values: object) -> str:
    """The label in `lang` (es or en), placeholders filled."""
    text = ALERT_LABELS[lang][key]
    return text.format(**values) if values else text
