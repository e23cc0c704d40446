"""Intent of a comment — question, complaint, request, thanks, praise, opinion, peer_answer, spam —
from cues a person can read, in the spirit of the sentiment scorer.

Why cues and not a model: the intent decides what lands in the team's reply queue, and a comment
left out of it ("gracias por nada" read as thanks) must be explainable and fixable by editing a
line of lexicons/intent_es.tsv, not by retraining. Every `Intent` carries the cues that voted.

How it decides: each cue of the text votes for one intent with its weight (a negated cue votes
for its `if_negated` intent or for nothing; cues before a contrast word — "gracias, pero sigo
sin línea" — count half). A "?" votes question, links vote spam, the sentiment score votes
praise (positive) or complaint (negative). Thread position adds votes: a customer's thanks after a
brand reply closes the case, a reply to another customer's question or problem leans to
peer_answer, and a brand's own comment is never a peer answer or spam. Spam wins once its votes
reach SPAM_MIN and no needs-reply intent has more; otherwise the intent with most votes wins (ties
in PRIORITY order), and a text with no clear cue is an opinion. `classify_threads` derives the
thread position from stored comments.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from collector.matching import fold
from collector.sentiment import intent_cues as C

LABELS = C.LABELS
NEEDS_REPLY = frozenset({"question", "complaint", "request"})
#: Ties go to the intent a missed reply would cost most.
PRIORITY = ("complaint", "request", "question", "thanks", "peer_answer", "praise", "opinion", "spam")
QUESTION_MARK = 2.0  # one "?" or several: the vote of asking
LINK = 1.5  # per link, at most two: a link alone is not spam
MAX_LINKS = 2
SPAM_MIN = 3.0
CONTRAST_BEFORE = 0.5  # cues before "pero"/"but" count half (the scorer's VADER rule)
SENTIMENT_WEIGHT = 2.5  # votes per unit of sentiment score, beyond SENTIMENT_MIN either way
SENTIMENT_MIN = 0.2
#: negative sentiment votes complaint with this factor when the writer tells their own case or
#: addresses the brand (intent_cues.PERSONAL), and with the other factor when not
PERSONAL_FACTOR = 1.2
IMPERSONAL_FACTOR = 0.6
THANKS_WARMTH = 0.5  # positive sentiment votes praise with this factor when the text thanks
CLOSES_CASE = 2.0  # thanks after a brand reply, when nothing more is asked or reported
POLITENESS = 0.3  # share of its weight a sign-off thanks keeps beside a question or a problem
ASKS_MIN = 1.5  # question, complaint and request cues this heavy (or a "?") make a text ask something
PEER_AFTER_QUESTION = 2.0  # a customer's reply to another customer's question
PEER_AFTER_PROBLEM = 1.0  # ... or to their complaint or request
MIN_VOTE = 0.5  # below this nothing was said clearly: an opinion


Cue = C.Cue
QUESTION_CUE = Cue("?", "question", QUESTION_MARK)
NO_CLUE = Cue("no clear cue", "opinion", 0.0)


@dataclass(frozen=True, slots=True)
class Intent:
    """A text's intent and every cue that voted; `decided_by` are those of the winning intent."""

    label: str
    cues: tuple[Cue, ...]

    @property
    def needs_reply(self) -> bool:
        """Question, complaint or request: the text asks something of the brand."""
        return self.label in NEEDS_REPLY

    @property
    def decided_by(self) -> tuple[Cue, ...]:
        return tuple(c for c in self.cues if c.intent == self.label)


@dataclass(frozen=True, slots=True)
class ThreadContext:
    """Where a comment sits in its thread; all False/None for a lone text (`pulso score`)."""

    is_reply: bool = False  # it has a parent comment
    parent_is_brand: bool = False  # ... written by the brand
    parent_intent: str | None = None  # the parent's own intent (classify parents first)
    replied_after_brand: bool = False  # a brand reply came earlier in the thread
    author_is_brand: bool = False  # the comment is the brand's own


LONE = ThreadContext()
NO_INTENT = Intent("opinion", ())


@dataclass(frozen=True, slots=True)
class ThreadComment:
    """What `classify_threads` needs of a stored comment (the `comments` table's columns)."""

    comment_id: str
    post_id: str
    parent_id: str | None
    is_brand: bool
    published_at: Any  # anything comparable within a post: datetime, ISO string, number
    text: str
    lang: str | None
    sentiment: float | None = None  # the stored score; scored when None


