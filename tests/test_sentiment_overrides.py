"""Human overrides win over any score (collector.overrides)."""

from __future__ import annotations

from pathlib import Path

import pytest

from collector.sentiment.overrides import OverrideError, apply_overrides, load_overrides, read_overrides
from collector.sentiment.scorer import Score

FIXTURES = Path(__file__).parent / "fixtures" / "sentiment"


def test_overrides_file_maps_item_ids_to_labels() -> None:
    assert load_overrides(FIXTURES / "overrides_ok.csv") == {"c-1": "pos", "p-7": "neg"}


def test_missing_overrides_file_means_no_overrides(tmp_path: Path) -> None:
    assert load_overrides(tmp_path / "overrides.csv") == {}


def test_bad_label_is_reported_with_file_and_line() -> None:
    with pytest.raises(OverrideError, match=r"overrides_bad\.csv:3: label 'positivo'"):
        load_overrides(FIXTURES / "overrides_bad.csv")


def test_missing_column_and_conflicting_rows_are_errors(tmp_path: Path) -> None:
    f = tmp_path / "o.csv"
    f.write_text("id,label\nx,pos\n", encoding="utf-8")
    with pytest.raises(OverrideError, match=r"o\.csv:1: missing column"):
        load_overrides(f)
    f.write_text("item_id,label,who,why\nx,pos,a,b\nx,neg,c,d\n", encoding="utf-8")
    with pytest.raises(OverrideError, match=r"o\.csv:3: 'x' is overridden as neg"):
        load_overrides(f)


def test_override_wins_and_explains_itself() -> None:
    scores = {"c-1": Score(-0.8, "neg", ()), "c-2": Score(0.1, "neu", ())}
    out = apply_overrides(scores, read_overrides(FIXTURES / "overrides_ok.csv"))
    assert out["c-1"].label == "pos" and out["c-1"].score == 1.0
    assert "override by Ana: ironía mal leída" in out["c-1"].terms[0].rule
    assert out["c-2"] is scores["c-2"]  # untouched
    assert "p-7" not in out  # overrides for items not scored are ignored
    assert scores["c-1"].label == "neg"  # input not modified


def test_plain_label_mapping_is_accepted() -> None:
    out = apply_overrides({"a": Score(0.9, "pos", ())}, {"a": "neu"})
    assert (out["a"].score, out["a"].label) == (0.0, "neu")
