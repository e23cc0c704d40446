"""Labels of the weekly summary (site pages, chat Markdown, e-mail, Atom feed), merged into `i18n.LABELS`.

Kept apart from the site's labels so the two sections can grow without one file passing ~400 lines.
Placeholders are filled with values already formatted for the language (`1.234`, `−12 pp`, `24 h`).
"""

from __future__ import annotations

WEEKLY_LABELS: dict[str, dict[str, str]] = {
    "es": {
        "weekly.title": "Resumen semanal · {week}",
        "weekly.subject": "Pulso · {brand} · {week}: {verdict}",
        "weekly.range": "Del {start} al {end} ({tz})",
        "weekly.partial": "Semana en curso: datos hasta {until}. Las cifras cambiarán hasta que acabe la semana.",
        "weekly.nodata": "No hay datos de esta semana: no se publicó nada en alcance ni hubo comentarios que "
                         "esperasen respuesta (o la recogida no funcionó; mira la página de estado). "
                         "Por eso no se muestran cifras.",
        "weekly.numbers": "Cifras clave",
        "weekly.escalations": "Escalados",
        "weekly.no_escalations": "Nada que escalar esta semana.",
        "weekly.examples": "Ejemplos",
        "weekly.no_examples": "No hay ejemplos que mostrar esta semana.",
        "weekly.trend": "Últimas 12 semanas",
        "weekly.this_week": "esta semana", "weekly.prev": "semana anterior", "weekly.change": "cambio",
        "weekly.avg4": "media 4 semanas",
        "weekly.median_line": "mediana de primera respuesta {value} ({prev} {previous}; media 4 semanas {avg})",
        "weekly.pick.overdue": "Sin respuesta fuera de plazo", "weekly.pick.neg": "Más negativo",
        "weekly.pick.pos": "Positivo",
        "weekly.waiting": "espera desde hace {age}",
        "weekly.index_intro": "Un resumen por semana ISO ({tz}), el más reciente primero. "
                              "Las reglas del veredicto y de los escalados están en «Cómo se calcula».",
        "weekly.feed": "Suscribirse (Atom)",
        "weekly.partial_mark": "en curso", "weekly.nodata_mark": "sin datos",
        "weekly.chart_title": "Menciones y textos negativos por semana",
        "weekly.series_mentions": "Menciones", "weekly.series_negative": "Textos negativos",
        "weekly.chart_alt": "Menciones (barras) y textos negativos (línea) en las {n} semanas hasta {week}: "
                            "entre {low} y {high} menciones por semana, el máximo en {top}.",
        "weekly.chart_alt_empty": "Sin menciones en las 12 semanas hasta {week}.",
        "weekly.footer": "Generado por Pulso el {now}. Definiciones: página «Cómo se calcula» del sitio.",
        "weekly.footer_site": "Definiciones: página «Cómo se calcula».",
        "weekly.feed_title": "Pulso · {brand} · resúmenes semanales",
        "verdict.nodata": "Sin datos esta semana",
        "verdict.future": "Semana todavía sin empezar",
        "verdict.both_worse": "Respuesta y sentimiento peores que la semana pasada",
        "verdict.response_worse": "Respuesta peor que la semana pasada",
        "verdict.sentiment_worse": "Sentimiento peor que la semana pasada",
        "verdict.attention": "Requiere atención",
        "verdict.both_better": "Respuesta y sentimiento mejores que la semana pasada",
        "verdict.response_better": "Respuesta mejor que la semana pasada",
        "verdict.sentiment_better": "Sentimiento mejor que la semana pasada",
        "verdict.stable": "Semana estable",
        "verdict.level.better": "mejor", "verdict.level.stable": "estable", "verdict.level.worse": "peor",
        "verdict.level.alert": "requiere atención",
        "reason.overdue_negative.one": "{n} comentario negativo en una fuente propia sin respuesta desde hace más "
                                       "de {sla}",
        "reason.overdue_negative.other": "{n} comentarios negativos en fuentes propias sin respuesta desde hace "
                                         "más de {sla}",
        "reason.negative_spike": "pico de textos negativos: {n}, al menos el doble de la media de 4 semanas ({avg})",
        "reason.rate": "tasa de respuesta {value} ({diff})",
        "reason.median": "mediana de primera respuesta {value} (antes {previous})",
        "reason.net": "sentimiento neto {value} ({diff})",
        "reason.numbers": "{mentions} menciones, sentimiento neto {net}, tasa de respuesta {rate}",
        "esc.overdue_negative.one": "{n} comentario negativo en una fuente propia lleva más de {sla} sin "
                                    "respuesta. Necesita un responsable hoy.",
        "esc.overdue_negative.other": "{n} comentarios negativos en fuentes propias llevan más de {sla} sin "
                                      "respuesta (los más antiguos, abajo). Necesitan un responsable hoy.",
        "esc.negative_spike.one": "Pico de textos negativos: {n} esta semana frente a una media de {avg} en las 4 "
                                  "anteriores (umbral: el doble, al menos {min} y más que la variación habitual).",
        "esc.negative_spike.other": "Pico de textos negativos: {n} esta semana frente a una media de {avg} en las "
                                    "4 anteriores (umbral: el doble, al menos {min} y más que la variación habitual).",
        "weekly.empty_run.one": "{n} semana sin datos: {first}",
        "weekly.empty_run.other": "{n} semanas sin datos: {first} – {last}",
        "weekly.links": "En el sitio",
        "weekly.link_week": "esta semana en el sitio", "weekly.link_queue": "comentarios que esperan respuesta",
        "weekly.prev_part": "mismo tramo de la semana anterior",
    },
    "en": {
        "weekly.title": "Weekly summary · {week}",
        "weekly.subject": "Pulso · {brand} · {week}: {verdict}",
        "weekly.range": "{start} to {end} ({tz})",
        "weekly.partial": "Week in progress: data up to {until}. The numbers will change until the week ends.",
        "weekly.nodata": "No data for this week: nothing in scope was published and no comment expected a reply "
                         "(or collection failed; check the collection health page). So no numbers are shown.",
        "weekly.numbers": "Key numbers",
        "weekly.escalations": "Escalations",
        "weekly.no_escalations": "Nothing to escalate this week.",
        "weekly.examples": "Examples",
        "weekly.no_examples": "No examples to show this week.",
        "weekly.trend": "Last 12 weeks",
        "weekly.this_week": "this week", "weekly.prev": "previous week", "weekly.change": "change",
        "weekly.avg4": "4-week average",
        "weekly.median_line": "median first reply {value} ({prev} {previous}; 4-week {avg})",
        "weekly.pick.overdue": "Overdue, unanswered", "weekly.pick.neg": "Most negative",
        "weekly.pick.pos": "Positive",
        "weekly.waiting": "waiting for {age}",
        "weekly.index_intro": "One summary per ISO week ({tz}), newest first. The verdict and escalation "
                              "rules are on the Method page.",
        "weekly.feed": "Subscribe (Atom)",
        "weekly.partial_mark": "in progress", "weekly.nodata_mark": "no data",
        "weekly.chart_title": "Mentions and negative texts per week",
        "weekly.series_mentions": "Mentions", "weekly.series_negative": "Negative texts",
        "weekly.chart_alt": "Mentions (bars) and negative texts (line) in the {n} weeks up to {week}: "
                            "between {low} and {high} mentions a week, the most in {top}.",
        "weekly.chart_alt_empty": "No mentions in the 12 weeks up to {week}.",
        "weekly.footer": "Generated by Pulso on {now}. Definitions: the site's Method page.",
        "weekly.footer_site": "Definitions: the Method page.",
        "weekly.feed_title": "Pulso · {brand} · weekly summaries",
        "verdict.nodata": "No data this week",
        "verdict.future": "Week not started yet",
        "verdict.both_worse": "Response and sentiment worse than last week",
        "verdict.response_worse": "Response worse than last week",
        "verdict.sentiment_worse": "Sentiment worse than last week",
        "verdict.attention": "Needs attention",
        "verdict.both_better": "Response and sentiment better than last week",
        "verdict.response_better": "Response better than last week",
        "verdict.sentiment_better": "Sentiment better than last week",
        "verdict.stable": "Stable week",
        "verdict.level.better": "better", "verdict.level.stable": "stable", "verdict.level.worse": "worse",
        "verdict.level.alert": "needs attention",
        "reason.overdue_negative.one": "{n} negative comment on an owned source unanswered for more than {sla}",
        "reason.overdue_negative.other": "{n} negative comments on owned sources unanswered for more than {sla}",
        "reason.negative_spike": "spike of negative texts: {n}, at least twice the 4-week average ({avg})",
        "reason.rate": "response rate {value} ({diff})",
        "reason.median": "median first reply {value} (was {previous})",
        "reason.net": "net sentiment {value} ({diff})",
        "reason.numbers": "{mentions} mentions, net sentiment {net}, response rate {rate}",
        "esc.overdue_negative.one": "{n} negative comment on an owned source has waited more than {sla} for a "
                                    "reply. It needs an owner today.",
        "esc.overdue_negative.other": "{n} negative comments on owned sources have waited more than {sla} for a "
                                      "reply (oldest below). They need an owner today.",
        "esc.negative_spike.one": "Spike of negative texts: {n} this week against an average of {avg} over the 4 "
                                  "before (threshold: twice that, at least {min} and beyond the usual variation).",
        "esc.negative_spike.other": "Spike of negative texts: {n} this week against an average of {avg} over the "
                                    "4 before (threshold: twice that, at least {min} and beyond the usual variation).",
        "weekly.empty_run.one": "{n} week without data: {first}",
        "weekly.empty_run.other": "{n} weeks without data: {first} – {last}",
        "weekly.links": "On the site",
        "weekly.link_week": "this week on the site", "weekly.link_queue": "comments waiting for a reply",
        "weekly.prev_part": "same part of the previous week",
    },
}
