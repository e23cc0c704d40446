"""Text bank for the demo dataset: templates × slots, Spanish first, English alongside.

Kept apart from the generator so the wording can grow without touching the simulation.
Every template is filled from slots by a caller-supplied `random.Random`, so the same seed
always gives the same sentence. The Spanish bank deliberately uses accented words the search
and alias tests look for (atención, reclamación, facturación, señal, año).
"""

from __future__ import annotations

import random
import re

BRAND = "Movilia"

FIRST = {
    "es": ["María", "José", "Lucía", "Javier", "Begoña", "Íñigo", "Nuria", "Álvaro", "Carmen", "Raúl",
           "Ana Belén", "Jesús", "Pilar", "Andrés", "Marta", "Sergio", "Rocío", "Óscar", "Elena", "Joaquín",
           "Inés", "Pau", "Montse", "Xabier", "Ainhoa", "Tomás", "Paloma", "Ramón", "Sofía", "Iván"],
    "en": ["Emily", "James", "Olivia", "Daniel", "Grace", "Liam", "Chloe", "Noah", "Hannah", "Ethan",
           "Megan", "Ryan", "Sophie", "Aaron", "Laura", "Kevin", "Zoe", "Patrick", "Amy", "Connor"],
}
LAST = {
    "es": ["García", "Martínez", "Núñez", "López", "Sánchez", "Pérez", "Gómez", "Ibáñez", "Rodríguez",
           "Fernández", "Muñoz", "Álvarez", "Romero", "Castaño", "Ortiz", "Beltrán", "Peña", "Soler"],
    "en": ["Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Walsh", "Murphy",
           "O'Brien", "Clarke", "Hughes", "Kelly", "Turner"],
}
HANDLES = ["pepe_bcn", "la_rubia_de_vigo", "techie84", "anónimo_cabreado", "ciudadano_k", "nachomadrid",
           "runner_girl", "dani.dev", "abuelo_cebolleta", "gatoNegro", "el_de_la_fibra"]
ANON = {"es": "Anónimo", "en": "Anonymous"}

SLOTS: dict[str, dict[str, list[str]]] = {
    "es": {
        "n": ["dos", "tres", "cuatro", "cinco", "diez", "quince"],
        "mes": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "septiembre", "octubre"],
        "ciudad": ["Valencia", "Zaragoza", "Cádiz", "Logroño", "León", "Málaga", "A Coruña", "Cáceres",
                   "Sabadell", "Getafe", "Alcalá de Henares", "Castellón"],
        "plan": ["Fibra 600", "Fibra 1 Gb", "Móvil Ilimitada", "Dúo Plus", "Tarifa Joven", "Familia 4 líneas"],
        "pais": ["Marruecos", "Reino Unido", "Suiza", "Andorra", "Estados Unidos"],
        "cosa": ["el router", "la SIM", "la factura", "la permanencia", "la portabilidad", "el decodificador"],
        "ref": ["R-20931", "R-44817", "R-51002", "R-73365", "R-88120"],
    },
    "en": {
        "n": ["two", "three", "four", "five", "ten"],
        "mes": ["January", "March", "May", "June", "August", "October"],
        "ciudad": ["Madrid", "Barcelona", "Seville", "Bilbao", "Palma", "Alicante"],
        "plan": ["Fibre 600", "Fibre 1 Gb", "Unlimited Mobile", "Duo Plus", "Family 4 lines"],
        "pais": ["the UK", "Switzerland", "Morocco", "the US"],
        "cosa": ["the router", "the SIM card", "my bill", "the contract", "the number transfer"],
        "ref": ["R-20931", "R-44817", "R-51002", "R-73365"],
    },
}

