"""Provenance benchmark on PolNeAR texts: derivation P/R, direction, credit, cost per article.

Generates a labelled corpus from real texts: originals, scraper copies with junk, rewrites
(sentence reordering, word substitutions, deletions, insertions; credited or not) and
unrelated articles (the other PolNeAR texts, then generated ones for scale: see ``Babble``). Stories are
scored by BCubed against family labels: a family is one story, every other article its
own; PolNeAR texts that may cover the same event as another (see ``_distinct_events``)
are left out so those labels are fair. A rewrite keeps at least ``MIN_KEPT`` sentences of
its source: random deletions used to leave some short originals with two sentences plus
the inserted one, an excerpt that the decision rightly calls ``partial``, not a rewrite
(the deletion draws are the same, so the rest of the corpus is unchanged). One family in
``PARTIAL_EVERY`` also gets a planted partial reuse: a generated text that retells three
long sentences of the original (one verbatim, the others under a new frame or with words
changed); the share of them found (any derivation between the two) is reported apart.

Usage: ``python bench/provenance.py [--no-stories] [--errors K] [--memory] [--index-floor] [--floor]
[--update-baseline] [N ...]`` (default 1000, the size ``make bench`` runs and ``bench/baseline.json`` pins;
10000 with stories runs in about 5 minutes, 100000 in about an hour and 3 GB on one core).
The stores are SQLite files in a temporary directory, as ``analyze`` writes them (with the
store's own page cache); ``--memory`` keeps them in memory instead.
Besides the mean cost per article (wall clock and CPU time) it prints the marginal CPU cost
of the first and the last tenth of the arrivals (docs are shuffled, so every tenth has the
same mix), and the CPU cost of a fixed probe set (``PROBE`` generated articles, the same at
every n, families arriving together) added to the corpus of n, with the pages it writes per
article: the corpus's mix changes with n (real texts at 1k, mostly generated ones beyond),
and its families arrive spread over the run, so only the probe compares the cost per
article across corpus sizes. ``--errors K`` counts the
false positives and negatives by class (reversed, another article of the same family,
unrelated, none found) and lists K of each with the decision's figures both ways. Skips
when PolNeAR is absent. ``--index-floor`` times only the store's index on random keys at each N
and a dict lookup of as many keys (see :func:`floor`): the growth that no index escapes.
``--floor`` checks the figures of each N pinned in ``bench/baseline.json`` (1000: P, R,
direction, credit, planted partials found, stories BCubed F1, ids read per lookup, CPU per
article, peak RSS).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from baseline import add_arguments, report
from newsloom import provenance, stories
from newsloom.clean import clean
from newsloom.clean.sentences import text_sentences
from newsloom.model import RawDocument
from newsloom.provenance.align import align
from newsloom.provenance.decide import decide, evidence, kind_of, orient, profile
from newsloom.provenance.features import content_words, shingles
from newsloom.provenance.index import candidates, key_sentences, signature
from newsloom.provenance.tables import LshIndex, Outlets
from newsloom.store import BATCH, Store

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "quotes" / "polnear"
SUBS = {"said": "stated", "says": "states", "told": "informed", "big": "large", "help": "assist",
        "show": "demonstrate", "people": "individuals", "buy": "purchase", "start": "begin",
        "end": "conclude", "also": "additionally", "but": "however", "about": "roughly"}
PARTIAL_EVERY, PARTIAL_SENTENCES = 4, 3
PROBE, PROBE_SEED = 2 * BATCH, 7  # the fixed probe set timed against every corpus size, two batches
JUNK = ["Share this:", "Related Posts", "LEAVE A REPLY", "Please enter your comment!", "Tags: politics"]


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e in text_sentences(text)]


MIN_KEPT = 3  # sentences of its source a rewrite keeps (fewer make an excerpt, not a rewrite)


class Babble:
    """New sentences from a word-bigram chain over real ones, for the articles beyond the
    real texts (unrelated fillers, inserted sentences).

    Sampling real sentences instead makes unrelated articles share whole passages, each one
    in more articles as the corpus grows (22k sentences, each in ~8 articles at 10k and ~80
    at 100k): a density of shared passages no real corpus has, which inflates candidates
    and cost with n. A bigram chain keeps the texts' vocabulary, names and rhythm, while its
    sentences are each new and share no more than short phrases.
    """

    def __init__(self, sentences: list[str], rng: random.Random) -> None:
        self.rng = rng
        self.starts: list[str] = []
        self.next: dict[str, list[str | None]] = defaultdict(list)
        for s in sentences:
            words = s.split()
            self.starts.append(words[0])
            for a, b in zip(words, [*words[1:], None], strict=True):
                self.next[a].append(b)

    def sentence(self, least: int = 8, most: int = 40) -> str:
        words = [self.rng.choice(self.starts)]
        while len(words) < most:
            nxt = self.next.get(words[-1]) or [None]
            b = self.rng.choice(nxt)
            if b is None:
                if len(words) >= least:
                    break
                b = self.rng.choice([w for w in nxt if w] or self.starts)
            words.append(b)
        text = " ".join(words)
        return text if text[-1] in ".?!\"”" else text + "."

    def text(self, k: int) -> str:
        return "\n\n".join(" ".join(self.sentence() for _ in range(2)) for _ in range(k // 2))


def rewrite(text: str, rng: random.Random, babble: Babble) -> str:
    all_ss = sents(text)
    keep = [rng.random() > 0.2 for _ in all_ss]  # deletions
    for i in range(len(all_ss)):  # a short text keeps its first sentences (same draws either way)
        if sum(keep) >= MIN_KEPT:
            break
        keep[i] = True
    ss = [s for s, k in zip(all_ss, keep, strict=True) if k]
    for i in range(0, len(ss) - 1, 3):  # local reordering
        if rng.random() < 0.5:
            ss[i], ss[i + 1] = ss[i + 1], ss[i]
    ss = [" ".join(SUBS.get(w, w) for w in s.split()) for s in ss]  # paraphrase-like substitutions
    ss.insert(rng.randrange(len(ss) + 1), babble.sentence())  # an inserted sentence
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
                        "title": m.get("title") or "", "wire": m.get("wire") or ""})
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


WIRE_NAMES = {"AP": r"\bAP\b|Associated Press", "Reuters": r"\bReuters\b", "AFP": r"\bAFP\b|Agence France",
              "UPI": r"\bUPI\b|United Press"}


def _carries_wire(text: str, wire: str) -> bool:
    """Whether a derived text still names the wire its source credits: by the issue's
    definition it then credits "the outlet the source itself credits"."""
    pattern = WIRE_NAMES.get(wire)
    return bool(pattern and re.search(pattern, text))


FRAMES = ["{s}", "According to earlier reports, {l}", "{s} That is how {site} put it.", "As one account has it, {l}"]


def partial(text: str, site: str, rng: random.Random, babble: Babble) -> str | None:
    """A new text that retells ``PARTIAL_SENTENCES`` long sentences of ``text`` (one verbatim,
    the others under a new frame or with words changed) among generated ones; None when
    ``text`` has too few long sentences."""
    long = [s for s in sents(text) if len(content_words(s)) >= 8]
    if len(long) < PARTIAL_SENTENCES:
        return None
    reused = []
    for i, s in enumerate(rng.sample(long, PARTIAL_SENTENCES)):
        if i and rng.random() < 0.5:
            s = " ".join(SUBS.get(w, w) for w in s.split())
        frame = FRAMES[0] if i == 0 else rng.choice(FRAMES)
        reused.append(frame.format(s=s, l=s[0].lower() + s[1:], site=site))
    ss = [babble.sentence() for _ in range(16)]
    for r in reused:
        ss.insert(rng.randrange(len(ss) + 1), r)
    return "\n\n".join(" ".join(ss[i:i + 2]) for i in range(0, len(ss), 2))


def corpus(n: int, seed: int = 1, *, prefix: str = "", real: bool = True
           ) -> tuple[list[RawDocument], dict[str, tuple[str, bool]], dict[str, str]]:
    """Families (an original, its scraper copy, a rewrite) plus unrelated articles, with
    the derivations' truth (derived id -> source id, credited) and the planted partials.

    Originals keep their real outlet, author and date (a fifth lose the date, as scraped
    pages do); scraper copies add junk, usually drop the date and byline, and say where the
    text appeared first half the time; rewrites appear on their own site, dated the same
    day or later or undated, credited half the time. A derived text that still names the
    wire its source credits (PolNeAR's ``wire`` column) is credited too, as the issue
    defines it ("the outlet the source itself credits"). Unrelated articles are the PolNeAR
    texts not used as originals, then generated texts for scale (``Babble``). One family in
    ``PARTIAL_EVERY`` also gets a planted partial reuse ``p…`` (see :func:`partial`), labelled
    apart (derived id -> source id), not in the truth. ``real=False`` generates every text
    (the probe set); ``prefix`` starts every id.
    """
    rng = random.Random(seed)
    texts = _load()
    # originals: substantial articles (a rewrite of a two-line brief is not one); the rest
    # serve as unrelated articles
    texts = sorted(texts, key=lambda t: len(sents(t["text"])) < 6)
    authors = sorted({t["author"] for t in texts if t["author"]})
    lines = [s for t in texts for s in sents(t["text"]) if len(s.split()) > 8]
    babble = Babble(lines, rng)
    docs: list[RawDocument] = []
    truth: dict[str, tuple[str, bool]] = {}  # derived id -> (source id, credited)
    prng = random.Random(seed + 1)
    pbabble = Babble(lines, prng)
    partials: dict[str, str] = {}
    n_src = max(1, n // 5)

    def real_or_generated(i: int, k: int) -> dict[str, str]:
        if real and i < len(texts):
            return texts[i]
        day = f"2016-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
        return {"text": babble.text(k), "publisher": f"outlet{i % 50}",  # bylined, as most real ones are
                "date": day, "author": rng.choice(authors)}

    for i in range(n_src):
        t = real_or_generated(i, 25)
        sid, site = f"{prefix}o{i}", f"{t['publisher']}.com"
        date = t["date"] if rng.random() < 0.8 else None
        docs.append(RawDocument(source=sid, id=sid, text=t["text"], site=site, published=date,
                                byline=t["author"] or None))
        credit = rng.random() < 0.5
        line = f"\n\nThis article appeared first on {site}" if credit else ""
        docs.append(RawDocument(source=f"{prefix}c{i}", id=f"{prefix}c{i}",
                                text=t["text"] + "\n\n" + "\n".join(JUNK) + line,
                                site=f"scraper{i % 20}.net", published=_later(date, rng, 2) if rng.random() < 0.3
                                else None, byline=t["author"] or None if rng.random() < 0.3 else None))
        truth[f"{prefix}c{i}"] = (sid, credit or _carries_wire(t["text"], t.get("wire", "")))
        credit = rng.random() < 0.5
        rw = rewrite(clean(docs[-2]).text, rng, babble)  # the article as published, not its page
        if credit:
            rw += f"\n\nThis story was originally published on {site}."
        docs.append(RawDocument(source=f"{prefix}r{i}", id=f"{prefix}r{i}", text=rw, site=f"blog{i % 30}.com",
                                published=_later(date, rng, 3) if rng.random() < 0.5 else None))
        truth[f"{prefix}r{i}"] = (sid, credit or _carries_wire(rw, t.get("wire", "")))
        if i % PARTIAL_EVERY == 0:  # its own generator: the families' draws stay as they were
            pt = partial(t["text"], site, prng, pbabble)
            if pt:
                docs.append(RawDocument(source=f"{prefix}p{i}", id=f"{prefix}p{i}", text=pt, site=f"digest{i % 10}.com",
                                        published=_later(date, prng, 5)))
                partials[f"{prefix}p{i}"] = sid
    j = n_src
    while len(docs) < n:  # unrelated same-domain articles
        t = real_or_generated(j, 20)
        docs.append(RawDocument(source=f"{prefix}u{j}", id=f"{prefix}u{j}", text=t["text"],
                                site=f"{t['publisher']}.com", published=t["date"]))
        j += 1
    rng.shuffle(docs)
    return docs[:n], truth, partials


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


def query_latency(store: Store, ids: list[str]) -> tuple[float, float, float]:
    """p50 and p99 milliseconds of one index lookup (signature given) on the full index, and
    the mean number of article ids it reads from the buckets: a cost that, unlike the
    clock, does not drift with the shared machine's speed."""
    profiles = {a.id: profile(a, set()) for a in store.articles_by_ids(ids).values()}
    times = []
    index, outlets = LshIndex(store), Outlets(store)
    for a_id, p in profiles.items():
        keys = signature(p)
        t0 = time.perf_counter()
        candidates(index, outlets, a_id, keys, sentence_of=key_sentences(p))
        times.append(1000 * (time.perf_counter() - t0))
    reads = index.ids_read
    times.sort()
    return (times[len(times) // 2], times[min(len(times) - 1, int(0.99 * len(times)))],
            reads / max(1, len(profiles)))


def _family(a_id: str) -> str:
    return a_id[1:] if a_id[:1] in "ocrp" else a_id


def _why(store: Store, d_id: str, s_id: str) -> str:
    """The decision's evidence for ``d_id`` derived from ``s_id``, both ways, for an error listing."""
    arts = store.articles_by_ids([d_id, s_id])
    if len(arts) < 2:
        return "(missing)"
    pd, ps = profile(arts[d_id], set()), profile(arts[s_id], set())
    al = align(pd.sentences, ps.sentences)
    ed, es = evidence(pd, ps, al), evidence(ps, pd, al.flipped())
    dec = decide(pd, ps)
    hit = any(c == s_id for c, _ in candidates(LshIndex(store), Outlets(store), d_id, signature(pd),
                                               sentence_of=key_sentences(pd)))

    def fmt(p, e):
        return (f"{p.article.id}: cover {e.cover:.2f} names {e.names:.2f} words {e.words:.2f} "
                f"ident {e.alignment.identical:.2f} pairs {len(e.alignment.pairs)} sents {len(p.sentences)} "
                f"kind {kind_of(p, e)} date {p.article.published} site {p.article.site}")
    got = f"{dec.derived_id}->{dec.source_id} {dec.kind}" if dec else "none"
    return (f"candidate {hit}; decide (no credits) {got}; first one derived {orient(pd, ps, ed, es)}\n"
            f"      {fmt(pd, ed)}\n      {fmt(ps, es)}")


def errors(store: Store, got: dict, gold: set, k: int) -> None:
    """List up to ``k`` false positives and false negatives with their evidence: the kind and
    score stored, then the decision's figures recomputed both ways (without credit keys)."""
    fps = sorted(set(got) - gold)
    fns = sorted(gold - set(got))
    kinds = Counter()
    for d_id, s_id in fps:
        kinds["FP " + ("reversed" if (s_id, d_id) in gold else "same family" if _family(d_id) == _family(s_id)
                       else "unrelated")] += 1
    for d_id, s_id in fns:
        other = [e for e in got if e[0] == d_id]
        kinds["FN " + ("reversed" if (s_id, d_id) in got else "other source" if other else "none")] += 1
    print("  errors:", dict(kinds))
    for title, items in (("false positives", fps), ("false negatives", fns)):
        print(f"  {title} ({len(items)}):")
        for d_id, s_id in items[:k]:
            d = got.get((d_id, s_id))
            desc = f"{d.kind} score {d.score} credited {d.credited}" if d else \
                "got " + (", ".join(f"{a}->{b} {got[(a, b)].kind}" for a, b in got if d_id in (a, b))
                          or "no copy/rewrite")
            print(f"    {d_id} -> {s_id}: {desc}\n      {_why(store, d_id, s_id)}")


def _articles(docs: list[RawDocument], *stores: Store) -> list[str]:
    """Clean ``docs`` once (ids as generated) and add them to each of ``stores``; their ids
    in arrival order."""
    arts = []
    for d in docs:
        a = clean(d)
        a.id = d.id or a.fingerprint[:12]
        arts.append(a)
    for store in stores:
        store.add_articles(arts, [])
    return [a.id for a in arts]


Stage = Callable[[Store, list[str]], None]


def _staged(stage: Stage, store: Store, ids: list[str]) -> tuple[float, float, list[float]]:
    """Run ``stage`` over ``ids`` in batches of ``BATCH``, as the pipeline feeds them: wall
    and CPU seconds, and CPU seconds per article of each batch (the marginal cost as the
    corpus grows)."""
    # CPU seconds beside wall clock: on a shared machine the CPU time a run got is the
    # figure that compares across runs and corpus sizes
    t0, cpu0 = time.perf_counter(), time.process_time()
    chunks = []
    for i in range(0, len(ids), BATCH):
        batch = ids[i:i + BATCH]
        c0 = time.process_time()
        stage(store, batch)
        chunks.append((time.process_time() - c0) / len(batch))
    return time.perf_counter() - t0, time.process_time() - cpu0, chunks


def _wal_frames(store: Store, reset: bool = False) -> int:
    """Pages in the store's write-ahead log (-1 in memory); ``reset``: checkpoint and empty it
    first. One stage call commits once, so the log holds exactly the pages it wrote."""
    if reset:
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return int(store.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1])


def _probe(store: Store, n: int, with_stories: bool, new_store: Callable[[str], Store]) -> None:
    """Time the same ``PROBE`` generated articles (families arriving together, and unrelated
    ones) against the corpus of ``n`` already stored, and against an empty store, batch by
    batch in turn: the corpus's mix of real and generated texts changes with n and its
    families arrive spread over the run, so only a fixed set of new articles shows how the
    cost per article moves with the corpus alone; and the shared machine's speed drifts by
    half within minutes, so only the ratio of two costs measured side by side compares
    across runs. The pages each stage writes per article (its write-ahead log) are counted
    too: a figure no clock drift touches."""
    docs, truth, _ = corpus(PROBE, PROBE_SEED, prefix="q", real=False)
    alone = new_store(f"alone{n}")
    ids = _articles(docs, store, alone)
    stages = [provenance.stage, stories.stage] if with_stories else [provenance.stage]
    cpu = {(stage, s): 0.0 for stage in stages for s in (store, alone)}
    pages = {(stage, s): 0 for stage in stages for s in (store, alone)}
    for i in range(0, len(ids), BATCH):
        batch = ids[i:i + BATCH]
        for stage in stages:
            for s in (store, alone):
                _wal_frames(s, reset=True)
                c0 = time.process_time()
                stage(s, batch)
                cpu[stage, s] += time.process_time() - c0
                pages[stage, s] += _wal_frames(s)
    got = {(d.derived_id, d.source_id) for a in ids for d in store.derivations_of(a) if d.kind in {"copy", "rewrite"}}
    gold = {(k, v[0]) for k, v in truth.items()}
    tp = len(got & gold)
    figures = []
    for stage in stages:
        big, small = (1000 * cpu[stage, s] / len(ids) for s in (store, alone))
        written = (f"; {pages[stage, store] / len(ids):.1f} pages written per article, alone "
                   f"{pages[stage, alone] / len(ids):.1f}" if pages[stage, store] >= 0 else "")
        figures.append(f"{stage.__module__.rsplit('.', 1)[-1]} CPU {big:.2f} ms/article (alone {small:.2f}: "
                       f"x{big / small:.2f}{written})")
    print(f"  fixed probe ({len(ids)} generated articles, the same at every n; P={tp / max(1, len(got)):.3f} "
          f"R={tp / max(1, len(gold)):.3f}) against the {n:,} stored, and alone: {', '.join(figures)}")


FLOOR_KEYS, FLOOR_NEW = 200, 65  # index keys per article, and how many of them open a bucket (as at 100k)


def _stub_keys(rng: random.Random, known: list[int], n: int) -> dict[str, list[int]]:
    """Index keys for ``n`` stub articles: ``FLOOR_NEW`` new ones each, the rest drawn from
    ``known`` (buckets shared with earlier articles), as many as the bench's articles have."""
    out = {}
    for _ in range(n):
        new = [rng.getrandbits(62) for _ in range(FLOOR_NEW)]
        old = [rng.choice(known) for _ in range(FLOOR_KEYS - FLOOR_NEW)] if known else []
        known.extend(new)
        out[f"s{len(known)}"] = new + old
    return out


def _lookup_ns(table: dict[int, None], keys: list[int]) -> float:
    """CPU nanoseconds per membership test of ``keys`` in ``table``."""
    t0 = time.process_time()
    sum(k in table for k in keys)
    return 1e9 * (time.process_time() - t0) / len(keys)


def floor(ns: list[int], new_store: Callable[[str], Store]) -> None:
    """The store's own cost: the index's lookups and upserts of random keys, no provenance
    logic, for the same ``PROBE`` stub articles against n stored ones and against none; and
    a Python dict's lookups of as many keys. Any index larger than the CPU caches costs
    more per lookup as it grows; the probe's ratio is to be read against this one."""
    from newsloom.model import Article

    def add(store: Store, keys: dict[str, list[int]]) -> None:
        store.add_articles([Article(id=a, source=a, fingerprint=a, text=a) for a in keys], [])

    def probe(store: Store, keys: dict[str, list[int]]) -> float:
        c0 = time.process_time()
        ids = list(keys)
        index = LshIndex(store)
        for i in range(0, len(ids), BATCH):
            for a in ids[i:i + BATCH]:
                index.query(keys[a], 50, 3)
            index.add({a: keys[a] for a in ids[i:i + BATCH]}, cap=50)
        return 1000 * (time.process_time() - c0) / len(ids)

    for n in ns:
        rng, known = random.Random(n), []
        store, alone = new_store(f"floor{n}"), new_store(f"floor-alone{n}")
        for i in range(0, n, BATCH):
            keys = _stub_keys(rng, known, min(BATCH, n - i))
            add(store, keys)
            LshIndex(store).add(keys, cap=50)
        size = len(known)
        probe_keys = _stub_keys(rng, known, PROBE)
        for s in (store, alone):
            add(s, probe_keys)
        big, small = probe(store, probe_keys), probe(alone, probe_keys)
        lookups = [k for ks in probe_keys.values() for k in ks]
        dict_ns, dict_small = (_lookup_ns(dict.fromkeys(known[:m]), lookups) for m in (size, FLOOR_NEW * PROBE // 4))
        print(f"floor at n={n:,} ({size:,} keys): index lookups and upserts {big:.3f} ms/article "
              f"(alone {small:.3f}: x{big / small:.2f}); a dict of as many keys "
              f"{dict_ns:.0f} ns per lookup (of {FLOOR_NEW * PROBE // 4:,} keys {dict_small:.0f}: "
              f"x{dict_ns / dict_small:.2f})", flush=True)


def run(n: int, new_store: Callable[[str], Store], with_stories: bool = True, show_errors: int = 0
        ) -> dict[str, float]:
    """Generate and run the corpus of ``n``, print its figures and return the headline ones."""
    docs, truth, partials = corpus(n)
    store = new_store(f"n{n}")
    ids = _articles(docs, store)
    del docs
    dt, cpu, chunks = _staged(provenance.stage, store, ids)
    tenth = max(1, len(chunks) // 10)  # docs are shuffled: every tenth has the same mix
    dt_stories, cpu_stories, _ = _staged(stories.stage, store, ids) if with_stories else (0.0, 0.0, [])
    # before the evaluation loads the whole result: the generated corpus, the stages and
    # the store's page cache (all of the store when it is in memory)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = store.result()
    got = {(d.derived_id, d.source_id): d for d in result.derivations if d.kind in {"copy", "rewrite"}}
    present = set(ids)
    gold = {(k, v[0]) for k, v in truth.items() if k in present and v[0] in present}
    tp = len(gold & set(got))
    pairs_any = {frozenset(p) for p in got}
    undirected_tp = sum(frozenset(g) in pairs_any for g in gold)
    credit_ok = sum(got[g].credited == truth[g[0]][1] for g in gold & set(got))
    links = {frozenset((d.derived_id, d.source_id)): d for d in result.derivations}
    planted = {p: s for p, s in partials.items() if p in present and s in present}
    found = [links[frozenset(x)] for x in planted.items() if frozenset(x) in links]
    found_kinds = Counter(d.kind for d in found)
    print(f"n={n}: derivations P={tp / max(1, len(got)):.3f} R={tp / max(1, len(gold)):.3f} "
          f"direction={tp / max(1, undirected_tp):.3f} credit={credit_ok / max(1, tp):.3f} "
          f"| {n / dt:.0f} articles/s ({1000 * dt / n:.2f} ms/article; CPU {1000 * cpu / n:.2f} ms/article) "
          f"peak RSS {rss:.0f} MB before the evaluation")
    print(f"  planted partial reuse ({len(planted)}): found {len(found) / max(1, len(planted)):.3f} "
          f"({', '.join(f'{k} {v}' for k, v in sorted(found_kinds.items()))}; "
          f"{sum(d.derived_id in planted for d in found)} in the right direction)")
    print(f"  marginal CPU cost: first tenth {1000 * sum(chunks[:tenth]) / tenth:.2f} ms/article, "
          f"last tenth {1000 * sum(chunks[-tenth:]) / tenth:.2f} ms/article (batches of {BATCH:,})")
    if show_errors:
        errors(store, got, gold, show_errors)
        wrong = [g for g in sorted(gold & set(got)) if got[g].credited != truth[g[0]][1]]
        print(f"  credit errors ({len(wrong)}):")
        for d_id, s_id in wrong[:show_errors]:
            a, src = store.articles_by_ids([d_id, s_id]).values()
            print(f"    {d_id} -> {s_id}: credited {got[(d_id, s_id)].credited}, truth {truth[d_id][1]}; "
                  f"credits {a.credited_source!r} cites {a.cited_outlets} on {a.site!r}; "
                  f"source on {src.site!r} credits {src.credited_source!r}")
    p50, p99, reads = query_latency(store, random.Random(2).sample(ids, min(200, n)))
    n_keys = store.conn.execute("SELECT count(*) FROM lsh_buckets").fetchone()[0]
    print(f"  index lookup p50 {p50:.2f} ms, p99 {p99:.2f} ms ({n_keys:,} keys; {reads:,.0f} article ids read "
          "per lookup)")
    figures = {"p": tp / max(1, len(got)), "r": tp / max(1, len(gold)), "direction": tp / max(1, undirected_tp),
               "credit": credit_ok / max(1, tp), "partials_found": len(found) / max(1, len(planted)),
               "ids_per_lookup": reads, "provenance_cpu_ms": 1000 * cpu / n, "peak_rss_mb": rss}
    if with_stories:
        # Stories: a family (original, copy, rewrite) is one story; every other article its own.
        # planted partials are left out: a text retelling three passages may or may not be
        # the same story
        family = {a: (truth[a][0] if a in truth else a) for a in ids if a not in partials}
        placed = {a: s.id for s in result.stories for a in s.article_ids}
        bp, br, bf = bcubed(placed, family)
        print(f"  stories BCubed P={bp:.3f} R={br:.3f} F1={bf:.3f} ({len(result.stories)} stories, "
              f"{len(set(family.values()))} gold) | {1000 * dt_stories / n:.2f} ms/article "
              f"(CPU {1000 * cpu_stories / n:.2f})")
        figures |= {"stories_bcubed_f1": bf, "stories_cpu_ms": 1000 * cpu_stories / n}
    del result
    _probe(store, n, with_stories, new_store)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="*", default=[1000], help="corpus sizes")
    parser.add_argument("--no-stories", action="store_true", help="skip the stories stage")
    parser.add_argument("--errors", type=int, default=0, metavar="K",
                        help="list K false positives and K false negatives with their evidence")
    parser.add_argument("--memory", action="store_true",
                        help="keep the stores in memory (default: SQLite files in a temporary directory, "
                        "as analyze writes them)")
    parser.add_argument("--index-floor", action="store_true",
                        help="time only the store's index operations on random keys (no data needed)")
    add_arguments(parser)
    args = parser.parse_args()
    if not args.index_floor and not POLNEAR.is_dir():
        print("bench/provenance.py: ../shared/data/quotes/polnear is absent; skipped")
        return 0
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="newsloom-bench-") as tmp:
        def new_store(name: str) -> Store:
            return Store(":memory:" if args.memory else Path(tmp) / f"{name}.db")

        if args.index_floor:
            floor(args.n, new_store)
            return 0  # a timing study: nothing pinned
        for n in args.n:
            # costs and memory differ between a file store (the default) and one in memory
            where = ".memory" if args.memory else ""
            for k, v in run(n, new_store, not args.no_stories, args.errors).items():
                cost = k.endswith(("_ms", "_mb"))
                figures[f"n{n}{where if cost else ''}.{k}"] = v
    return report("provenance", figures, args)


if __name__ == "__main__":
    sys.exit(main())
