"""The figures `pulso score --help` and the Method page quote come from one file the benchmark writes
(collector/sentiment/accuracy.json), and they are what the scorer scores today: a lexicon change
that moves a figure fails here until `benchmarks/sentiment.py --no-train --write-figures` is run."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner
from sklearn.metrics import f1_score

import collector
from collector.sentiment.accuracy import SENTIMENT_ACCURACY, load_figures, sentiment_accuracy_text
from collector.sentiment.scorer import CONFIDENT_SCORE, default_scorer
from pulso.cmd_sentiment import score_command

REPO = Path(__file__).resolve().parents[1]
SETS = {"es_airline": (REPO.parent / "shared" / "data" / "sentiment" / "es_airline_dev.csv", "es"),
        "en_airline": (REPO.parent / "shared" / "data" / "sentiment" / "en_airline_dev.csv", "en"),
        "es_tass": (REPO.parent / "shared" / "data" / "sentiment" / "es_tass_dev.csv", "es"),
        "blog_dev": (REPO / "tests" / "fixtures" / "sentiment" / "blog" / "dev.csv", None),
        "blog_test": (REPO / "tests" / "fixtures" / "sentiment" / "blog" / "test.csv", None),
        "blog_blind": (REPO / "tests" / "fixtures" / "sentiment" / "blog" / "blind.csv", None)}


def _macro_f1(path: Path, lang: str | None) -> tuple[int, float]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    scorer = default_scorer()
    pred = [scorer.score(r["text"], lang or r.get("lang") or None).label for r in rows]
    return len(rows), round(f1_score([r["label"] for r in rows], pred, average="macro"), 3)


def test_the_committed_figures_are_what_the_scorer_measures_today() -> None:
    figures = {s["key"]: s for s in load_figures()["sets"]}
    assert set(figures) == set(SETS)
    for key, (path, lang) in SETS.items():
        assert _macro_f1(path, lang) == (figures[key]["texts"], figures[key]["macro_f1"]), key


def test_the_figures_say_which_sets_were_tuned_on_and_the_rule_of_confidence() -> None:
    f = SENTIMENT_ACCURACY
    assert [s["key"] for s in f["sets"] if not s["tuned_on"]] == ["blog_blind", "blog_test"]
    assert f["confidence"]["threshold"] == CONFIDENT_SCORE
    lo, hi = f["confidence"]["confident_right"]
    assert 0 < lo <= hi <= 1 and f["confidence"]["uncertain_right"][1] <= 1
    assert f["speed"]["sentiment_intent_texts_per_s"] > 0 and f["speed"]["target"] == 10_000


def test_score_help_quotes_every_figure_from_the_file() -> None:
    out = CliRunner().invoke(score_command, ["--help"]).output
    for s in SENTIMENT_ACCURACY["sets"]:
        assert f"{s['macro_f1']:.3f}  {s['name']['en']}" in out
    assert f"{SENTIMENT_ACCURACY['speed']['sentiment_intent_texts_per_s']:,} comments/s" in out
    assert SENTIMENT_ACCURACY["measured"] in out


def test_the_figures_are_on_the_collectors_face_in_both_site_languages() -> None:
    assert collector.SENTIMENT_ACCURACY is SENTIMENT_ACCURACY
    es, en = collector.sentiment_accuracy_text("es"), sentiment_accuracy_text("en")
    blog = SENTIMENT_ACCURACY["sets"][0]
    assert f"{blog['macro_f1']:.3f}".replace(".", ",") + " en " + blog["name"]["es"] in es
    assert f"{blog['macro_f1']:.3f} on {blog['name']['en']}" in en
