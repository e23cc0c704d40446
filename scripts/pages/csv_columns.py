"""The CSV downloads' columns in the site language: the header a spreadsheet shows and one line saying what
the column holds (the data dictionary written beside each file and shown under its link)."""

from __future__ import annotations

#: column -> language -> (header, meaning)
COLUMNS: dict[str, dict[str, tuple[str, str]]] = {
    "published_at": {"es": ("Publicado", "Cuándo se publicó el comentario (hora de la marca, ISO 8601)."),
                     "en": ("Published", "When the comment was published (brand's time zone, ISO 8601).")},
    "age_hours": {"es": ("Antigüedad (h)", "Horas desde que se publicó hasta que se generó el sitio (un decimal)."),
                  "en": ("Age (h)", "Hours from publication to when the site was built (one decimal).")},
    "due_at": {"es": ("Vence", "Cuándo se cumple el plazo de respuesta (horas laborables de la configuración)."),
               "en": ("Due", "When the reply deadline falls (the configuration's working hours).")},
    "overdue": {"es": ("Fuera de plazo", "sí si el plazo de respuesta ya pasó."),
                "en": ("Overdue", "yes when the reply deadline has passed.")},
    "backlog": {"es": ("Atrasado", "sí si se publicó antes del horizonte de la cola (la lista «atrasados»)."),
                "en": ("Backlog", "yes when published before the queue's horizon (the backlog list).")},
    "source_name": {"es": ("Fuente (clave)", "El nombre de la fuente en la configuración."),
                    "en": ("Source (key)", "The source's name in the configuration.")},
    "source_title": {"es": ("Fuente", "El título de la fuente (configuración, si no el del feed)."),
                     "en": ("Source", "The source's title (configuration, else the feed's own).")},
    "owned": {"es": ("Propia", "sí si la fuente es un blog de la marca."),
              "en": ("Owned", "yes when the source is one of the brand's blogs.")},
    "intent": {"es": ("Intención", "Qué pide el comentario: pregunta, queja, petición…"),
               "en": ("Intent", "What the comment asks for: question, complaint, request…")},
    "sentiment_label": {"es": ("Sentimiento", "positivo, neutro o negativo."),
                        "en": ("Sentiment", "positive, neutral or negative.")},
    "triage_status": {"es": ("Estado de gestión", "La decisión del equipo en triage.csv, si hay una."),
                      "en": ("Triage status", "The team's decision in triage.csv, if any.")},
    "owner": {"es": ("Responsable", "Quién lo lleva, según triage.csv."),
              "en": ("Owner", "Who handles it, from triage.csv.")},
    "author": {"es": ("Autor", "Quién lo escribió (oculto si la configuración lo pide)."),
               "en": ("Author", "Who wrote it (hidden when the configuration asks).")},
    "text": {"es": ("Texto", "El comentario, sin direcciones de correo."),
             "en": ("Text", "The comment, without e-mail addresses.")},
    "comment_url": {"es": ("Enlace al comentario", "Dirección http(s) del comentario."),
                    "en": ("Comment link", "The comment's http(s) address.")},
    "post_title": {"es": ("Entrada", "El título de la entrada donde está el comentario."),
                   "en": ("Post", "The title of the post the comment is on.")},
    "post_url": {"es": ("Enlace a la entrada", "Dirección http(s) de la entrada."),
                 "en": ("Post link", "The post's http(s) address.")},
    "url": {"es": ("Feed", "La dirección pedida."), "en": ("Feed", "The address requested.")},
    "kind": {"es": ("Tipo", "posts (entradas), comments (comentarios), api (API REST de WordPress)…"),
             "en": ("Kind", "posts, comments, api (WordPress REST API)…")},
    "status": {"es": ("Resultado", "Resultado del último intento: ok, not_modified, error, refused, gone."),
               "en": ("Result", "The last attempt's outcome: ok, not_modified, error, refused, gone.")},
    "http_status": {"es": ("HTTP", "Código HTTP de la última respuesta."),
                    "en": ("HTTP", "The last answer's HTTP status code.")},
    "error": {"es": ("Error (técnico)", "El último error tal como lo registró el recolector."),
              "en": ("Error (technical)", "The last error as the collector recorded it.")},
    "entries": {"es": ("Elementos leídos", "Cuántas entradas o comentarios traía la última lectura."),
                "en": ("Items read", "How many posts or comments the last read brought.")},
    "last_attempt_at": {"es": ("Último intento", "Cuándo se pidió por última vez."),
                        "en": ("Last attempt", "When it was last requested.")},
    "last_ok_at": {"es": ("Última lectura correcta", "Cuándo se leyó bien por última vez."),
                   "en": ("Last success", "When it was last read successfully.")},
    "last_new_at": {"es": ("Último dato nuevo", "Cuándo trajo algo nuevo por última vez."),
                    "en": ("Latest new item", "When it last brought something new.")},
    "attempts": {"es": ("Intentos", "Cuántas veces se ha pedido."), "en": ("Attempts", "How often it was requested.")},
    "failures": {"es": ("Fallos", "Cuántos de esos intentos fallaron."),
                 "en": ("Failures", "How many of those attempts failed.")},
}


def header(column: str, lang: str) -> str:
    """The column's header in the site language (the column name itself when it has none)."""
    return COLUMNS.get(column, {}).get(lang, (column, ""))[0]


def meaning(column: str, lang: str) -> str:
    return COLUMNS.get(column, {}).get(lang, ("", ""))[1]
