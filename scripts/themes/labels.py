"""The Themes page's and the weekly topic lines' labels (es, en), merged into `scripts.i18n.LABELS`."""

from __future__ import annotations

THEMES_LABELS: dict[str, dict[str, str]] = {
    "es": {
        "nav.themes": "Temas", "title.themes": "Temas",
        "themes.intro": "De qué se habla y de qué se quejan: los temas que configuraste en monitor.toml "
                        "(`[[themes]]`) y los términos que más suben esta semana. Se cuentan los textos en "
                        "alcance (menciones y todo lo publicado en las fuentes propias), sin las respuestas de "
                        "la marca, por semana ISO ({tz}).",
        "themes.configured": "Temas configurados por semana",
        "themes.configured_intro": "Un texto trata de un tema si contiene alguna de sus palabras o frases como "
                                   "palabras completas, sin distinguir mayúsculas ni acentos (la misma regla que "
                                   "las menciones). Un texto puede tratar de varios temas.",
        "themes.none": "No hay temas configurados. Añade a monitor.toml, por ejemplo:",
        "themes.chart": "Textos por tema y semana",
        "themes.chart_alt": "Textos por tema durante {n} semanas hasta {last}: {items}.",
        "themes.col.theme": "Tema", "themes.col.words": "Palabras y frases", "themes.col.this": "Esta semana",
        "themes.col.prev": "Semana anterior", "themes.col.total": "Últimas {n} semanas",
        "themes.col.neg_share": "Negativos", "themes.col.week": "Semana",
        "themes.cell": "{n} · {neg} neg.",
        "themes.by_week": "Semana a semana",
        "themes.by_week_intro": "Textos de cada tema y, entre paréntesis, qué parte de los puntuados es negativa.",
        "themes.rising": "Términos en alza en la {week}",
        "themes.rising_intro": "Palabras y frases de dos palabras cuya proporción de textos más ha subido frente "
                               "a las {weeks} semanas anteriores (en ellas, {base}; {base_neg}).",
        "themes.n_texts.one": "{n} texto", "themes.n_texts.other": "{n} textos",
        "themes.n_neg.one": "{n} negativo", "themes.n_neg.other": "{n} negativos",
        "themes.rising_all": "En todos los textos", "themes.rising_neg": "En los textos negativos",
        "themes.rising_none": "Ningún término aparece en al menos {min} textos con una proporción mayor que antes.",
        "themes.col.term": "Término", "themes.col.count": "Textos", "themes.col.share": "Proporción",
        "themes.col.examples": "Ejemplos",
        "themes.share": "{now} (antes {before})",
        "themes.how": "Cómo se ordenan los términos",
        "themes.how_text": "1. Cada texto se pasa a minúsculas y sin acentos y se corta en palabras. Se quitan las "
                           "palabras vacías del español y del inglés (la lista mantenida del paquete "
                           "*stop-words*), las de menos de tres letras, los números y los nombres de la marca y "
                           "de la competencia. Un término es una palabra que queda, o dos que quedan seguidas "
                           "en el texto.\n"
                           "2. Se cuenta en cuántos textos aparece cada término (una vez por texto), esta semana "
                           "y en las {weeks} semanas anteriores.\n"
                           "3. Se compara la proporción de textos con el término en las dos épocas (logaritmo "
                           "del cociente de probabilidades con un *prior* de Dirichlet informativo: el recuento "
                           "del término en las dos épocas juntas, que frena a los términos raros) y se divide "
                           "por su error típico, de modo que una subida vista en muchos textos pesa más que la "
                           "misma subida en pocos.\n"
                           "4. Solo entran términos de al menos {min} textos cuya proporción ha subido. Si una "
                           "frase de dos palabras reúne la mayoría de los textos de una palabra, se muestra la "
                           "frase en su lugar; un término que comparte palabra con otro ya listado se omite.\n"
                           "5. Los ejemplos son los dos textos más recientes que contienen el término.",
        "themes.kind.theme": "tema", "themes.kind.term": "término",
        "weekly.talk_line": "De qué se habla: {items}", "weekly.complain_line": "De qué se quejan: {items}",
        "weekly.topics_none": "nada destacable",
        "weekly.topic_theme": "{name} ({n})", "weekly.topic_term": "«{name}» ({n}, en alza)",
    },
    "en": {
        "nav.themes": "Themes", "title.themes": "Themes",
        "themes.intro": "What people talk and complain about: the themes configured in monitor.toml "
                        "(`[[themes]]`) and the terms rising most this week. Counted over texts in scope "
                        "(mentions and everything published on owned sources), the brand's own replies "
                        "excluded, by ISO week ({tz}).",
        "themes.configured": "Configured themes by week",
        "themes.configured_intro": "A text is about a theme when it contains one of its words or phrases as whole "
                                   "words, ignoring case and accents (the rule mentions use). A text can be about "
                                   "several themes.",
        "themes.none": "No themes are configured. Add to monitor.toml, for example:",
        "themes.chart": "Texts per theme and week",
        "themes.chart_alt": "Texts per theme over {n} weeks up to {last}: {items}.",
        "themes.col.theme": "Theme", "themes.col.words": "Words and phrases", "themes.col.this": "This week",
        "themes.col.prev": "Last week", "themes.col.total": "Last {n} weeks",
        "themes.col.neg_share": "Negative", "themes.col.week": "Week",
        "themes.cell": "{n} · {neg} neg.",
        "themes.by_week": "Week by week",
        "themes.by_week_intro": "Texts about each theme and, in brackets, the negative share of the scored ones.",
        "themes.rising": "Rising terms in {week}",
        "themes.rising_intro": "Words and two-word phrases whose share of texts rose most against the {weeks} "
                               "weeks before (in them, {base}; {base_neg}).",
        "themes.n_texts.one": "{n} text", "themes.n_texts.other": "{n} texts",
        "themes.n_neg.one": "{n} negative", "themes.n_neg.other": "{n} negative",
        "themes.rising_all": "In all texts", "themes.rising_neg": "In negative texts",
        "themes.rising_none": "No term appears in at least {min} texts with a higher share than before.",
        "themes.col.term": "Term", "themes.col.count": "Texts", "themes.col.share": "Share",
        "themes.col.examples": "Examples",
        "themes.share": "{now} (before {before})",
        "themes.how": "How terms are ranked",
        "themes.how_text": "1. Each text is lower-cased, stripped of accents and cut into words. Spanish and "
                           "English stop words (the maintained list of the *stop-words* package), words under "
                           "three letters, numbers and the brand's and competitors' names are dropped. A term "
                           "is a word that is left, or two that are left side by side in the text.\n"
                           "2. Each term is counted in how many texts contain it (once per text), this week and "
                           "in the {weeks} weeks before.\n"
                           "3. The share of texts with the term is compared between the two periods (log-odds "
                           "ratio with an informative Dirichlet prior: the term's count in both periods "
                           "together, which holds rare terms back) and divided by its standard error, so a rise "
                           "seen in many texts weighs more than the same rise in few.\n"
                           "4. Only terms in at least {min} texts whose share rose are listed. When a two-word "
                           "phrase holds most of a word's texts, the phrase is shown instead; a term sharing a "
                           "word with one already listed is left out.\n"
                           "5. The examples are the two newest texts that contain the term.",
        "themes.kind.theme": "theme", "themes.kind.term": "term",
        "weekly.talk_line": "What people talk about: {items}",
        "weekly.complain_line": "What people complain about: {items}",
        "weekly.topics_none": "nothing stands out",
        "weekly.topic_theme": "{name} ({n})", "weekly.topic_term": "“{name}” ({n}, rising)",
    },
}