# Comment bodies by intent. {brand} is the brand name, {name} the addressee.
COMMENTS: dict[str, dict[str, list[str]]] = {
    "es": {
        "complaint": [
            "llevo {n} días intentando contactar con vosotros sin respuesta",
            "me han cobrado dos veces la factura de {mes}",
            "la fibra se corta cada noche desde hace {n} semanas",
            "sigo sin cobertura en {ciudad} y nadie me da una explicación",
            "puse una reclamación ({ref}) hace {n} semanas y sigue sin resolverse",
            "el técnico no se presentó a la cita y he perdido un día de trabajo",
            "me habéis subido la tarifa {plan} sin avisar",
            "la portabilidad lleva {n} semanas bloqueada y estoy sin línea",
            "la atención al cliente de {brand} es un desastre, me pasan de un departamento a otro",
            "me sigue llegando la factura de una línea que di de baja en {mes}",
            "el router nuevo se reinicia solo y la señal wifi no llega ni al salón",
        ],
        "question": [
            "¿sabéis si la tarifa {plan} incluye roaming en {pais}?",
            "¿cómo puedo cambiar la titularidad de la línea sin ir a una tienda?",
            "¿hay alguna incidencia en {ciudad}? Desde esta mañana no tengo datos",
            "¿dónde descargo la factura de {mes} en la app?",
            "¿se puede devolver {cosa} por correo o hay que llevarlo a una tienda?",
            "¿qué permanencia tiene la oferta de {plan}?",
        ],
        "praise": [
            "muchas gracias por la rápida respuesta, ¡lo recomiendo!",
            "me lo solucionaron en {n} minutos por el chat, muy amables",
            "llevo un año con {brand} y la fibra va como un tiro",
            "por fin una compañía que contesta; gracias a Lucía por la atención",
            "cambié {cosa} en tienda y todo perfecto, enhorabuena al equipo de {ciudad}",
        ],
        "neutral": [
            "yo tengo {plan} desde {mes} y de momento bien, sin más",
            "interesante artículo, aunque echo en falta comparar precios con la competencia",
            "en {ciudad} la cobertura depende mucho del barrio",
            "gracias por el resumen, lo comparto con mi familia",
        ],
        "peer": [
            "a mí me pasó lo mismo con {cosa}; al final lo arreglé llamando por la mañana temprano",
            "prueba a reiniciar el router desde la app, a mí me funcionó",
            "totalmente de acuerdo con {name}",
            "pon una reclamación por escrito, es la única forma de que te hagan caso",
            "yo en {ciudad} no tengo ese problema, ¿qué zona es?",
        ],
        "general": [
            "muy útil, gracias por compartir",
            "¡qué buena pinta! Lo pruebo este fin de semana",
            "no estoy de acuerdo del todo, pero buen artículo",
            "yo lo hice el año pasado y repetiría sin dudarlo",
            "¿tienes más información sobre esto? Me interesa mucho",
        ],
        "followup_ok": [
            "¡gracias! Ya funciona todo",
            "recibido, me han devuelto el importe. Gracias por la atención",
            "perfecto, ya me ha llegado el técnico",
        ],
        "followup_bad": [
            "os he escrito por privado hace {n} horas y nada",
            "sigo igual, ni rastro de la devolución",
            "me dijeron lo mismo la semana pasada y no se ha solucionado",
        ],
        "brand": [
            "hola {name}, sentimos las molestias. Te hemos escrito por privado para revisar tu caso",
            "hola {name}, ya hemos revisado tu factura y el cargo duplicado se devolverá en 3-5 días hábiles",
            "hola {name}, hay una incidencia abierta en la zona; nuestros técnicos ya están trabajando en ella",
            "hola {name}, puedes hacerlo desde la app en Perfil > Líneas. Si tienes dudas, escríbenos",
            "gracias, {name}, ¡nos alegra mucho leerlo! Se lo trasladamos al equipo",
            "hola {name}, hemos escalado tu reclamación con prioridad. Te llamaremos hoy mismo",
        ],
        "brand_all": [
            "hola a todos: estamos revisando una incidencia de red que afecta a {ciudad}. Os iremos "
            "informando aquí. Disculpad las molestias",
            "gracias por todos vuestros comentarios. Para consultas de facturación escribidnos por mensaje "
            "privado con vuestro DNI y os respondemos en el día",
        ],
    },
    "en": {
        "complaint": [
            "I've been trying to reach you for {n} days with no answer",
            "I was charged twice on my {mes} bill",
            "the fibre drops every night for the last {n} weeks",
            "still no coverage in {ciudad} and nobody explains why",
            "my complaint ({ref}) has been open for {n} weeks",
            "the engineer never showed up and I lost a day of work",
            "you raised the price of {plan} without any notice",
            "{brand} customer service keeps transferring me between departments",
        ],
        "question": [
            "does {plan} include roaming in {pais}?",
            "how do I change the account holder without going to a shop?",
            "is there an outage in {ciudad}? No data since this morning",
            "can I return {cosa} by post?",
        ],
        "praise": [
            "thanks a lot for the quick answer, highly recommended!",
            "sorted in {n} minutes on the chat, very friendly staff",
            "one year with {brand} and the fibre is rock solid",
        ],
        "neutral": [
            "I've had {plan} since {mes}, so far so good",
            "useful summary, though a price comparison would help",
            "coverage in {ciudad} depends a lot on the neighbourhood",
        ],
        "peer": [
            "same thing happened to me with {cosa}; calling early in the morning worked",
            "try restarting the router from the app, it fixed it for me",
            "totally agree with {name}",
        ],
        "general": ["very useful, thanks for sharing", "great post, bookmarked", "I did this last year, loved it",
                    "not sure I agree, but good read"],
        "followup_ok": ["thanks! All working now", "got the refund, thank you", "the engineer came, all good"],
        "followup_bad": ["I sent you a DM {n} hours ago and nothing", "still the same, no refund yet"],
        "brand": [
            "hi {name}, sorry about this. We've sent you a private message to look into your case",
            "hi {name}, we've checked your bill and the duplicate charge will be refunded in 3-5 working days",
            "hi {name}, there is a known outage in the area and our engineers are on it",
            "thanks {name}, great to hear! We'll pass it on to the team",
        ],
        "brand_all": [
            "hi everyone: we're looking into a network issue affecting {ciudad} and will post updates here",
        ],
    },
}

