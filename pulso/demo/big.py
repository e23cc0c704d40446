"""A large synthetic database written straight through the schema, for build and export benchmarks.

`pulso.demo.generate` writes feed files that the collector reads over HTTP: faithful, but about 5 000
comments a second end to end, so a million comments would take most of an hour before a single
build is timed. This module writes the same kind of data *directly* into the real schema
(`collector.storage.store.connect`) with a few bulk Arrow inserts: the same sources (`build_specs`), the
same text bank (`demo_text`), the same brand, responders, intents and answer rates as the demo
(`pulso.demo.generate`), and languages/sentiment/mention flags computed by the real detector, scorer and
alias matcher (each distinct text is scored once, then sampled).

It lives in the package, not in `benchmarks/`, because tests import it too (the Parquet export test
builds a small database with it) and it must track the schema and the demo it mirrors.

Shape, by default: 300 sources, 200 000 posts and exactly 1 000 000 comments over two years ending
at `end`; threads with peer replies, threaded brand replies after log-normal delays (median ~3 h),
follow-ups, some collective unthreaded replies, unanswered comments, and a fetch log with seven
nightly runs (a few failing feeds). Everything is a function of `seed`.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from random import Random

import numpy as np
import pandas as pd
import pyarrow as pa

from collector import PhraseMatcher, connect, set_meta, transaction
from pulso.demo import text as txt
from pulso.demo.big_threads import HOUR_US, simulate_threads, trim_threads
from pulso.demo.generate import ALIASES, RESPONDERS, config_toml
from pulso.demo.sources import Spec, build_specs

DAY_US = 24 * HOUR_US
POOL = 400          # distinct texts per (intent, language) and per (post kind, language)
NIGHTS = 7          # nightly runs recorded in the fetch log
BASE_URL = "http://127.0.0.1:8765"


@dataclass(frozen=True)
class BigSummary:
    sources: int
    posts: int
    comments: int
    brand_replies: int
    fetches: int
    seconds: float

    def __str__(self) -> str:
        return (f"{self.sources} sources, {self.posts:,} posts, {self.comments:,} comments "
                f"({self.brand_replies:,} brand replies), {self.fetches:,} fetch-log rows, "
                f"written in {self.seconds:.1f} s")


def _us(dt: datetime) -> int:
    return int(dt.timestamp() * 1_000_000)


def _ts(values: np.ndarray) -> pa.Array:
    return pa.array(values.astype("int64"), type=pa.timestamp("us", tz="UTC"))


def _brands(mention: np.ndarray) -> pa.Array:
    """`brands` as the matcher leaves it: the text pools name only the brand (no competitor)."""
    named, empty = [txt.BRAND], []
    return pa.array([named if m else empty for m in mention.tolist()], pa.list_(pa.string()))


def _specs(sources: int) -> list[Spec]:
    """The demo's catalogue grown to `sources` (minus its deliberately broken feed)."""
    scale = sources / 25
    specs = [s for s in build_specs(scale) if s.kind != "broken" and not s.owner]   # no competitors' blogs here
    while len(specs) < sources:  # rounding: top up with third-party WordPress blogs
        scale += 0.05
        specs = [s for s in build_specs(scale) if s.kind != "broken" and not s.owner]
    third = [i for i, s in enumerate(specs) if not s.owned]
    drop = set(third[len(third) - (len(specs) - sources):]) if len(specs) > sources else set()
    return [s for i, s in enumerate(specs) if i not in drop]


# ------------------------------------------------------------------------------------- text pools


class _Pools:
    """Distinct texts, each scored once by the real language detector, scorer and alias matcher."""

    def __init__(self, seed: int) -> None:
        from collector import Enrich

        rng = Random(f"{seed}:bigdemo:pools")
        enrich = Enrich(("es", "en"))
        matcher = PhraseMatcher(ALIASES)
        intents = list(txt.COMMENTS["es"])
        rows = []
        for intent in intents:
            for lang in ("es", "en"):
                for _ in range(POOL):
                    name = txt.person(lang, rng).split(" ")[0]
                    rows.append((intent, lang, txt.comment(intent, lang, rng, name=name)))
        frame = pd.DataFrame(rows, columns=["intent", "want", "text"])
        frame = enrich(frame, None)
        frame["is_mention"] = [matcher.search(t) for t in frame["text"]]
        self.comments = frame
        self.comment_index = {(i, lang): np.flatnonzero((frame["intent"] == i) & (frame["want"] == lang))
                              for i in intents for lang in ("es", "en")}
        rows = []
        for kind in ("owned", "mention", "other", "news"):
            for lang in ("es", "en"):
                for _ in range(POOL):
                    paras = txt.post_paragraphs(lang, rng, owned=kind == "owned", mention=kind == "mention")
                    rows.append((kind, lang, txt.post_title(kind, lang, rng), "\n\n".join(paras)))
        posts = pd.DataFrame(rows, columns=["kind", "want", "title", "text"])
        posts = enrich(posts, None)
        posts["is_mention"] = [matcher.search(a, b) for a, b in zip(posts["title"], posts["text"], strict=True)]
        self.posts = posts
        self.post_index = {(k, lang): np.flatnonzero((posts["kind"] == k) & (posts["want"] == lang))
                           for k in ("owned", "mention", "other", "news") for lang in ("es", "en")}
        self.people = {lang: [txt.person(lang, rng) for _ in range(4000)] for lang in ("es", "en")}


