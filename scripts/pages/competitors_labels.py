"""The Competencia page's and the weekly "cuota de voz" line's labels (es, en), merged into `scripts.i18n.LABELS`.

Placeholders are filled with values already formatted for the language (`52 %`, `+4 pp`, `3,5 h`).
"""

from __future__ import annotations

COMPETITORS_LABELS: dict[str, dict[str, str]] = {
    "es": {
        "nav.competitors": "Competencia", "title.competitors": "Competencia",
        "comp.intro": "Cómo se compara {brand} con sus competidores en las últimas {weeks} semanas ISO ({tz}). "
                      "Una **mención** de una marca es un texto (entrada o comentario) que nombra uno de sus alias "
                      "— la misma regla para todas las marcas: palabras completas, sin distinguir mayúsculas ni "
                      "acentos —, sin contar las respuestas de la propia marca. Un texto que nombra dos marcas "
                      "cuenta para las dos.",
        "comp.none": "No hay competidores configurados. Para comparar {brand} con otras marcas, añade a "
                     "monitor.toml un bloque `[[competitors]]` por marca; si un competidor tiene blog propio, "
                     "añádelo como fuente con `owner` para medir también cómo responde en él:",
        "comp.none_after": "Tras el siguiente `pulso collect`, los textos ya guardados se revisan con los alias "
                           "nuevos: no hace falta volver a descargar nada.",
        "comp.voice": "Cuota de voz por semana",
        "comp.voice_intro": "La **cuota de voz** de una marca es su número de menciones dividido entre las "
                            "menciones de todas las marcas de la semana. Las barras muestran el volumen.",
        "comp.voice_chart": "Menciones por marca y semana",
        "comp.voice_alt": "Menciones por marca durante {n} semanas hasta {last}; cuota de voz de esa semana: "
                          "{items}.",
        "comp.col.brand": "Marca", "comp.col.mentions": "Menciones", "comp.col.share": "Cuota de voz",
        "comp.col.this": "{week}", "comp.col.scored": "Valorados", "comp.col.pos": "Positivos",
        "comp.col.neg": "Negativos", "comp.col.net": "Sentimiento neto", "comp.col.blogs": "Blogs propios",
        "comp.col.needs": "Necesitan respuesta", "comp.col.answered": "Respondidos",
        "comp.col.rate": "Tasa de respuesta", "comp.col.eligible_rate": "Tasa sobre todos",
        "comp.col.median": "Mediana", "comp.col.p90": "p90",
        "comp.period": "Últimas {n} semanas",
        "comp.in_progress": "{week} (en curso)",
        "comp.sentiment": "Sentimiento por marca",
        "comp.sentiment_intro": "Sentimiento neto = % de menciones positivas − % de negativas, sobre las menciones "
                                "ya valoradas, en las últimas {weeks} semanas. Con pocas menciones la cifra "
                                "cambia mucho de una semana a otra: mira el volumen al lado.",
        "comp.sentiment_chart": "Sentimiento neto por marca (pp)",
        "comp.replies": "Respuestas en sus propios blogs",
        "comp.replies_intro": "Cada marca en los blogs que lleva ella misma: los propios de {brand} (`owned`) y los "
                              "de cada competidor (`owner`). En el blog de un competidor, una respuesta de la marca "
                              "es un comentario de sus `responders`. Se cuentan los comentarios publicados en las "
                              "últimas {weeks} semanas; tasa = respondidos ÷ necesitan respuesta; tiempos de "
                              "primera respuesta en horas de reloj. Los comentarios del blog de un competidor no "
                              "entran nunca en la cola de {brand} ni en sus cifras.",
        "comp.replies_none": "Ningún competidor tiene blog propio configurado. Añade `owner = \"Nombre\"` a la fuente "
                             "`[[sources]]` de su blog para comparar tiempos de respuesta.",
        "comp.ours_note": "La fila de {brand} cuenta solo sus blogs propios; su tasa sobre todo lo que la menciona "
                          "está en «Respuestas».",
        "comp.no_mentions": "Ninguna marca tiene menciones en este periodo.",
        "weekly.voice": "Cuota de voz: {items}.",
        "weekly.voice_item": "{brand} {share} ({change})",
        "weekly.voice_none": "Cuota de voz: ninguna marca mencionada esta semana.",
    },
    "en": {
        "nav.competitors": "Competitors", "title.competitors": "Competitors",
        "comp.intro": "How {brand} compares with its competitors over the last {weeks} ISO weeks ({tz}). A "
                      "**mention** of a brand is a text (post or comment) that names one of its aliases — the same "
                      "rule for every brand: whole words, case- and accent-insensitive — not counting the brand's "
                      "own replies. A text naming two brands counts for both.",
        "comp.none": "No competitors are configured. To compare {brand} with other brands, add one "
                     "`[[competitors]]` table per brand to monitor.toml; when a competitor runs its own blog, add "
                     "it as a source with `owner` to measure how it answers there too:",
        "comp.none_after": "On the next `pulso collect` the stored texts are checked against the new aliases: "
                           "nothing has to be downloaded again.",
        "comp.voice": "Share of voice by week",
        "comp.voice_intro": "A brand's **share of voice** is its mentions divided by all the brands' mentions that "
                            "week. The bars show the volume.",
        "comp.voice_chart": "Mentions by brand and week",
        "comp.voice_alt": "Mentions by brand over {n} weeks up to {last}; share of voice that week: {items}.",
        "comp.col.brand": "Brand", "comp.col.mentions": "Mentions", "comp.col.share": "Share of voice",
        "comp.col.this": "{week}", "comp.col.scored": "Scored", "comp.col.pos": "Positive",
        "comp.col.neg": "Negative", "comp.col.net": "Net sentiment", "comp.col.blogs": "Own blogs",
        "comp.col.needs": "Need a reply", "comp.col.answered": "Answered",
        "comp.col.rate": "Response rate", "comp.col.eligible_rate": "Rate over all",
        "comp.col.median": "Median", "comp.col.p90": "p90",
        "comp.period": "Last {n} weeks",
        "comp.in_progress": "{week} (in progress)",
        "comp.sentiment": "Sentiment by brand",
        "comp.sentiment_intro": "Net sentiment = % positive − % negative mentions, over the mentions already scored, "
                                "in the last {weeks} weeks. With few mentions it swings from week to week: read "
                                "the volume beside it.",
        "comp.sentiment_chart": "Net sentiment by brand (pp)",
        "comp.replies": "Replies on their own blogs",
        "comp.replies_intro": "Each brand on the blogs it runs itself: {brand}'s own (`owned`) and each competitor's "
                              "(`owner`). On a competitor's blog a brand reply is a comment by its `responders`. "
                              "Comments published in the last {weeks} weeks; rate = answered ÷ need a reply; "
                              "first-reply times in clock hours. A competitor's comments never enter {brand}'s "
                              "queue or numbers.",
        "comp.replies_none": "No competitor has its own blog configured. Add `owner = \"Name\"` to the "
                             "`[[sources]]` entry of its blog to compare response times.",
        "comp.ours_note": "{brand}'s row counts its own blogs only; its rate over everything that mentions it is "
                          "on «Response gaps».",
        "comp.no_mentions": "No brand has mentions in this period.",
        "weekly.voice": "Share of voice: {items}.",
        "weekly.voice_item": "{brand} {share} ({change})",
        "weekly.voice_none": "Share of voice: no brand mentioned this week.",
    },
}
