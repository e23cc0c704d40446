"""How good the default sentiment scorer is, as `benchmarks/sentiment.py --write-figures` last measured it.

Why a data file: the figures are quoted in three places (`pulso score --help`, the site's Method page,
the benchmark's own targets), and each place copying them by hand went stale within a release. The
benchmark writes `accuracy.json` beside this module; everything else reads `SENTIMENT_ACCURACY`
(exported by `collector`) or the sentence `sentiment_accuracy_text(lang)` builds from it, and a test
checks that the file's macro-F1 figures are what the scorer scores today.

The data (plain JSON types, so a page template can read it directly):

- `measured`: the date (YYYY-MM-DD) of the run; `by`: the command that wrote it.
- `sets`: one entry per labelled set, in the order to show them: `key` (blog_blind, blog_test,
  blog_dev, es_airline, en_airline, es_tass), `texts`, `macro_f1`, `target` (issue 14's, or null),
  `tuned_on` (whether the rules were tuned on it: the dev and train files and blog dev were; blog
  test and blog blind never),
  and `name` in each site language (`{"es": ..., "en": ...}`).
- `confidence`: `threshold` (CONFIDENT_SCORE) and, over the tweet sets, the share of pos/neg labels
  that were right when confident and when uncertain (`confident_right`, `uncertain_right`: [lowest,
  highest] over the sets).
- `speed`: `sentiment_intent_texts_per_s` (one core, CPU time, sentiment and intent together, on the
  blog comments), `on_tweets` (the same on the tweet sets' longer texts) and the `target`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FIGURES_FILE = Path(__file__).with_name("accuracy.json")


def load_figures(path: Path = FIGURES_FILE) -> dict[str, Any]:
    """The figures file as data (see the module docstring for its shape)."""
    return json.loads(path.read_text(encoding="utf-8"))


SENTIMENT_ACCURACY: dict[str, Any] = load_figures()

#: Intent's figures on its never-tuned-on labelled set, written by `benchmarks/intent.py --write-figures`
#: (keys: measured, set, texts, macro_F1 with thread context, text_only_macro_F1, needs_reply_accuracy,
#: needs_reply_precision, needs_reply_recall, baseline_accuracy — "a question mark needs a reply").
INTENT_FIGURES_FILE = Path(__file__).with_name("intent_accuracy.json")
INTENT_ACCURACY: dict[str, Any] = load_figures(INTENT_FIGURES_FILE)

_TEXT = {
    "es": ("Sentimiento medido por benchmarks/sentiment.py ({measured}; macro-F1 de la etiqueta, de 0 a 1): "
           "{sets}. Una etiqueta pos o neg con |puntuación| < {threshold} es incierta: acierta el "
           "{unc_lo}-{unc_hi} % de las veces en los tuits, frente al {conf_lo}-{conf_hi} % por encima. "
           "Velocidad: {speed} comentarios/s en un núcleo (sentimiento e intención)."),
    "en": ("Sentiment as measured by benchmarks/sentiment.py ({measured}; macro-F1 of the label, 0 to 1): "
           "{sets}. A pos or neg label with |score| < {threshold} is uncertain: right {unc_lo}-{unc_hi} % "
           "of the time on the tweets, against {conf_lo}-{conf_hi} % above it. Speed: {speed} comments/s "
           "on one core (sentiment and intent)."),
}


def sentiment_accuracy_text(lang: str = "en", figures: dict[str, Any] | None = None) -> str:
    """The figures in one paragraph of the site language ("es" or "en"), for help texts and pages."""
    f = figures or SENTIMENT_ACCURACY
    word = {"es": "en", "en": "on"}[lang]

    def num(x: float) -> str:  # 0,867 in Spanish; three decimals, so 0.719 never reads as a 0.72 target met
        return f"{x:.3f}".replace(".", ",") if lang == "es" else f"{x:.3f}"

    sets = ", ".join(f"{num(s['macro_f1'])} {word} {s['name'][lang]}" for s in f["sets"])
    conf = f["confidence"]
    lo_hi = {f"{k}_{end}": round(100 * conf[f"{name}_right"][i])
             for k, name in (("conf", "confident"), ("unc", "uncertain")) for i, end in enumerate(("lo", "hi"))}
    speed = f"{int(round(f['speed']['sentiment_intent_texts_per_s'], -2)):,}"
    threshold = f"{conf['threshold']:g}"
    return _TEXT[lang].format(measured=f["measured"], sets=sets,
                              threshold=threshold.replace(".", ",") if lang == "es" else threshold,
                              speed=speed.replace(",", ".") if lang == "es" else speed, **lo_hi)
