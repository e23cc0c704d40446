"""Intent of a comment (collector.sentiment.intent): cues, thread position, `pulso score` and the
labelled set in tests/fixtures/intent/ (written for Pulso; see its README)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sklearn.metrics import f1_score

from benchmarks import intent as bench
from collector.sentiment.intent import (
    LABELS,
    NEEDS_REPLY,
    Intent,
    IntentClassifier,
    ThreadComment,
    ThreadContext,
    classify_intent,
    classify_many,
    classify_threads,
)
from collector.sentiment.intent_cues import CueError, read_cue_file
from pulso.cmd_sentiment import score_command

FIXTURES = Path(__file__).parent / "fixtures" / "intent"
AFTER_BRAND = ThreadContext(is_reply=True, parent_is_brand=True, replied_after_brand=True)
UNDER_QUESTION = ThreadContext(is_reply=True, parent_intent="question")
UNDER_COMPLAINT = ThreadContext(is_reply=True, parent_intent="complaint")


def label(text: str, lang: str = "es", context: ThreadContext | None = None) -> str:
    return classify_intent(text, lang, context=context).label


# --- thanks, and thanks that are not ---------------------------------------------------------------------

def test_thanks_after_brand_reply_closes_the_case() -> None:
    result = classify_intent("ok gracias", "es", context=AFTER_BRAND)
    assert result.label == "thanks" and not result.needs_reply
    assert "thanks after a brand reply" in [c.text for c in result.decided_by]


def test_thanks_for_a_solved_problem_is_thanks_without_a_thread() -> None:
    assert label("Recibido, me han devuelto el importe. Gracias por la atención.") == "thanks"
    assert label("Thanks, that fixed it!", "en") == "thanks"


@pytest.mark.parametrize("text", ["gracias por nada", "Gracias por nada, sigo sin servicio", "GRACIAS POR NADA!!"])
def test_gracias_por_nada_is_a_complaint(text: str) -> None:
    result = classify_intent(text, "es", context=AFTER_BRAND)
    assert result.label == "complaint"
    assert "gracias por nada" in [c.text for c in result.decided_by]


def test_thanks_for_nothing_is_a_complaint_in_english() -> None:
    assert label("thanks for nothing", "en") == "complaint"


def test_thanks_followed_by_a_remaining_problem_is_a_complaint() -> None:
    assert label("Gracias, pero sigo sin servicio", context=AFTER_BRAND) == "complaint"
    assert label("Thanks but it still doesn't work", "en", context=AFTER_BRAND) == "complaint"


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("¿A qué hora abrís el sábado? Gracias", "es", "question"),
    ("Necesito la factura de marzo. Muchas gracias", "es", "request"),
    ("Hello, the fibre drops every night for the last five weeks. Cheers.", "en", "complaint"),
    ("Any update on my refund? Thanks", "en", "question"),
])
def test_thanks_closing_a_question_or_problem_is_politeness(text: str, lang: str, expected: str) -> None:
    result = classify_intent(text, lang)
    assert result.label == expected
    assert any(c.text.endswith("(politeness)") for c in result.cues)


def test_a_follow_up_question_after_a_brand_reply_is_a_question() -> None:
    assert label("ok, ¿y eso cuánto tarda? gracias", context=AFTER_BRAND) == "question"


def test_short_english_thanks_in_a_spanish_thread_is_thanks() -> None:
    assert label("Thank you very much!", "es") == "thanks"


# --- peer answers -------------------------------------------------------------------------------------------

def test_peer_tip_to_another_customer_is_a_peer_answer() -> None:
    text = "Tienes que entrar en el área de cliente, luego facturas y descargar"
    result = classify_intent(text, "es", context=UNDER_QUESTION)
    assert result.label == "peer_answer" and not result.needs_reply


def test_peer_tip_reads_as_a_peer_answer_without_a_thread() -> None:
    assert label("Pon una reclamación por escrito, es la única forma de que te hagan caso") == "peer_answer"
    assert label("Try unplugging the router for a full minute, worked for me", "en") == "peer_answer"


def test_me_too_reply_to_a_complaint_is_a_complaint() -> None:
    assert label("A mí me pasa lo mismo, el router se reinicia cada hora", context=UNDER_COMPLAINT) == "complaint"


def test_reply_to_another_customers_question_without_cues_is_a_peer_answer() -> None:
    assert label("Con Bizum no, solo tarjeta o domiciliación", context=UNDER_QUESTION) == "peer_answer"


def test_brand_comment_is_never_a_peer_answer() -> None:
    brand = ThreadContext(is_reply=True, parent_intent="question", author_is_brand=True)
    assert label("Tienes que entrar en el área de cliente", context=brand) != "peer_answer"


# --- questions, requests, complaints --------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("alguien sabe como cambiar la titularidad de la linea", "es"),
    ("Me gustaría saber si la oferta vale también para clientes antiguos", "es"),
    ("how do i change the billing address on my account", "en"),
    ("Wondering if the discount applies to existing customers too", "en"),
])
def test_question_without_question_mark_is_a_question(text: str, lang: str) -> None:
    assert label(text, lang) == "question"


def test_question_mark_makes_a_plain_sentence_a_question() -> None:
    assert label("el router nuevo es compatible con la fibra?") == "question"


@pytest.mark.parametrize(("text", "lang"), [
    ("¿Podéis revisar la factura de marzo?", "es"),
    ("Necesito un duplicado de la factura", "es"),
    ("Quiero darme de baja, ¿cómo lo hago?", "es"),
    ("Devolvedme el dinero del pedido cancelado", "es"),
    ("Llamadme por favor, estoy en casa toda la tarde", "es"),
    ("Please refund my order, it arrived damaged", "en"),
])
def test_request_verbs_make_a_request(text: str, lang: str) -> None:
    assert label(text, lang) == "request"


def test_asking_to_be_told_something_is_a_question_not_a_request() -> None:
    assert label("¿Me podéis decir cuánto cuesta el cambio de titular?") == "question"


@pytest.mark.parametrize(("text", "lang"), [
    ("No funciona la app desde ayer", "es"),
    ("sigo sin línea desde el lunes", "es"),
    ("otra vez sin luz en el barrio", "es"),
    ("nunca lo coge nadie", "es"),
    ("Still no internet after 3 days", "en"),
    ("the app doesn't work on my phone", "en"),
])
def test_problem_words_with_negation_are_a_complaint(text: str, lang: str) -> None:
    assert label(text, lang) == "complaint"


def test_a_solution_negated_is_a_complaint_and_affirmed_is_thanks() -> None:
    assert label("todavía no está solucionado") == "complaint"
    assert label("solucionado, gracias") == "thanks"


def test_sarcastic_praise_before_a_problem_is_a_complaint() -> None:
    assert label("Genial, otra vez sin luz. Tercera vez este mes") == "complaint"


# --- praise, opinion, spam ---------------------------------------------------------------------------------------

def test_praise_of_the_service_is_praise() -> None:
    assert label("La atención de Acme es de diez, me lo solucionaron en una llamada") == "praise"
    assert label("Great post, really useful", "en") == "praise"


def test_text_with_no_clear_cue_is_an_opinion() -> None:
    result = classify_intent("Cada uno cuenta la feria según le va", "es", sentiment=0.0)
    assert result.label == "opinion"
    assert result.cues[-1].text == "no clear cue"


@pytest.mark.parametrize(("text", "lang"), [
    ("Visita mi web www.mejores-ofertas.example para descuentos en móviles", "es"),
    ("Excelente post! Te invito a visitar mi blog http://cocina.example", "es"),
    ("Casino online con bono de bienvenida https://casino-bono.example", "es"),
    ("Invierte en Bitcoin y multiplica tus ahorros", "es"),
    ("Nice post. Visit my website for cheap SEO services www.seo-cheap.example", "en"),
])
def test_link_promotion_is_spam(text: str, lang: str) -> None:
    assert label(text, lang) == "spam"


def test_a_link_in_a_complaint_is_not_spam() -> None:
    assert label("Me han cobrado dos veces, mirad: https://acme.example/factura") == "complaint"
    assert label("Llevo una semana sin internet, mirad https://a.example/1 y https://a.example/2") == "complaint"


def test_a_brands_own_links_are_not_spam() -> None:
    brand = ThreadContext(is_reply=True, author_is_brand=True)
    text = "Lo tienes en https://acme.example/ayuda y en https://acme.example/tarifas"
    assert label(text, context=brand) != "spam"


# --- the API ------------------------------------------------------------------------------------------------

def test_every_label_is_reachable() -> None:
    examples = {
        "question": ("¿A qué hora abre la tienda?", None), "complaint": ("sigo sin servicio", None),
        "request": ("Llamadme, por favor", None), "thanks": ("ok gracias", AFTER_BRAND),
        "praise": ("Servicio de lujo, así da gusto", None), "opinion": ("Ni fu ni fa la verdad", None),
        "peer_answer": ("Prueba a reiniciar el router", UNDER_QUESTION), "spam": ("Casino online, visita mi web", None),
    }
    assert set(examples) == set(LABELS)
    assert {lab: label(text, context=ctx) for lab, (text, ctx) in examples.items()} == {lab: lab for lab in LABELS}


def test_needs_reply_is_question_complaint_or_request() -> None:
    assert sorted(NEEDS_REPLY) == ["complaint", "question", "request"]
    assert [Intent(lab, ()).needs_reply for lab in LABELS] == [lab in NEEDS_REPLY for lab in LABELS]


def test_cues_say_what_decided_and_with_what_weight() -> None:
    result = classify_intent("sigo sin línea", "es", sentiment=0.0)
    assert result.decided_by == (("sigo sin", "complaint", 3.0),)
    assert result.decided_by[0].text == "sigo sin" and result.decided_by[0].weight == 3.0


def test_given_sentiment_score_is_used_instead_of_scoring_again() -> None:
    text = "El pedido llegó el martes"
    assert classify_intent(text, "es", sentiment=0.9).label == "praise"
    assert classify_intent(text, "es", sentiment=-0.9).label == "complaint"


def test_classify_many_gives_what_one_by_one_gives() -> None:
    texts = ["gracias por nada", "ok gracias", "Prueba a reiniciar el router", "Thanks!"]
    langs = ["es", "es", "es", "en"]
    contexts = [None, AFTER_BRAND, UNDER_QUESTION, None]
    batch = classify_many(texts, langs, contexts)
    assert batch == [classify_intent(t, lang, context=c) for t, lang, c in zip(texts, langs, contexts, strict=True)]


def test_classify_many_rejects_sequences_of_different_lengths() -> None:
    with pytest.raises(ValueError, match="2 texts"):
        classify_many(["a", "b"], ["es"])


def comment(cid: str, text: str, when: int, parent: str | None = None, brand: bool = False,
            post: str = "p1") -> ThreadComment:
    return ThreadComment(cid, post, parent, brand, when, text, "es")


def test_threads_give_replies_their_parents_intent_and_the_brand_reply_before_them() -> None:
    thread = [
        comment("c4", "ok gracias", 40, parent="b1"),
        comment("c1", "¿Alguien sabe a qué hora abre la tienda de Sol?", 10),
        comment("c2", "Abre a las 10, yo fui ayer", 5, parent="c1"),  # dated before its parent
        comment("b1", "Hola, te escribimos por privado", 30, parent="c1", brand=True),
        comment("c5", "muchas gracias, todo bien", 50),
        comment("o1", "ok gracias", 60, post="p2"),  # another post: no brand reply there
    ]
    labels = [x.label for x in classify_threads(thread)]
    assert labels[:3] == ["thanks", "question", "peer_answer"]
    assert labels[4] == "thanks"
    by_cue = {c.text for x in classify_threads(thread) for c in x.cues}
    assert "thanks after a brand reply" in by_cue and "reply to another customer's question" in by_cue
    alone = classify_threads(thread[-1:])[0]
    assert "thanks after a brand reply" not in [c.text for c in alone.cues]


def test_thread_with_a_parent_cycle_still_classifies_every_comment() -> None:
    looped = [comment("a", "¿Qué tal?", 1, parent="b"), comment("b", "sigo sin línea", 2, parent="a")]
    assert [x.label for x in classify_threads(looped)] == ["question", "complaint"]


def test_empty_text_is_an_opinion() -> None:
    assert label("") == "opinion" and label("   ") == "opinion"


def test_cue_file_with_a_bad_intent_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "intent_es.tsv"
    bad.write_text("# comment\ncue\tintent\tweight\tif_negated\tnote\nsigo sin\tqueja\t2\n", encoding="utf-8")
    with pytest.raises(CueError, match=r"intent_es.tsv:3: intent 'queja'"):
        read_cue_file(bad)


def test_classifier_built_from_other_cues_uses_only_them() -> None:
    clf = IntentClassifier(read_cue_file(FIXTURES / "tiny_cues.tsv"))
    assert clf.classify("hola caracola", "es", sentiment=0.0).label == "praise"
    assert clf.classify("sigo sin línea", "es", sentiment=0.0).label == "opinion"


# --- the labelled set and `pulso score` -----------------------------------------------------------------------

#: (needs-reply accuracy, macro-F1) floors a little below what benchmarks/intent.py measured, with
#: and without thread context (README.md beside the files). dev.csv was tuned on; test.csv and
#: test_fresh.csv only measured. All three were written for Pulso by the same hand as the cues, so
#: even the held-out figures are optimistic; test_fresh.csv is the least so.
FLOORS = {"dev.csv": (0.93, 0.90), "test.csv": (0.95, 0.92), "test_fresh.csv": (0.85, 0.65)}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_labelled_set_meets_needs_reply_accuracy_and_macro_f1_floors(name: str) -> None:
    texts, langs, gold, ctxs = bench.read_rows(FIXTURES / name)
    floor_acc, floor_f1 = FLOORS[name]
    for contexts in (None, ctxs):
        pred = [x.label for x in classify_many(texts, langs, contexts)]
        _p, _r, accuracy = bench.needs_reply_figures(gold, [x in NEEDS_REPLY for x in pred])
        macro = f1_score(gold, pred, labels=list(LABELS), average="macro", zero_division=0)
        assert accuracy >= floor_acc and macro >= floor_f1, (name, contexts is None, accuracy, macro)


def test_score_prints_intent_and_needs_reply() -> None:
    lines = "gracias por nada\nalguien sabe como darse de baja\nmuchas gracias, ya funciona\n"
    result = CliRunner().invoke(score_command, ["--lang", "es"], input=lines)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["intent"], r["needs_reply"]) for r in rows] == [
        ("complaint", True), ("question", True), ("thanks", False)]
    assert all("cues" not in r for r in rows)


def test_score_explain_prints_the_cues_beside_the_terms() -> None:
    result = CliRunner().invoke(score_command, ["--explain", "--lang", "es"], input="sigo sin línea\n")
    row = json.loads(result.output)
    assert row["terms"] and {"cue": "sigo sin", "intent": "complaint", "weight": 3.0} in row["cues"]


def test_benchmark_prints_per_intent_figures_baseline_and_speed(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("text,lang,intent,is_reply,parent_is_brand\nsigo sin línea,es,complaint,0,0\n"
                    "ok gracias,es,thanks,1,1\n¿abrís el sábado?,es,question,0,0\n", encoding="utf-8")
    assert bench.main([str(path)]) in (0, 1)  # 1 when a target (speed on a loaded machine) fails
    out = capsys.readouterr().out
    assert "baseline 'a question mark means it needs a reply'" in out and "x the baseline" in out
    assert "complaint" in out and "needs reply: precision 1.000  recall 1.000  accuracy 1.000" in out
    assert "sentiment + intent" in out and "texts/s" in out


def test_benchmark_rejects_an_unknown_intent(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("text,lang,intent\nhola,es,saludo\n", encoding="utf-8")
    assert bench.main([str(path)]) == 2