def _pick(index: dict, keys: list[tuple[str, str]], rng: np.random.Generator) -> np.ndarray:
    """One pool row per item, drawn from the pool of that item's key."""
    out = np.empty(len(keys), dtype=np.int64)
    codes = pd.Series([f"{a}\x1f{b}" for a, b in keys]) if keys else pd.Series([], dtype=str)
    for code, where in codes.groupby(codes).groups.items():
        pool = index[tuple(code.split("\x1f"))]
        out[np.asarray(where)] = pool[rng.integers(0, len(pool), len(where))]
    return out


# ------------------------------------------------------------------------------------------ model


def _post_times(rng: np.random.Generator, n: int, start: int, end: int) -> np.ndarray:
    """Publication instants over [start, end], slightly growing over time, in daytime hours."""
    u = rng.random(n) ** 0.85
    t = start + (u * (end - start)).astype(np.int64)
    return np.sort(t)


def generate_db(db_path: Path, *, comments: int = 1_000_000, posts: int = 200_000, sources: int = 300,
                days: int = 730, end: datetime | None = None, seed: int = 11,
                config_dir: Path | None = None) -> BigSummary:
    """Write a fresh database at `db_path` (replaced) and, when `config_dir` is given, its monitor.toml."""
    started = time.perf_counter()
    end = (end or datetime.now(UTC).replace(minute=0, second=0, microsecond=0)).astimezone(UTC)
    end_us, start_us = _us(end), _us(end - timedelta(days=days))
    rng = np.random.default_rng(seed)
    specs = _specs(sources)
    pools = _Pools(seed)

    # ---- posts -------------------------------------------------------------------------------
    weight = np.array([s.posts_per_year for s in specs], dtype=float)
    per_source = np.floor(weight / weight.sum() * posts).astype(np.int64)
    per_source[np.argmax(weight)] += posts - per_source.sum()
    p_src = np.repeat(np.arange(len(specs)), per_source)
    p_when = np.concatenate([_post_times(rng, int(k), start_us, end_us) for k in per_source])
    p_idx = np.concatenate([np.arange(k) for k in per_source])  # index within its source
    owned = np.array([s.owned for s in specs])
    kind = np.array([s.kind for s in specs])
    lang = np.array([s.lang for s in specs])
    mrate = np.array([s.mention_rate for s in specs])
    roll = rng.random(posts)
    p_kind = np.where(owned[p_src], "owned", np.where(kind[p_src] == "news", "news",
                      np.where(roll < mrate[p_src], "mention", "other")))
    p_pool = _pick(pools.post_index, list(zip(p_kind.tolist(), lang[p_src].tolist(), strict=True)), rng)
    pp = pools.posts
    p_mention = pp["is_mention"].to_numpy()[p_pool]
    p_context = np.where(owned[p_src], 0, np.where(p_mention, 1, 2))  # owned | mention | other

    # ---- people's comments: calibrate the per-post mean so the total lands on `comments` ------
    cmean = np.array([s.comments_mean for s in specs])[p_src]
    cmax = np.array([s.max_comments for s in specs])[p_src]
    has_comments = kind[p_src] != "news"
    noise = rng.lognormal(-0.4, 0.9, posts)

    def people_counts(factor: float) -> np.ndarray:
        mean = np.maximum(cmean * factor, 0.05)
        return np.where(has_comments, np.minimum(cmax, np.floor(mean * noise)), 0).astype(np.int64)

    factor = comments / max(1.0, float((cmean * has_comments).sum() * math.exp(-0.4 + 0.9**2 / 2)))
    factor *= 0.62   # brand replies and follow-ups add about 60 % on top of people's comments
    threads = simulate_threads(rng, people_counts(factor), p_when, p_context, p_src, owned, lang, end_us)
    total = len(threads["when"])
    factor *= comments * 1.01 / max(total, 1)
    threads = simulate_threads(rng, people_counts(factor), p_when, p_context, p_src, owned, lang, end_us)
    threads = trim_threads(threads, comments, rng)

    # ---- frames -------------------------------------------------------------------------------
    con_path = Path(db_path)
    for leftover in (con_path, Path(f"{con_path}.wal")):
        leftover.unlink(missing_ok=True)
    con = connect(con_path)
    try:
        nights = _write(con, specs, pools, rng, end_us, p_src, p_when, p_idx, p_pool, threads)
    finally:
        con.close()
    if config_dir is not None:
        config_dir.mkdir(parents=True, exist_ok=True)
        (config_dir / "monitor.toml").write_text(config_toml(specs, BASE_URL), encoding="utf-8")
    return BigSummary(len(specs), posts, len(threads["when"]), int(threads["brand"].sum()),
                      nights, time.perf_counter() - started)


