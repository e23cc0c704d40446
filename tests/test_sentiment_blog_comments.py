"""Floors on the blog-comment sets written for Pulso (tests/fixtures/sentiment/blog/, see its README):
the default scorer reads informal Spanish, idioms, sarcasm and short replies as a reader would."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sklearn.metrics import f1_score

from collector.sentiment.scorer import default_scorer

BLOG = Path(__file__).parent / "fixtures" / "sentiment" / "blog"


@pytest.mark.parametrize(("name", "floor"), [("dev.csv", 0.88), ("test.csv", 0.80), ("blind.csv", 0.75)])
def test_blog_comment_macro_f1_stays_above_its_floor(name: str, floor: float) -> None:
    with (BLOG / name).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    scorer = default_scorer()
    pred = [scorer.score(r["text"], r["lang"]).label for r in rows]
    macro = f1_score([r["label"] for r in rows], pred, average="macro", labels=["neg", "neu", "pos"])
    assert macro >= floor, f"{name}: macro-F1 {macro:.3f} < {floor}"
