"""The intent figures the Method page quotes (collector/sentiment/intent_accuracy.json) are what the classifier
scores today on its never-tuned-on set: a cue change that moves them fails here until
`benchmarks/intent.py --write-figures` is run."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import collector
from collector.sentiment.intent import IntentClassifier
from collector.sentiment.scorer import Scorer

REPO = Path(__file__).resolve().parents[1]


def _benchmark():
    spec = importlib.util.spec_from_file_location("intent_benchmark", REPO / "benchmarks" / "intent.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_intent_figures_are_what_the_classifier_measures_today() -> None:
    bench = _benchmark()
    committed = collector.INTENT_ACCURACY
    figures, _ = bench.measure(bench.FIXTURES / committed["set"], Scorer(), IntentClassifier())
    assert committed["set"] == bench.HONEST_SET and committed["texts"] == figures["texts"]
    for key in ("macro-F1", "text-only macro-F1", "needs-reply accuracy", "needs-reply precision",
                "needs-reply recall", "baseline accuracy"):
        assert committed[key.replace("-", "_").replace(" ", "_")] == round(figures[key], 3), key
