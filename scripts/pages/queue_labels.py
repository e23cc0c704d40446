"""The queue page's labels (es, en); scripts.i18n merges them into its LABELS so one `L.t` serves all."""

from __future__ import annotations

QUEUE_LABELS: dict[str, dict[str, str]] = {
    "es": {
        "q.heading": "Cola de respuestas",
        "col.needs_reply": "Piden respuesta", "col.rate_all": "Tasa sobre todos", "col.handled": "Resueltos fuera",
        "q.intro": "Comentarios que piden una respuesta de la marca (pregunta, queja o petición) y no la tienen: "
                   "primero los que están fuera de plazo (más de {sla} h), luego los que vencen antes. "
                   "Solo los de los últimos {days} días; los más antiguos están en «atrasados».",
        "q.empty": "No hay comentarios pendientes de respuesta en los últimos {days} días.",
        "q.showing": "Mostrando {shown} de {total}.", "q.csv": "Descargar la cola completa (CSV)",
        "q.rate": "Tasa de respuesta", "q.rate_note": "{answered} de {needs} que piden respuesta",
        "q.rate_all": "Sobre todos los comentarios", "q.rate_all_note": "{answered} de {eligible}, "
                      "agradecimientos y opiniones incluidos",
        "q.open": "Abiertos", "q.overdue": "Fuera de plazo", "q.backlog_n": "Atrasados (más de {days} días)",
        "q.handled": "Resueltos fuera del blog",
        "q.due_in": "vence en {age}", "q.age": "hace {age}", "q.owner": "Responsable: {owner}",
        "q.unassigned": "sin asignar", "q.open_link": "abrir", "q.post": "en",
        "q.backlog": "Atrasados: {n} comentarios abiertos de hace más de {days} días",
        "q.backlog_intro": "Siguen sin respuesta, pero ya no son lo más urgente. Se muestran los {shown} "
                           "más recientes; la lista completa está en el CSV.",
        "q.decided": "Resueltos y sin respuesta necesaria",
        "q.decided_intro": "Decisiones del equipo en data/triage.csv: respondidos por otro canal (teléfono, "
                           "mensaje privado) o que no necesitan respuesta. No cuentan como respondidos en el blog.",
        "q.decided_showing": "Las {shown} decisiones más recientes de {total}.",
        "q.status.handled": "resuelto fuera del blog", "q.status.no_reply": "no necesita respuesta",
        "q.filters": "Filtrar", "q.f.source": "Fuente", "q.f.intent": "Intención", "q.f.sentiment": "Sentimiento",
        "q.f.owner": "Responsable", "q.f.owned": "Tipo de fuente", "q.f.all": "todas", "q.f.search": "Buscar",
        "q.f.owned_yes": "propias", "q.f.owned_no": "de terceros", "q.f.count": "{n} visibles",
        "q.f.search_hint": "texto, autor, entrada…",
        "intent.question": "pregunta", "intent.complaint": "queja", "intent.request": "petición",
        "intent.thanks": "agradecimiento", "intent.praise": "elogio", "intent.opinion": "opinión",
        "intent.peer_answer": "respuesta de otro cliente", "intent.spam": "spam", "intent.none": "sin clasificar",
    },
    "en": {
        "q.heading": "Reply queue",
        "col.needs_reply": "Ask for a reply", "col.rate_all": "Rate over all", "col.handled": "Handled elsewhere",
        "q.intro": "Comments that ask the brand for a reply (a question, complaint or request) and have none: "
                   "overdue first (older than {sla} h), then those due soonest. Only the last {days} days; "
                   "older ones are under \u201cbacklog\u201d.",
        "q.empty": "No comment of the last {days} days is waiting for a reply.",
        "q.showing": "Showing {shown} of {total}.", "q.csv": "Download the whole queue (CSV)",
        "q.rate": "Response rate", "q.rate_note": "{answered} of {needs} that ask for a reply",
        "q.rate_all": "Over all comments", "q.rate_all_note": "{answered} of {eligible}, thank-you notes and "
                      "opinions included",
        "q.open": "Open", "q.overdue": "Overdue", "q.backlog_n": "Backlog (older than {days} days)",
        "q.handled": "Handled outside the blog",
        "q.due_in": "due in {age}", "q.age": "{age} ago", "q.owner": "Owner: {owner}",
        "q.unassigned": "unassigned", "q.open_link": "open", "q.post": "on",
        "q.backlog": "Backlog: {n} open comments older than {days} days",
        "q.backlog_intro": "Still unanswered, but no longer the most urgent. The {shown} most recent are shown; "
                           "the CSV has them all.",
        "q.decided": "Handled and needing no reply",
        "q.decided_intro": "The team's decisions in data/triage.csv: answered elsewhere (phone, direct message) "
                           "or needing no reply. They do not count as answered on the blog.",
        "q.decided_showing": "The {shown} latest decisions of {total}.",
        "q.status.handled": "handled outside the blog", "q.status.no_reply": "needs no reply",
        "q.filters": "Filter", "q.f.source": "Source", "q.f.intent": "Intent", "q.f.sentiment": "Sentiment",
        "q.f.owner": "Owner", "q.f.owned": "Source type", "q.f.all": "all", "q.f.search": "Search",
        "q.f.owned_yes": "owned", "q.f.owned_no": "third-party", "q.f.count": "{n} shown",
        "q.f.search_hint": "text, author, post…",
        "intent.question": "question", "intent.complaint": "complaint", "intent.request": "request",
        "intent.thanks": "thanks", "intent.praise": "praise", "intent.opinion": "opinion",
        "intent.peer_answer": "another customer's answer", "intent.spam": "spam", "intent.none": "not classified",
    },
}