OPENERS = {"es": ["", "", "Hola, ", "Buenas tardes. ", "Buenos días, ", "Hola {brand}, ", "Vaya tela. "],
           "en": ["", "", "Hi, ", "Hello {brand}, ", "Seriously? "]}
CLOSERS = {"es": ["", "", " ¿Alguien me puede ayudar?", " Estoy pensando en darme de baja.", " Espero respuesta.",
                  " Un saludo.", " Vaya servicio de atención al cliente."],
           "en": ["", "", " Can anyone help?", " Thinking about leaving.", " Waiting for an answer.", " Cheers."]}

POST_TITLES: dict[str, dict[str, list[str]]] = {
    "es": {
        "owned": ["Nuevas tarifas {plan}: todo lo que necesitas saber", "Mantenimiento programado de red en {ciudad}",
                  "Cómo consultar tu factura en la app de {brand}", "Llega la fibra de {brand} a {ciudad}",
                  "Preguntas frecuentes sobre la portabilidad", "Mejoramos nuestra atención al cliente",
                  "Cambios en las condiciones de {plan} a partir de {mes}", "Consejos para mejorar la señal wifi"],
        "mention": ["Mi experiencia con la portabilidad a {brand}",
                    "Comparativa de tarifas móviles: {brand} y compañía",
                    "{brand} sube precios en {mes}: qué hacer si no estás de acuerdo",
                    "Cómo poner una reclamación a {brand} (y que te hagan caso)",
                    "He probado {plan} de {brand} un mes", "Tres meses con la fibra de {brand} en {ciudad}",
                    "Lo que nadie te cuenta de la atención al cliente de {brand}",
                    "¿Merece la pena {plan}? Mi opinión tras cambiarme a {brand}"],
        "other": ["Las mejores rutas en bici por {ciudad}", "Cómo ahorrar en la factura de la luz",
                  "Guía para teletrabajar desde el pueblo", "Cinco apps para organizar tus finanzas",
                  "Qué mirar antes de cambiar de compañía de seguros", "Receta de croquetas de la abuela",
                  "Una escapada de fin de semana a {ciudad}", "Mi rutina de teletrabajo en {mes}",
                  "Cómo organicé la mudanza a {ciudad}", "Libros que he leído en {mes}",
                  "El mercado de {ciudad} un sábado por la mañana", "Ideas para ahorrar en la compra semanal"],
        "news": ["La CNMC abre expediente a {brand} por cobros indebidos", "{brand} amplía su red 5G a {ciudad}",
                 "Las operadoras suben precios en {mes}", "Caída masiva de la red móvil en {ciudad}",
                 "{brand} presenta resultados trimestrales", "El Gobierno aprueba la nueva ley de atención al cliente",
                 "Récord de reclamaciones a las telecos en {mes}"],
    },
    "en": {
        "owned": ["New {plan} plans explained", "Planned network maintenance in {ciudad}",
                  "How to read your {brand} bill", "Roaming in {pais}: what's included"],
        "mention": ["Switching to {brand}: my experience", "{brand} vs the rest: mobile plans compared",
                    "How to complain to {brand} and get results", "Three months of {brand} fibre in {ciudad}",
                    "Is {plan} worth it? My take after switching to {brand}"],
        "other": ["Best hikes around {ciudad}", "Working remotely from Spain: a checklist",
                  "Moving to {ciudad} as an expat", "My favourite tapas bars in {ciudad}",
                  "A weekend in {ciudad} on a budget", "What I read in {mes}", "Learning Spanish at 40",
                  "Opening a bank account in Spain"],
        "news": ["{brand} expands 5G to {ciudad}", "Spanish telcos raise prices in {mes}",
                 "Regulator fines {brand} over billing errors", "Mobile outage hits {ciudad}"],
    },
}