def _sha(prefix: str, keys: list[str]) -> list[str]:
    return [prefix + hashlib.sha1(k.encode()).hexdigest()[:19] for k in keys]


def _write(con, specs: list[Spec], pools: _Pools, rng: np.random.Generator, end_us: int, p_src: np.ndarray,
           p_when: np.ndarray, p_idx: np.ndarray, p_pool: np.ndarray, t: dict[str, np.ndarray]) -> int:
    names = [s.name for s in specs]
    home = [BASE_URL + s.feed_path.rsplit("/feed", 1)[0].rsplit("/feeds", 1)[0].rsplit("/rss.xml", 1)[0] + "/"
            for s in specs]
    pp = pools.posts
    n_posts = len(p_src)
    # nightly runs at 02:00-ish: an item is first seen by the first run after it appeared
    first_seen = np.minimum(end_us, p_when + rng.integers(HOUR_US // 2, DAY_US, n_posts))
    post_url = [f"{home[s]}{i:06d}/" for s, i in zip(p_src.tolist(), p_idx.tolist(), strict=True)]
    post_id = _sha("p", [f"{names[s]}\x1f{u}" for s, u in zip(p_src.tolist(), post_url, strict=True)])
    has_feed = np.array([s.kind != "news" for s in specs])[p_src]
    feed_url = [u + "feed/" if f else None for u, f in zip(post_url, has_feed.tolist(), strict=True)]
    post_comments = np.bincount(t["post"], minlength=n_posts)
    authors_by_kind = {"owned": ["Redacción Movilia", "Equipo Movilia", "Lucía Ortega"],
                       "third": ["Redacción", "Agencias", "Marta Peña", "Newsdesk", "Carmen Soler"]}
    owned = np.array([s.owned for s in specs])[p_src]
    pick = rng.integers(0, 5, n_posts)
    post_author = [authors_by_kind["owned"][k % 3] if o else authors_by_kind["third"][k]
                   for o, k in zip(owned.tolist(), pick.tolist(), strict=True)]
    posts_tbl = pa.table({
        "post_id": post_id, "source_id": [names[s] for s in p_src.tolist()], "guid": post_url, "url": post_url,
        "title": pa.array(pp["title"].to_numpy()[p_pool], pa.string()), "author": post_author,
        "published_at": _ts(p_when), "date_estimated": np.zeros(n_posts, bool),
        "text": pa.array(pp["text"].to_numpy()[p_pool], pa.string()), "comments_feed_url": feed_url,
        "comment_count": pa.array(post_comments.astype(np.int32)),
        "lang": pa.array(pp["lang"].to_numpy()[p_pool], pa.string()),
        "sentiment": pa.array(pp["sentiment"].to_numpy(dtype=float)[p_pool]),
        "sentiment_label": pa.array(pp["sentiment_label"].to_numpy()[p_pool], pa.string()),
        "is_mention": pp["is_mention"].to_numpy(dtype=bool)[p_pool],
        "brands": _brands(pp["is_mention"].to_numpy(dtype=bool)[p_pool]),
        "content_hash": [h[1:17] for h in post_id], "first_seen_at": _ts(first_seen), "updated_at": _ts(first_seen),
    })

    # comments
    n = len(t["when"])
    post = t["post"]
    k_in_post = np.empty(n, np.int64)
    order = np.lexsort((t["when"], post))
    sorted_post = post[order]
    starts = np.searchsorted(sorted_post, sorted_post, side="left")
    k_in_post[order] = np.arange(n) - starts + 1
    pool_rows = _pick(pools.comment_index, list(zip(t["intent"].tolist(), t["lang"].tolist(), strict=True)), rng)
    cp = pools.comments
    people = {lang: np.array(v, dtype=object) for lang, v in pools.people.items()}
    author = np.empty(n, dtype=object)
    for lang_code in ("es", "en"):
        where = np.flatnonzero(t["lang"] == lang_code)
        author[where] = people[lang_code][rng.integers(0, len(people[lang_code]), len(where))]
    own = t["author_of"] >= 0
    author[own] = author[t["author_of"][own]]  # a follow-up is written by the person who was answered
    roll = rng.random(n)
    responder = np.where(t["lang"] == "en", RESPONDERS[2], np.where(
        roll < 0.7, RESPONDERS[0], np.where(roll < 0.95, RESPONDERS[1], "movilia atencion al cliente")))
    author[t["brand"]] = responder[t["brand"]]
    c_url = [f"{post_url[p]}#comment-{(p_idx[p] + 1) * 10_000 + k}" for p, k in zip(post.tolist(), k_in_post.tolist(),
                                                                                      strict=True)]
    c_src = p_src[post]
    comment_id = _sha("c", [f"{names[s]}\x1f{u}" for s, u in zip(c_src.tolist(), c_url, strict=True)])
    cid = np.array(comment_id, dtype=object)
    parent_id = np.where(t["parent"] >= 0, cid[np.maximum(t["parent"], 0)], None)
    c_seen = np.minimum(end_us, t["when"] + rng.integers(HOUR_US // 2, DAY_US, n))
    comments_tbl = pa.table({
        "comment_id": comment_id, "post_id": pa.array(np.array(post_id, dtype=object)[post], pa.string()),
        "source_id": pa.array(np.array(names, dtype=object)[c_src], pa.string()),
        "parent_id": pa.array(parent_id, pa.string()), "url": c_url, "author": pa.array(author, pa.string()),
        "is_brand": t["brand"], "published_at": _ts(t["when"]), "date_estimated": np.zeros(n, bool),
        "text": pa.array(cp["text"].to_numpy()[pool_rows], pa.string()),
        "lang": pa.array(cp["lang"].to_numpy()[pool_rows], pa.string()),
        "sentiment": pa.array(cp["sentiment"].to_numpy(dtype=float)[pool_rows]),
        "sentiment_label": pa.array(cp["sentiment_label"].to_numpy()[pool_rows], pa.string()),
        "is_mention": cp["is_mention"].to_numpy(dtype=bool)[pool_rows],
        "brands": _brands(cp["is_mention"].to_numpy(dtype=bool)[pool_rows]),
        "content_hash": [h[1:17] for h in comment_id], "first_seen_at": _ts(c_seen), "updated_at": _ts(c_seen),
    })
    # the brand's replies are never scored (the texts view excludes them); keep them as collect leaves them
    fetches_tbl, state_tbl = _fetch_log(specs, names, rng, end_us, p_src, p_when, feed_url)
    sources_rows = pd.DataFrame({
        "source_id": names, "name": names, "url": [BASE_URL + s.feed_path for s in specs],
        "owned": [s.owned for s in specs], "comments": [s.kind != "news" for s in specs],
        "lang": [s.lang for s in specs], "feed_title": [s.title for s in specs], "site_url": home,
        "feed_format": [{"wp": "rss20", "news": "rss20", "blogger": "atom10"}[s.kind] for s in specs],
        "first_seen_at": pd.Timestamp(_ts(np.array([p_when.min()]))[0].as_py()),
        "last_collected_at": pd.Timestamp(end_us, unit="us", tz="UTC"),
    })
    with transaction(con):
        for name, table in (("sources", sources_rows), ("posts", posts_tbl), ("comments", comments_tbl),
                            ("fetches", fetches_tbl), ("feed_state", state_tbl)):
            con.register("bulk_rows", table)
            cols = ", ".join(table.columns if isinstance(table, pd.DataFrame) else table.column_names)
            con.execute(f"INSERT INTO {name} ({cols}) SELECT {cols} FROM bulk_rows")   # names from this module
            con.unregister("bulk_rows")
        for key, value in (("response_sla_hours", "24.0"), ("timezone", "Europe/Madrid"), ("language", "es"),
                           ("brand", txt.BRAND)):
            set_meta(con, key, value)
    con.execute("CHECKPOINT")
    return fetches_tbl.num_rows


def _fetch_log(specs: list[Spec], names: list[str], rng: np.random.Generator, end_us: int, p_src: np.ndarray,
               p_when: np.ndarray, feed_url: list[str | None]) -> tuple[pa.Table, pa.Table]:
    """Seven nightly runs: every source feed each night; each comment feed once when its post appeared,
    then nightly (mostly 304) while the post is younger than 90 days. A few feeds fail."""
    nights = end_us - np.arange(NIGHTS)[::-1] * DAY_US
    rows: dict[str, list] = {k: [] for k in ("source_id", "url", "kind", "fetched_at", "status", "http_status",
                                             "error", "entries", "bytes", "duration_ms")}

    def add(src: np.ndarray, url: np.ndarray, kind: str, at: np.ndarray, status: np.ndarray) -> None:
        m = len(at)
        http = np.select([status == "ok", status == "not_modified", status == "gone"], [200, 304, 410], 503)
        rows["source_id"].append(np.array(names, dtype=object)[src])
        rows["url"].append(url)
        rows["kind"].append(np.full(m, kind, dtype=object))
        rows["fetched_at"].append(at)
        rows["status"].append(status)
        rows["http_status"].append(http)
        rows["error"].append(np.where(status == "error", "HTTP 503 Service Unavailable",
                                      np.where(status == "gone", "HTTP 410 Gone", None)))
        rows["entries"].append(np.where(status == "ok", rng.integers(1, 40, m), -1))
        rows["bytes"].append(np.where(status == "ok", rng.integers(2_000, 90_000, m), -1))
        rows["duration_ms"].append(rng.gamma(2.0, 60.0, m))

    src_urls = np.array([BASE_URL + s.feed_path for s in specs], dtype=object)
    failing = rng.choice(len(specs), size=3, replace=False)
    for night in nights:
        status = np.where(rng.random(len(specs)) < 0.7, "ok", "not_modified").astype(object)
        if night == nights[-1]:
            status[failing] = "error"
        add(np.arange(len(specs)), src_urls, "posts", np.full(len(specs), night), status)
    with_feed = np.flatnonzero(np.array([u is not None for u in feed_url]))
    urls = np.array(feed_url, dtype=object)
    first_at = np.minimum(end_us, p_when[with_feed] + rng.integers(HOUR_US // 2, DAY_US, len(with_feed)))
    first_status = np.where(rng.random(len(with_feed)) < 0.003, "gone", "ok").astype(object)
    add(p_src[with_feed], urls[with_feed], "comments", first_at, first_status)
    gone = set(with_feed[first_status == "gone"].tolist())
    for night in nights:
        fresh = with_feed[(p_when[with_feed] >= night - 90 * DAY_US) & (p_when[with_feed] < night - DAY_US)]
        fresh = np.array([i for i in fresh.tolist() if i not in gone], dtype=np.int64)
        status = np.where(rng.random(len(fresh)) < 0.15, "ok", "not_modified").astype(object)
        add(p_src[fresh], urls[fresh], "comments", np.full(len(fresh), night), status)
    cat = {k: np.concatenate(v) for k, v in rows.items()}
    fetches = pa.table({
        "source_id": pa.array(cat["source_id"], pa.string()), "url": pa.array(cat["url"], pa.string()),
        "kind": pa.array(cat["kind"], pa.string()), "fetched_at": _ts(cat["fetched_at"]),
        "status": pa.array(cat["status"], pa.string()), "http_status": pa.array(cat["http_status"].astype(np.int32)),
        "error": pa.array(cat["error"], pa.string()),
        "entries": pa.array(cat["entries"].astype(np.int32), mask=cat["entries"] < 0),
        "bytes": pa.array(cat["bytes"].astype(np.int64), mask=cat["bytes"] < 0),
        "duration_ms": pa.array(cat["duration_ms"]),
    })
    frame = fetches.to_pandas().sort_values("fetched_at")
    last = frame.groupby("url", sort=False).agg(source_id=("source_id", "last"), status=("status", "last"))
    ok = frame[frame["status"].isin(["ok", "not_modified"])].groupby("url")["fetched_at"].max()
    state = pd.DataFrame({"url": last.index, "source_id": last["source_id"].to_numpy(), "etag": None,
                          "last_modified": None, "last_ok_at": ok.reindex(last.index).to_numpy(),
                          "gone": (last["status"] == "gone").to_numpy()})
    state["etag"] = state["etag"].astype(object)
    state["last_modified"] = state["last_modified"].astype(object)
    return fetches, pa.Table.from_pandas(state, preserve_index=False)
