"""Provenance benchmark on PolNeAR texts: derivation P/R, direction, credit, cost per article.

Generates a labelled corpus from real texts: originals, scraper copies with junk, rewrites
(sentence reordering, word substitutions, deletions, insertions; credited or not) and
unrelated articles (the other PolNeAR texts and spliced fillers for scale). Stories are
scored by BCubed against family labels: a family is one story, every other article its
own; PolNeAR texts that may cover the same event as another (see ``_distinct_events``)
are left out so those labels are fair. Usage: ``python bench/provenance.py
[--no-stories] [N ...]`` (default 1000; 10000 with stories runs in about 10 minutes on
two busy cores). Skips when PolNeAR is absent.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import resource
import sys
import time
from collections import Counter
from pathlib import Path

from newsloom import provenance, stories
from newsloom.clean import clean
from newsloom.model import RawDocument
from newsloom.provenance.decide import profile
from newsloom.provenance.features import content_words, sentence_spans, shingles
from newsloom.provenance.index import candidates, signature
from newsloom.store import Store

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "quotes" / "polnear"
SUBS = {"said": "stated", "says": "states", "told": "informed", "big": "large", "help": "assist",
        "show": "demonstrate", "people": "individuals", "buy": "purchase", "start": "begin",
        "end": "conclude", "also": "additionally", "but": "however", "about": "roughly"}
JUNK = ["Share this:", "Related Posts", "LEAVE A REPLY", "Please enter your comment!", "Tags: politics"]


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def rewrite(text: str, rng: random.Random, filler: list[str]) -> str:
    ss = [s for s in sents(text) if rng.random() > 0.2]  # deletions
    for i in range(0, len(ss) - 1, 3):  # local reordering
        if rng.random() < 0.5:
            ss[i], ss[i + 1] = ss[i + 1], ss[i]
    ss = [" ".join(SUBS.get(w, w) for w in s.split()) for s in ss]  # paraphrase-like substitutions
    ss.insert(rng.randrange(len(ss) + 1), rng.choice(filler))  # an inserted sentence
    return "\n\n".join(" ".join(ss[i:i + 2]) for i in range(0, len(ss), 2))


def _load() -> list[dict[str, str]]:
    """PolNeAR texts with their metadata, minus near-duplicates (the same wire story run by
    two outlets would be an unlabelled derivation)."""
    meta = {r["filename"]: r for r in csv.DictReader(
        (POLNEAR / "metadata.tsv").open(encoding="utf-8"), delimiter="\t")}
    out: list[dict[str, str]] = []
    seen: dict[int, int] = {}
    for split in ("train", "dev"):
        for p in sorted((POLNEAR / split / "text").glob("*.txt")):
            text = p.read_text(encoding="utf-8")
            grams = {hash(g) for g in shingles(content_words(text), 5)}
            hits = Counter(seen[g] for g in grams if g in seen)
            if hits and hits.most_common(1)[0][1] > 0.2 * len(grams):
                continue
            seen.update((g, len(out)) for g in grams)
            m = meta.get(p.stem, {})
            out.append({"text": text, "publisher": m.get("publisher") or "polnear",
                        "date": m.get("publication_date") or "2016-06-01", "author": m.get("author") or "",
                        "title": m.get("title") or ""})
    return _distinct_events(out)


def _distinct_events(texts: list[dict[str, str]], days: int = 3, share: float = 0.02) -> list[dict[str, str]]:
    """Drop texts that may report the same event as a kept one, so that labelling every
    PolNeAR text its own story is fair: two outlets covering one event on the same days
    are one story. Heuristic, on metadata only (not on what the grouper reads): within
    ``days`` of a kept text, the headlines share a word found in at most ``share`` of all
    headlines (a name or key term such as "Ginsburg" or "Trayvon", not "Trump" or "poll")."""
    heads = [set(content_words(t["title"])) for t in texts]
    df = Counter(w for h in heads for w in h)
    rare = [{w for w in h if df[w] <= max(2, share * len(texts))} for h in heads]
    kept: list[int] = []
    for i, t in enumerate(texts):
        day = dt.date.fromisoformat(t["date"])
        if not any(rare[i] & rare[k] and abs((dt.date.fromisoformat(texts[k]["date"]) - day).days) <= days
                   for k in kept):
            kept.append(i)
    return [texts[i] for i in kept]


def _later(date: str | None, rng: random.Random, days: int) -> str | None:
    if not date:
        return None
    return (dt.date.fromisoformat(date) + dt.timedelta(days=rng.randint(0, days))).isoformat()


def corpus(n: int, seed: int = 1) -> tuple[list[RawDocument], dict[str, tuple[str, bool]]]:
    """Families (an original, its scraper copy, a rewrite) plus unrelated articles.

    Originals keep their real outlet, author and date (a fifth lose the date, as scraped
    pages do); scraper copies add junk, usually drop the date and byline, and say where the
    text appeared first half the time; rewrites appear on their own site, dated the same
    day or later or undated, credited half the time. Unrelated articles are the PolNeAR
    texts not used as originals, then spliced sentences for scale.
    """
    rng = random.Random(seed)
    texts = _load()
    # originals: substantial articles (a rewrite of a two-line brief is not one); the rest
    # serve as unrelated articles
    texts = sorted(texts, key=lambda t: len(sents(t["text"])) < 6)
    filler = [s for t in texts for s in sents(t["text"]) if len(s.split()) > 8]
    docs: list[RawDocument] = []
    truth: dict[str, tuple[str, bool]] = {}  # derived id -> (source id, credited)
    n_src = max(1, n // 5)

    def real_or_spliced(i: int, k: int) -> dict[str, str]:
        if i < len(texts):
            return texts[i]
        day = f"2016-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
        return {"text": "\n\n".join(rng.sample(filler, k)), "publisher": f"outlet{i % 50}",
                "date": day, "author": ""}

    for i in range(n_src):
        t = real_or_spliced(i, 25)
        sid, site = f"o{i}", f"{t['publisher']}.com"
        date = t["date"] if rng.random() < 0.8 else None
        docs.append(RawDocument(source=sid, id=sid, text=t["text"], site=site, published=date,
                                byline=t["author"] or None))
        credit = rng.random() < 0.5
        line = f"\n\nThis article appeared first on {site}" if credit else ""
        docs.append(RawDocument(source=f"c{i}", id=f"c{i}", text=t["text"] + "\n\n" + "\n".join(JUNK) + line,
                                site=f"scraper{i % 20}.net", published=_later(date, rng, 2) if rng.random() < 0.3
                                else None, byline=t["author"] or None if rng.random() < 0.3 else None))
        truth[f"c{i}"] = (sid, credit)
        credit = rng.random() < 0.5
        rw = rewrite(clean(docs[-2]).text, rng, filler)  # the article as published, not its page
        if credit:
            rw += f"\n\nThis story was originally published on {site}."
        docs.append(RawDocument(source=f"r{i}", id=f"r{i}", text=rw, site=f"blog{i % 30}.com",
                                published=_later(date, rng, 3) if rng.random() < 0.5 else None))
        truth[f"r{i}"] = (sid, credit)
    j = n_src
    while len(docs) < n:  # unrelated same-domain articles
        t = real_or_spliced(j, 20)
        docs.append(RawDocument(source=f"u{j}", id=f"u{j}", text=t["text"], site=f"{t['publisher']}.com",
                                published=t["date"]))
        j += 1
    rng.shuffle(docs)
    return docs[:n], truth


def bcubed(clusters: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 of ``clusters`` (item -> cluster) against ``gold``."""
    by_c: dict[str, set[str]] = {}
    by_g: dict[str, set[str]] = {}
    for item in gold:
        by_c.setdefault(clusters.get(item, "none:" + item), set()).add(item)
        by_g.setdefault(gold[item], set()).add(item)
    p = r = 0.0
    for item in gold:
        c, g = by_c[clusters.get(item, "none:" + item)], by_g[gold[item]]
        p += len(c & g) / len(c)
        r += len(c & g) / len(g)
    p, r = p / len(gold), r / len(gold)
    return p, r, 2 * p * r / (p + r)


