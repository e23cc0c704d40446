"""Vectorised comment threads for the big benchmark database: who comments when, which brand replies
answer whom and how late, in NumPy arrays instead of per-comment Python objects (1M comments)."""

from __future__ import annotations

import math

import numpy as np

from pulso.demo.generate import FOLLOWUP_ANSWER, INTENTS

HOUR_US = 3_600_000_000


def _lognormal_h(rng: np.random.Generator, n: int, median: float, sigma: float, lo: float, hi: float) -> np.ndarray:
    return np.clip(rng.lognormal(math.log(median), sigma, n), lo, hi)


def simulate_threads(rng: np.random.Generator, counts: np.ndarray, p_when: np.ndarray, p_context: np.ndarray,
             p_src: np.ndarray, owned: np.ndarray, lang: np.ndarray, end_us: int) -> dict[str, np.ndarray]:
    """Every comment as parallel arrays: post, time, intent, lang, brand, parent (row index or -1)."""
    n = int(counts.sum())
    post = np.repeat(np.arange(len(counts)), counts)
    when = p_when[post] + (_lognormal_h(rng, n, 18, 1.4, 0.02, 24 * 90) * HOUR_US).astype(np.int64)
    order = np.lexsort((when, post))
    post, when = post[order], when[order]
    first = np.repeat(np.cumsum(counts) - counts, counts)
    rank = np.arange(n) - first
    src_lang = lang[p_src[post]]
    other = np.where(src_lang == "es", "en", "es")
    c_lang = np.where(rng.random(n) < 0.9, src_lang, other)
    ctx = p_context[post]
    intent = np.empty(n, dtype=object)
    answer_p = np.zeros(n)
    for code, name in enumerate(("owned", "mention", "other")):
        where = np.flatnonzero(ctx == code)
        names, weights, probs = zip(*INTENTS[name], strict=True)
        w = np.array(weights, dtype=float)
        pick = rng.choice(len(names), size=len(where), p=w / w.sum())
        intent[where] = np.array(names, dtype=object)[pick]
        answer_p[where] = np.array(probs)[pick]
    parent = np.full(n, -1, dtype=np.int64)
    peer = intent == "peer"
    lonely = peer & (rank == 0)
    intent[lonely] = np.where(ctx[lonely] == 2, "general", "neutral")
    for code, name in ((0, "owned"), (1, "mention")):
        answer_p[lonely & (ctx == code)] = {i: p for i, _, p in INTENTS[name]}["neutral"]
    peer &= rank > 0
    back = rng.integers(1, np.maximum(np.minimum(rank, 8), 1) + 1)
    parent[peer] = (np.arange(n) - back)[peer]
    delay = rng.integers(4, 900, size=n) * 60_000_000
    for _ in range(3):  # a reply comes after what it answers (chains of peers settle in a few passes)
        when[peer] = np.maximum(when[peer], when[parent[peer]] + delay[peer])

    # collective unthreaded replies ("hola a todos") on owned posts with >= 6 people comments
    collective_post = np.flatnonzero(owned[p_src] & (counts >= 6) & (rng.random(len(counts)) < 0.3))
    starts = np.cumsum(counts) - counts
    j = rng.integers(2, np.minimum(counts[collective_post] - 1, 8) + 1)
    covered = np.full(len(counts), np.iinfo(np.int64).max)
    covered[collective_post] = when[starts[collective_post] + j] + (
        _lognormal_h(rng, len(collective_post), 4, 0.8, 0.1, 72) * HOUR_US).astype(np.int64)

    # threaded brand replies: engaged posts, by intent, after a log-normal delay
    engaged_post = owned[p_src] | ((p_context == 1) & (rng.random(len(counts)) < 0.8))
    reply_at = when + (_lognormal_h(rng, n, 3, 1.6, 0.05, 24 * 14) * HOUR_US).astype(np.int64)
    cov = covered[post]
    skip = (when < cov) & (cov < reply_at) & (rng.random(n) < 0.8)
    answered = engaged_post[post] & (rng.random(n) < answer_p) & ~skip
    replies = np.flatnonzero(answered)
    follow = replies[rng.random(len(replies)) < 0.3]
    follow_intent = np.where(rng.random(len(follow)) < 0.6, "followup_ok", "followup_bad").astype(object)
    follow_at = reply_at[follow] + (_lognormal_h(rng, len(follow), 2, 1.2, 0.03, 24 * 7) * HOUR_US).astype(np.int64)
    follow_p = np.array([FOLLOWUP_ANSWER[i] for i in follow_intent])
    second = rng.random(len(follow)) < follow_p
    second_at = follow_at[second] + (_lognormal_h(rng, int(second.sum()), 3, 1.6, 0.05, 24 * 14)
                                     * HOUR_US).astype(np.int64)

    # assemble: people | brand replies | follow-ups | replies to follow-ups | collective replies
    nr, nf, ns, nc = len(replies), len(follow), int(second.sum()), len(collective_post)
    reply_row = n + np.arange(nr)
    reply_of = np.full(n, -1, dtype=np.int64)
    reply_of[replies] = reply_row
    follow_row = n + nr + np.arange(nf)
    parts = {
        "post": [post, post[replies], post[follow], post[follow][second], collective_post],
        "when": [when, reply_at[replies], follow_at, second_at, covered[collective_post]],
        "intent": [intent, np.full(nr, "brand", dtype=object), follow_intent, np.full(ns, "brand", dtype=object),
                   np.full(nc, "brand_all", dtype=object)],
        "lang": [c_lang, c_lang[replies], c_lang[follow], c_lang[follow][second], lang[p_src[collective_post]]],
        "brand": [np.zeros(n, bool), np.ones(nr, bool), np.zeros(nf, bool), np.ones(ns, bool), np.ones(nc, bool)],
        "parent": [parent, replies, reply_of[follow], follow_row[second], np.full(nc, -1, dtype=np.int64)],
        "author_of": [np.arange(n), np.full(nr, -1), follow, np.full(ns, -1), np.full(nc, -1)],
    }
    out = {k: np.concatenate(v) for k, v in parts.items()}
    return _keep(out, out["when"] <= end_us)


def _keep(t: dict[str, np.ndarray], mask: np.ndarray) -> dict[str, np.ndarray]:
    """Rows where `mask` holds, with parent/author row references renumbered (dropped ones -> -1)."""
    new_index = np.cumsum(mask) - 1
    out = {k: v[mask] for k, v in t.items()}
    for ref in ("parent", "author_of"):
        old = out[ref]
        ok = old >= 0
        ok[ok] = mask[old[ok]]
        out[ref] = np.where(ok, new_index[np.maximum(old, 0)], -1)
    return out


def trim_threads(t: dict[str, np.ndarray], target: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Drop random brand replies nobody replied to until exactly `target` rows remain (they stay unanswered)."""
    extra = len(t["when"]) - target
    if extra <= 0:
        return t
    referenced = np.zeros(len(t["when"]), bool)
    referenced[t["parent"][t["parent"] >= 0]] = True
    referenced[t["author_of"][t["author_of"] >= 0]] = True
    candidates = np.flatnonzero(t["brand"] & ~referenced)
    if len(candidates) < extra:
        candidates = np.flatnonzero(~referenced)
    drop = rng.choice(candidates, size=extra, replace=False)
    mask = np.ones(len(t["when"]), bool)
    mask[drop] = False
    return _keep(t, mask)


# ------------------------------------------------------------------------------------------ write
