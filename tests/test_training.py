"""Train-on-your-own-labels: a model is used only if it beats the default scorer."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from collector.sentiment.scorer import Score
from collector.sentiment.training import (
    MODEL_FILE,
    PROVENANCE_FILE,
    ModelScorer,
    TrainingError,
    load_active_model,
    read_labelled,
    train,
)

FIXTURES = Path(__file__).parent / "fixtures" / "sentiment"


class OracleScorer:
    """Knows every gold label: no trained model can beat it."""

    def __init__(self, path: Path) -> None:
        texts, labels = read_labelled(path)
        self.gold = dict(zip(texts, labels, strict=True))

    def score_many(self, texts: Sequence[str], langs: Sequence[str | None]) -> list[Score]:
        return [Score(0.0, self.gold[t], ()) for t in texts]


def test_model_better_than_default_is_saved_with_provenance(tmp_path: Path) -> None:
    report = train(FIXTURES / "invented_labels.csv", tmp_path)
    assert report.activated and report.model_macro_f1 > report.default_macro_f1
    assert (tmp_path / MODEL_FILE).is_file()
    prov = json.loads((tmp_path / PROVENANCE_FILE).read_text(encoding="utf-8"))
    assert prov["rows"] == 90 and len(prov["source_sha256"]) == 64
    assert {"sklearn_version", "trained_at", "model_macro_f1", "default_macro_f1"} <= set(prov)
    model = load_active_model(tmp_path)
    assert isinstance(model, ModelScorer)
    s = model.score("zorpla brunda con la tienda", "es")
    assert s.label == "pos" and -1.0 <= s.score <= 1.0


def test_model_not_better_than_default_is_not_saved(tmp_path: Path) -> None:
    path = FIXTURES / "clear_es.csv"
    report = train(path, tmp_path, scorer=OracleScorer(path))  # type: ignore[arg-type]
    assert not report.activated and report.model_path is None
    assert "NOT USED" in report.to_text()
    assert not (tmp_path / MODEL_FILE).exists()
    assert load_active_model(tmp_path) is None


def test_losing_model_leaves_previous_active_model_alone(tmp_path: Path) -> None:
    train(FIXTURES / "invented_labels.csv", tmp_path)
    before = (tmp_path / MODEL_FILE).read_bytes()
    path = FIXTURES / "clear_es.csv"
    train(path, tmp_path, scorer=OracleScorer(path))  # type: ignore[arg-type]
    assert (tmp_path / MODEL_FILE).read_bytes() == before
    assert load_active_model(tmp_path) is not None


def test_model_scorer_has_scorer_interface(tmp_path: Path) -> None:
    train(FIXTURES / "invented_labels.csv", tmp_path)
    model = load_active_model(tmp_path)
    assert model is not None
    out = model.score_many(["quagra skelp", "", "tabrun orrin"], ["es", None, "es"])
    assert [s.label for s in out] == ["neg", "neu", "neu"]
    assert out[1] == Score(0.0, "neu", ())


def test_bad_label_is_reported_with_line() -> None:
    with pytest.raises(TrainingError, match=r"bad_label\.csv:3: label 'meh'"):
        read_labelled(FIXTURES / "bad_label.csv")


def test_too_few_rows_per_label_is_an_error(tmp_path: Path) -> None:
    f = tmp_path / "tiny.csv"
    f.write_text("text,label\nbien,pos\nmal,neg\nhoy,neu\n", encoding="utf-8")
    with pytest.raises(TrainingError, match="at least 5 rows"):
        train(f, tmp_path / "model")


def test_no_model_dir_means_no_model(tmp_path: Path) -> None:
    assert load_active_model(tmp_path / "nothing-here") is None


def test_prior_shift_moves_the_decision_and_survives_pickling(tmp_path: Path) -> None:
    import joblib
    import numpy as np

    from collector.sentiment.training import fit_model

    texts, labels = read_labelled(FIXTURES / "invented_labels.csv")
    plain = fit_model(texts, labels, c=0.5)
    shifted = fit_model(texts, labels, c=0.5, bias=(0.0, 0.0, 9.0))  # a huge pull towards "pos"
    assert shifted.prior_shift == (0.0, 0.0, 9.0)
    p = shifted.predict_proba(texts)
    assert np.allclose(p.sum(1), 1.0)
    assert list(shifted.predict(texts)).count("pos") >= list(plain.predict(texts)).count("pos")
    assert set(shifted.predict(texts)) == {"pos"}
    joblib.dump(shifted, tmp_path / "m.joblib")
    again = ModelScorer(joblib.load(tmp_path / "m.joblib"))
    assert again.score("texto", "es").label == "pos"


def test_choose_keeps_no_shift_and_default_c_when_nothing_helps() -> None:
    import numpy as np

    from collector.sentiment.training import DEFAULT_C, LABELS, _choose

    y = np.array([lab for lab in LABELS for _ in range(20)])
    perfect = np.array([[0.8 if lab == col else 0.1 for col in LABELS] for lab in y])
    f1, c, bias = _choose(y, {0.25: perfect, DEFAULT_C: perfect, 1.0: perfect})
    assert f1 == 1.0 and c == DEFAULT_C and bias == (0.0, 0.0, 0.0)


def test_model_from_an_older_format_is_ignored_with_a_warning(tmp_path: Path,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    train(FIXTURES / "invented_labels.csv", tmp_path)
    prov = json.loads((tmp_path / PROVENANCE_FILE).read_text(encoding="utf-8"))
    del prov["model_format"]  # what the first version of `train` wrote
    (tmp_path / PROVENANCE_FILE).write_text(json.dumps(prov), encoding="utf-8")
    assert load_active_model(tmp_path) is None
    assert "older version" in caplog.text and "pulso sentiment train" in caplog.text


def test_unloadable_model_file_is_ignored_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    train(FIXTURES / "invented_labels.csv", tmp_path)
    (tmp_path / MODEL_FILE).write_bytes(b"not a pickle")
    assert load_active_model(tmp_path) is None
    assert "cannot load" in caplog.text


def test_negation_marks_words_until_punctuation() -> None:
    from collector.sentiment.features import tweet_tokens

    assert tweet_tokens("No me gusta, pero vale") == ["no", "me_neg", "gusta_neg", "pero", "vale"]
    assert tweet_tokens("I don't like it! ok") == ["i", "don't", "like_neg", "it_neg", "!", "ok"]
    assert tweet_tokens("never again. great") == ["never", "again_neg", "great"]
    assert tweet_tokens("me gusta") == ["me", "gusta"]


def test_tweet_tokens_fold_and_mark_links_handles_numbers_elongation_and_shouting() -> None:
    from collector.sentiment.features import tweet_tokens

    tokens = tweet_tokens("@Iberia vuelo 3415 CANCELADO, muuuuy mal!!! :( 😡 https://t.co/x #Reclamación")
    assert tokens == ["xuser", "@iberia", "vuelo", "xnum", "xcaps", "cancelado", "xelong", "muuy", "mal",
                      "!", "!!", ":(", "😡", "xurl", "#", "reclamacion"]


def test_nbsvm_learns_one_sided_ngrams() -> None:
    import numpy as np
    from scipy import sparse

    from collector.sentiment.features import NBSVM

    # feature 0 only in class 0, feature 1 only in class 2, feature 2 everywhere
    rows = [[1, 0, 1]] * 10 + [[0, 0, 1]] * 10 + [[0, 1, 1]] * 10
    y = np.array([0] * 10 + [1] * 10 + [2] * 10)
    model = NBSVM(c=1.0).fit(sparse.csr_matrix(np.array(rows, dtype=float)), y)
    p = model.predict_proba(sparse.csr_matrix(np.array([[1, 0, 1], [0, 0, 1], [0, 1, 1]], dtype=float)))
    assert np.allclose(p.sum(1), 1.0)
    assert list(p.argmax(1)) == [0, 1, 2]


def test_model_scorer_passes_known_language_to_rule_features(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import collector.sentiment.language
    from collector.sentiment.features import rule_row

    train(FIXTURES / "invented_labels.csv", tmp_path)
    model = load_active_model(tmp_path)
    assert model is not None

    def no_detection(*args: object, **kwargs: object) -> str:
        raise AssertionError("language detection should not run when the language is given")

    monkeypatch.setattr(collector.sentiment.language, "detect_language", no_detection)
    rule_row.cache_clear()
    assert [s.label for s in model.score_many(["zorpla brunda hoy", "quagra skelp"], ["es", "es"])] == ["pos", "neg"]