def query_latency(store: Store, ids: list[str]) -> tuple[float, float]:
    """p50 and p99 milliseconds of one index lookup (signature given) on the full index."""
    profiles = {a.id: profile(a, set()) for a in store.articles_by_ids(ids).values()}
    times = []
    for a_id, p in profiles.items():
        keys = signature(p)
        t0 = time.perf_counter()
        candidates(store, a_id, keys)
        times.append(1000 * (time.perf_counter() - t0))
    times.sort()
    return times[len(times) // 2], times[min(len(times) - 1, int(0.99 * len(times)))]


def run(n: int, with_stories: bool = True) -> None:
    docs, truth = corpus(n)
    arts = []
    for d in docs:
        a = clean(d)
        a.id = d.id or a.fingerprint[:12]
        arts.append(a)
    del docs
    store = Store(":memory:")
    store.add_articles(arts, [])
    ids = [a.id for a in arts]
    del arts
    t0 = time.perf_counter()
    for i in range(0, n, 200):  # arrive in chunks, as the pipeline feeds them
        provenance.stage(store, ids[i:i + 200])
    dt = time.perf_counter() - t0
    t0 = time.perf_counter()
    for i in range(0, n if with_stories else 0, 200):
        stories.stage(store, ids[i:i + 200])
    dt_stories = time.perf_counter() - t0
    result = store.result()
    got = {(d.derived_id, d.source_id): d for d in result.derivations if d.kind in {"copy", "rewrite"}}
    present = set(ids)
    gold = {(k, v[0]) for k, v in truth.items() if k in present and v[0] in present}
    tp = len(gold & set(got))
    pairs_any = {frozenset(p) for p in got}
    undirected_tp = sum(frozenset(g) in pairs_any for g in gold)
    credit_ok = sum(got[g].credited == truth[g[0]][1] for g in gold & set(got))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"n={n}: derivations P={tp / max(1, len(got)):.3f} R={tp / max(1, len(gold)):.3f} "
          f"direction={tp / max(1, undirected_tp):.3f} credit={credit_ok / max(1, tp):.3f} "
          f"| {n / dt:.0f} articles/s ({1000 * dt / n:.2f} ms/article) peak RSS {rss:.0f} MB")
    p50, p99 = query_latency(store, random.Random(2).sample(ids, min(200, n)))
    n_keys = store.conn.execute("SELECT count(*) FROM lsh").fetchone()[0]
    print(f"  index lookup p50 {p50:.2f} ms, p99 {p99:.2f} ms ({n_keys:,} keys)")
    if not with_stories:
        return
    # Stories: a family (original, copy, rewrite) is one story; every other article its own.
    family = {a: (truth[a][0] if a in truth else a) for a in ids}
    placed = {a: s.id for s in result.stories for a in s.article_ids}
    bp, br, bf = bcubed(placed, family)
    print(f"  stories BCubed P={bp:.3f} R={br:.3f} F1={bf:.3f} ({len(result.stories)} stories, "
          f"{len(set(family.values()))} gold) | {1000 * dt_stories / n:.2f} ms/article")


def main() -> None:
    if not POLNEAR.is_dir():
        print("bench/provenance.py: ../shared/data/quotes/polnear is absent; skipped")
        return
    args = [a for a in sys.argv[1:] if a != "--no-stories"]
    for n in [int(x) for x in args] or [1000]:
        run(n, "--no-stories" not in sys.argv)


if __name__ == "__main__":
    main()