PARAS = {  # (owned: the brand speaking, third: bloggers and journalists)
    "es": {"owned": ["En esta entrada repasamos las novedades y respondemos a las dudas más habituales.",
                     "Si tienes cualquier problema, déjanos un comentario y te contestamos lo antes posible.",
                     "Los cambios se aplicarán automáticamente, sin que tengas que hacer nada.",
                     "Nuestro equipo de atención al cliente está disponible todos los días de 8 a 22 h.",
                     "Muchos nos habéis preguntado por esto en los comentarios de la última entrada."],
           "third": ["La experiencia ha sido desigual: el alta fue rápida, pero la atención posterior dejó que desear.",
                     "Hemos hablado con usuarios de {ciudad} y la mayoría coincide en lo mismo.",
                     "Os cuento lo que he aprendido después de varios meses dándole vueltas al tema.",
                     "Como siempre, lo mejor es comparar antes de firmar nada.",
                     "Si tenéis experiencias parecidas, contadlas en los comentarios."]},
    "en": {"owned": ["In this post we go through what's new and answer the most common questions.",
                     "If anything goes wrong, leave a comment and we'll get back to you.",
                     "Our customer care team is available every day from 8am to 10pm."],
           "third": ["We spoke to people in {ciudad} and most of them agree.",
                     "Here is what I learned after a few months of trying.",
                     "As always, compare before you sign anything.",
                     "Share your own experience in the comments."]},
}

_FIELD = re.compile(r"\{(\w+)\}")


def fill(template: str, lang: str, rng: random.Random, **given: str) -> str:
    """Fill `{slot}` fields from the slot bank; explicit keyword values win over random picks."""
    slots = SLOTS[lang]

    def pick(m: re.Match[str]) -> str:
        key = m.group(1)
        if key in given:
            return given[key]
        if key == "brand":
            return BRAND
        return rng.choice(slots[key]) if key in slots else m.group(0)

    return _FIELD.sub(pick, template)


def person(lang: str, rng: random.Random) -> str:
    """A commenter's display name: mostly full names, some handles, a few anonymous."""
    r = rng.random()
    if r < 0.08:
        return rng.choice(HANDLES)
    if r < 0.12:
        return ANON[lang]
    name = f"{rng.choice(FIRST[lang])} {rng.choice(LAST[lang])}"
    return name if rng.random() < 0.7 else name.split(" ")[0] + " " + name.split(" ")[-1][0] + "."


def comment(intent: str, lang: str, rng: random.Random, name: str = "", brand: str = BRAND) -> str:
    """One comment as plain text; customer intents get an opener and a closer for variety. `brand`: whom the
    blog's readers address (a competitor on its own blog)."""
    body = fill(rng.choice(COMMENTS[lang][intent]), lang, rng, name=name or "", brand=brand)
    if intent in ("complaint", "question", "praise", "neutral", "general"):
        if intent != "general":
            body = fill(rng.choice(OPENERS[lang]), lang, rng, brand=brand) + body
        body = body[0].upper() + body[1:]
        if not body.endswith(("?", "!")):
            body += "."
        body += fill(rng.choice(CLOSERS[lang]), lang, rng, brand=brand) if intent == "complaint" else ""
        return body
    body = body[0].upper() + body[1:]
    return body if body.endswith(("?", "!", ".")) else body + "."


def post_title(kind: str, lang: str, rng: random.Random, brand: str = BRAND) -> str:
    return fill(rng.choice(POST_TITLES[lang][kind]), lang, rng, brand=brand)


def post_paragraphs(lang: str, rng: random.Random, *, owned: bool, mention: bool) -> list[str]:
    """Two to four paragraphs; a third-party mention names the brand in its body as well."""
    bank = PARAS[lang]["owned" if owned else "third"]
    paras = [fill(p, lang, rng) for p in rng.sample(bank, k=min(len(bank), rng.randint(2, 4)))]
    if mention and not owned:
        paras.insert(1, fill("{brand} ha respondido a nuestras preguntas sobre {plan}." if lang == "es"
                             else "{brand} answered our questions about {plan}.", lang, rng))
    return paras