class IntentClassifier:
    """Cue-based classifier; loads its cue files once. Thread-safe for reading."""

    def __init__(self, entries: list[C.CueEntry] | None = None) -> None:
        self.index = C.CueIndex(entries if entries is not None else C.load_cues())

    def classify(self, text: str, lang: str | None, *, context: ThreadContext | None = None,
                 sentiment: float | None = None) -> Intent:
        """Intent of one text; `sentiment` is the scorer's compound score (computed when None)."""
        if sentiment is None:
            from collector.sentiment.scorer import default_scorer

            sentiment = default_scorer().score(text, lang).score
        return self._classify(text, context or LONE, sentiment)

    def classify_many(self, texts: Sequence[str], langs: Sequence[str | None],
                      contexts: Sequence[ThreadContext | None] | None = None,
                      sentiments: Sequence[float | None] | None = None) -> list[Intent]:
        """Batch form; pass the sentiment scores the caller already has so nothing is scored twice."""
        n = len(texts)
        if len(langs) != n or (contexts is not None and len(contexts) != n) or (
                sentiments is not None and len(sentiments) != n):
            raise ValueError(f"classify_many got {n} texts but other sequences of another length")
        ctxs = contexts if contexts is not None else [None] * n
        scores = list(sentiments) if sentiments is not None else [None] * n
        missing = [k for k, s in enumerate(scores) if s is None]
        if missing:
            from collector.sentiment.scorer import default_scorer

            found = default_scorer().score_many([texts[k] for k in missing], [langs[k] for k in missing])
            for k, s in zip(missing, found, strict=True):
                scores[k] = s.score
        return [self._classify(t, c or LONE, s or 0.0) for t, c, s in zip(texts, ctxs, scores, strict=True)]

    # -- internals ---------------------------------------------------------------------------------
    def _classify(self, text: str, ctx: ThreadContext, sentiment: float) -> Intent:
        toks = C.tokenize(text)
        cues = self._text_cues(toks.clauses)
        asks = bool(toks.questions) or sum(c.weight for c in cues if c.intent in NEEDS_REPLY) >= ASKS_MIN
        if asks:
            cues = [_courtesy(c) for c in cues]
        votes = dict.fromkeys(LABELS, 0.0)
        for cue in cues:
            votes[cue.intent] += cue.weight
        extra = self._extra_cues(toks, ctx, sentiment, votes, asks)
        for cue in extra:
            votes[cue.intent] += cue.weight
        found = (*cues, *extra)
        if votes["spam"] >= SPAM_MIN and all(votes["spam"] >= votes[lab] for lab in NEEDS_REPLY):
            return Intent("spam", found)  # but a real problem with two links in it stays in the queue
        best = max(PRIORITY[:-1], key=votes.__getitem__)  # max keeps the first of equals: PRIORITY order
        if votes[best] < MIN_VOTE:
            return Intent("opinion", (*found, NO_CLUE))
        return Intent(best, found)

    def _text_cues(self, clauses: list[list[str]]) -> list[Cue]:
        """One pass over each clause's words: the cue of every match, longest match first; cues
        before a contrast word ("gracias, pero sigo sin línea") are halved, except spam's."""
        cache, candidates, narrow = self.index.cache, self.index.candidates, self.index.narrow
        out: list[Cue] = []
        pivot = 0  # cues found before out[pivot] came before the last contrast word
        for words in clauses:
            i, n = 0, len(words)
            while i < n:
                w = words[i]
                if w in C.CONTRAST:
                    pivot = -1 if (i == 0 and w in C.R.CONCESSIVE_OPENERS) else len(out)
                found = cache.get(w)
                if found is None:
                    found = candidates(w)
                if not found:
                    i += 1
                    continue
                if len(found) > C.NARROW_ABOVE:
                    found = narrow(found, words, i)
                hit = C.match(found, words, i)
                if hit is None:
                    i += 1
                    continue
                entry, end = hit
                cue = entry.negated_cue if C.negated(words, i) else entry.cue
                if cue is not None:
                    out.append(cue)
                i = end
            if pivot == -1:  # "Aunque tardaron, el trato fue bueno": the main clause follows this one
                pivot = len(out)
        if pivot:
            out[:pivot] = [c if c.intent == "spam" else Cue(c.text, c.intent, c.weight * CONTRAST_BEFORE)
                           for c in out[:pivot]]
        return out

    @staticmethod
    def _extra_cues(toks: C.Tokens, ctx: ThreadContext, sentiment: float, votes: dict[str, float],
                    asks: bool) -> list[Cue]:
        """Votes from punctuation, links, the sentiment score and the comment's place in its thread;
        `asks`: the text has a "?" or a question, complaint or request cue."""
        extra: list[Cue] = []
        if toks.questions:
            extra.append(QUESTION_CUE)
        if toks.links and not ctx.author_is_brand:
            extra.append(Cue("link", "spam", LINK * min(toks.links, MAX_LINKS)))
        if sentiment >= SENTIMENT_MIN:  # with thanks in the text, part of the warmth is the thanks'
            weight = SENTIMENT_WEIGHT * sentiment * (THANKS_WARMTH if votes["thanks"] > 0 else 1.0)
            extra.append(Cue(f"sentiment {sentiment:+.2f}", "praise", round(weight, 3)))
        elif sentiment <= -SENTIMENT_MIN:
            personal = any(not C.PERSONAL.isdisjoint(words) for words in toks.clauses)
            factor = PERSONAL_FACTOR if personal else IMPERSONAL_FACTOR
            extra.append(Cue(f"sentiment {sentiment:+.2f}" + ("" if personal else " (impersonal)"), "complaint",
                             round(-SENTIMENT_WEIGHT * factor * sentiment, 3)))
        if ctx.author_is_brand:
            for label in ("peer_answer", "spam"):
                if votes[label]:
                    extra.append(Cue("written by the brand", label, -votes[label]))
            return extra
        if votes["thanks"] > 0 and not asks and (ctx.parent_is_brand or ctx.replied_after_brand):
            extra.append(Cue("thanks after a brand reply", "thanks", CLOSES_CASE))
        if ctx.is_reply and not ctx.parent_is_brand and ctx.parent_intent in NEEDS_REPLY:
            weight = PEER_AFTER_QUESTION if ctx.parent_intent == "question" else PEER_AFTER_PROBLEM
            extra.append(Cue(f"reply to another customer's {ctx.parent_intent}", "peer_answer", weight))
        return extra


