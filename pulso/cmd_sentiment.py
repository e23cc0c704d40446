"""Click commands for sentiment, registered by the main CLI (collector/cli.py):

    pulso score [--lang es|en] [--explain]      stdin lines -> JSON lines
    pulso sentiment train LABELLED.csv [--config data/monitor.toml] [--model-dir DIR]

`score` is how people check the scorer and the intent classifier on their own examples, so its
output is stable JSON: {"lang": "es", "score": -0.62, "label": "neg", "intent": "complaint",
"needs_reply": true}, plus "terms" and "cues" with --explain. It always uses the default
rule-based scorer and the cue-based intent classifier, so what it prints can be explained term by
term and cue by cue.

Export: `score_command`, `sentiment_group`. `python -m pulso.cmd_sentiment` runs both.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import click

from collector import LANGS, SENTIMENT_ACCURACY, classify_many, default_scorer, detect_language
from pulso.common import config_option, load_or_exit

BATCH = 1000


def _stdin_lines() -> io.TextIOBase:
    """stdin decoded as UTF-8 regardless of the locale (CI often runs with LANG=C)."""
    raw = getattr(sys.stdin, "buffer", None)
    if raw is None:
        return sys.stdin  # type: ignore[return-value]
    return io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline=None)


def _write(line: str) -> None:
    """Write UTF-8 to stdout whatever the locale says."""
    raw = getattr(sys.stdout, "buffer", None)
    if raw is None:
        sys.stdout.write(line)
    else:
        sys.stdout.flush()
        raw.write(line.encode("utf-8"))
        raw.flush()


SCORE_HELP = """Score texts from stdin, one per line, as JSON lines on stdout: language, sentiment score and
label, intent (question, complaint, request, thanks, praise, opinion, peer_answer, spam) and
needs_reply (intent is question, complaint or request; a lone line has no thread, so every line
counts as an eligible customer comment).

\b
{accuracy}

Intent as measured by benchmarks/intent.py on the project's own labelled comments: on those
written after the cues and never tuned on, needs-reply accuracy 0.89 and macro-F1 0.72 (0.97
and 0.94 on the comments the cues were tuned on).

Example: echo "nadie contesta al teléfono" | pulso score --explain
"""


def _score_help() -> str:
    """The help text with the sentiment figures the benchmark last wrote (collector.SENTIMENT_ACCURACY)."""
    f = SENTIMENT_ACCURACY
    conf, speed = f["confidence"], f["speed"]
    rows = "\n".join(f"  {s['macro_f1']:.3f}  {s['name']['en']}"
                     + (f" (target {s['target']:.2f})" if s["target"] else "") for s in f["sets"])
    lo, hi = (f"{round(100 * conf[k][0])}-{round(100 * conf[k][1])} %" for k in ("uncertain_right", "confident_right"))
    accuracy = (f"Sentiment, as benchmarks/sentiment.py measured it on {f['measured']}\n"
                "(macro-F1 of the label, 0 to 1):\n"
                f"{rows}\n"
                f"A pos or neg label with |score| < {conf['threshold']:g} is uncertain:\n"
                f"right {lo} of the time on the tweets, against {hi} above it.\n"
                f"Speed: {speed['sentiment_intent_texts_per_s']:,} comments/s on one core (sentiment and intent).")
    return SCORE_HELP.format(accuracy=accuracy)


@click.command("score", help=_score_help())
@click.option("--lang", type=click.Choice(list(LANGS)), default=None,
              help="Language of every line; detected per line when omitted.")
@click.option("--explain", is_flag=True,
              help="Add the terms and rules that moved each score, and the cues that voted for each intent.")
def score_command(lang: str | None, explain: bool) -> None:
    """Score stdin lines (the help text is SCORE_HELP, with the measured figures)."""
    scorer = default_scorer()
    batch: list[str] = []

    def flush() -> None:
        langs = [lang or detect_language(t, list(LANGS), "es") or "es" for t in batch]
        scores = scorer.score_many(batch, langs)
        intents = classify_many(batch, langs, sentiments=[s.score for s in scores])
        for text_lang, result, intent in zip(langs, scores, intents, strict=True):
            obj: dict[str, object] = {"lang": text_lang, "score": round(result.score, 4),
                                      "label": result.label, "intent": intent.label,
                                      "needs_reply": intent.needs_reply}
            if explain:
                obj["terms"] = [{"text": t.text, "valence": t.valence, "rule": t.rule}
                                for t in result.terms]
                obj["cues"] = [{"cue": c.text, "intent": c.intent, "weight": c.weight} for c in intent.cues]
            _write(json.dumps(obj, ensure_ascii=False) + "\n")
        batch.clear()

    for line in _stdin_lines():
        batch.append(line.rstrip("\r\n"))
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()


@click.group("sentiment")
def sentiment_group() -> None:
    """Train a sentiment model on your own labelled texts."""


@sentiment_group.command("train")
@click.argument("labelled", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@config_option
@click.option("--model-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where the model and its provenance are stored when it is better "
                   "[default: model/ beside the config file, where collect and rescore look for it].")
def train_command(labelled: Path, config_path: Path, model_dir: Path | None) -> None:
    """Fit a model on LABELLED (text,label CSV); keep it only if it beats the default scorer.

    The model: word and character TF-IDF, NB-SVM and the rule scorer's features, four logistic
    regressions averaged, regularisation chosen by cross-validation on your texts.

    Prints the 5-fold cross-validated macro-F1 of the model and of the default scorer on the
    same texts. Exit code 2 for an unusable file.

    Example: pulso sentiment train mis_etiquetas.csv
    """
    from collector import TrainingError, train

    if model_dir is None:
        model_dir = load_or_exit(config_path).model_dir
    try:
        report = train(labelled, model_dir)
    except TrainingError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    click.echo(report.to_text())


@click.group()
def _main() -> None:
    """Pulso sentiment commands (standalone entry point for testing)."""


_main.add_command(score_command)
_main.add_command(sentiment_group)

if __name__ == "__main__":
    _main()
