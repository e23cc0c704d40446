"""Intent benchmark: per-intent precision/recall/F1, macro-F1, needs-reply precision/recall/accuracy,
a baseline measured in the same run, and texts/s (CPU time, one core).

    python benchmarks/intent.py [PATH.csv ...]

A labelled CSV has the columns text, lang, intent, and optionally the thread context columns
is_reply, parent_is_brand, parent_intent, replied_after_brand, author_is_brand (1/0, true/false).
Each file is measured twice: with its context columns (as `collect` will classify comments) and
as text only (as `pulso score` sees a lone line). Every row is taken as an eligible comment, so
gold needs-reply = gold intent in question/complaint/request. The baseline is the trivial rule
"a question mark means it needs a reply"; the classifier's needs-reply accuracy is printed as a
ratio of it. Speed is texts/s of intent alone (sentiment given) and of sentiment + intent, best of
five passes of CPU time (benchmarks/sentiment.py's method). With no path it measures the labelled
set in tests/fixtures/intent/: dev.csv, which the cues were tuned on; test.csv, held out but
written in the same sitting as the first dev texts; test_fresh.csv, written after the cues and
never tuned on (the honest figure; see the README there).
Targets (issue 12): needs-reply accuracy >= 0.85, macro-F1 >= 0.60, >= 10,000 texts/s.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sklearn.metrics import f1_score, precision_recall_fscore_support  # noqa: E402

from collector.sentiment.accuracy import INTENT_FIGURES_FILE  # noqa: E402
from collector.sentiment.intent import LABELS, NEEDS_REPLY, IntentClassifier, ThreadContext  # noqa: E402
from collector.sentiment.scorer import Scorer  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures" / "intent"
DEFAULT_SETS = (FIXTURES / "dev.csv", FIXTURES / "test.csv", FIXTURES / "test_fresh.csv")
HONEST_SET = "test_fresh.csv"   # written after the cues, never tuned on: the figure the site quotes
TARGETS = {"needs-reply accuracy": 0.85, "macro-F1": 0.60}
SPEED_TARGET = 10_000.0
SPEED_ROUNDS = 10  # the fixture is small: repeat it so a pass lasts long enough to time
SPEED_PASSES = 5  # best of five: on a shared machine the minimum is the honest cost
TRUE = {"1", "true", "yes", "y", "t"}


class BadFile(ValueError):
    """The CSV lacks a column or has an unknown intent; the message names the file and row."""


def _flag(row: dict[str, str], name: str) -> bool:
    return (row.get(name) or "").strip().lower() in TRUE


def read_rows(path: Path) -> tuple[list[str], list[str], list[str], list[ThreadContext]]:
    """Texts, languages, gold intents and thread contexts of a labelled CSV."""
    texts, langs, gold, ctxs = [], [], [], []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = {"text", "lang", "intent"} - set(reader.fieldnames or ())
        if missing:
            raise BadFile(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        for lineno, row in enumerate(reader, start=2):
            intent = (row["intent"] or "").strip()
            if intent not in LABELS:
                raise BadFile(f"{path}:{lineno}: intent {intent!r} is not one of {', '.join(LABELS)}")
            parent = (row.get("parent_intent") or "").strip() or None
            texts.append(row["text"] or "")
            langs.append((row["lang"] or "").strip() or "es")
            gold.append(intent)
            ctxs.append(ThreadContext(_flag(row, "is_reply"), _flag(row, "parent_is_brand"), parent,
                                      _flag(row, "replied_after_brand"), _flag(row, "author_is_brand")))
    return texts, langs, gold, ctxs


def needs_reply_figures(gold: list[str], needs: list[bool]) -> tuple[float, float, float]:
    """Precision, recall and accuracy of a needs-reply decision against gold intents."""
    truth = [g in NEEDS_REPLY for g in gold]
    tp = sum(t and p for t, p in zip(truth, needs, strict=True))
    predicted, actual = sum(needs), sum(truth)
    acc = sum(t == p for t, p in zip(truth, needs, strict=True)) / len(truth)
    return (tp / predicted if predicted else 0.0), (tp / actual if actual else 0.0), acc


def report(name: str, gold: list[str], pred: list[str], baseline_acc: float) -> dict[str, float]:
    labels = list(LABELS)
    p, r, f, support = precision_recall_fscore_support(gold, pred, labels=labels, zero_division=0)
    macro = float(f1_score(gold, pred, labels=labels, average="macro", zero_division=0))
    nr_p, nr_r, nr_acc = needs_reply_figures(gold, [x in NEEDS_REPLY for x in pred])
    accuracy = sum(g == x for g, x in zip(gold, pred, strict=True)) / len(gold)
    print(f"  {name}: macro-F1 {macro:.3f}  accuracy {accuracy:.3f}")
    print(f"    {'intent':<12} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}")
    for lab, pp, rr, ff, nn in zip(labels, p, r, f, support, strict=True):
        print(f"    {lab:<12} {pp:6.3f} {rr:6.3f} {ff:6.3f} {nn:4d}")
    print(f"    needs reply: precision {nr_p:.3f}  recall {nr_r:.3f}  accuracy {nr_acc:.3f}  "
          f"({nr_acc / baseline_acc:.2f}x the baseline's accuracy)")
    return {"macro-F1": macro, "needs-reply accuracy": nr_acc}


def cpu_rate(work: Callable[[], None], n: int) -> float:
    """Texts per second of `work` (which handles n texts): the best pass of process CPU time."""
    best = float("inf")
    for _ in range(SPEED_PASSES):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return n / best


def speed(scorer: Scorer, clf: IntentClassifier, texts: list[str], langs: list[str],
          ctxs: list[ThreadContext]) -> tuple[float, float]:
    """(intent alone, sentiment + intent) texts/s, one text at a time as collect scores new texts."""
    texts, langs, ctxs = texts * SPEED_ROUNDS, langs * SPEED_ROUNDS, ctxs * SPEED_ROUNDS
    scores = [scorer.score(t, lang).score for t, lang in zip(texts, langs, strict=True)]
    rows = list(zip(texts, langs, ctxs, scores, strict=True))

    def intent_only() -> None:
        for t, lang, c, s in rows:
            clf.classify(t, lang, context=c, sentiment=s)

    def both() -> None:
        for t, lang, c, _s in rows:
            clf.classify(t, lang, context=c, sentiment=scorer.score(t, lang).score)

    return cpu_rate(intent_only, len(rows)), cpu_rate(both, len(rows))


def measure(path: Path, scorer: Scorer, clf: IntentClassifier) -> tuple[dict[str, float], bool]:
    texts, langs, gold, ctxs = read_rows(path)
    scores = [s.score for s in scorer.score_many(texts, langs)]
    print(f"\n== {path.name}  ({len(texts)} texts: "
          + ", ".join(f"{lab} {gold.count(lab)}" for lab in LABELS) + ")")
    base_p, base_r, base_acc = needs_reply_figures(gold, ["?" in t or "¿" in t for t in texts])
    print(f"  baseline 'a question mark means it needs a reply': precision {base_p:.3f}  recall {base_r:.3f}  "
          f"accuracy {base_acc:.3f}")
    with_ctx = [x.label for x in clf.classify_many(texts, langs, ctxs, scores)]
    figures = report("with thread context", gold, with_ctx, base_acc)
    alone = [x.label for x in clf.classify_many(texts, langs, None, scores)]
    alone_figures = report("text only (as `pulso score` sees it)", gold, alone, base_acc)
    figures = {**figures, "texts": len(texts), "text-only macro-F1": alone_figures["macro-F1"],
               "needs-reply precision": needs_reply_figures(gold, [x in NEEDS_REPLY for x in with_ctx])[0],
               "needs-reply recall": needs_reply_figures(gold, [x in NEEDS_REPLY for x in with_ctx])[1],
               "baseline accuracy": base_acc}
    intent_tps, both_tps = speed(scorer, clf, texts, langs, ctxs)
    print(f"  speed (one core, CPU time): intent {intent_tps:,.0f} texts/s; sentiment + intent {both_tps:,.0f} texts/s")
    ok = True
    for key, target in TARGETS.items():
        for which, fig in (("context", figures), ("text only", alone_figures)):
            verdict = "PASS" if fig[key] >= target else "FAIL"
            ok &= verdict == "PASS"
            print(f"  target {key} >= {target:.2f} ({which}): {fig[key]:.3f} {verdict}")
    fast = both_tps >= SPEED_TARGET
    print(f"  target sentiment + intent >= {SPEED_TARGET:,.0f} texts/s: {'PASS' if fast else 'FAIL'}")
    return figures, ok and fast


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csv", nargs="*", type=Path, help="labelled CSV files (text, lang, intent, context columns)")
    ap.add_argument("--write-figures", action="store_true",
                    help=f"write the never-tuned-on set's figures to {INTENT_FIGURES_FILE.name} for the Method page")
    args = ap.parse_args(argv)
    paths = list(args.csv) or [p for p in DEFAULT_SETS if p.is_file()]
    t0 = time.perf_counter()
    scorer, clf = Scorer(), IntentClassifier()
    print(f"sentiment scorer and intent cues loaded in {time.perf_counter() - t0:.2f} s")
    ok = True
    for path in paths:
        try:
            figures, passed = measure(path, scorer, clf)
        except (OSError, BadFile) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        ok &= passed
        if args.write_figures and path.name == HONEST_SET:
            write_figures(figures)
    return 0 if ok else 1


def write_figures(figures: dict[str, float]) -> None:
    """The honest set's figures as data for the site (collector.INTENT_ACCURACY); a test re-measures them."""
    data = {"measured": date.today().isoformat(), "by": "python benchmarks/intent.py --write-figures",
            "set": HONEST_SET, "texts": int(figures["texts"]),
            **{key.replace("-", "_").replace(" ", "_"): round(value, 3) for key, value in figures.items()
               if key != "texts"}}
    INTENT_FIGURES_FILE.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {INTENT_FIGURES_FILE}")


if __name__ == "__main__":
    raise SystemExit(main())