def _courtesy(cue: Cue) -> Cue:
    """A bare "gracias" / "cheers" beside a question or a problem is a courtesy, not a case closed
    (the scorer's politeness rule, for intent)."""
    if cue.intent != "thanks" or fold(cue.text) not in C.SIGN_OFFS:
        return cue
    return Cue(f"{cue.text} (politeness)", "thanks", round(cue.weight * POLITENESS, 3))


_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _cached() -> IntentClassifier:
    return IntentClassifier()


def default_classifier() -> IntentClassifier:
    """The process-wide classifier (cue files parsed once)."""
    with _LOCK:
        return _cached()


def classify_intent(text: str, lang: str | None, *, context: ThreadContext | None = None,
                    sentiment: float | None = None) -> Intent:
    """Intent of one comment. Pass `sentiment` (the scorer's score) when you have it."""
    return default_classifier().classify(text, lang, context=context, sentiment=sentiment)


def classify_many(texts: Sequence[str], langs: Sequence[str | None],
                  contexts: Sequence[ThreadContext | None] | None = None,
                  sentiments: Sequence[float | None] | None = None) -> list[Intent]:
    """Intents of many comments (same-length sequences); see IntentClassifier.classify_many."""
    return default_classifier().classify_many(texts, langs, contexts, sentiments)



def _depths(comments: Sequence[ThreadComment], by_id: dict[str, ThreadComment]) -> list[int]:
    """How many ancestors each comment has in `comments` (a cycle of parents stops the count)."""
    out = []
    for c in comments:
        depth, seen, parent = 0, {c.comment_id}, c.parent_id
        while parent is not None and parent in by_id and parent not in seen:
            seen.add(parent)
            depth += 1
            parent = by_id[parent].parent_id
        out.append(depth)
    return out


def classify_threads(comments: Sequence[ThreadComment]) -> list[Intent]:
    """Intents of the comments of one or more posts, in input order, each with its thread context.

    Why a helper: a reply's context includes its parent's intent, so parents are classified first
    (by depth in the thread, not by date: a reply can carry an earlier date than its parent).
    "A brand reply came earlier" is per post. Pass whole threads: a reply whose parent is not among
    `comments` is still a reply, with no parent intent. Missing sentiment scores are computed in one batch.
    """
    by_id = {c.comment_id: c for c in comments}
    first_brand: dict[str, Any] = {}
    for c in comments:
        if c.is_brand and (c.post_id not in first_brand or c.published_at < first_brand[c.post_id]):
            first_brand[c.post_id] = c.published_at
    scores = [c.sentiment for c in comments]
    missing = [k for k, s in enumerate(scores) if s is None]
    if missing:
        from collector.sentiment.scorer import default_scorer

        found = default_scorer().score_many([comments[k].text for k in missing], [comments[k].lang for k in missing])
        for k, result in zip(missing, found, strict=True):
            scores[k] = result.score
    clf = default_classifier()
    depths = _depths(comments, by_id)
    intents: dict[str, str] = {}
    out: list[Intent] = [NO_INTENT] * len(comments)
    for k in sorted(range(len(comments)), key=depths.__getitem__):
        c = comments[k]
        parent = by_id.get(c.parent_id) if c.parent_id is not None else None
        brand_at = first_brand.get(c.post_id)
        ctx = ThreadContext(
            is_reply=c.parent_id is not None,
            parent_is_brand=parent is not None and parent.is_brand,
            parent_intent=intents.get(parent.comment_id) if parent is not None and not parent.is_brand else None,
            replied_after_brand=brand_at is not None and brand_at < c.published_at,
            author_is_brand=c.is_brand,
        )
        out[k] = clf.classify(c.text, c.lang, context=ctx, sentiment=scores[k])
        intents[c.comment_id] = out[k].label
    return out
