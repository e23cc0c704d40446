"""VADER's lexicon is read from the installed vaderSentiment package; the tree holds only Pulso's own lists."""

from __future__ import annotations

from importlib import resources

from collector.sentiment import lexicon as L
from collector.sentiment import rules as R


def _vader_file_rows() -> list[tuple[str, float]]:
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    return [(cols[0], float(cols[1])) for cols in (line.split("\t") for line in text.splitlines() if line.strip())]


def test_every_vader_row_is_read_from_the_package_as_a_word_or_a_symbol():
    rows = _vader_file_rows()
    words, symbols = L.read_vader(R.VADER_WORDS), L.read_vader(R.VADER_SYMBOLS)
    assert len(words) + len(symbols) == len(rows) > 7000
    assert {e.source for e in words} == {R.VADER_WORDS} and {e.source for e in symbols} == {R.VADER_SYMBOLS}
    lexicons = L.load_lexicons()
    en, es = lexicons["en"], lexicons["es"]
    assert en.words["good"] == dict(rows)["good"]
    assert (("can't", "stand"), dict(rows)["can't stand"]) in [(e.pattern, e.valence) for e in words]
    assert en.match_phrase(["can't", "stand", "it"], 0) == (2, -2.6)   # en_phrases.tsv, loaded later, re-weights it
    for lex in (en, es):                        # emoticons and chat abbreviations count in every language
        assert lex.emoticon(":)") == dict(rows)[":)"] and lex.emoticon("<3") == dict(rows)["<3"]
    assert en.words["lol"] == [v for t, v in rows if t == "lol"][-1]   # a term listed twice: the later row wins


def test_no_lexicon_file_in_the_tree_repeats_vader_rows():
    vader = set(_vader_file_rows())
    for path in sorted(R.LEXICON_DIR.glob("*.tsv")):
        same = [row for row in _tsv_rows(path) if row in vader]
        assert len(same) < 20, f"{path.name} repeats {len(same)} of VADER's rows: read them from the package"
    assert not list(R.LEXICON_DIR.glob("LICENSE*"))


def _tsv_rows(path) -> list[tuple[str, float]]:
    """(term, number) of every row whose second column is a number, whatever the file's header."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        try:
            rows.append((cols[0].strip(), float(cols[1])))
        except (IndexError, ValueError):
            continue
    return rows
